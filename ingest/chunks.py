"""Cut a document tree into citable chunks: one per numbered clause, table row or paragraph group."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields, replace

from .clean import Line
from .structure import Node
from .tables import row_text

# Sentences end at 。!? (a `;` list of targets stays one sentence: `主要预期目标是:…增长6%;…增长8%`).
_SENTENCE = re.compile(r"[^。!！?？]*[。!！?？]+[”’」)）]*|[^。!！?？]+$")


@dataclass(frozen=True)
class Chunk:
    """A passage with everything a citation needs (GUIDE.md §2)."""

    text: str
    doc: str
    title: str
    place: str
    heading_path: tuple[str, ...]
    clause: str
    locator: str
    kind: str  # clause / section / table_row / paragraph; `heading` when an outline answer cites a heading itself
    start: int
    end: int
    hash: str = ""
    table_status: str = ""  # for table rows: exact / inferred / verbatim
    year: str = ""  # the year an annual document is about: a passage naming no year of its own speaks of it

    @property
    def search_text(self) -> str:
        """What gets embedded and keyword-indexed: place and heading path give a passage its context."""
        context = " ".join(p for p in (self.place, *self.heading_path) if p)
        return f"{context}\n{self.text}" if context else self.text

    @property
    def id(self) -> str:
        return f"{self.doc}#{self.locator}"

    def metadata(self) -> dict:
        """Every field but the text, as JSON holds it; field by field, since `asdict` deep-copies each string (it took
        half of the 1.9 s of writing the records of 77,000 passages)."""
        meta = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "text"}
        meta["heading_path"] = list(self.heading_path)
        return meta


@dataclass(frozen=True)
class ChunkConfig:
    """Size limits: long passages are split at sentence ends, tiny sibling clauses are merged."""

    max_chars: int = 600
    min_chars: int = 60


@dataclass
class _Draft:
    lines: list[tuple[str, int, int]]  # (text, start, end)
    path: tuple[str, ...]
    labels: tuple[str, ...]
    clause: str
    kind: str
    suffix: str = ""
    table_status: str = ""
    merged: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(t) for t, _, _ in self.lines)


def content_hash(search_text: str) -> str:
    """The key of a chunk's vector: the same text embedded once, whatever document holds it."""
    return hashlib.sha1(search_text.encode()).hexdigest()[:16]


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s.strip()]


def _pieces(text: str, start: int, max_chars: int) -> list[tuple[str, int, int]]:
    """Split one long line at sentence ends into pieces of at most `max_chars` (a sentence is never cut)."""
    if len(text) <= max_chars:
        return [(text, start, start + len(text))]
    out: list[tuple[str, int, int]] = []
    buf, buf_start, pos = "", start, start
    for sentence in split_sentences(text):
        if buf and len(buf) + len(sentence) > max_chars:
            out.append((buf, buf_start, buf_start + len(buf)))
            buf, buf_start = "", pos
        buf += sentence
        pos += len(sentence)
    if buf:
        out.append((buf, buf_start, buf_start + len(buf)))
    return out


# A report's byline: who delivers it, by office and name (`怀化市洪江区管理委员会主任 钟跃波`).
_BYLINE = re.compile(r"[\u4e00-\u9fff]{2,30}(?:主任|区长|市长|县长|省长|书记|主席|局长|部长)\s*[\u4e00-\u9fff]{2,3}")


def is_byline(line: str) -> bool:
    """Whether a line names who delivers the document, to stay with the dateline before it (`——…在…会议上`)."""
    return _BYLINE.fullmatch(line.strip()) is not None


def _group(lines: list[Line], max_chars: int, min_chars: int) -> list[list[tuple[str, int, int]]]:
    """One group per paragraph, tiny ones joined to the next (a byline to the one before), any longer than
    `max_chars` split."""
    groups: list[list[tuple[str, int, int]]] = []
    size = 0
    for line in lines:
        for piece in _pieces(line.text, line.start, max_chars):
            joins = bool(groups) and is_byline(piece[0]) and size + len(piece[0]) <= max_chars
            if not joins and (not groups or size >= min_chars or size + len(piece[0]) > max_chars):
                groups.append([])
                size = 0
            groups[-1].append(piece)
            size += len(piece[0])
    return groups


