"""Chinese keyword tokens for BM25: jieba with a user dictionary built from the corpus."""

from __future__ import annotations

import json
import logging
import re
import shutil
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import jieba
import marisa_trie

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


# jieba's dictionary as a trie, saved with each version: a process that only asks reads it in a millisecond where
# loading jieba's own cache takes half a second of every `policyqa ask` (`DICTIONARY_META` says what it was cut by).
DICTIONARY = "dictionary.marisa"
DICTIONARY_META = "dictionary.json"


class _Frequencies(dict):
    """jieba's word frequencies looked up in a trie of its dictionary, the words added since (a corpus's terms) held
    in the dict itself. jieba reads them by `in`, `[]` and `get` only; a lookup costs about 0.5 µs against a dict's
    0.15 µs, nothing for a question, too much for tokenizing a corpus (which therefore copies a dict)."""

    def __init__(self, trie: marisa_trie.RecordTrie) -> None:
        super().__init__()
        self.trie = trie

    def __contains__(self, word: object) -> bool:
        return dict.__contains__(self, word) or word in self.trie

    def __getitem__(self, word: str) -> int:
        return dict.__getitem__(self, word) if dict.__contains__(self, word) else self.trie[word][0][0]

    def get(self, word: str, default: int | None = None) -> int | None:
        if dict.__contains__(self, word):
            return dict.__getitem__(self, word)
        found = self.trie.get(word)
        return found[0][0] if found else default


def _trie(frequencies: dict[str, int]) -> marisa_trie.RecordTrie:
    """The frequencies as a trie: the one they are looked up in already, else built (0.4 s for jieba's 500,000)."""
    if isinstance(frequencies, _Frequencies) and not dict.__len__(frequencies):
        return frequencies.trie
    return marisa_trie.RecordTrie("<I", ((word, (freq,)) for word, freq in frequencies.items()))


def _words(frequencies: dict[str, int]) -> dict[str, int]:
    """A plain dict of the frequencies, for tokenizing at a dict's speed."""
    if isinstance(frequencies, _Frequencies):
        return {**{word: freq for word, (freq,) in frequencies.trie.items()}, **dict(frequencies.items())}
    return dict(frequencies)


def _base() -> jieba.Tokenizer:
    """The global tokenizer (part-of-speech tagging uses it), initialized."""
    jieba.dt.check_initialized()
    return jieba.dt


def save_dictionary(directory: Path, previous: Path | None = None) -> None:
    """Write jieba's dictionary beside an index version as a trie: copied from the `previous` version when it has a
    sound one written under the same scheme, else built from the loaded dictionary (0.4 s)."""
    if previous is not None and _mapped(previous) is not None:
        shutil.copyfile(previous / DICTIONARY, directory / DICTIONARY)
        shutil.copyfile(previous / DICTIONARY_META, directory / DICTIONARY_META)
        return
    base = _base()
    _trie(base.FREQ).save(str(directory / DICTIONARY))
    meta = {"scheme": SCHEME, "total": base.total}
    (directory / DICTIONARY_META).write_text(json.dumps(meta), encoding="utf-8")


def _dictionary_total(directory: Path) -> int | None:
    """The dictionary total a version's trie was saved with, if it has one written under this scheme."""
    try:
        meta = json.loads((directory / DICTIONARY_META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta["total"] if meta.get("scheme") == SCHEME and (directory / DICTIONARY).is_file() else None


def _mapped(directory: Path) -> tuple[_Frequencies, int] | None:
    """The frequencies of a version's saved dictionary and its total, or None where it has none to use."""
    total = _dictionary_total(directory)
    if total is None:
        return None
    trie = marisa_trie.RecordTrie("<I")
    try:
        trie.load(str(directory / DICTIONARY))
    except (OSError, RuntimeError):  # damaged (`index status --verify` names it): jieba's own dictionary still cuts
        return None
    return _Frequencies(trie), total


class Tokenizer:
    """A jieba tokenizer of its own (not the global one), so each index carries its own dictionary. `dictionary`:
    an index version whose saved trie it looks words up in (for asking); without, a dict copy (for indexing)."""

    def __init__(self, user_terms: Iterable[str] = (), dictionary: Path | None = None) -> None:
        self.user_terms = tuple(sorted(set(user_terms)))
        self._jieba = jieba.Tokenizer()
        mapped = _mapped(dictionary) if dictionary is not None else None
        if mapped:
            frequencies, total = mapped
            base = jieba.dt
            if not base.initialized:  # part-of-speech tagging looks up the same trie instead of loading jieba's cache
                base.FREQ, base.total, base.initialized = _Frequencies(frequencies.trie), total, True
        else:
            base = _base()  # load the dictionary once, for the global tokenizer, and copy it (never load it twice)
            frequencies, total = _words(base.FREQ), base.total
        self._jieba.FREQ, self._jieba.total, self._jieba.initialized = frequencies, total, True
        for term in self.user_terms:
            self._jieba.add_word(term, freq=50000)
        # The corpus's own terms do not dilute the dictionary: a text is cut alike whatever terms other documents
        # bring, so its tokens can be kept across versions (`KeywordIndex.build`).
        self._jieba.total = total

    def __call__(self, text: str) -> list[str]:
        text = normalize(text)
        tokens = []
        for token in self._jieba.cut_for_search(text):
            token = token.strip()
            if token and _WORD.fullmatch(token) and token not in STOPWORDS:
                tokens.append(token)
        return tokens
