"""The index directory: immutable versions under `versions/`, and a `CURRENT` pointer switched atomically.

    home/
      CURRENT                 name of the version that serves (replaced in one os.replace)
      write.lock              held by the one writer (build, update, add, remove)
      versions/000007-…/      manifest.json (written last, with every file's sha256),
                              chunks.jsonl, dense.faiss, bm25/, userdict.json,
                              dictionary.marisa + .json (jieba's dictionary as a trie, for asking)
      versions/.tmp-…         a version being written; never read, removed by the next writer

A reader follows CURRENT, so it sees a whole old version or a whole new one. A writer killed at
any point leaves at most a `.tmp-` directory or an unreferenced version, both cleaned up by the
next writer; CURRENT still names the last complete version.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from ingest import PARSER_VERSION, Chunk

MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
DENSE = "dense.faiss"
POINTER = "CURRENT"
LOCK = "write.lock"
_TMP = ".tmp-"
_VERSION = re.compile(r"^(\d{6})-")


class IndexStoreError(Exception):
    """The index is missing, unreadable, or was built by another embedder."""


class EmbedderMismatch(IndexStoreError):
    """The index holds vectors of one model and another is configured: querying would be meaningless."""

    def __init__(self, directory: Path, built_with: str, configured: str) -> None:
        self.built_with = built_with
        self.configured = configured
        super().__init__(
            f"索引 {directory} 由嵌入模型 {built_with} 构建，当前配置的是 {configured}："
            "请运行 `policyqa index build` 重建（ask、serve、eval 会自动重新向量化）"
        )


class StoreMismatch(IndexStoreError):
    """The index's vectors are in one store and another is configured: the configured one does not hold them."""

    def __init__(self, directory: Path, built_in: str, configured: str) -> None:
        self.built_in = built_in
        self.configured = configured
        super().__init__(
            f"索引 {directory} 的向量存放在 {built_in}，当前配置的是 {configured}："
            "请改回原来的 --store/--uri，或运行 `policyqa index update` 把向量迁移过去（无需重新向量化）"
        )


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
    text_sha256: str = ""  # of the cleaned text: the same document re-encoded or with CRLF is a duplicate
    parser: int = 0  # `ingest.PARSER_VERSION` of the parser that cut its chunks (0: before versions were kept)
    year: str = ""  # the year an annual document is about (`ingest.ParsedDoc.year`)

    @property
    def stale(self) -> bool:
        """Cut by another version of the parser: a build, or opening the index, parses its file again."""
        return self.parser != PARSER_VERSION


@dataclass
class Manifest:
    embedder: str
    dimension: int
    built_at: str
    docs: dict[str, DocEntry] = field(default_factory=dict)
    chunk_count: int = 0
    build_seconds: float = 0.0
    files: dict[str, str] = field(default_factory=dict)  # every other file of the version → sha256
    store: str = "faiss"  # where the vectors are: `dense.faiss` in the version, or a Milvus collection
    store_uri: str = ""  # the Milvus Lite file or server address, without credentials
    collection: str = ""  # the Milvus collection holding this version's vectors

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