def _drafts(node: Node, path: tuple[str, ...], labels: tuple[str, ...], cfg: ChunkConfig) -> list[_Draft]:
    out: list[_Draft] = []
    if node.heading is not None:
        path = (*path, node.heading_text)
        if node.kind not in ("clause", "item") and not node.is_content:
            labels = (*labels, node.heading.label)
    if node.table is not None:
        title = node.heading_text
        for row in node.table.rows:
            text = row_text(title, row)
            if row.status == "verbatim" and node.table.header:
                text += " | 表头: " + " ".join(node.table.header)
            draft = _Draft([(text, row.start, row.end)], path, labels, "", "table_row", table_status=row.status)
            draft.suffix = row.indicator
            out.append(draft)
    if node.is_content:
        label = node.heading.label
        lines = [node.line, *node.body]
        kind = "clause"
        groups = _group(lines, cfg.max_chars, cfg.min_chars)
        for k, group in enumerate(groups, 1):
            more = f"({k}/{len(groups)})" if len(groups) > 1 else ""
            out.append(_Draft(group, path, labels, label, kind, suffix=more))
    elif node.body:
        kind = "paragraph" if node.heading is None else "section"
        groups = _group(node.body, cfg.max_chars, cfg.min_chars)
        for k, group in enumerate(groups, 1):
            out.append(_Draft(group, path, labels, "", kind, suffix=f"第{k}段"))
    if node.is_content:
        labels = (*labels, node.heading.label)
    merged: list[_Draft] = []
    for child in node.children:
        for draft in _drafts(child, path, labels, cfg):
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and draft.kind == prev.kind == "clause"
                and prev.labels == draft.labels
                and draft.size < cfg.min_chars
                and prev.size < cfg.max_chars - draft.size
                and (prev.size < cfg.min_chars or prev.merged)
            ):
                prev.lines.extend(draft.lines)
                prev.merged.append(draft.clause)
                continue
            merged.append(draft)
    return out + merged


def _clause_label(draft: _Draft) -> str:
    if not draft.merged:
        return draft.clause
    return f"{draft.clause}–{draft.merged[-1]}"


# A paragraph that opens with a short lead sentence (`工业经济提质增效。`, work reports set them in bold)
# is named by it; a heading without a number (`一年来,我们全力以赴拼经济,主导产业…`) by its first words.
_LEAD = re.compile(r"^\s*([^。，,；;：:！!？?\s]{2,14})[。：:]")
_LONG_LABEL = 16


def _short(label: str) -> str:
    """A long unnumbered heading cut after its first phrase that says something (`一年来,我们全力以赴拼经济…`)."""
    if len(label) <= _LONG_LABEL:
        return label
    cut = ""
    for piece in re.split(r"(?<=[,，;；、])", label):
        cut += piece
        if len(cut.rstrip(",，;；、")) >= 8:
            break
    return cut.rstrip(",，;；、")[:_LONG_LABEL] + "…"


def _lead(text: str) -> str | None:
    """The short lead sentence a paragraph opens with, when more follows it."""
    first = text.split("\n", 1)[0]
    lead = _LEAD.match(first)
    return lead.group(1).lstrip("—-") if lead and len(lead.group(0).strip()) < len(first.strip()) else None


def _paragraph_name(draft: _Draft) -> str:
    return _lead(draft.lines[0][0]) or draft.suffix


def section_name(chunk: Chunk, sentence: str = "") -> str:
    """What a passage is about in a few words, for a reader who sees one sentence of it: its lead, or its heading.

    A lead names its own line only: a glossary's `“五治行动”(P17):…` is not about the `“两新”(P14)` above it."""
    first = chunk.text.lstrip().split("\n", 1)[0]
    own = not sentence or sentence in first
    if chunk.kind in ("section", "paragraph") and own and (lead := _lead(chunk.text)):
        return lead
    path = [h for h in chunk.heading_path if not chunk.text.startswith(h)]
    return _short(path[-1]) if path else ""


def _locator(draft: _Draft) -> str:
    where = " ".join(map(_short, draft.labels))
    if draft.kind == "table_row":
        return f"{where} · {draft.suffix}".strip(" ·")
    if draft.kind == "clause":
        label = _clause_label(draft)
        number = label.rstrip(".")
        what = f"第{number}条" if re.fullmatch(r"[\d–.]+", label) else label
        return f"{where} · {what}{draft.suffix}".strip(" ·")
    return f"{where} · {_paragraph_name(draft)}".strip(" ·")


def chunk_tree(tree: Node, doc: str, title: str, place: str, cfg: ChunkConfig | None = None) -> list[Chunk]:
    """All chunks of one document, in document order, with locators unique within the document."""
    cfg = cfg or ChunkConfig()
    drafts = sorted(_drafts(tree, (), (), cfg), key=lambda d: d.lines[0][1])
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for draft in drafts:
        locator = _locator(draft) or "正文"
        seen[locator] = seen.get(locator, 0) + 1
        if seen[locator] > 1:
            locator = f"{locator} #{seen[locator]}"
        text = "\n".join(t for t, _, _ in draft.lines)
        chunk = Chunk(
            text=text,
            doc=doc,
            title=title,
            place=place,
            heading_path=draft.path,
            clause=_clause_label(draft),
            locator=locator,
            kind=draft.kind,
            start=draft.lines[0][1],
            end=draft.lines[-1][2],
            table_status=draft.table_status,
        )
        chunks.append(replace(chunk, hash=content_hash(chunk.search_text)))
    return chunks
