"""Recognise the numbered headings of Chinese government documents and rank them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十百零〇两"

# Rank decides nesting: a heading closes every open heading of the same or a lower rank.
# 附件 outranks everything, so numbering restarts inside every attachment.
RANKS = {
    "attachment": 0,
    "chapter": 1,
    "section": 2,
    "part": 3,  # 一、
    "subpart": 4,  # （一） / (一)
    "box": 5,  # 专栏N: a boxed table or list inside the text
    "clause": 5,  # 1、 / 1. / 1．
    "item": 6,  # （1） / (1)
}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("attachment", re.compile(r"^附\s*件\s*(\d+)$")),
    ("chapter", re.compile(rf"^第([{_CN}\d]+)章\s*(.*)$")),
    ("section", re.compile(rf"^第([{_CN}\d]+)节\s*(.*)$")),
    ("part", re.compile(rf"^([{_CN}]+)、\s*(.*)$")),
    ("subpart", re.compile(rf"^[(（]([{_CN}]+)[)）]\s*(.*)$")),
    ("box", re.compile(r"^专栏\s*(\d+)\s*[:：]?\s*(.*)$")),
    # `1.推动产业…`, `45、扩大有效投资`; not `1.5亿元…` (a number, not a clause).
    ("clause", re.compile(r"^(\d{1,3})(?:[、．]|\.(?!\d))\s*(.*)$")),
    ("item", re.compile(r"^[(（](\d{1,2})[)）]\s*(.*)$")),
)

# Unnumbered headings that still open a part of a document.
_NAMED = re.compile(r"^(前\s*言|序\s*言|结\s*语|名词解释|附\s*则)$")


@dataclass(frozen=True)
class Heading:
    """A recognised heading line: what kind, its number as printed, and its title."""

    kind: str
    number: str
    title: str

    @property
    def rank(self) -> int:
        if self.kind == "named":  # unnumbered headings carry their level in `number`
            return int(self.number or 1)
        return RANKS[self.kind]

    @property
    def label(self) -> str:
        """The short form used in locators: `第四章`, `一、`, `（一）`, `45.`, `专栏2`, `附件1`."""
        template = _LABELS.get(self.kind)
        return template.format(self.number) if template else self.title


_LABELS = {
    "attachment": "附件{}",
    "chapter": "第{}章",
    "section": "第{}节",
    "part": "{}、",
    "subpart": "（{}）",
    "box": "专栏{}",
    "clause": "{}.",
    "item": "（{}）",
}


def parse_heading(line: str) -> Heading | None:
    """Return the heading a line starts with, or None for body text."""
    named = _NAMED.match(line)
    if named:
        return Heading("named", "", re.sub(r"\s+", "", named.group(1)))
    for kind, pattern in _PATTERNS:
        m = pattern.match(line)
        if m:
            title = m.group(2) if m.lastindex and m.lastindex >= 2 else ""
            return Heading(kind, m.group(1), title.strip())
    return None


def cn_to_int(number: str) -> int | None:
    """`十二` → 12, `一百二十八` → 128, `45` → 45; None when it is not a number."""
    if number.isdigit():
        return int(number)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    total, current = 0, 0
    for ch in number:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current
