"""BM25 keyword scores over jieba tokens (bm25s), persisted beside the vectors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np

from .tokens import Tokenizer


class KeywordIndex:
    """BM25 over the chunks' search texts; `scores` gives every chunk a score for one query."""

    def __init__(self, tokenizer: Tokenizer, retriever: bm25s.BM25) -> None:
        self.tokenizer = tokenizer
        self.retriever = retriever

    @classmethod
    def build(
        cls, texts: list[str], user_terms: list[str], progress: Callable[[str, int, int], None] | None = None
    ) -> KeywordIndex:
        """Tokenizing is the slow part (jieba): each distinct text once, progress every 2,000 passages."""
        tokenizer = Tokenizer(user_terms)
        seen: dict[str, list[str]] = {}  # a document that repeats itself is tokenized once per distinct text
        tokens = []
        for i, text in enumerate(texts):
            if progress and i % 2000 == 0:
                progress("关键词索引", i, len(texts))
            if text not in seen:
                seen[text] = tokenizer(text) or ["∅"]
            tokens.append(seen[text])
        if progress:
            progress("关键词索引", len(texts), len(texts))
        retriever = bm25s.BM25()
        retriever.index(tokens, show_progress=False)
        return cls(tokenizer, retriever)

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in self.tokenizer(query) if t in self.retriever.vocab_dict]
        if not tokens:
            return np.zeros(self.retriever.scores["num_docs"], dtype=np.float32)
        return np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)

    def save(self, directory: Path) -> None:
        self.retriever.save(str(directory / "bm25"), show_progress=False)
        (directory / "userdict.json").write_text(
            json.dumps(self.tokenizer.user_terms, ensure_ascii=False), encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        terms = json.loads((directory / "userdict.json").read_text(encoding="utf-8"))
        retriever = bm25s.BM25.load(str(directory / "bm25"), show_progress=False, verbosity=0)
        return cls(Tokenizer(terms), retriever)
