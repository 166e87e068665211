"""What a question pins down (a place, a year) that the evidence must match, or the answer is refused."""

from __future__ import annotations

import logging
import re

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)

_ADMIN_SUFFIX = ("省", "市", "区", "县", "州", "旗")
# Not places of their own: `高新区`, `开发区`, `城区`, `景区`, `社区` …
_GENERIC = re.compile(r"^(?:.{0,2}(?:高新|开发|示范|核心|功能|保护|集中|自贸|试验)区|[新城市景园社片辖老]城?区|[全本该各我].+)$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")


def named_places(question: str) -> list[str]:
    """Place names in a question, by jieba's part of speech (`ns`) or an administrative suffix."""
    found = []
    for word, flag in jieba.posseg.cut(question):
        if len(word) < 3 or _GENERIC.search(word):
            continue
        if flag == "ns" or word.endswith(_ADMIN_SUFFIX):
            found.append(word)
    return list(dict.fromkeys(found))


def named_years(question: str) -> list[str]:
    """Years a question asks about: `2025年` → `2025`, `二〇三五年` → `2035`."""
    return list(dict.fromkeys(_YEAR.findall(arabic_years(question))))


_CN_DIGIT = str.maketrans("〇零OoО一二三四五六七八九", "00000123456789")
_CN_YEAR = re.compile(r"[〇零OoО一二三四五六七八九]{4}(?=年)")


def arabic_years(text: str) -> str:
    """Write years in Chinese numerals as digits: `二〇三五年`, `二O三五年` (doc 000 uses a letter O)."""
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGIT), text)
