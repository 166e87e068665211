"""Rebuild 专栏 indicator tables that arrive flattened one cell per line into rows."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from .clean import Line
from .headings import parse_heading

# `预期性` / `约束性` close (or, in grouped tables, split) every indicator row: an anchor.
_ANCHOR = re.compile(r"^(预期性|约束性|预期|约束)$")
# A value cell: `40.3`, `≥[245]`, `[ 17.7]`, `3:57:40`, `<5.6`, `6%`, `-`, `—`.
_VALUE = re.compile(r"^(?:[\[(（<>≤≥≈~约+\-−–—]*\s*\d[\d.,:：%\s]*[\])）%]*(?:以上|以下|左右)?|[-—–/]+)$")
_BRACKETED = re.compile(r"^[≥≤<>]?\[")
# Words that only header cells carry; a cell without any of them just before row 1 is a category.
_HEADER_WORD = re.compile(r"序号|指\s*标|名称|单位|年|增|速|属性|目标|完成|绝对值|累计|%|备注|类别|值|率")
_LABEL_HEADER = re.compile(r"^(类别|序号|指\s*标(名\s*称)?|项目|名\s*称)$")
_RATE_HEADER = re.compile(r"增|速|累计|\[|降")
_UNIT_HEADER = re.compile(r"^单位$")
_ANCHOR_HEADER = re.compile(r"属性")
_MAX_CELL = 30


@dataclass(frozen=True)
class Row:
    """One indicator row; `cells` pairs column names with values, or is empty when unaligned."""

    number: str
    category: str
    indicator: str
    cells: tuple[tuple[str, str], ...]
    raw: tuple[str, ...]  # the row's cells as they stand in the document
    status: str  # "exact": every column filled; "inferred": missing cells placed by rule; "verbatim": unaligned
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A rebuilt table and how many lines after its 专栏 heading it consumed."""

    header: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    consumed: int


def is_value(cell: str) -> bool:
    return bool(_VALUE.match(cell.strip()))


def is_anchor(cell: str) -> bool:
    return bool(_ANCHOR.match(cell))


def _is_cell(text: str) -> bool:
    """A table cell is a short line that is no sentence and opens no new part of the text."""
    if len(text) > _MAX_CELL or text.endswith("。") or text.startswith("注"):
        return False
    heading = parse_heading(text)
    if heading is None or heading.kind == "clause" and not heading.title:
        return True
    # Category rows of 湘乡市's tables look like parts: `二、结构调整(4项)`.
    return heading.kind == "part" and len(text) <= 16


def _merge_header(cells: list[str]) -> list[str]:
    """Join header continuations: `年均增速` + `[累计]` → `年均增速[累计]`."""
    merged: list[str] = []
    for cell in cells:
        if merged and re.match(r"^[\[(（]", cell) and not is_value(cell):
            merged[-1] += cell
        else:
            merged.append(cell)
    return merged


def _rejoin_wrapped(cells: list[str]) -> list[str]:
    """Join header cells a narrow column wrapped: `2020` + `绝对值`, `年均` + `增长(%`."""
    out: list[str] = []
    for cell in cells:
        prev = out[-1] if out else ""
        if re.fullmatch(r"\d{4}", prev) and not re.search(r"\d", cell) or (
            0 < len(prev) <= 2 and re.match(r"[\u4e00-\u9fff]", cell) and not _ANCHOR_HEADER.search(cell)
        ):
            out[-1] = prev + cell
        else:
            out.append(cell)
    return out


def _groups_first(leaves: list[str], width: int) -> list[str] | None:
    """Group names lead, then their leaves; 属性 may sit among the leaves (洪江区 专栏1)."""
    groups = len(leaves) - width
    if groups <= 0:
        return None
    names, rest = leaves[:groups], leaves[groups:]
    if any(_ANCHOR_HEADER.search(n) or _UNIT_HEADER.match(n) for n in names):
        return None
    plain = [c for c in rest if not _ANCHOR_HEADER.search(c)]
    if len(plain) % groups:
        return None
    per_group = len(plain) // groups
    out, k = [], 0
    for col in rest:
        if _ANCHOR_HEADER.search(col):
            out.append(col)
        else:
            out.append(f"{names[k // per_group]} {col}")
            k += 1
    return out


