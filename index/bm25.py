"""BM25 keyword scores over jieba tokens (bm25s), persisted beside the vectors."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np

from ingest import content_hash

from .counts import TermCounts, bm25_scores
from .tokens import SCHEME, Tokenizer, normalize, save_dictionary


def _prior(previous: Path | None, terms: tuple[str, ...]) -> TermCounts:
    """The counts the previous version kept, if cut under this tokenizer scheme (jieba's version with it); else
    none to reuse, as from a version written before counts were kept."""
    try:
        prior = TermCounts.load(previous) if previous else None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        prior = None
    return prior if prior is not None and prior.scheme == SCHEME else TermCounts.empty(SCHEME, terms)


def _kept(prior: TermCounts, texts: list[str], hashes: list[str], terms: tuple[str, ...]) -> dict[str, int]:
    """The prior row of each distinct text it counted, where cutting the text again would give the same: no user
    term added or dropped since occurs in it."""
    row_of = dict(zip(prior.hashes, range(len(prior.hashes))))
    kept: dict[str, int] = {}
    for text, digest in zip(texts, hashes):
        row = row_of.get(digest)
        if row is not None:
            kept.setdefault(text, row)
    changed = set(prior.terms) ^ set(terms)
    if changed:
        candidates = list(kept)
        for i in _holding(candidates, changed):
            del kept[candidates[i]]
    return kept


def _holding(texts: list[str], words: set[str]) -> set[int]:
    """The positions of the texts whose normalized form (what jieba cuts) holds any of `words`: one search of all
    the texts joined, not a loop over every text. Each text is normalized apart: most are in NFKC already, which
    `unicodedata` sees at once, where the whole corpus joined holds a few that are not and is worked through char by
    char (at 100×: 0.12 s against 2.3 s)."""
    parts = [normalize(text) for text in texts]
    joined = "\x00".join(parts)
    ends = np.cumsum([len(part) + 1 for part in parts])
    found = set()
    for word in words:
        at = joined.find(word)
        while at >= 0:
            i = int(np.searchsorted(ends, at, side="right"))
            found.add(i)
            at = joined.find(word, int(ends[i]))
    return found


def passage_tokens(tokenizer: Tokenizer, text: str) -> list[str]:
    """What a passage is indexed by: its tokens, or a placeholder for one that has none (bm25s indexes no empty one)."""
    return tokenizer(text) or ["∅"]


def _retriever(counts: TermCounts) -> bm25s.BM25:
    """A bm25s index over the counts, scored as `bm25s.BM25().index` scores the same passages' tokens."""
    retriever = bm25s.BM25()
    if retriever.method != "lucene" or retriever.idf_method != "lucene":
        raise ValueError(f"bm25s scores with {retriever.method}/{retriever.idf_method}, counts.bm25_scores with lucene")
    retriever.scores = bm25_scores(counts.matrix, retriever.k1, retriever.b)
    retriever.vocab_dict = {term: i for i, term in enumerate(counts.vocab)}
    retriever.vocab_dict[""] = len(counts.vocab)  # as `index` adds it, past the last column
    retriever.unique_token_ids_set = set(retriever.vocab_dict.values())
    retriever.nonoccurrence_array = None
    return retriever


# Texts to cut at most for the previous version's saved dictionary to cut them: its trie spares loading jieba's own
# (0.5 s) but looks words up at half a dict's speed (92 passages of a work report: 0.066 s against 0.034 s).
_FEW_TO_CUT = 1000


class KeywordIndex:
    """BM25 over the chunks' search texts; `scores` gives every chunk a score for one query."""

    def __init__(self, tokenizer: Tokenizer, retriever: bm25s.BM25, counts: TermCounts | None = None) -> None:
        self.tokenizer = tokenizer
        self.retriever = retriever
        self.counts = counts  # each chunk's term counts: kept when built, not loaded for querying

    @classmethod
    def build(
        cls,
        texts: list[str],
        user_terms: list[str],
        progress: Callable[[str, int, int], None] | None = None,
        previous: Path | None = None,
    ) -> KeywordIndex:
        """Tokenizing is the slow part (jieba): each distinct text once, progress every 2,000 passages, and a text
        the `previous` version counted is not tokenized again unless a term that came or went occurs in it."""
        terms = tuple(sorted(set(user_terms)))
        hashes = [content_hash(text) for text in texts]
        prior = _prior(previous, terms)
        kept = _kept(prior, texts, hashes, terms)
        few = len(set(texts) - set(kept)) <= _FEW_TO_CUT
        tokenizer = Tokenizer(terms, previous if few else None)
        stage = f"关键词索引（复用 {len(kept)} 段分词）" if kept else "关键词索引"
        cut: dict[str, int] = {}  # each text cut afresh: its row after the prior's
        tokens = []
        for i, text in enumerate(texts):
            if progress and i % 2000 == 0:
                progress(stage, i, len(texts))
            if text not in kept and text not in cut:
                cut[text] = len(prior.hashes) + len(tokens)
                tokens.append(passage_tokens(tokenizer, text))
        if progress:
            progress(stage, len(texts), len(texts))
        row = kept | cut
        rows = np.fromiter(map(row.__getitem__, texts), dtype=np.int64, count=len(texts))
        counts = prior.extended(tokens, rows, hashes, tokenizer.user_terms)
        return cls(tokenizer, _retriever(counts), counts)

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in self.tokenizer(query) if t in self.retriever.vocab_dict]
        if not tokens:
            return np.zeros(self.retriever.scores["num_docs"], dtype=np.float32)
        return np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)

    def save(self, directory: Path, previous: Path | None = None) -> None:
        """Write the index into a version's `directory`; jieba's dictionary is copied from the `previous` version."""
        self.retriever.save(str(directory / "bm25"), show_progress=False)
        if self.counts is not None:  # for the next version to reuse
            self.counts.save(directory)
        (directory / "userdict.json").write_text(
            json.dumps(self.tokenizer.user_terms, ensure_ascii=False), encoding="utf-8"
        )
        save_dictionary(directory, previous)

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        terms = json.loads((directory / "userdict.json").read_text(encoding="utf-8"))
        retriever = bm25s.BM25.load(str(directory / "bm25"), show_progress=False, verbosity=0)
        return cls(Tokenizer(terms, directory), retriever)
