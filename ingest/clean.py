"""Turn scraped text into clean lines: no web boilerplate, no table of contents, sane spaces."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Odd spaces seen in the seeds: U+2002 (doc 000, even inside numbers: `75.6 亿元`),
# U+3000 ideographic space, NBSP; plus the rest of Unicode's space separators and tabs.
_ODD_SPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# A space between a number and a CJK unit or `%`: `75.6 亿元`, `[ 17.7]`.
_SPACE_IN_NUMBER = re.compile(r"(?<=[\d.])\s+(?=[\u4e00-\u9fff%])|(?<=[\[(（])\s+(?=\d)")

# Web-page chrome: `网站支持IPv6`, `设为首页 加入收藏`, `【字体:`, `首页 > 政务公开 > …`,
# `来源:… 发布时间:2021-08-27 14:57`, `湘乡市人民政府门户网站 www.xxs.gov.cn 发布时间:…`.
# A breadcrumb spaces its `>`: `政务公开 > 政策文件 > 政府文件`; a sentence does not (`增速>6%,比重>30%`).
_BOILERPLATE = re.compile(
    r"网站支持IPv6|设为首页|加入收藏|【字体|字号[:：]\s*[大中小]|打印本页|关闭窗口|扫一扫|分享到"
    r"|^首页\s*[>＞]|^[^。，；！？]*\s[>＞]\s[^。，；！？]*\s[>＞]\s[^。，；！？]*$"
    r"|^(?:来源|信息来源|发布时间|发布日期|浏览次数)\s*[:：]"
    r"|门户网站\s*www\.|^www\.\S+$"
)
# A table of contents repeats headings with a dotted leader or a trailing page number:
# `(一)发展基础......... 1`, `第三节  空间布局和发展目标 15`, and bare `前言 1` (doc 000).
_TOC_LEADER = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{6,})\s*\d*\s*$")
_TOC_HEADING_WITH_PAGE = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节篇部分]|前\s*言|[一二三四五六七八九十]+、"
    r"|[(（][一二三四五六七八九十]+[)）]|附\s*件|结\s*语).*?\S\s+\d{1,3}$|^(?:前\s*言|结\s*语)\s+\d{1,3}$"
)
_TOC_TITLE = re.compile(r"^目\s*录$")
# A heading that goes on over a second short line: `第四章 推动工业高质量发展,着力打造` + `绿色循环产业基地`.
_WRAPPABLE_HEADING = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+[章篇]|[(（][一二三四五六七八九十]+[)）])")
_HEADING_START = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节篇]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]"
    r"|\d+[、.．]|专栏|附件|附表|图\s*\d|表\s*\d)"
)
_SENTENCE_END = re.compile(r"[。;；!！?？:：]$")


@dataclass(frozen=True)
class Line:
    """One kept line of the cleaned document and where it starts in the cleaned text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Cleaned:
    """The cleaned document: its text and its lines (joined by newlines)."""

    text: str
    lines: tuple[Line, ...]
    dropped: tuple[str, ...]  # lines removed as boilerplate or table of contents, for `ingest --show`


def _is_single_han(token: str) -> bool:
    return len(token) == 1 and "\u4e00" <= token <= "\u9fff"


def _unspace_letters(line: str) -> str:
    """Close up letter-spaced words: `目 录`, `指 标 名 称`, `…城乡融合发展引 领 区`."""
    tokens = line.split(" ")
    single = [_is_single_han(t) for t in tokens]
    out = tokens[0]
    for i in range(1, len(tokens)):
        glued = single[i] and (single[i - 1] or (i + 1 < len(tokens) and single[i + 1]))
        out += tokens[i] if glued else " " + tokens[i]
    return out


def normalize_spaces(line: str) -> str:
    """Map odd spaces to plain ones, collapse runs and drop spaces inside numbers and spaced words."""
    line = _ZERO_WIDTH.sub("", _ODD_SPACE.sub(" ", line))
    line = re.sub(r" {2,}", " ", line).strip()
    return _unspace_letters(_SPACE_IN_NUMBER.sub("", line))


# Page chrome is a short label, never a sentence: `…更公平地分享到改革发展成果。` is content.
_SENTENCE_PUNCT = re.compile(r"[。；！？]")


def is_boilerplate(line: str) -> bool:
    return bool(_BOILERPLATE.search(line)) and not _SENTENCE_PUNCT.search(line)


def is_toc_line(line: str) -> bool:
    return bool(_TOC_TITLE.match(line) or _TOC_LEADER.search(line) or _TOC_HEADING_WITH_PAGE.match(line))


def _is_wrapped_tail(heading: str, tail: str) -> bool:
    """The tail of a wrapped heading is short, has no sentence punctuation and starts nothing new."""
    return (
        bool(_WRAPPABLE_HEADING.match(heading))
        and len(heading) <= 40
        and not _SENTENCE_END.search(heading)
        and 1 <= len(tail) <= 16
        and not _SENTENCE_END.search(tail)
        and not re.search(r"[。,，;；]", tail)
        and not _HEADING_START.match(tail)
    )


def clean(text: str, known_headings: tuple[str, ...] = ()) -> Cleaned:
    """Clean a whole document; `known_headings` (from docx/html/md) are never treated as wrapped tails."""
    kept: list[str] = []
    dropped: list[str] = []
    for raw in text.splitlines():
        line = normalize_spaces(raw)
        if not line:
            continue
        if is_boilerplate(line) or is_toc_line(line):
            dropped.append(line)
            continue
        # `附件` and its number on two lines: `附件` + `2`.
        if kept and kept[-1] in ("附件", "附表", "专栏") and line.isdigit():
            kept[-1] += line
            continue
        if kept and line not in known_headings and _is_wrapped_tail(kept[-1], line):
            kept[-1] = kept[-1] + line
            continue
        kept.append(line)
    lines: list[Line] = []
    pos = 0
    for line in kept:
        lines.append(Line(line, pos))
        pos += len(line) + 1
    return Cleaned("\n".join(kept), tuple(lines), tuple(dropped))