def _two_rows(leaves: list[str], width: int) -> list[str] | None:
    """A top header row whose group cells span the sub-header row below (湘乡市 专栏1):
    `单位 | 规划目标 | 完成情况 | 属性` over `2020绝对值 | 年均增长 | 2020绝对值 | 年均增长`."""
    for split in range(1, len(leaves)):
        top, sub = leaves[:split], leaves[split:]
        groups = [c for c in top if not (_ANCHOR_HEADER.search(c) or _UNIT_HEADER.match(c))]
        if not groups or len(sub) % len(groups) or len(top) - len(groups) + len(sub) != width:
            continue
        per_group = len(sub) // len(groups)
        out, k = [], 0
        for cell in top:
            if cell in groups:
                out.extend(f"{cell} {leaf}" for leaf in sub[k * per_group : (k + 1) * per_group])
                k += 1
            else:
                out.append(cell)
        return out
    return None


def _columns(header: list[str], width: int) -> list[str] | None:
    """Leaf column names for rows of `width` cells: the header layout that fits the rows wins."""
    leaves = [c for c in _merge_header(header) if not _LABEL_HEADER.match(re.sub(r"\s+", "", c))]
    for cells in (leaves, _rejoin_wrapped(leaves)):
        if len(cells) == width:
            return cells
        for layout in (_groups_first, _two_rows):
            columns = layout(cells, width)
            if columns:
                return columns
    return None


def _fits(column: str, value: str) -> bool:
    if _ANCHOR_HEADER.search(column):
        return is_anchor(value)
    if is_anchor(value):
        return False
    if _UNIT_HEADER.match(column):
        return len(value) <= 6 and not re.search(r"\d", value)
    if _BRACKETED.match(value):
        return bool(_RATE_HEADER.search(column))
    return True


def _group(column: str) -> tuple[str, str]:
    """`预计完成情况 2020年` → (`预计完成情况`, `2020年`): the column group and its leaf."""
    group, _, leaf = column.rpartition(" ")
    return group, leaf


def _unmirrored(columns: list[str], chosen: tuple[int, ...]) -> bool:
    """Two column groups with the same leaves (target | actual) hold as many values each, under different leaves:
    a row of such a table is filled the same way on both sides, so this placement is the less likely."""
    by_group: dict[str, list[str]] = {}
    for c in chosen:
        group, leaf = _group(columns[c])
        if group:
            by_group.setdefault(group, []).append(leaf)
    sides = list(by_group.values())
    return len(sides) == 2 and len(sides[0]) == len(sides[1]) and sides[0] != sides[1]


def stated_rates(indicator: str, values: list[str], prose: str) -> frozenset[str]:
    """The row's values the document's own sentences state as this indicator's growth (`规模工业增加值年均增长6.6%`):
    a flattened row with cells missing cannot say whether its figure is a level or a rate; the text around can."""
    name = re.sub(r"[(（][^)）]*[)）]?$", "", indicator).strip()
    if len(name) < 2 or not prose:
        return frozenset()
    found = set()
    for value in values:
        number = re.sub(r"[^\d.]", "", value)
        if number and re.search(
            re.escape(name) + r"[^。;；,，\n\d]{0,6}?(?:增长|增速|提高|下降)[^。;；,，\n\d]{0,4}" + re.escape(number) + r"%",
            prose,
        ):
            found.add(value)
    return frozenset(found)


def _skip_cost(column: str) -> int:
    """Missing cells are most often growth rates and units, rarely the year values."""
    if _ANCHOR_HEADER.search(column):
        return 10
    if _RATE_HEADER.search(column) or _UNIT_HEADER.match(column):
        return 1
    return 3


