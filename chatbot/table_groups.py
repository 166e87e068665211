"""Questions about an indicators table as a whole, answered from its rows.

`民生改善类有几项`, `这两个里哪个是约束性的`, `约束性指标有几项`, `主要指标有几大类`: no one row answers these; the
rows of a group (the table's first column, `四、民生改善(12项)`) or of the whole table do, each cited.
"""

from __future__ import annotations

import re

from index import Hit, Index
from ingest import Chunk

from .cache import per_index
from .constraints import named_plans, plan_name

Answered = tuple[list[Hit], str, bool, dict[int, tuple[str, ...]]]


class Cited:
    """An answer built line by line: lines that introduce, and lines each cited by the passage it quotes."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self.lines: list[str] = []
        self.sources: dict[int, tuple[str, ...]] = {}

    def say(self, line: str) -> None:
        self.lines.append(line)

    def cite(self, hit: Hit, line: str, quote: str) -> None:
        self.hits.append(hit)
        self.sources[len(self.hits) - 1] = (quote,)
        self.lines.append(f"{line}[{len(self.hits)}]")

    def answer(self) -> Answered:
        return self.hits, "\n".join(self.lines), False, self.sources

# A table's group of rows asked as a whole: `民生改善类有几项`, `民主法治包括哪两个指标`, `这一栏的指标一共有几项`.
_GROUP_ASKED = re.compile(
    r"(?:类|栏|方面|部分)?(?:里面?|中|当中)?的?(?:指标)?(?:一共|共|总共)?(?:有|包括|包含|是)?"
    r"(?:几项|多少项|几个|多少个|哪些|哪几项|哪几个|哪[两三四五六七八九十]个|哪[两三四五六七八九十]项)"
)
_GROUP_NUMBER = re.compile(r"^[一二三四五六七八九十]*、|[（(]\d+项[)）]$")
_LAST_CLAUSE = re.compile(r"[^，,。；;？?]*[，,。；;？?\s]*$")
_ATTRIBUTE = re.compile(r"约束性|预期性")
# A plan's table of indicators asked as a whole: which are 约束性, how many it lists, which groups it has.
_TABLE_NAMED = re.compile(r"指标表|主要指标|完成情况表|指标完成")
_TABLE_ATTRIBUTE = re.compile(
    r"(?:哪些|哪几|几项|多少项|多少个)[^，,。？?]{0,6}(约束性|预期性)|(约束性|预期性)[^，,。？?]{0,6}(?:有哪些|有几|有多少|是哪些)"
)
_TABLE_SIZE = re.compile(r"(?:(?:一共|总共|共)有?(?:多少|几)[项个]|(?:多少|几)[项个]指标)[？?。\s]*$")
_TABLE_GROUPS = re.compile(r"几大类|哪几类|几类|哪些类|分为哪几|分成哪几|分几类")


@per_index
def _table_groups(index: Index) -> list[tuple[str, str, str, list[Chunk]]]:
    """(name, table, group cell, rows) of every group of table rows (`四、民生改善(12项)` → `民生改善`): once per index."""
    groups: dict[tuple[str, str, str], list[Chunk]] = {}
    for chunk in index.chunks:
        cells = chunk.text.split(" | ") if chunk.kind == "table_row" else []
        if len(cells) >= 3:
            groups.setdefault((chunk.doc, cells[0], cells[1]), []).append(chunk)
    return [(_GROUP_NUMBER.sub("", group).strip(), table, group, rows) for (_, table, group), rows in groups.items()]


def _groups(docs: list[str], question: str, index: Index) -> tuple[list[list[Chunk]], str]:
    """The rows of the table group the question names and asks of as a whole (`民生改善类有几项`), one list per table
    of the period it names (`十三五` or `十四五`); a follow-up asking which of them are `约束性` keeps those (the
    attribute asked is returned beside them)."""
    plans = [plan_name(n) for n in named_plans(question)]
    last = len(question) - len(_LAST_CLAUSE.search(question).group())
    attribute = _ATTRIBUTE.search(question, last)
    found = []
    for name, table, _, rows in _table_groups(index):
        at = question.find(name, 0 if attribute else last) if len(name) >= 2 else -1
        if at < 0 or not _GROUP_ASKED.match(question, at + len(name)) or (plans and not any(p in table for p in plans)):
            continue
        kept = [r for r in rows if r.doc in docs]
        if attribute:
            kept = [r for r in kept if re.search(rf"属性: ?{attribute.group()}", r.text)]
        if kept:
            found.append(kept)
    return found, attribute.group() if attribute else ""


def _whole_tables(docs: list[str], question: str, index: Index) -> tuple[list[list[Chunk]], str, bool]:
    """The rows of each indicators table of the question's documents and period it asks of as a whole, with the
    attribute it asks which rows have (`约束性`), or whether it asks the table's groups; none when it asks no such
    thing."""
    if not _TABLE_NAMED.search(question):
        return [], "", False
    attribute = _TABLE_ATTRIBUTE.search(question)
    groups = bool(_TABLE_GROUPS.search(question))
    if not (attribute or groups or _TABLE_SIZE.search(question)):
        return [], "", False
    plans = [plan_name(n) for n in named_plans(question)]
    tables: dict[tuple[str, str], list[Chunk]] = {}
    for _, table, _, rows in _table_groups(index):
        if "指标" in table and (not plans or any(p in table for p in plans)):
            tables.setdefault((rows[0].doc, table), []).extend(r for r in rows if r.doc in docs)
    said = (attribute.group(1) or attribute.group(2)) if attribute else ""
    kept = [[r for r in rows if not said or re.search(rf"属性: ?{said}", r.text)] for rows in tables.values()]
    return [rows for rows in kept if rows], said, groups


def _groups_answer(tables: list[list[Chunk]]) -> Answered:
    """Each table's groups of rows, a line each, cited by the group's first row."""
    out = Cited()
    for rows in tables:
        cells = list(dict.fromkeys(r.text.split(" | ")[1] for r in rows))
        out.say(f"【{rows[0].place}】{rows[0].text.split(' | ')[0]}共分{len(cells)}类：")
        for cell in cells:
            first = next(r for r in rows if r.text.split(" | ")[1] == cell)
            out.cite(Hit(first, 1.0, 0.0, 0.0), cell.lstrip("、"), cell)
    return out.answer()


def _group_answer(groups: list[list[Chunk]], attribute: str, whole: bool = False) -> Answered:
    """Each group's table and heading cell, then its rows' indicators a line each, every one cited by its row."""
    out = Cited()
    for rows in groups:
        table, group = rows[0].text.split(" | ")[:2]
        kept = f"，其中{attribute}指标{len(rows)}项" if attribute else f"（表中列有{len(rows)}项）"
        where = table if whole else f"{table}中，{group.lstrip('、')}"
        out.say(f"【{rows[0].place}】{where}{kept}：")
        for row in rows:
            indicator = row.text.split(" | ")[2]
            out.cite(Hit(row, 1.0, 0.0, 0.0), indicator, indicator)
    return out.answer()


def answer_table_groups(question: str, index: Index, docs: list[str]) -> Answered | None:
    """The rows a question asks of a table's group or of the whole table, listed; None when it asks no such thing."""
    groups, attribute = _groups(docs, question, index)
    if groups:
        return _group_answer(groups, attribute)
    tables, attribute, of_groups = _whole_tables(docs, question, index)
    if tables:
        return _groups_answer(tables) if of_groups else _group_answer(tables, attribute, whole=True)
    return None
