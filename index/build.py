"""Build or update the index from document files; unchanged text is never parsed or embedded twice.

Four ways to change the index, all one locked write of a new version:
`build_index` makes it hold exactly the given files, `add_documents` adds or replaces files and
keeps the rest, `remove_documents` drops documents by name, and `reembed` re-embeds every stored
chunk with another embedder (no source file is needed).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import time
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

from ingest import PARSER_VERSION, Chunk, IngestError, load

from . import checkpoint, store
from .bm25 import KeywordIndex
from .embedder import DEFAULT_EMBEDDER, FEW_PASSAGES, embed, embed_with, load_embedder, load_passage_embedder
from .mentions import MentionIndex
from .store import DocEntry, IndexStoreError, Manifest
from .tokens import corpus_terms
from .vectors import FAISS, VectorStore, recorded

Progress = Callable[[str, int, int], None]
DEFAULT_LOCK_TIMEOUT = 600.0


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
    stale: list[str] = field(default_factory=list)  # leftovers of an interrupted writer, removed
    replaced: list[tuple[str, int]] = field(default_factory=list)  # (file, bytes that did not decode)
    previous_embedder: str = ""  # set when the vectors were re-embedded for a new embedder
    previous_store: str = ""  # set when the vectors moved to another store (FAISS, Milvus)
    embedded: int = 0
    chunks: int = 0
    seconds: float = 0.0


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _locked(home: Path, lock_timeout: float, write: Callable[[], BuildReport]) -> BuildReport:
    """One writer at a time: a second one waits up to `lock_timeout` seconds, then fails clearly."""
    home.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(home / store.LOCK, timeout=lock_timeout):
            return write()
    except Timeout as exc:
        raise IndexStoreError(
            f"另一个索引更新正在进行（已等待 {lock_timeout:g} 秒）：{home}，请在它结束后再试"
        ) from exc


def build_index(
    paths: Iterable[Path],
    home: Path,
    embedder: str,
    *,
    incremental: bool = True,
    progress: Progress = _no_progress,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    versions_kept: int = store.VERSIONS_KEPT,
    vectors: VectorStore = FAISS,
) -> BuildReport:
    """Make the index hold exactly `paths`: new and changed files go in, absent ones go out.

    With `incremental=False` every file is parsed and embedded again (a full build).
    """
    files = list(paths)
    write = partial(_update, home, embedder, progress, files, versions_kept, vectors, keep=False, reuse=incremental)
    return _locked(home, lock_timeout, write)


def add_documents(
    paths: Iterable[Path],
    home: Path,
    embedder: str,
    *,
    progress: Progress = _no_progress,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    versions_kept: int = store.VERSIONS_KEPT,
    vectors: VectorStore = FAISS,
) -> BuildReport:
    """Add new files (or new versions of indexed ones, by file name); every other document stays."""
    files = list(paths)
    write = partial(_update, home, embedder, progress, files, versions_kept, vectors, keep=True)
    return _locked(home, lock_timeout, write)


def remove_documents(
    names: Iterable[str],
    home: Path,
    embedder: str,
    *,
    progress: Progress = _no_progress,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    versions_kept: int = store.VERSIONS_KEPT,
    vectors: VectorStore = FAISS,
) -> BuildReport:
    """Drop documents by file name; a name the index does not hold is reported, not fatal."""
    drop = list(names)
    write = partial(_update, home, embedder, progress, [], versions_kept, vectors, keep=True, drop=drop)
    return _locked(home, lock_timeout, write)


def reembed(
    home: Path,
    embedder: str,
    *,
    progress: Progress = _no_progress,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    versions_kept: int = store.VERSIONS_KEPT,
    vectors: VectorStore = FAISS,
) -> BuildReport:
    """A full rebuild of the vectors with `embedder` (or their move to another store), from the stored chunks of the
    current version."""
    return add_documents(
        [], home, embedder, progress=progress, lock_timeout=lock_timeout, versions_kept=versions_kept, vectors=vectors
    )


def _update(
    home: Path,
    embedder: str,
    progress: Progress,
    paths: list[Path],
    versions_kept: int,
    vectors: VectorStore,
    *,
    keep: bool,
    drop: Iterable[str] = (),
    reuse: bool = True,
) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport(stale=store.clean_stale(home))
    previous = store.current_version(home) if reuse else None
    apart = _Apart.warm(embedder, previous)  # importing sentence-transformers starts now, on the other core
    try:
        old_manifest, old_chunks, old_lines, old_vectors = _previous(previous, embedder, vectors)
        if old_manifest is not None and old_manifest.embedder != embedder:
            report.previous_embedder = old_manifest.embedder
        if old_manifest is not None and not vectors.holds(old_manifest):
            report.previous_store = recorded(old_manifest, vectors).describe()
        old_by_doc: dict[str, list[Chunk]] = {}
        for c in old_chunks:
            old_by_doc.setdefault(c.doc, []).append(c)

        docs: dict[str, DocEntry] = {}
        chunks_by_doc: dict[str, list[Chunk]] = {}
        if keep and old_manifest:
            for name in drop:
                if name not in old_manifest.docs:
                    report.errors.append(IngestError(name, "知识库中没有这份文件，无需删除"))
            docs = {n: d for n, d in old_manifest.docs.items() if n not in set(drop)}
            chunks_by_doc = {n: old_by_doc.get(n, []) for n in docs}
        failed = _read_files(paths, docs, chunks_by_doc, old_manifest, old_by_doc, report, progress)
        if old_manifest:
            report.removed = sorted(set(old_manifest.docs) - set(docs))
            # A document whose new file failed keeps its old passages, but that file did not go in.
            report.unchanged = sorted(set(docs) - {*report.added, *report.changed, *failed})

        moved = report.previous_embedder or report.previous_store
        if previous is not None and not (report.added or report.changed or report.removed or moved):
            report.version, report.chunks = previous.name, old_manifest.chunk_count  # nothing to write
            report.seconds = time.perf_counter() - started
            return report
        chunks = [c for name in sorted(chunks_by_doc) for c in chunks_by_doc[name]]
        if not chunks:
            problems = "; ".join(str(e) for e in report.errors) or "没有给出文件"
            raise IndexStoreError(f"没有可以加入知识库的内容，现有索引保持不变：{problems}")
        known, resumed = _known(chunks, old_chunks, old_vectors, embedder, home)
        missing = sorted({c.hash for c in chunks} - set(known))
        embedding = apart if apart and apart.embed(chunks, missing) else None
        model = _loading(embedder, len(missing)) if missing and not embedding else None
        matrix = partial(_vectors, chunks, known, missing, resumed, model or embedding, embedder, progress, home)
        report.version = _write(
            home, embedder, docs, chunks, matrix, started, progress, previous, old_chunks, old_lines, versions_kept,
            vectors,
        )
        report.embedded = len(missing)
        checkpoint.clear(home)
        report.chunks = len(chunks)
        report.seconds = time.perf_counter() - started
        return report
    finally:
        if apart:
            apart.close()


def _read_files(
    paths: list[Path],
    docs: dict[str, DocEntry],
    chunks_by_doc: dict[str, list[Chunk]],
    old_manifest: Manifest | None,
    old_by_doc: dict[str, list[Chunk]],
    report: BuildReport,
    progress: Progress,
) -> set[str]:
    """Parse the given files into `docs` and `chunks_by_doc`, skipping what the index already holds.

    Returns the names of given files that did not go in (unreadable, or a duplicate of another
    document): an indexed document of that name keeps its old passages.
    """
    files = sorted({Path(p) for p in paths}, key=lambda p: p.name)
    seen = {d.sha256: name for name, d in docs.items()}  # content already in the next version
    seen_text = {d.text_sha256: name for name, d in docs.items() if d.text_sha256}
    given: set[str] = set()
    failed: set[str] = set()
    for i, path in enumerate(files):
        progress("读取文档", i, len(files))
        if path.name in given:
            report.errors.append(IngestError(path, f"本次更新中已有同名文件 {path.name}"))
            continue
        try:
            if not path.is_file():
                raise IngestError(path, "找不到文件")
            digest = store.file_sha256(path)
        except (OSError, IngestError) as exc:
            report.errors.append(exc if isinstance(exc, IngestError) else IngestError(path, str(exc)))
            failed.add(path.name)
            continue
        if seen.get(digest, path.name) != path.name:
            report.duplicates.append((path.name, seen[digest]))
            failed.add(path.name)
            continue
        old = old_manifest.docs.get(path.name) if old_manifest else None
        given.add(path.name)
        if old is not None and old.sha256 == digest and not old.stale:
            docs[path.name] = old
            chunks_by_doc[path.name] = old_by_doc.get(path.name, [])
            seen[digest] = path.name
            continue
        try:
            parsed = load(path)
        except IngestError as exc:
            report.errors.append(exc)
            failed.add(path.name)
            if old is not None:  # keep serving the last good version of this document
                docs[path.name] = old
                chunks_by_doc[path.name] = old_by_doc.get(path.name, [])
            continue
        text_digest = hashlib.sha256(parsed.cleaned.text.encode()).hexdigest()
        if seen_text.get(text_digest, path.name) != path.name:
            report.duplicates.append((path.name, seen_text[text_digest]))
            failed.add(path.name)
            continue
        seen[digest], seen_text[text_digest] = path.name, path.name
        if parsed.raw.replaced:
            report.replaced.append((path.name, parsed.raw.replaced))
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
            text_sha256=text_digest,
            parser=PARSER_VERSION,
            year=parsed.year,
        )
        chunks_by_doc[path.name] = list(parsed.chunks)
    progress("读取文档", len(files), len(files))
    return failed


def _write(
    home: Path,
    embedder: str,
    docs: dict[str, DocEntry],
    chunks: list[Chunk],
    vectors: Callable[[], np.ndarray],
    started: float,
    progress: Progress,
    previous: Path | None,
    old_chunks: list[Chunk],
    old_lines: dict[int, bytes],
    versions_kept: int,
    where: VectorStore,
) -> str:
    """Write every file of a new version into a staging directory, seal it, and publish it (reusing what the
    `previous` version, of `old_chunks` read from `old_lines`, tokenized and indexed). The chunks' `vectors` are
    asked for once the other files are written: the embedder loads meanwhile."""
    staged = store.stage(home)
    steps = 4
    progress("写入索引", 0, steps)
    store.write_chunks(staged, chunks, old_lines)
    progress("写入索引", 1, steps)
    places = {d.place for d in docs.values()}
    terms = corpus_terms((c.text for c in chunks), places)
    texts = [c.search_text for c in chunks]
    KeywordIndex.build(texts, terms, progress, previous).save(staged, previous)
    MentionIndex.build(list(dict.fromkeys(texts)), _previous_mentions(previous, old_chunks)).save(staged)
    progress("写入索引", 2, steps)
    matrix = vectors()
    backend = where.backend()
    collection = backend.write(staged, matrix, chunks)
    progress("写入索引", 3, steps)
    manifest = Manifest(
        embedder=embedder,
        dimension=int(matrix.shape[1]),
        built_at=store.now(),
        docs=dict(sorted(docs.items())),
        chunk_count=len(chunks),
        build_seconds=round(time.perf_counter() - started, 2),
        store=backend.kind,
        store_uri=backend.public_uri,
        collection=collection,
    )
    store.seal(staged, manifest)
    progress("写入索引", steps, steps)
    version = store.publish(home, staged, progress, retain=versions_kept)
    backend.published(home, version)
    return version.name


def _previous_mentions(version: Path | None, chunks: list[Chunk]) -> MentionIndex | None:
    """The previous version's word index, for the next one to renumber instead of sorting the corpus again."""
    if version is None:
        return None
    try:
        return MentionIndex.load(version, list(dict.fromkeys(c.search_text for c in chunks)))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):  # unreadable: the next one is built from scratch
        return None


