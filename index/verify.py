"""`policyqa index status --verify`: prove that vectors, keyword index, chunk records and manifest agree.

Each check names what disagrees. Cheap checks read every file; deep ones re-embed and re-tokenize
a sample of chunks, so vectors or BM25 rows shuffled against the chunk records are caught too.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from ingest import Chunk, content_hash

from . import store
from .bm25 import KeywordIndex, passage_tokens
from .counts import FILE as COUNTS
from .counts import TermCounts
from .embedder import embed, load_embedder
from .vectors import FAISS, Vectors, VectorStore, recorded


def verify(version: Path, deep: bool = True, vectors: VectorStore = FAISS, sample: int = 24) -> list[str]:
    """Every inconsistency found in one index version, its vectors read from the store its manifest names (and the
    configured one, if that differs, reported); an empty list means it is sound."""
    try:
        manifest = store.read_manifest(version)
    except store.IndexStoreError as exc:
        return [str(exc)]
    problems = _checksums(version, manifest.files)
    kept_in = recorded(manifest, vectors)
    if kept_in != vectors:
        problems.append(f"向量存放在 {kept_in.describe()}，当前配置的是 {vectors.describe()}")
    try:
        chunks = store.read_chunks(version)
        dense = kept_in.backend().open(version, manifest)
        keyword = KeywordIndex.load(version)
    except Exception as exc:  # noqa: BLE001 - any failure to load a file is a finding, not a crash
        return [*problems, f"无法加载索引文件：{type(exc).__name__}: {exc}"]
    problems += dense.problems(version)
    n = len(chunks)
    if dense.ntotal != n:
        problems.append(f"向量索引有 {dense.ntotal} 个向量，片段却有 {n} 个")
    if dense.d != manifest.dimension:
        problems.append(f"向量为 {dense.d} 维，清单记录为 {manifest.dimension} 维")
    bm25_docs = int(keyword.retriever.scores["num_docs"])
    if bm25_docs != n:
        problems.append(f"BM25 索引有 {bm25_docs} 条，片段却有 {n} 个")
    if n != manifest.chunk_count:
        problems.append(f"清单记录 {manifest.chunk_count} 个片段，片段文件有 {n} 个")
    per_doc: dict[str, int] = {}
    for c in chunks:
        per_doc[c.doc] = per_doc.get(c.doc, 0) + 1
    for name in sorted(set(per_doc) | set(manifest.docs)):
        expected = manifest.docs[name].chunks if name in manifest.docs else 0
        if per_doc.get(name, 0) != expected:
            problems.append(f"{name}：清单记录 {expected} 个片段，片段文件有 {per_doc.get(name, 0)} 个")
    altered = [c for c in chunks if c.hash != content_hash(c.search_text)]
    if altered:
        problems.append(f"{len(altered)} 个片段记录与其内容哈希不符（第一个：{altered[0].id}）")
    if deep and not problems and n:
        picks = sorted({int(i) for i in np.linspace(0, n - 1, min(sample, n))})
        problems += _dense_rows(chunks, picks, dense, manifest.embedder)
        problems += _keyword_rows(chunks, picks, keyword)
        problems += _count_rows(chunks, picks, keyword, _counts(version))
    return problems


def _counts(version: Path) -> TermCounts | None:
    """The term counts the next version starts from; none in a version written before they were kept."""
    return TermCounts.load(version) if (version / COUNTS).is_file() else None


def _checksums(version: Path, files: dict[str, str]) -> list[str]:
    problems = []
    for rel, digest in sorted(files.items()):
        path = version / rel
        if not path.is_file():
            problems.append(f"{rel} 缺失")
        elif store.file_sha256(path) != digest:
            problems.append(f"{rel} 在索引写成后被修改（校验和不符）")
    for path in store.data_files(version):
        if str(path.relative_to(version)) not in files:
            problems.append(f"{path.relative_to(version)} 不属于该索引")
    return problems


def _dense_rows(chunks: list[Chunk], picks: list[int], dense: Vectors, embedder: str) -> list[str]:
    """Re-embed sampled chunks: each stored vector must be the one its chunk's text gives."""
    fresh = embed(load_embedder(embedder), [chunks[i].search_text for i in picks])
    stored = dense.rows(picks)
    cosines = np.sum(fresh * stored, axis=1)
    wrong = [chunks[i].id for i, cos in zip(picks, cosines) if cos < 0.99]
    if not wrong:
        return []
    return [f"抽查的 {len(picks)} 个向量中有 {len(wrong)} 个与其片段不符（第一个：{wrong[0]}）"]


def _keyword_rows(chunks: list[Chunk], picks: list[int], keyword: KeywordIndex) -> list[str]:
    """Re-tokenize sampled chunks: each BM25 row must hold exactly its chunk's terms."""
    scores = keyword.retriever.scores
    vocab = keyword.retriever.vocab_dict
    terms_of_entry = np.repeat(np.arange(len(scores["indptr"]) - 1), np.diff(scores["indptr"]))
    wrong = []
    for i in picks:
        stored = set(terms_of_entry[scores["indices"] == i].tolist())
        expected = {vocab[t] for t in passage_tokens(keyword.tokenizer, chunks[i].search_text) if t in vocab}
        if stored != expected:
            wrong.append(chunks[i].id)
    if not wrong:
        return []
    return [f"抽查的 {len(picks)} 条 BM25 记录中有 {len(wrong)} 条与其片段不符（第一个：{wrong[0]}）"]


def _count_rows(chunks: list[Chunk], picks: list[int], keyword: KeywordIndex, counts: TermCounts | None) -> list[str]:
    """Re-tokenize sampled chunks: each row of term counts, one per chunk by its hash, must count exactly its chunk's
    tokens, or the next version would inherit the error."""
    if counts is None:
        return []
    if counts.hashes != [c.hash for c in chunks]:
        return [f"{COUNTS} 的 {len(counts.hashes)} 行与 {len(chunks)} 个片段不一一对应"]
    wrong = []
    for i in picks:
        row = counts.matrix[[i]]
        stored = {counts.vocab[term]: int(n) for term, n in zip(row.indices, row.data)}
        if stored != Counter(passage_tokens(keyword.tokenizer, chunks[i].search_text)):
            wrong.append(chunks[i].id)
    if not wrong:
        return []
    return [f"抽查的 {len(picks)} 行词频中有 {len(wrong)} 行与其片段不符（第一个：{wrong[0]}）"]
