"""Embed, store and retrieve chunks: FAISS vectors + jieba BM25, fused, persisted in versions."""

from __future__ import annotations

from .build import BuildReport, add_documents, build_index, reembed, remove_documents
from .embedder import DEFAULT_EMBEDDER, load_embedder
from .live import LiveIndex
from .retriever import PolicyRetriever
from .search import Hit, Index
from .store import EmbedderMismatch, IndexStoreError
from .verify import verify

__all__ = [
    "DEFAULT_EMBEDDER",
    "BuildReport",
    "EmbedderMismatch",
    "Hit",
    "Index",
    "IndexStoreError",
    "LiveIndex",
    "PolicyRetriever",
    "add_documents",
    "build_index",
    "load_embedder",
    "reembed",
    "remove_documents",
    "verify",
]