def _previous(
    version: Path | None, embedder: str, configured: VectorStore
) -> tuple[Manifest | None, list[Chunk], dict[int, bytes], np.ndarray | None]:
    """The last version's chunks (with the line each was read from, by its `id`) and vectors, read from the store it
    names; the vectors are reusable only if the same embedder made them."""
    if version is None:
        return None, [], {}, None
    try:
        manifest = store.read_manifest(version)
        records = store.read_chunk_lines(version)
        chunks, lines = [c for c, _ in records], {id(c): line for c, line in records}
        if manifest.embedder != embedder:
            return manifest, chunks, lines, None
        return manifest, chunks, lines, recorded(manifest, configured).backend().open(version, manifest).vectors()
    except (OSError, ValueError, RuntimeError, TypeError, KeyError, IndexStoreError) as exc:
        raise IndexStoreError(
            f"当前索引 {version} 已损坏（{exc}）：请用 `policyqa index status --verify` 检查，"
            "再用 `policyqa index build` 重建"
        ) from exc


def _known(
    chunks: list[Chunk], old_chunks: list[Chunk], old_vectors: np.ndarray | None, embedder: str, home: Path
) -> tuple[dict[str, np.ndarray], int]:
    """The chunks' stored vectors by search-text hash: in the last version, or checkpointed by a build that was
    interrupted (`checkpoint`); and how many of them came from checkpoints."""
    known: dict[str, np.ndarray] = {}
    if old_vectors is not None and len(old_vectors) == len(old_chunks):
        known = {c.hash: old_vectors[i] for i, c in enumerate(old_chunks)}
    hashes = {c.hash for c in chunks}
    resumed = {h: v for h, v in checkpoint.load(home, embedder).items() if h in hashes and h not in known}
    return known | resumed, len(resumed)


