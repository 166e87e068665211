"""What a table row answers: the column asked for (its year, target or actual), a `-` cell, the row as an answer line."""

from __future__ import annotations

import re

from index import Hit

from .constraints import arabic_years
from .question import carries_unit


def _grams(phrase: str) -> set[str]:
    name = re.sub(r"[(（].*?[)）]", "", phrase)
    return {name[i : i + 2] for i in range(len(name) - 1)}


def bigram_share(phrase: str, question: str) -> float:
    """How much of a table row's indicator name the question spells out (`地区生产总值增长`)."""
    grams = _grams(phrase)
    return len({g for g in grams if g in question}) / len(grams) if grams else 0.0


def row_indicator(hit: Hit) -> str:
    return hit.chunk.locator.rsplit(" · ", 1)[-1]


def row_match(hit: Hit, search: str) -> int:
    """How many character pairs of a row's indicator the question spells out: `单位GDP碳排放降幅` asked, the row
    `单位GDP二氧化碳排放降幅` matches more of it than the row `地区生产总值` (all of whose few pairs GDP stands for)."""
    return sum(g in search for g in _grams(row_indicator(hit))) if hit.chunk.kind == "table_row" else 0


# Which of a row's columns a question asks for, beyond its year: `实际完成` the 完成情况 column,
# `规划定的目标` the target column, `年均` the yearly growth.
_ASPECT_COLUMNS = (
    (re.compile(r"实际|完成|做到|实现了|达到了"), ("完成", "实际", "实现")),
    (re.compile(r"目标|规划定|计划|预期"), ("目标", "规划", "预期")),
    (re.compile(r"年均|平均每年|每年平均"), ("年均",)),
)


def asked_columns(question: str) -> tuple[str, ...]:
    """Words of the column headers a question asks for (`十三五实际完成了多少` → 完成, 实际, 实现)."""
    return tuple(word for pattern, words in _ASPECT_COLUMNS if pattern.search(question) for word in words)


def row_cells(hit: Hit, years: list[str], columns: tuple[str, ...] = ()) -> list[str]:
    """A table row's value cells, the column asked about (its year, and target or actual) first."""
    indicator = row_indicator(hit)
    parts = hit.chunk.text.split(" | ")
    cells = [p for p in parts[1:] if p != indicator and (": " in p or p.startswith("（未能对齐"))]

    def order(cell: str) -> tuple[bool, bool]:
        head = cell.split(": ")[0]
        year, column = any(y in head for y in years), any(w in head for w in columns)
        return not (year and column), not year, not column

    return sorted(cells, key=order)


def covers_years(hit: Hit, years: list[str]) -> bool:
    """A table row answers for a year only through a column (or a table) of that year, never its document's title.

    The plan `…二〇三五年远景目标纲要` has no 2035 column: asked for 2035, its 2025 cell is another period's value.
    """
    table = arabic_years(hit.chunk.text.split(" | ")[0])
    columns = [arabic_years(cell.split(": ")[0]) for cell in row_cells(hit, years)]
    return any(y in table or any(y in column for column in columns) for y in years)


_PER_YEAR = re.compile(r"年均|平均每年|每年平均|每年.{0,4}(?:增|涨|提高|降)")


def lacks_change(hit: Hit, question: str) -> bool:
    """Asked how fast an indicator grows each year (`年均增速呢`), a row stating only its levels (`2020: 4.3 | 2025: 4.5`,
    no growth column, no growth indicator) does not answer: the yearly growth is not given, and no other figure is it.
    Only the words asked last count: a follow-up is searched after the turns it leans on (`…年均增速呢 湘乡2025年 是多少`
    asks a level)."""
    if hit.chunk.kind != "table_row" or not _PER_YEAR.search((question.split() or [""])[-1]):
        return False
    return not _GROWTH_COLUMN.search(hit.chunk.text.split(" | ", 1)[-1])


_YEAR_IN = re.compile(r"(?:19|20)\d{2}")


def _asked_cells(hit: Hit, years: list[str], question: str) -> list[tuple[str, str]]:
    """The (header, value) cells of a table row the question asks about: the years it names, or `年均` columns."""
    cells = [tuple(cell.split(": ", 1)) for cell in hit.chunk.text.split(" | ") if ": " in cell]
    if _PER_YEAR.search(question):
        return [(head, value) for head, value in cells if "年均" in head]
    if not years:  # `能源综合生产能力的目标值呢`: every year's column, which all must be blank to say it is not given
        return [(head, value) for head, value in cells if _YEAR_IN.search(arabic_years(head))]
    return [(head, value) for head, value in cells if any(y in arabic_years(head) for y in years)]