def read_manifest(version: Path) -> Manifest:
    try:
        return Manifest.from_json((version / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise IndexStoreError(f"无法读取 {version / MANIFEST}：{exc}") from exc


def current_version(home: Path) -> Path | None:
    """The version CURRENT names, if it is complete (a version is complete once its manifest exists)."""
    try:
        name = (home / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    version = home / "versions" / name
    return version if name and (version / MANIFEST).exists() else None


def pointer_name(home: Path) -> str:
    """CURRENT's content: cheap enough to read before every query, to notice a new version."""
    try:
        return (home / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def _versions(home: Path) -> list[Path]:
    root = home / "versions"
    return sorted(p for p in root.iterdir() if _VERSION.match(p.name)) if root.is_dir() else []


def stage(home: Path) -> Path:
    """A fresh `.tmp-` directory for the next version; only `publish` makes it visible."""
    versions = _versions(home)
    seq = int(_VERSION.match(versions[-1].name).group(1)) + 1 if versions else 1
    path = home / "versions" / f"{_TMP}{seq:06d}-{time.strftime('%Y%m%dT%H%M%S')}"
    path.mkdir(parents=True)
    return path


def published_name(staged: Path) -> str:
    """The name a staged version will have once published."""
    return staged.name.removeprefix(_TMP)


def clean_stale(home: Path) -> list[str]:
    """Remove what an interrupted writer left behind; call only while holding the write lock.

    That is every `.tmp-` version and pointer file, and complete versions newer than CURRENT
    (a writer killed between renaming its version into place and switching the pointer).
    """
    removed = []
    current = pointer_name(home)
    for path in (home / "versions").glob(f"{_TMP}*") if (home / "versions").is_dir() else []:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path.name)
    for path in home.glob(f"{POINTER}{_TMP}*"):
        path.unlink(missing_ok=True)
        removed.append(path.name)
    for path in _versions(home):
        if current and path.name > current:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


Step = Callable[[str, int, int], None]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def data_files(version: Path) -> list[Path]:
    """Every file of a version but the manifest, which records their checksums."""
    return sorted(p for p in version.rglob("*") if p.is_file() and p.name != MANIFEST)


def seal(staged: Path, manifest: Manifest) -> None:
    """Record every file's checksum in the manifest and write it last: a version without one is incomplete."""
    manifest.files = {str(p.relative_to(staged)): file_sha256(p) for p in data_files(staged)}
    tmp = staged / f"{MANIFEST}.tmp"
    tmp.write_text(manifest.to_json(), encoding="utf-8")
    os.replace(tmp, staged / MANIFEST)
    for path in [*data_files(staged), staged / MANIFEST]:
        _fsync(path)
    _fsync(staged)


VERSIONS_KEPT = 2  # the current version and the one before it, for readers still loading it


def publish(home: Path, staged: Path, step: Step | None = None, retain: int = VERSIONS_KEPT) -> Path:
    """Rename the sealed version into place, then switch CURRENT to it with one atomic replace."""
    step = step or (lambda *_: None)
    final = staged.with_name(published_name(staged))
    step("切换版本", 0, 2)
    staged.rename(final)
    _fsync(final.parent)
    step("切换版本", 1, 2)
    pointer_tmp = home / f"{POINTER}{_TMP}{os.getpid()}"
    with open(pointer_tmp, "w", encoding="utf-8") as f:
        f.write(final.name)
        f.flush()
        os.fsync(f.fileno())
    os.replace(pointer_tmp, home / POINTER)
    _fsync(home)
    step("切换版本", 2, 2)
    _prune(home, final, retain)
    return final


def _prune(home: Path, keep: Path, retain: int) -> None:
    """Keep the current version and the newest `retain - 1` before it, for readers still loading one."""
    older = [p for p in _versions(home) if p.name < keep.name]
    for path in older[: max(0, len(older) - (retain - 1))]:
        shutil.rmtree(path, ignore_errors=True)


def write_chunks(directory: Path, chunks: list[Chunk], read: Mapping[int, bytes] | None = None) -> None:
    """One JSON record a line. A chunk read from the previous version (`read`: the line it was read from, by the
    chunk's `id`) is written as that line, not serialized again: 77,000 records took a second to serialize."""
    read = read or {}
    with open(directory / CHUNKS, "wb") as f:
        for chunk in chunks:
            line = read.get(id(chunk))
            if line is None:
                line = (json.dumps({"text": chunk.text, **chunk.metadata()}, ensure_ascii=False) + "\n").encode()
            f.write(line)


def read_chunks(directory: Path) -> list[Chunk]:
    return [chunk for chunk, _ in read_chunk_lines(directory)]


def read_chunk_lines(directory: Path) -> list[tuple[Chunk, bytes]]:
    """Each chunk with the line it was read from."""
    chunks = []
    with open(directory / CHUNKS, "rb") as f:
        for line in f:
            data = json.loads(line)
            data["heading_path"] = tuple(data["heading_path"])
            chunks.append((Chunk(**data), line if line.endswith(b"\n") else line + b"\n"))
    return chunks


def write_dense(directory: Path, vectors: np.ndarray) -> None:
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    faiss.write_index(index, str(directory / DENSE))


def read_dense(directory: Path) -> faiss.Index:
    return faiss.read_index(str(directory / DENSE))


def dense_matrix(index: faiss.Index) -> np.ndarray:
    """A flat index's vectors as a (ntotal, d) array over FAISS's own memory (no copy); a copy for any other kind."""
    if isinstance(index, faiss.IndexFlat) and index.ntotal:
        return faiss.rev_swig_ptr(index.get_xb(), index.ntotal * index.d).reshape(index.ntotal, index.d)
    return dense_vectors(index)


def dense_vectors(index: faiss.Index) -> np.ndarray:
    return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)