def _loading(embedder: str, passages: int) -> Future:
    """The embedder of `passages` new passages, loading in a thread. Importing sentence-transformers takes 5–9 s of a
    fresh process; the interpreter runs one thread at a time, but numpy, scipy and file writes of the version's other
    files let it go (adding a document at 100x: 9.8 s against 10.6 s, medians of 4 alternating runs, idle)."""
    pool = ThreadPoolExecutor(1)
    model = pool.submit(load_passage_embedder, embedder, passages)
    pool.shutdown(wait=False)  # the thread ends once the embedder is loaded; nothing here waits for it
    return model


# Passages an addition embeds in a process of its own at most: past that, progress and checkpoints matter.
_APART = FEW_PASSAGES
# Passages an index holds before an addition pays for a process of its own: adding a 65-passage document in a fresh
# process took 9.4 s against 13.0 s at 77,484 passages, 6.4 s against 6.3 s at 7,848, 6.4 s against 5.9 s at 889
# (medians of 3, alternating, idle): the other core only helps once re-indexing the rest takes seconds.
_APART_FROM = 20_000


class _Apart:
    """The vectors of the few passages an addition to a large index brings, embedded by a process of its own: importing
    sentence-transformers and loading the embedder take over 6 s of a fresh process, which run on the other core from
    the moment the index's size is known, while this one reads the previous version, parses the new files and
    re-indexes keywords and words. The process is ended once its vectors are in: left to exit by itself, unloading
    torch kept the addition waiting another second."""

    def __init__(self, embedder: str) -> None:
        self._embedder, self._texts = embedder, []
        context = multiprocessing.get_context("spawn")
        passages, self._passages = context.Pipe(duplex=False)
        self._reply, reply = context.Pipe(duplex=False)
        self._process = context.Process(target=_embed_apart, args=(passages, reply, embedder), daemon=True)
        self._process.start()
        passages.close()  # the child holds its ends: this one reads EOF if the child dies
        reply.close()

    @classmethod
    def warm(cls, embedder: str, version: Path | None) -> _Apart | None:
        """A process loading the embedder, for an update of a version of `_APART_FROM` passages or more; not when this
        process has the embedder loaded (a server), nor for the default model, whose numpy encoder embeds an addition
        here without importing torch."""
        if version is None or embedder == DEFAULT_EMBEDDER or load_embedder.cache_info().currsize:
            return None
        try:
            indexed = store.read_manifest(version).chunk_count
        except IndexStoreError:
            return None  # the update reports what is wrong with it
        return cls(embedder) if indexed >= _APART_FROM else None

    def embed(self, chunks: list[Chunk], missing: list[str]) -> bool:
        """Hand over the `missing` passages' texts; not more than a document brings (a build's own embedding shows its
        progress and is checkpointed batch by batch), and none when nothing is missing."""
        if not missing or len(missing) > _APART:
            return False
        by_hash = {c.hash: c for c in chunks}
        self._texts = [by_hash[h].search_text for h in missing]
        try:
            self._passages.send(self._texts)
        except OSError:  # the process could not start or died: `result` embeds them here
            pass
        return True

    def result(self) -> np.ndarray:
        """The vectors, in the order of the texts; embedded here if the process could not start (a caller whose main
        module a new process cannot import, as a script read from stdin) or died."""
        try:
            reply = self._reply.recv()
        except EOFError:
            return embed_with(self._embedder, self._texts)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def close(self) -> None:
        """The process ends now, done or not (an update that failed, or needed it not, does not wait for it)."""
        self._process.terminate()
        self._process.join()
        self._passages.close()
        self._reply.close()


