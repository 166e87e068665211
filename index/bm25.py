"""BM25 keyword scores over jieba tokens (bm25s), persisted beside the vectors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np

from ingest import content_hash

from .tokens import SCHEME, Tokenizer, normalize

TOKENS = "tokens.json"


def _reusable(previous: Path | None, texts: list[str], terms: tuple[str, ...]) -> dict[str, list[str]]:
    """The tokens the previous version stored for these texts, where cutting them again would give the same: same
    tokenizer scheme (jieba's version with it), and no user term added or dropped since that occurs in the text."""
    try:
        record = json.loads((previous / TOKENS).read_text(encoding="utf-8")) if previous else {}
    except (OSError, ValueError):
        return {}
    if record.get("scheme") != SCHEME:
        return {}
    stored: dict[str, str] = record.get("tokens", {})
    changed = set(record.get("terms", [])) ^ set(terms)
    out = {}
    for text in texts:
        kept = stored.get(content_hash(text))
        if kept is None or text in out:
            continue
        if changed:
            cut = normalize(text)
            if any(term in cut for term in changed):
                continue
        out[text] = kept.split(" ")
    return out


class KeywordIndex:
    """BM25 over the chunks' search texts; `scores` gives every chunk a score for one query."""

    def __init__(self, tokenizer: Tokenizer, retriever: bm25s.BM25) -> None:
        self.tokenizer = tokenizer
        self.retriever = retriever
        self.tokens: dict[str, list[str]] = {}  # by content hash; kept when built, not when loaded

    @classmethod
    def build(
        cls,
        texts: list[str],
        user_terms: list[str],
        progress: Callable[[str, int, int], None] | None = None,
        previous: Path | None = None,
    ) -> KeywordIndex:
        """Tokenizing is the slow part (jieba): each distinct text once, progress every 2,000 passages, and a text
        the `previous` version tokenized is not tokenized again unless a term that came or went occurs in it."""
        tokenizer = Tokenizer(user_terms)
        seen = _reusable(previous, texts, tokenizer.user_terms)  # a document that repeats itself: once per text
        stage = f"关键词索引（复用 {len(seen)} 段分词）" if seen else "关键词索引"
        tokens = []
        for i, text in enumerate(texts):
            if progress and i % 2000 == 0:
                progress(stage, i, len(texts))
            if text not in seen:
                seen[text] = tokenizer(text) or ["∅"]
            tokens.append(seen[text])
        if progress:
            progress(stage, len(texts), len(texts))
        retriever = bm25s.BM25()
        retriever.index(tokens, show_progress=False)
        index = cls(tokenizer, retriever)
        index.tokens = {content_hash(text): seen[text] for text in texts}
        return index

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in self.tokenizer(query) if t in self.retriever.vocab_dict]
        if not tokens:
            return np.zeros(self.retriever.scores["num_docs"], dtype=np.float32)
        return np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)

    def save(self, directory: Path) -> None:
        self.retriever.save(str(directory / "bm25"), show_progress=False)
        if self.tokens:  # each text's tokens, for the next version to reuse
            stored = {h: " ".join(tokens) for h, tokens in self.tokens.items()}
            record = {"scheme": SCHEME, "terms": list(self.tokenizer.user_terms), "tokens": stored}
            (directory / TOKENS).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        (directory / "userdict.json").write_text(
            json.dumps(self.tokenizer.user_terms, ensure_ascii=False), encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        terms = json.loads((directory / "userdict.json").read_text(encoding="utf-8"))
        retriever = bm25s.BM25.load(str(directory / "bm25"), show_progress=False, verbosity=0)
        return cls(Tokenizer(terms), retriever)
