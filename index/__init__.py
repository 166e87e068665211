"""Embed, store and retrieve chunks: FAISS (or Milvus) vectors + jieba BM25, fused, persisted in versions."""

from __future__ import annotations

from .build import BuildReport, add_documents, build_index, reembed, remove_documents
from .embedder import DEFAULT_EMBEDDER, load_embedder
from .live import LiveIndex
from .search import Hit, Index, table_of
from .store import EmbedderMismatch, IndexStoreError, StoreMismatch
from .vectors import STORES, VectorStore
from .verify import verify


def __getattr__(name: str):
    """`PolicyRetriever` imports LangChain: loaded when asked for, not by every command that opens an index."""
    if name == "PolicyRetriever":
        from .retriever import PolicyRetriever

        return PolicyRetriever
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_EMBEDDER",
    "BuildReport",
    "EmbedderMismatch",
    "Hit",
    "Index",
    "IndexStoreError",
    "LiveIndex",
    "PolicyRetriever",
    "STORES",
    "StoreMismatch",
    "VectorStore",
    "add_documents",
    "build_index",
    "load_embedder",
    "reembed",
    "remove_documents",
    "table_of",
    "verify",
]
