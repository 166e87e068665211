"""Build or update the index from document files; unchanged text is never parsed or embedded twice."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

from ingest import Chunk, IngestError, load

from . import store
from .bm25 import KeywordIndex
from .embedder import embed, load_embedder
from .store import DocEntry, IndexStoreError, Manifest
from .tokens import corpus_terms

Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    """What a build or update did, for the CLI and the UI to show."""

    version: str = ""
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (skipped file, same content as)
    errors: list[IngestError] = field(default_factory=list)
    embedded: int = 0
    chunks: int = 0
    seconds: float = 0.0


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def build_index(
    paths: Iterable[Path],
    home: Path,
    embedder: str,
    *,
    incremental: bool = True,
    progress: Progress = _no_progress,
    lock_timeout: float = 600.0,
) -> BuildReport:
    """Write a new index version for `paths` and publish it; the old version serves until then.

    One writer at a time: a second build waits for the lock, then fails with a clear message.
    """
    home.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(home / "write.lock", timeout=lock_timeout):
            return _build(list(paths), home, embedder, incremental, progress)
    except Timeout as exc:
        raise IndexStoreError(f"another build or update of {home} is running; try again when it ends") from exc


def _build(paths: list[Path], home: Path, embedder: str, incremental: bool, progress: Progress) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    previous = store.current_version(home) if incremental else None
    old_manifest, old_chunks, old_vectors = _previous(previous, embedder)

    files = sorted({Path(p) for p in paths}, key=lambda p: p.name)
    docs: dict[str, DocEntry] = {}
    chunks_by_doc: dict[str, list[Chunk]] = {}
    seen_hashes: dict[str, str] = {}
    for i, path in enumerate(files):
        progress("读取文档", i, len(files))
        try:
            if not path.is_file():
                raise IngestError(path, "file not found")
            digest = file_hash(path)
        except OSError as exc:
            report.errors.append(IngestError(path, str(exc)))
            continue
        if digest in seen_hashes:
            report.duplicates.append((path.name, seen_hashes[digest]))
            continue
        if path.name in docs:
            report.errors.append(IngestError(path, f"another file named {path.name} is already in the index"))
            continue
        seen_hashes[digest] = path.name
        old = old_manifest.docs.get(path.name) if old_manifest else None
        if old is not None and old.sha256 == digest:
            docs[path.name] = old
            chunks_by_doc[path.name] = [c for c in old_chunks if c.doc == path.name]
            report.unchanged.append(path.name)
            continue
        try:
            parsed = load(path)
        except IngestError as exc:
            report.errors.append(exc)
            if old is not None:  # keep serving the last good version of this document
                docs[path.name] = old
                chunks_by_doc[path.name] = [c for c in old_chunks if c.doc == path.name]
            continue
        (report.changed if old is not None else report.added).append(path.name)
        docs[path.name] = DocEntry(
            name=path.name,
            path=str(path),
            sha256=digest,
            title=parsed.title,
            place=parsed.place,
            chunks=len(parsed.chunks),
            added_at=store.now(),
            encoding=parsed.raw.encoding,
            replaced=parsed.raw.replaced,
        )
        chunks_by_doc[path.name] = list(parsed.chunks)
    progress("读取文档", len(files), len(files))
    if old_manifest:
        report.removed = sorted(set(old_manifest.docs) - set(docs))

    chunks = [c for name in sorted(chunks_by_doc) for c in chunks_by_doc[name]]
    if not chunks:
        raise IndexStoreError("no document could be indexed: " + "; ".join(str(e) for e in report.errors))
    vectors, report.embedded = _vectors(chunks, old_chunks, old_vectors, embedder, progress)

    staged = store.new_version_dir(home)
    progress("写入索引", 0, 1)
    store.write_chunks(staged, chunks)
    store.write_dense(staged, vectors)
    places = {d.place for d in docs.values()}
    KeywordIndex.build([c.search_text for c in chunks], corpus_terms((c.text for c in chunks), places)).save(
        staged
    )
    report.seconds = time.perf_counter() - started
    manifest = Manifest(
        embedder=embedder,
        dimension=int(vectors.shape[1]),
        built_at=store.now(),
        docs=docs,
        chunk_count=len(chunks),
        build_seconds=round(report.seconds, 2),
    )
    (staged / store.MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    report.version = store.publish(home, staged).name
    report.chunks = len(chunks)
    progress("写入索引", 1, 1)
    return report


def _previous(version: Path | None, embedder: str) -> tuple[Manifest | None, list[Chunk], np.ndarray | None]:
    """The last version's chunks and vectors, reusable only if the same embedder made them."""
    if version is None:
        return None, [], None
    manifest = Manifest.from_json((version / store.MANIFEST).read_text(encoding="utf-8"))
    chunks = store.read_chunks(version)
    if manifest.embedder != embedder:
        return manifest, chunks, None
    return manifest, chunks, store.dense_vectors(store.read_dense(version))


def _vectors(
    chunks: list[Chunk],
    old_chunks: list[Chunk],
    old_vectors: np.ndarray | None,
    embedder: str,
    progress: Progress,
) -> tuple[np.ndarray, int]:
    """Vectors for all chunks, embedding only search texts whose hash has no stored vector."""
    known: dict[str, np.ndarray] = {}
    if old_vectors is not None and len(old_vectors) == len(old_chunks):
        known = {c.hash: old_vectors[i] for i, c in enumerate(old_chunks)}
    missing = sorted({c.hash for c in chunks} - set(known))
    by_hash = {c.hash: c for c in chunks}
    if missing:
        model = load_embedder(embedder)
        batch = 64
        for start in range(0, len(missing), batch):
            progress("向量化", start, len(missing))
            hashes = missing[start : start + batch]
            for h, v in zip(hashes, embed(model, [by_hash[h].search_text for h in hashes])):
                known[h] = v
        progress("向量化", len(missing), len(missing))
    return np.stack([known[c.hash] for c in chunks]).astype(np.float32), len(missing)
