"""A parsed document: title, place, cleaned text, heading tree and chunks."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from .chunks import Chunk, ChunkConfig, chunk_tree
from .clean import Cleaned, clean, is_toc_line
from .errors import IngestError
from .headings import parse_heading
from .loaders import RawText, read
from .structure import Node, build_tree

# A title starts with a name or a year (`2025年洪江区…`), not a stray date (`202136日…批准)`).
_TITLE_START = re.compile(r"^(?:\d{4}年|[^\d(（])")
_TITLE_END = re.compile(r"(纲要|方案|规划|报告|意见|办法|通知|计划|细则)(\(草案\)|（草案）)?$")
# The jurisdiction a title speaks for: `洪江区国民经济…`, `2025年洪江区管委工作报告`, `洪江市人民政府办公室…`.
_PLACE = re.compile(r"^(?:\d{4}年)?([\u4e00-\u9fff]{2,3}?(?:自治州|自治县|省|市|区|县|州|旗))")
# Body text has sentences; a title page (`洪江区国民经济和社会发展`, `2020年12月`) has none.
_SENTENCE = re.compile(r"[。；;！!？?]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
# When a document was issued: `发布时间:2024-03-22`, a document number `洪政办发〔2024〕3`.
_ISSUED = re.compile(r"(?:发布时间|发布日期|成文日期|印发日期)\s*[:：]\s*((?:19|20)\d{2})|〔((?:19|20)\d{2})〕")
# A title that spans years (`十四五规划`, `纲要`, `2023-2025年`, `三年行动`) or names its own (`二〇二五年工作报告`).
_SPANS_OR_NAMES_YEARS = re.compile(
    r"五年|纲要|十[一二三四五六]五|[两三四五]年行动|(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}年"
)


@dataclass(frozen=True)
class ParsedDoc:
    """How one file was understood, from raw text down to chunks."""

    name: str
    title: str
    place: str
    raw: RawText
    cleaned: Cleaned
    tree: Node
    chunks: tuple[Chunk, ...]
    year: str = ""  # see `find_year`


def find_title(cleaned: Cleaned, fallback: str) -> str:
    """The longest title-like line (or run of up to three wrapped lines) before the first heading."""
    head: list[str] = []
    for line in cleaned.lines[:40]:
        if parse_heading(line.text):
            break
        head.append(line.text)
    # A run of lines is one wrapped title only if no line but the last ends like a title.
    candidates = [
        "".join(head[i : i + k])
        for i in range(len(head))
        for k in (1, 2, 3)
        if i + k <= len(head)
        and not any(_TITLE_END.search(h) or h.endswith((")", "）")) or "〔" in h for h in head[i : i + k - 1])
        and _TITLE_START.match(head[i])
    ]
    titles = [c for c in candidates if _TITLE_END.search(c) and len(c) <= 80 and "。" not in c]
    return max(titles, key=len) if titles else fallback


def find_place(title: str) -> str:
    m = _PLACE.match(title)
    return m.group(1) if m else ""


def find_year(cleaned: Cleaned, title: str) -> str:
    """The year an annual document is about (a 实施方案 issued in 2024 that speaks of 2024 most), or "".

    Its passages that name no year (`建设高标准农田2.45万亩`) speak of that year. Not so a multi-year plan's, nor
    a work report's: `2025年…工作报告` reviews 2024 in passages that name no year.
    """
    if _SPANS_OR_NAMES_YEARS.search(title):
        return ""
    issued = [a or b for a, b in _ISSUED.findall("\n".join([*cleaned.dropped, cleaned.text[:2000]]))]
    named = Counter(_YEAR.findall(cleaned.text)).most_common(1)
    return issued[0] if issued and named and named[0][0] == issued[0] else ""


def contents_only(cleaned: Cleaned) -> int:
    """The number of table-of-contents entries, if they and a title page are all the file holds; else 0."""
    entries = sum(1 for line in cleaned.dropped if is_toc_line(line))
    body = any(len(line.text) > 80 or _SENTENCE.search(line.text) for line in cleaned.lines)
    return entries if entries >= 3 and not body else 0


def parse(raw: RawText, cfg: ChunkConfig | None = None) -> ParsedDoc:
    """Clean, structure and chunk one loaded file."""
    name = Path(raw.path).name
    known = {text: level for level, text in raw.headings}
    cleaned = clean(raw.text, tuple(known))
    entries = contents_only(cleaned)
    if entries:
        raise IngestError(
            raw.path, f"只有目录（{entries} 行），没有正文，请添加完整的文件"
        )
    if not cleaned.lines:
        raise IngestError(raw.path, "去掉网页模板和目录后没有正文")
    title = find_title(cleaned, Path(raw.path).stem)
    place = find_place(title)
    tree = build_tree(list(cleaned.lines), known)
    year = find_year(cleaned, title)
    chunks = [replace(c, year=year) for c in chunk_tree(tree, name, title, place, cfg)]
    if not chunks:
        raise IngestError(raw.path, "文件中没有可检索的段落")
    return ParsedDoc(name, title, place, raw, cleaned, tree, tuple(chunks), year)


def load(path: str | Path, cfg: ChunkConfig | None = None) -> ParsedDoc:
    """Read and parse one file; raises IngestError naming the file."""
    return parse(read(path), cfg)