def _embed_apart(passages: Connection, reply: Connection, embedder: str) -> None:
    """What the process of `_Apart` runs: the embedder loaded, then the passages it is sent embedded, and the vectors
    (or the error that stopped them) sent back."""
    with ThreadPoolExecutor(1) as receiving:  # taken in as soon as sent, so the sender never waits on the loading
        texts = receiving.submit(passages.recv)
        try:
            model = load_embedder(embedder)
            reply.send(embed(model, texts.result()))
        except Exception as exc:  # noqa: BLE001 - the parent re-raises it
            reply.send(exc)


def _vectors(
    chunks: list[Chunk],
    known: dict[str, np.ndarray],
    missing: list[str],
    resumed: int,
    model: Future | _Apart | None,
    embedder: str,
    progress: Progress,
    home: Path,
) -> np.ndarray:
    """Vectors for all chunks, embedding the `missing` hashes with the `model` once it has loaded (or taking their
    vectors from the process that embedded them apart); what is embedded is checkpointed as it goes."""
    if missing:
        stage = f"向量化（已复用中断前的 {resumed} 个）" if resumed else "向量化"
        progress(stage, 0, len(missing))
        loaded = model.result()
        if isinstance(loaded, np.ndarray):  # embedded apart, in the order of `missing`
            known.update(zip(missing, loaded))
            checkpoint.save(home, embedder, missing, loaded)
        else:
            by_hash = {c.hash: c for c in chunks}
            batch, pending = 64, []
            for start in range(0, len(missing), batch):
                progress(stage, start, len(missing))
                hashes = missing[start : start + batch]
                for h, v in zip(hashes, embed(loaded, [by_hash[h].search_text for h in hashes])):
                    known[h] = v
                pending += hashes
                if len(pending) >= checkpoint.FLUSH:
                    checkpoint.save(home, embedder, pending, np.stack([known[h] for h in pending]))
                    pending = []
            if pending:
                checkpoint.save(home, embedder, pending, np.stack([known[h] for h in pending]))
        progress(stage, len(missing), len(missing))
    return np.stack([known[c.hash] for c in chunks]).astype(np.float32, copy=False)
