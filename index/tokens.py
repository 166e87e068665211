"""Chinese keyword tokens for BM25: jieba with a user dictionary built from the corpus."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable

import jieba

jieba.setLogLevel(logging.WARNING)

# Quoted slogans are defined once and used everywhere: “三高四新”, “两城两带四板块”, “一主两特”.
_QUOTED = re.compile(r"[“\"「]([^”\"」\s]{2,12})[”\"」]")
# A token is a word, a figure or a joined slogan (“4+3”, “互联网+”, “5G+工业互联网”), never a bare sign.
_WORD = re.compile(r"[\w%.]+(?:\+[\w%.]*)*")
STOPWORDS = frozenset(
    "的 了 和 与 及 是 在 有 为 等 对 将 把 被 就 都 而 或 也 又 并 其 之 以 于 上 中 下 个 年度 "
    "多少 几 什么 哪些 哪个 哪里 怎么 怎样 如何 是否 吗 呢 吧 啊 请问 请 问 一下 有关 关于 相关 "
    "跟 给 向 从 往 里 让 由 "
    "目前 现在 文件 提到 提出 规定 表示 说明 根据 按照 包括 具体 分别 哪 各是 又 指 是指 指的是 意思 含义".split()
)


# What stored tokens were cut with: a stored text's tokens are reused only under the same scheme.
SCHEME = f"jieba {jieba.__version__}, user terms at freq 50000 not added to the total, NFKC lower, + joins"


def normalize(text: str) -> str:
    """What jieba is given: full-width forms folded, letters lower-cased."""
    return unicodedata.normalize("NFKC", text).lower()


def corpus_terms(texts: Iterable[str], places: Iterable[str] = ()) -> list[str]:
    """Terms jieba must keep whole: quoted slogans seen in the corpus, and the place names."""
    terms = set(p for p in places if p)
    for text in texts:
        terms.update(_QUOTED.findall(text))
    return sorted(terms)


class Tokenizer:
    """A jieba tokenizer of its own (not the global one), so each index carries its own dictionary."""

    def __init__(self, user_terms: Iterable[str] = ()) -> None:
        self.user_terms = tuple(sorted(set(user_terms)))
        self._jieba = jieba.Tokenizer()
        base = jieba.dt  # the global tokenizer (part-of-speech tagging uses it) loads the same dictionary:
        base.check_initialized()  # copy it instead of loading it twice (0.7 s of every `policyqa ask`)
        self._jieba.FREQ, self._jieba.total, self._jieba.initialized = dict(base.FREQ), base.total, True
        for term in self.user_terms:
            self._jieba.add_word(term, freq=50000)
        # The corpus's own terms do not dilute the dictionary: a text is cut alike whatever terms other documents
        # bring, so its tokens can be kept across versions (`KeywordIndex.build`).
        self._jieba.total = base.total

    def __call__(self, text: str) -> list[str]:
        text = normalize(text)
        tokens = []
        for token in self._jieba.cut_for_search(text):
            token = token.strip()
            if token and _WORD.fullmatch(token) and token not in STOPWORDS:
                tokens.append(token)
        return tokens
