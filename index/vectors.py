"""Where a version's passage vectors live: a FAISS file in the version directory (the default), or a Milvus collection.

Build, search and verify talk to one small interface: a `Backend` writes a staged version's vectors, follows the
switch to a new version and opens a version's `Vectors`, which score a question and hand back stored rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

import numpy as np

from ingest import Chunk

from . import store
from .store import IndexStoreError, Manifest

STORES = ("faiss", "milvus")


@dataclass(frozen=True)
class VectorStore:
    """The configured store: `kind` is faiss or milvus; `uri` a Milvus Lite file (`x.db`) or a server's address."""

    kind: str = "faiss"
    uri: str = ""

    def backend(self) -> Backend:
        if self.kind == "faiss":
            return Faiss()
        if self.kind == "milvus":
            from .milvus import Milvus  # pymilvus is imported only by those who chose Milvus

            return Milvus(self.uri)
        raise IndexStoreError(f"未知的向量存储 {self.kind!r}，可选 {', '.join(STORES)}")

    def holds(self, manifest: Manifest) -> bool:
        """Whether a version's vectors are where this store looks: same kind, and for Milvus the same place."""
        return manifest.store == self.kind and manifest.store_uri == self.backend().public_uri

    def describe(self) -> str:
        return self.kind if self.kind == "faiss" else f"{self.kind} {self.backend().public_uri}"


FAISS = VectorStore()


def recorded(manifest: Manifest, configured: VectorStore) -> VectorStore:
    """The store a version's manifest names, with the configured URI's credentials when it is that same store."""
    if configured.holds(manifest):
        return configured
    return VectorStore(manifest.store, manifest.store_uri)


class Vectors(Protocol):
    """One version's stored vectors, as a search and a check need them."""

    ntotal: int
    d: int

    def scores(
        self, query: np.ndarray, docs: list[str] | None, places: list[str] | None, mask: np.ndarray | None = None
    ) -> np.ndarray:
        """Cosine of every passage with the question; passages outside the filters (`mask`: those that pass, when the
        caller has it) may score anything."""

    def rows(self, ids: list[int]) -> np.ndarray:
        """The stored vectors of these passage positions."""

    def vectors(self) -> np.ndarray:
        """Every stored vector in passage order, for an update to reuse."""

    def problems(self, version: Path) -> list[str]:
        """What disagrees in the store itself (the switch to the current version, for Milvus)."""


class Backend(Protocol):
    kind: str
    public_uri: str  # recorded in the manifest: no credentials

    def write(self, staged: Path, vectors: np.ndarray, chunks: list[Chunk]) -> str:
        """Store a staged version's vectors; returns the name they are stored under (empty for a file)."""

    def published(self, home: Path, version: Path) -> None:
        """After CURRENT names `version`: point the store at it, and drop what pruned versions left."""

    def open(self, version: Path, manifest: Manifest) -> Vectors: ...


_GATHERED = 4  # the allowed passages are gathered when they are at most a quarter of all (copying rows costs as much)


class FaissVectors:
    """An exact inner-product index read from the version directory."""

    def __init__(self, index) -> None:
        self.index = index
        self.ntotal, self.d = index.ntotal, index.d

    def reconstruct_n(self, start: int, n: int) -> np.ndarray:
        return self.index.reconstruct_n(start, n)

    @cached_property
    def _matrix(self) -> np.ndarray:
        """The vectors as one matrix, read in place: a question's cosine with every passage is one matrix-vector
        product, where asking FAISS for all `ntotal` neighbours also sorts them (58 ms at 82,000)."""
        return store.dense_matrix(self.index)

    def scores(
        self,
        query: np.ndarray,
        docs: list[str] | None = None,
        places: list[str] | None = None,
        mask: np.ndarray | None = None,
    ) -> np.ndarray:
        """One product with the allowed passages' vectors only, when they are few: a question confined to one county of
        a hundred took 8 ms for every passage's cosine, most of its search."""
        if mask is None or mask.sum() * _GATHERED > len(mask):
            return self._matrix @ query
        rows = np.flatnonzero(mask)
        out = np.zeros(len(mask), dtype=np.float32)
        out[rows] = self._matrix[rows] @ query
        return out

    def rows(self, ids: list[int]) -> np.ndarray:
        return np.stack([self.index.reconstruct(i) for i in ids])

    def vectors(self) -> np.ndarray:
        return store.dense_vectors(self.index)

    def problems(self, version: Path) -> list[str]:
        return []


class Faiss:
    """The default: `dense.faiss` beside the chunks, switched and pruned with its version directory."""

    kind = "faiss"
    public_uri = ""

    def write(self, staged: Path, vectors: np.ndarray, chunks: list[Chunk]) -> str:
        store.write_dense(staged, vectors)
        return ""

    def published(self, home: Path, version: Path) -> None:
        return None

    def open(self, version: Path, manifest: Manifest) -> FaissVectors:
        return FaissVectors(store.read_dense(version))
