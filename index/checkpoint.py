"""Vectors an unfinished build already paid for, kept by content hash so a restarted build does not pay again.

A build embeds in batches and every `FLUSH` passages writes what it embedded to one small file (written whole,
then renamed into place, so a kill leaves either the file or nothing). The next build with the same embedder
reads them back; a published version holds every vector itself, so its checkpoints are deleted after it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import numpy as np

DIRECTORY = "checkpoints"
FLUSH = 256  # passages embedded between two checkpoint files (a few seconds of work): what a kill can lose


def directory(home: Path, embedder: str) -> Path:
    """One folder per embedder: vectors of another model are never mixed in."""
    return home / DIRECTORY / hashlib.sha256(embedder.encode()).hexdigest()[:16]


def load(home: Path, embedder: str) -> dict[str, np.ndarray]:
    """Every checkpointed vector by content hash; an unreadable or foreign file is skipped (it is only a cache)."""
    known: dict[str, np.ndarray] = {}
    folder = directory(home, embedder)
    for path in sorted(folder.glob("part-*.npz")) if folder.is_dir() else []:
        try:
            with np.load(path) as data:
                hashes, vectors = data["hashes"], data["vectors"]
        except (OSError, ValueError, KeyError, EOFError):
            continue
        if len(hashes) != len(vectors) or vectors.ndim != 2:
            continue
        known.update(zip(hashes.tolist(), vectors))
    return known


def save(home: Path, embedder: str, hashes: list[str], vectors: np.ndarray) -> None:
    """One checkpoint file of `vectors` (rows in the order of `hashes`), visible only once complete."""
    if not hashes:
        return
    folder = directory(home, embedder)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"part-{hashlib.sha256(''.join(hashes).encode()).hexdigest()[:20]}.npz"
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        np.savez(f, hashes=np.array(hashes), vectors=np.asarray(vectors, dtype=np.float32))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, folder / name)


def clear(home: Path) -> None:
    """After a version is published: it holds every vector, the checkpoints are redundant."""
    shutil.rmtree(home / DIRECTORY, ignore_errors=True)
