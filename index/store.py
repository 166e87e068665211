"""The index directory: immutable versions under `versions/`, and a `CURRENT` pointer switched atomically."""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from ingest import Chunk

MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
DENSE = "dense.faiss"


class IndexStoreError(Exception):
    """The index is missing, unreadable, or was built by another embedder."""


@dataclass
class DocEntry:
    """What the manifest remembers of one document."""

    name: str
    path: str
    sha256: str
    title: str
    place: str
    chunks: int
    added_at: str
    encoding: str = ""
    replaced: int = 0


@dataclass
class Manifest:
    embedder: str
    dimension: int
    built_at: str
    docs: dict[str, DocEntry] = field(default_factory=dict)
    chunk_count: int = 0
    build_seconds: float = 0.0

    def to_json(self) -> str:
        data = {**self.__dict__, "docs": {k: v.__dict__ for k, v in self.docs.items()}}
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        data["docs"] = {k: DocEntry(**v) for k, v in data["docs"].items()}
        return cls(**data)


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def current_version(home: Path) -> Path | None:
    pointer = home / "CURRENT"
    if not pointer.exists():
        return None
    version = home / "versions" / pointer.read_text(encoding="utf-8").strip()
    return version if (version / MANIFEST).exists() else None


def new_version_dir(home: Path) -> Path:
    """A fresh directory beside the current version; only `publish` makes it visible."""
    versions = home / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = versions / f".tmp-{stamp}-{os.getpid()}"
    path.mkdir()
    return path


def publish(home: Path, staged: Path) -> Path:
    """Rename the staged version into place, then switch `CURRENT` to it with one atomic replace."""
    final = staged.with_name(staged.name.removeprefix(".tmp-"))
    staged.rename(final)
    pointer_tmp = home / f"CURRENT.tmp-{os.getpid()}"
    pointer_tmp.write_text(final.name, encoding="utf-8")
    os.replace(pointer_tmp, home / "CURRENT")
    _prune(home, keep=final)
    return final


def _prune(home: Path, keep: Path, retain: int = 2) -> None:
    """Drop stale temporary versions and all but the newest `retain` complete ones."""
    versions = sorted(p for p in (home / "versions").iterdir() if p.is_dir())
    complete = [p for p in versions if not p.name.startswith(".tmp-")]
    for path in versions:
        stale_tmp = path.name.startswith(".tmp-") and not path.name.endswith(f"-{os.getpid()}")
        old = path in complete[:-retain] and path != keep
        if stale_tmp or old:
            shutil.rmtree(path, ignore_errors=True)


def write_chunks(directory: Path, chunks: list[Chunk]) -> None:
    with open(directory / CHUNKS, "w", encoding="utf-8") as f:
        for chunk in chunks:
            f.write(json.dumps({"text": chunk.text, **chunk.metadata()}, ensure_ascii=False) + "\n")


def read_chunks(directory: Path) -> list[Chunk]:
    chunks = []
    with open(directory / CHUNKS, encoding="utf-8") as f:
        for line in f:
            data = json.loads(line)
            data["heading_path"] = tuple(data["heading_path"])
            chunks.append(Chunk(**data))
    return chunks


def write_dense(directory: Path, vectors: np.ndarray) -> None:
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    faiss.write_index(index, str(directory / DENSE))


def read_dense(directory: Path) -> faiss.Index:
    return faiss.read_index(str(directory / DENSE))


def dense_vectors(index: faiss.Index) -> np.ndarray:
    return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)
