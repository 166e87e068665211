"""Embed, store and retrieve chunks: FAISS vectors + jieba BM25, fused, persisted in versions."""

from __future__ import annotations

from .build import BuildReport, build_index
from .embedder import DEFAULT_EMBEDDER, load_embedder
from .retriever import PolicyRetriever
from .search import Hit, Index
from .store import IndexStoreError

__all__ = [
    "DEFAULT_EMBEDDER",
    "BuildReport",
    "Hit",
    "Index",
    "IndexStoreError",
    "PolicyRetriever",
    "build_index",
    "load_embedder",
]
