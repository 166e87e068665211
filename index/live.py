"""The index a long-running server answers from: it follows CURRENT, so a new version serves without a restart."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from . import store
from .search import Index
from .store import IndexStoreError
from .vectors import FAISS, VectorStore

log = logging.getLogger(__name__)


class LiveIndex:
    """Hands out the newest complete index; while one thread loads a new version the others keep the old."""

    def __init__(self, home: Path, embedder: str, index: Index | None = None, vectors: VectorStore = FAISS) -> None:
        """`index`: the current version already opened (and warmed up) by the caller, not loaded twice."""
        self.home = home
        self.embedder = embedder
        self.vectors = vectors
        self._index = index or Index.open(home, embedder, vectors)
        self._lock = threading.Lock()
        self._failed = ""  # a version that could not be loaded is not retried on every question
        self.error = ""

    def get(self) -> Index:
        """The current index, reloaded first if CURRENT names a newer version (a few µs when it does not)."""
        name = store.pointer_name(self.home)
        if name in ("", self._index.version, self._failed) or not self._lock.acquire(blocking=False):
            return self._index
        try:
            self._load(name)
        finally:
            self._lock.release()
        return self._index

    def _load(self, name: str) -> None:
        try:
            fresh = Index(self.home / "versions" / name, self.embedder, self.vectors)
            fresh.retrieve("预热", 1)  # jieba's dictionary and the embedder load here, not on a user's question
        except IndexStoreError as exc:
            self._failed, self.error = name, str(exc)
            log.error("keeping index %s: %s", self._index.version, exc)
            return
        self._index, self.error = fresh, ""