def blank_columns(hit: Hit, years: list[str], question: str) -> list[str]:
    """The headers of the asked columns when every one of them is `-` or empty: the document gives no value."""
    cells = _asked_cells(hit, years, question) if hit.chunk.kind == "table_row" else []
    blank = cells and all(value.strip() in ("-", "—", "－", "") for _, value in cells)
    return [head for head, _ in cells] if blank else []


def gives_unit(hit: Hit, unit: str, asked: str) -> bool:
    """A sentence must carry the asked unit; a table row only when it states a unit at all (its cell may be empty)."""
    if hit.chunk.kind != "table_row":
        return carries_unit(unit, asked)
    # `增速(%` lost its bracket; `执业(助理)医师数` is bracketed but states no unit
    states_unit = "单位: " in unit or row_unit(hit) or re.search(r"[%％]", row_indicator(hit))
    return not states_unit or carries_unit(unit, asked)


_BRACKETED_UNIT = re.compile(r"[(（]([%％‰]|[万亿千百]?(?:元|美元|人次|人|户|吨|亩|公顷|平方公里|公里|千米|个|家|所|张|岁|年|天|小时|千瓦时|吨标准煤))[)）]?$")
_BARE_FIGURE = re.compile(r"[≥≤><]?\d+(?:\.\d+)?")
_GROWTH_COLUMN = re.compile(r"增长|增速|增幅|累计|降低|下降|降幅")


def row_unit(hit: Hit) -> str:
    """The unit a row's figures are in: its indicator's (`常住人口城镇化率(%)`), or its `单位` cell."""
    indicator = row_indicator(hit)
    match = _BRACKETED_UNIT.search(indicator)
    if match:
        return match.group(1)
    cell = next((c for c in hit.chunk.text.split(" | ") if c.startswith("单位: ")), "")
    unit = cell.removeprefix("单位: ").strip()
    return unit if _BRACKETED_UNIT.fullmatch(f"({unit})") else ""


def _with_unit(cell: str, unit: str) -> str:
    """`2025年: 90` → `2025年: 90%`: a bare figure in the unit its column or row states (a growth column without one of
    its own may be in percent or points, and is left as it stands)."""
    head, _, value = cell.partition(": ")
    if not _BARE_FIGURE.fullmatch(value.strip()):
        return cell
    own = _BRACKETED_UNIT.search(head)
    if own:
        return f"{cell}{own.group(1)}"
    return f"{cell}{unit}" if unit and not _GROWTH_COLUMN.search(head) else cell


def row_answer(hit: Hit, years: list[str], columns: tuple[str, ...] = ()) -> str:
    """`专栏2 … | 经济发展 | 地区生产总值增长(%) | 2020年: 3.6 | …` → `…中，地区生产总值增长(%)：2025年: 6.5%，…`.

    The column of the year asked about comes first, so the reader sees the cell that answers; a bare figure carries
    the unit its row or column states.
    """
    table, unit = hit.chunk.text.split(" | ")[0], row_unit(hit)
    return f"{table}中，{row_indicator(hit)}：{'，'.join(_with_unit(c, unit) for c in row_cells(hit, years, columns))}"


def blank_answer(hit: Hit, years: list[str], question: str) -> tuple[str, tuple[str, ...]]:
    """A row whose asked cells are `-`: the line saying the document gives no value, and what it quotes of the row."""
    table, indicator = hit.chunk.text.split(" | ")[0], row_indicator(hit)
    asked = blank_columns(hit, years, question)
    cells = [c for c in hit.chunk.text.split(" | ") if c.split(": ")[0] in asked]
    return f"{table}中，{indicator}（{'；'.join(cells)}）一栏为“-”：文件未给出这一数值。", (indicator, *cells)


def answer_quotes(hit: Hit, unit: str, years: list[str], columns: tuple[str, ...] = ()) -> tuple[str, ...]:
    """What of the passage an answer line reproduces: the sentence, or the row's indicator and cells."""
    if hit.chunk.kind != "table_row":
        return (unit,)
    return tuple(q for q in (row_indicator(hit), *row_cells(hit, years, columns)) if q in hit.chunk.text)
