"""Build the heading tree of a cleaned document: 附件 → 章 → 节 → 一、 → （一） → 1. → （1）, plus 专栏 boxes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import Line
from .headings import Heading, cn_to_int, parse_heading
from .tables import Table, parse_table

# An attachment's own title follows its `附件N` line: `洪江市产业培塑行动实施方案`.
_TITLE_LIKE = re.compile(r"(方案|规划|纲要|报告|意见|办法|通知|计划|细则|清单)(\(草案\)|（草案）)?$")
_SENTENCE_END = re.compile(r"[。;；:：!！?？]$")


@dataclass
class Node:
    """A heading and what it holds: its own body lines, its children, and a table if it is one."""

    heading: Heading | None
    line: Line | None
    body: list[Line] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    table: Table | None = None
    extra_lines: list[Line] = field(default_factory=list)  # table lines, spanned but not body

    @property
    def rank(self) -> int:
        return -1 if self.heading is None else self.heading.rank

    @property
    def kind(self) -> str:
        return "document" if self.heading is None else self.heading.kind

    @property
    def heading_text(self) -> str:
        """The heading as a reader sees it; long lead-sentence headings are cut at their first stop."""
        if self.line is None:
            return ""
        text = self.line.text
        if self.heading and self.heading.kind == "attachment" and self.heading.title:
            return f"附件{self.heading.number} {self.heading.title}"
        if len(text) <= 40:
            return text
        lead = re.split(r"(?<=[。:：;；])", text, maxsplit=1)[0]
        return lead if len(lead) <= 60 else lead[:60] + "…"

    @property
    def is_content(self) -> bool:
        """A numbered line that carries text of its own (`1.推动产业…。构建…`), not a bare title."""
        if self.line is None or self.heading is None:
            return False
        if self.heading.kind in ("clause", "item"):
            return True
        return self.heading.kind in ("part", "subpart") and (
            len(self.line.text) > 40 or "。" in self.line.text
        )

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def span(self) -> tuple[int, int]:
        lines = [ln for node in self.walk() for ln in ([node.line] if node.line else []) + node.body + node.extra_lines]
        if not lines:
            return (0, 0)
        return (min(ln.start for ln in lines), max(ln.end for ln in lines))


def _box_of(stack: list[Node]) -> int | None:
    """Index of the innermost open 专栏 in the stack, if any."""
    for i in range(len(stack) - 1, 0, -1):
        if stack[i].kind == "box":
            return i
    return None


def _last_clause(node: Node) -> int:
    for child in reversed(node.children):
        if child.kind == "clause":
            return cn_to_int(child.heading.number) or 0
    return 0


def _unnumbered_heading(lines: list[Line], i: int) -> bool:
    """A short unpunctuated line between long paragraphs opens a part: `2024,我们真抓实干、拼搏进取`."""
    text = lines[i].text
    return (
        0 < i < len(lines) - 1
        and len(text) <= 30
        and not _SENTENCE_END.search(text)
        and len(lines[i + 1].text) >= 100
    )


def build_tree(lines: list[Line], known_headings: dict[str, int] | None = None) -> Node:
    """Nest the lines under their headings; `known_headings` maps heading text → level (docx/md/html)."""
    known = known_headings or {}
    has_chapters = any((h := parse_heading(ln.text)) and h.kind in ("chapter", "attachment") for ln in lines)
    root = Node(None, None)
    stack = [root]
    prose = "\n".join(ln.text for ln in lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = parse_heading(line.text)
        if heading is None and line.text in known:
            heading = Heading("named", str(known[line.text]), line.text)
        elif heading is None and not has_chapters and not known and _unnumbered_heading(lines, i):
            # A year opens a top part (`2025,我们扬帆起航…`); other such lines nest inside it.
            heading = Heading("named", "1" if re.match(r"^\d{4}", line.text) else "2", line.text)
        if heading is None:
            stack[-1].body.append(line)
            i += 1
            continue
        if heading.kind == "attachment" and i + 1 < len(lines) and _TITLE_LIKE.search(lines[i + 1].text):
            heading = Heading("attachment", heading.number, lines[i + 1].text)
            node = Node(heading, line, extra_lines=[lines[i + 1]])
            i += 1
        else:
            node = Node(heading, line)
        box = _box_of(stack)
        if box is not None and heading.kind in ("clause", "item"):
            outer_next = _last_clause(stack[box - 1]) + 1
            box_next = _last_clause(stack[box]) + 1
            number = cn_to_int(heading.number) or 0
            if heading.kind == "clause" and number == outer_next and number != box_next:
                del stack[box:]
            else:
                # Items of a box restart their numbering (`专栏5` lists 1、…10、): they belong to the box.
                if heading.kind == "clause":
                    del stack[box + 1 :]
                while stack[-1] is not stack[box] and stack[-1].rank >= heading.rank:
                    stack.pop()
                stack[-1].children.append(node)
                stack.append(node)
                i += 1
                continue
        while len(stack) > 1 and stack[-1].rank >= heading.rank:
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
        i += 1
        if heading.kind == "box":
            table = parse_table(lines[i:], prose)
            if table is not None:
                node.table = table
                node.extra_lines = lines[i : i + table.consumed]
                i += table.consumed
    return root
