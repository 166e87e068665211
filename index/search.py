"""The loaded index: hybrid retrieval with place filters, and the checks that keep it honest."""

from __future__ import annotations

import re
import threading
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ingest import Chunk

from . import store
from .bm25 import KeywordIndex
from .embedder import DEFAULT_EMBEDDER, embed, load_query_embedder
from .fusion import bigrams, is_near_duplicate, rrf, weighted
from .mentions import MentionIndex
from .store import EmbedderMismatch, IndexStoreError, StoreMismatch
from .vectors import FAISS, VectorStore, recorded
from .verify import verify

FUSIONS = ("weighted", "rrf", "bm25", "dense")
_COPIES_KEPT = 200_000  # pairs remembered (some 30 MB at most), then forgotten at once


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and the two scores it came from."""

    chunk: Chunk
    score: float
    keyword: float
    dense: float


_NEGATED = re.compile(r"(?:不是|并非|而非|不含|不包括|除了|非)\s*$")


# A short name (`湘乡`) followed by a suffix of its own is another place (`湘乡县`, a `…乡`), not by `乡下`, `乡村`, `乡镇`.
_NO_SUFFIX = "(?![市区县州镇]|乡(?![下村镇里间]))"


def _place_names(places: list[str]) -> tuple[dict[str, str], re.Pattern[str] | None]:
    """Each name a place goes by (full, or a short form no other place shares) and one pattern finding them all."""
    shorts = [p[:-1] if len(p) >= 3 and p[-1] in "市区县" else None for p in places]
    names = {p: p for p in places}
    names |= {s: p for s, p in zip(shorts, places) if s and shorts.count(s) == 1}
    if not names:
        return names, None
    alternatives = (
        re.escape(n) + ("" if n in places else _NO_SUFFIX) for n in sorted(names, key=len, reverse=True)
    )
    return names, re.compile("|".join(alternatives))


_OVERFETCH = 8  # candidates sorted per hit asked: near-duplicates and a table's extra rows are skipped among them


def _best_first(scores: np.ndarray, first: int) -> Iterator[int]:
    """Indices by descending score, ties in index order, as a stable full sort gives them; only the best `first`
    are sorted, then four times as many, and so on while the caller reads past them, so a question costs a partition
    or two, not a sort of the corpus (a question that names no place meets a hundred copies of each passage)."""
    n, above = len(scores), np.inf  # every index scoring `above` or higher has been given
    while first < n:
        top = np.argpartition(-scores, first - 1)[:first]
        cut = scores[top].min()
        if cut < above:  # else ties at `above` outnumber `first`: all given already
            top = np.flatnonzero((scores > cut) & (scores < above))
            yield from top[np.argsort(-scores[top], kind="stable")].tolist()
            yield from np.flatnonzero(scores == cut).tolist()  # the ties at the cut, in index order
            above = cut
        first *= 4
    rest = np.flatnonzero(scores < above) if above < np.inf else np.arange(n)
    yield from rest[np.argsort(-scores[rest], kind="stable")].tolist()


def _listed(value: str | list[str] | None) -> list[str] | None:
    """A filter as `mask` reads it: nothing (or an empty one) allows every passage."""
    if not value:
        return None
    return [value] if isinstance(value, str) else list(value)


def table_of(chunk: Chunk) -> tuple[str, ...]:
    """The table a chunk is a row of (its document and heading path), or () for prose."""
    return (chunk.doc, *chunk.heading_path) if chunk.kind == "table_row" else ()


class Index:
    """One published index version, loaded for querying."""

    def __init__(self, directory: Path, embedder: str | None = None, vectors: VectorStore = FAISS) -> None:
        self.directory = directory
        self.manifest = store.read_manifest(directory)
        if embedder is not None and embedder != self.manifest.embedder:
            raise EmbedderMismatch(directory, self.manifest.embedder, embedder)
        if not vectors.holds(self.manifest):
            raise StoreMismatch(directory, recorded(self.manifest, vectors).describe(), vectors.describe())
        self.store = vectors
        self._model = None
        self._loading: threading.Thread | None = None
        if self.manifest.embedder == DEFAULT_EMBEDDER:  # numpy only: load it while the rest of the index loads
            self._loading = threading.Thread(target=self._load_model, kwargs={"quiet": True}, daemon=True)
            self._loading.start()
        try:
            self.chunks = store.read_chunks(directory)
            self.dense = vectors.backend().open(directory, self.manifest)
            self.keyword = KeywordIndex.load(directory)
        except Exception as exc:  # noqa: BLE001 - json, faiss, Milvus and bm25s each fail in their own way
            raise IndexStoreError(
                f"无法加载索引 {directory}（{type(exc).__name__}: {exc}）："
                "请用 `policyqa index status --verify` 检查"
            ) from exc
        self._doc_of = np.array([c.doc for c in self.chunks])
        self._place_of = np.array([c.place for c in self.chunks])
        self.places = sorted({d.place for d in self.manifest.docs.values() if d.place})
        self._place_names, self._place_pattern = _place_names(self.places)
        self._grams: dict[str, set[str]] = {}  # by content hash, filled as hits need them
        self._copies: dict[tuple[int, int], bool] = {}  # near-duplicate pairs, filled as hits meet
        self._holders: dict[str, list[int]] = {}  # the passages of each distinct search text, by position
        for i, c in enumerate(self.chunks):
            self._holders.setdefault(c.search_text, []).append(i)
        texts = list(self._holders)  # distinct, in first-seen order: the order the build wrote the word index in
        try:
            self._mentions = MentionIndex.load(directory, texts)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):  # a version built before the file: made here
            self._mentions = MentionIndex.build(texts)
        self._df = np.diff(self.keyword.retriever.scores["indptr"])
        self._family: dict[tuple[str, tuple[str, ...]], list[Chunk]] = {}
        for c in sorted(self.chunks, key=lambda c: (c.doc, c.start)):
            self._family.setdefault((c.doc, c.heading_path[:-1]), []).append(c)

    @classmethod
    def open(cls, home: Path, embedder: str | None = None, vectors: VectorStore = FAISS) -> Index:
        version = store.current_version(home)
        if version is None:
            raise IndexStoreError(f"{home} 中尚无索引，请运行 `policyqa index build` 构建")
        return cls(version, embedder, vectors)

    @property
    def version(self) -> str:
        return self.directory.name

    @property
    def model(self):
        if self._loading is not None:
            self._loading.join()
        if self._model is None:
            self._load_model()
        return self._model

    def _load_model(self, quiet: bool = False) -> None:
        """The question embedder, warmed up by one question: reading its weights is mostly decompressing, which
        runs beside jieba loading its dictionary (`policyqa ask` 0.4 s sooner), and its first encoding starts the
        BLAS threads. `quiet`: in the background, a failure is left for the first question to raise."""
        try:
            model = load_query_embedder(self.manifest.embedder)
            embed(model, ["预热"])
        except Exception:
            if quiet:
                return
            raise
        self._model = model

    def idf(self, term: str) -> float:
        """BM25's inverse document frequency; a term the corpus never uses weighs the most.

        A single character counts every passage that holds it: `里` is rarely a token of its own (jieba keeps
        `这里`, `里程`), yet it says nothing about which passage answers."""
        n = len(self.chunks)
        if len(term) == 1:
            df = self._char_df.get(term, 0)
        else:
            col = self.keyword.retriever.vocab_dict.get(term)
            df = 0 if col is None or col >= len(self._df) else int(self._df[col])  # bm25s maps `` past the end
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

    @cached_property
    def _char_df(self) -> Counter[str]:
        return Counter(ch for c in self.chunks for ch in set(c.search_text))

    def _bigrams(self, i: int) -> set[str]:
        chunk = self.chunks[i]
        if chunk.hash not in self._grams:
            self._grams[chunk.hash] = bigrams(chunk.text)
        return self._grams[chunk.hash]

    def _copy(self, i: int, j: int) -> bool:
        """Whether two passages are near-duplicates, remembered: the same passages meet question after question."""
        if (table := self._table(i)) and table == self._table(j):
            return False  # two rows of one table share its heading's words, not their indicator and figures
        pair = (i, j) if i < j else (j, i)
        known = self._copies.get(pair)  # one lookup: another thread may clear the dict between two
        if known is None:
            if len(self._copies) >= _COPIES_KEPT:
                self._copies.clear()
            known = self._copies[pair] = is_near_duplicate(self._bigrams(i), self._bigrams(j))
        return known

    def mentions(self, text: str) -> bool:
        """Whether any indexed passage contains `text` verbatim."""
        return text in self._mentions

    def siblings(self, chunk: Chunk) -> list[Chunk]:
        """The passages under the same parent heading as `chunk` (itself included), in document order."""
        return self._family.get((chunk.doc, chunk.heading_path[:-1]), [chunk]) if chunk.heading_path else [chunk]

    def opening(self, doc: str, path: tuple[str, ...]) -> Chunk | None:
        """The first passage directly under the heading `path` of `doc` (none when a subheading comes first)."""
        under = self._family.get((doc, path[:-1]), []) if path else []
        return next((c for c in under if c.heading_path == path), None)

    def children(self, chunk: Chunk) -> list[Chunk]:
        """The passages one heading below `chunk`'s own, in document order: the sections its section opens."""
        return self._family.get((chunk.doc, chunk.heading_path), [])

    @cached_property
    def _heads(self) -> dict[str, set[str]]:
        heads: dict[str, set[str]] = {}
        for c in self.chunks:
            heads.setdefault(c.doc, set()).update(c.heading_path[:1])
        return heads

    def headings(self, doc: str) -> set[str]:
        """The top-level headings of a document (`一、主要目标`, `附件7 安全守底行动实施方案`)."""
        return self._heads.get(doc, set())

    def quoting(self, term: str, docs: set[str]) -> list[Chunk]:
        """Passages of these documents that put `term` in quotation marks (`“三高四新”`), in document order."""
        return [c for c in self.holding(f"“{term}”", f'"{term}"') if c.doc in docs]

    def holding(self, *words: str) -> list[Chunk]:
        """The passages whose text holds one of `words` word for word, in document order: where a quote stands."""
        texts = {self._mentions.texts[i] for word in words for i in self._mentions.holding(word)}
        found = (self.chunks[i] for i in sorted(i for t in texts for i in self._holders[t]))
        return [c for c in found if any(word in c.text for word in words)]

    def places_in(self, question: str) -> list[str]:
        """The indexed places a question names (`洪江区`, `湘乡市`, …), or by a short form only one of them has (`湘乡`).

        `洪江` is both 洪江区 and 洪江市, so it names neither; `湘乡` followed by no suffix of its own is 湘乡市.
        """
        named = {place for _, _, place in self.place_mentions(question)}
        return [p for p in self.places if p in named]

    def place_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """Where `text` names an indexed place, in order: (start, end, place), by full or unique short name."""
        if self._place_pattern is None:
            return []
        return [
            (m.start(), m.end(), self._place_names[m.group(0)])
            for m in self._place_pattern.finditer(text)
            if not _NEGATED.search(text[: m.start()])  # `洪江区（不是洪江市）`: not about 洪江市
        ]

    def _without_places(self, question: str, places: list[str]) -> str:
        """The question without the places it names, for keyword search within them: once the search is confined to a
        place, its name tells none of its passages from another, yet BM25 weighs it by how few passages of the whole
        library name it, so a library of many counties made passages that repeat the name outrank the one answering."""
        spans = [span for span in self.place_mentions(question) if span[2] in places]
        ends = [0, *(end for _, end, _ in spans)]
        starts = [*(start for start, _, _ in spans), len(question)]
        return " ".join(question[a:b] for a, b in zip(ends, starts))

    def mask(self, doc: str | list[str] | None = None, place: str | list[str] | None = None) -> np.ndarray:
        mask = np.ones(len(self.chunks), dtype=bool)
        if doc:
            mask &= np.isin(self._doc_of, [doc] if isinstance(doc, str) else doc)
        if place:
            mask &= np.isin(self._place_of, [place] if isinstance(place, str) else place)
        return mask

    def scores(
        self,
        question: str,
        doc: str | list[str] | None = None,
        place: str | list[str] | None = None,
        mask: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """BM25 and cosine scores of every chunk for one question; a store that filters as it searches (Milvus)
        scores only passages of `doc` and `place` exactly, the others no higher than the lowest of those (`mask`:
        those passages, when the caller has it already)."""
        docs, places = _listed(doc), _listed(place)
        keyword = self.keyword.scores(self._without_places(question, places) if places else question)
        if not self.dense.ntotal:
            return keyword, np.zeros(len(self.chunks), dtype=np.float32)
        mask = self.mask(docs, places) if mask is None else mask
        return keyword, self.dense.scores(embed(self.model, [question])[0], docs, places, mask)

    def retrieve(
        self,
        question: str,
        k: int = 5,
        *,
        doc: str | list[str] | None = None,
        place: str | None = None,
        auto_place: bool = True,
        fusion: str = "weighted",
        dense_weight: float = 0.3,
    ) -> list[Hit]:
        """Top-k hits; a question that names an indexed place is answered only from that place's documents."""
        if not question.strip():
            return []
        places: str | list[str] | None = place
        if place is None and auto_place:
            places = self.places_in(question) or None
        mask = self.mask(doc, places)
        keyword, dense = self.scores(question, doc, places, mask)
        if fusion == "weighted":
            fused = weighted(keyword, dense, mask, dense_weight)
        elif fusion == "rrf":
            fused = rrf(keyword, dense, mask)
        elif fusion == "bm25":
            fused = np.where(mask, keyword + 1e-3 * dense, -np.inf)
        elif fusion == "dense":
            fused = np.where(mask, dense, -np.inf)
        else:
            raise ValueError(f"unknown fusion '{fusion}', expected one of {FUSIONS}")
        hits: list[Hit] = []
        taken: list[int] = []
        rows: dict[tuple[str, ...], int] = {}
        for i in _best_first(fused, k * _OVERFETCH):
            if not np.isfinite(fused[i]) or len(hits) >= k:
                break
            if any(self._copy(i, j) for j in taken):
                continue
            table = self._table(i)
            if table and rows.get(table, 0) >= (k + 2) // 3:
                continue  # a table's rows share its heading's words: they must not crowd out the prose
            if table:
                rows[table] = rows.get(table, 0) + 1
            taken.append(i)
            hits.append(Hit(self.chunks[i], float(fused[i]), float(keyword[i]), float(dense[i])))
        return hits

    def _table(self, i: int) -> tuple[str, ...]:
        return table_of(self.chunks[i])

    def around(self, doc: str, locator: str, n: int = 1) -> list[Chunk]:
        """A passage with its `n` neighbours on each side in document order, so a reader sees the clause in context."""
        chunks = sorted((c for c in self.chunks if c.doc == doc), key=lambda c: c.start)
        at = next((i for i, c in enumerate(chunks) if c.locator == locator), None)
        return [] if at is None else chunks[max(at - n, 0) : at + n + 1]

    def verify(self, deep: bool = True) -> list[str]:
        """Problems that make vectors, keywords and chunk records disagree; empty when consistent."""
        return verify(self.directory, deep, self.store)