def align(
    columns: list[str], values: list[str], rates: frozenset[str] = frozenset()
) -> tuple[tuple[tuple[str, str], ...], str]:
    """Place a row's values under its columns, keeping their order; ("", "verbatim") if ambiguous.
    `rates`: values the document states as growth rates, which only a rate column may take."""
    if len(values) > len(columns) or not values:
        return (), "verbatim"
    options = []
    for chosen in itertools.combinations(range(len(columns)), len(values)):
        if all(_fits(columns[c], v) and (v not in rates or _RATE_HEADER.search(columns[c])) for c, v in zip(chosen, values)):
            cost = sum(_skip_cost(columns[c]) for c in range(len(columns)) if c not in chosen)
            options.append((cost + 4 * _unmirrored(columns, chosen), chosen))
    if not options:
        return (), "verbatim"
    options.sort()
    if len(options) > 1 and options[0][0] == options[1][0]:
        return (), "verbatim"
    chosen = options[0][1]
    status = "exact" if len(values) == len(columns) else "inferred"
    return tuple((columns[c], v) for c, v in zip(chosen, values)), status


def _split_subrows(indicator: str, values: list[str]) -> list[tuple[str, list[str]]]:
    """`居民人均可支配收入 28208 43005 预期性 增速% 9.6 8.5 预期性` → the row and its `增速%` sub-row."""
    parts: list[tuple[str, list[str]]] = [(indicator, [])]
    for i, cell in enumerate(values):
        after_anchor = i > 0 and is_anchor(values[i - 1])
        if after_anchor and not is_value(cell) and not is_anchor(cell):
            parts.append((f"{indicator} {cell}", []))
        else:
            parts[-1][1].append(cell)
    return parts


def parse_table(lines: list[Line], prose: str = "") -> Table | None:
    """Parse the cell lines that follow a 专栏 heading; None when the box holds prose, not a table.
    `prose`: the document's text, whose sentences may tell a row's growth rates from its levels."""
    n = 0
    while n < len(lines) and _is_cell(lines[n].text):
        n += 1
    cells = lines[:n]
    texts = [c.text for c in cells]
    if n < 8 or "1" not in texts:
        return None
    first = texts.index("1")
    header = texts[:first]
    category = ""
    if header and not _HEADER_WORD.search(header[-1]):
        category = header.pop()
    # Group cells into rows by their running 序号: 1, 2, 3 …
    raw_rows: list[tuple[str, str, list[Line]]] = []
    expected = 1
    for cell in cells[first:]:
        if cell.text == str(expected):
            prev = raw_rows[-1][2] if raw_rows else []
            # A label just before the next 序号, after a value or an anchor, is the next category.
            if len(prev) >= 3 and not is_value(prev[-1].text) and not is_anchor(prev[-1].text) and (
                is_value(prev[-2].text) or is_anchor(prev[-2].text)
            ):
                category = prev.pop().text
            raw_rows.append((cell.text, category, []))
            expected += 1
        elif raw_rows:
            raw_rows[-1][2].append(cell)
    widths = Counter(len(r[2]) - 1 for r in raw_rows if r[2])
    # The full width is the widest row seen at least twice (rows with empty cells are shorter).
    width = max((w for w, k in widths.items() if k >= 2), default=max(widths, default=0))
    columns = _columns(header, width)
    rows: list[Row] = []
    for number, cat, row_cells in raw_rows:
        if not row_cells:
            continue
        indicator, values = row_cells[0].text, [c.text for c in row_cells[1:]]
        start, end = row_cells[0].start, row_cells[-1].end
        for name, part in _split_subrows(indicator, values):
            rates = stated_rates(name, part, prose) if len(part) < len(columns or ()) else frozenset()
            placed, status = align(columns, part, rates) if columns else ((), "verbatim")
            rows.append(Row(number, cat, name, placed, tuple(part), status, start, end))
    return Table(tuple(header), tuple(columns or ()), tuple(rows), n)


def row_text(box_title: str, row: Row) -> str:
    """The row as one self-describing line: `专栏2 … | 地区生产总值增长(%) | 2020年: 3.6 | …`."""
    parts = [box_title]
    if row.category:
        parts.append(row.category)
    parts.append(row.indicator)
    if row.status == "verbatim":
        parts.append("（未能对齐的原始单元格）" + " ".join(row.raw))
    else:
        parts.extend(f"{col}: {val}" for col, val in row.cells)
    return " | ".join(parts)
