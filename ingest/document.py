"""A parsed document: title, place, cleaned text, heading tree and chunks."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    chunks = chunk_tree(tree, name, title, place, cfg)
    if not chunks:
        raise IngestError(raw.path, "文件中没有可检索的段落")
    return ParsedDoc(name, title, place, raw, cleaned, tree, tuple(chunks))


def load(path: str | Path, cfg: ChunkConfig | None = None) -> ParsedDoc:
    """Read and parse one file; raises IngestError naming the file."""
    return parse(read(path), cfg)
