"""HTML for the chat UI; all document text is escaped, so a passage may show `<script>` but never run it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from index import BuildReport, Index
from ingest import Chunk, IngestError

from .answer import Answer, Citation

# The `[n]` compose() puts at the end of each answer line; a `[5]` inside a table cell is not one.
_MARK = re.compile(r"\[(\d+)\]$", re.MULTILINE)
# A checked model answer's lines end in one mark or several (`[1][3]`, `chatbot/verify.py: renumbered`).
_MARKS = re.compile(r"\[(\d+)\](?=(?:\[\d+\])*$)", re.MULTILINE)

def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def highlight(text: str, quotes: Sequence[str]) -> str:
    """`text` escaped, with every quoted span wrapped in `<mark>` (overlapping spans merge)."""
    spans = sorted((at, at + len(q)) for q in quotes if q and (at := text.find(q)) >= 0)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out, pos = [], 0
    for start, end in merged:
        out += [esc(text[pos:start]), "<mark>", esc(text[start:end]), "</mark>"]
        pos = end
    return "".join(out) + esc(text[pos:])


def label_html(result: Answer) -> str:
    """The answer's label (`Answer.label`) as a line above it: ticked when the model's answer passed its check."""
    if not result.label:
        return ""
    if result.mode == "llm":
        return f'<div class="pqa-mode pqa-verified">✓ {esc(result.label)}</div>'
    return f'<div class="pqa-mode pqa-fallback">{esc(result.label)}</div>'


def answer_html(result: Answer) -> str:
    """The chat bubble: escaped answer whose `[n]` marks jump to source n; a refusal is marked as one.

    One `<div>` without blank lines, so the Chatbot's markdown pass leaves its text alone.
    """
    n = len(result.citations)

    def link(m: re.Match) -> str:
        i = int(m.group(1))
        return f'<a class="pqa-cite" href="#pqa-src-{i}" title="查看出处 {i}">[{i}]</a>' if 1 <= i <= n else m.group(0)

    body = (_MARKS if result.mode == "llm" else _MARK).sub(link, esc(result.answer)).replace("\n", "<br>")
    if result.searched:  # how a follow-up was understood
        body = f'<div class="pqa-searched">按“{esc(result.searched)}”检索</div>{body}'
    body = label_html(result) + body
    if not result.refused:
        refs = "".join(
            f'<div><a class="pqa-cite" href="#pqa-src-{i}">[{i}]</a> 《{esc(c.title)}》 {esc(c.locator)}</div>'
            for i, c in enumerate(result.citations, 1)
            if c.quotes
        )
        return f'<div class="pqa-answer">{body}<div class="pqa-refs">{refs}</div></div>'
    note = "参考段落见「引用来源」。" if n else ""
    return (
        f'<div class="pqa-answer pqa-refusal"><span class="pqa-badge">未找到</span> {body}'
        f'<br><span class="pqa-note">{note}</span></div>'
    )


def _context(chunks: list[Chunk], cited: Citation) -> str:
    """The clause with its neighbours, collapsed until the reader asks for it."""
    if len(chunks) < 2:
        return ""
    parts = []
    for c in chunks:
        here = c.locator == cited.locator
        text = highlight(c.text, cited.quotes) if here else esc(c.text)
        parts.append(
            f'<div class="pqa-ctx{" pqa-here" if here else ""}">'
            f'<div class="pqa-ctx-loc">{esc(c.locator)}{"（本段）" if here else ""}</div>'
            f'<div class="pqa-text">{text}</div></div>'
        )
    return f'<details class="pqa-context"><summary>查看上下文（前后条款）</summary>{"".join(parts)}</details>'


def source_card(i: int, c: Citation, around: list[Chunk]) -> str:
    """One cited passage: document, place, locator, score, the passage with the answer marked."""
    tag = '<span class="pqa-tag">答案出处</span>' if c.quotes else ""
    place = f'<span class="pqa-place">{esc(c.place)}</span>' if c.place else ""
    return (
        f'<div class="pqa-card{" pqa-used" if c.quotes else ""}" id="pqa-src-{i}">'
        f'<div class="pqa-card-title"><span class="pqa-num">[{i}]</span> 《{esc(c.title)}》{tag}</div>'
        f'<div class="pqa-meta">{place}<span class="pqa-loc">{esc(c.locator)}</span>'
        f'<span class="pqa-score">相关度 {c.score:.2f}</span></div>'
        f'<div class="pqa-text pqa-passage">{highlight(c.text, c.quotes)}</div>'
        f'<div class="pqa-file">文件：{esc(c.doc)}</div>'
        f"{_context(around, c)}</div>"
    )


EMPTY_SOURCES = (
    '<div class="pqa-sources"><div class="pqa-empty">提问后，这里列出回答引用的原文：文件名称、地区、'
    "章节条款位置，答案所在的句子会高亮显示。</div></div>"
)

THINKING = '<div class="pqa-answer pqa-thinking">正在检索……</div>'
THINKING_SOURCES = '<div class="pqa-sources"><div class="pqa-empty">正在检索相关段落……</div></div>'


def sources_html(result: Answer, around: Callable[[Citation], list[Chunk]] = lambda c: []) -> str:
    """The sources panel for one answer; a refusal still lists the closest passages, marked as such."""
    if not result.citations:
        return '<div class="pqa-sources"><div class="pqa-empty">没有找到相关段落。</div></div>'
    if result.refused:
        head = '<div class="pqa-sources-head pqa-refused">文件中未找到明确答案，以下是最接近的段落（仅供参考）</div>'
    else:
        head = f'<div class="pqa-sources-head">共 {len(result.citations)} 段原文，高亮处为回答所依据的句子</div>'
    cards = "".join(source_card(i, c, around(c)) for i, c in enumerate(result.citations, 1))
    return f'<div class="pqa-sources">{head}{cards}</div>'


def _when(stamp: str) -> str:
    """`2026-11-24T11:22:37+0000` → `2026-11-24 11:22`."""
    return stamp[:16].replace("T", " ")


def status_html(index: Index) -> str:
    m = index.manifest
    return (
        f'<div class="pqa-status">索引状态：{len(m.docs)} 份文件 · {m.chunk_count} 个段落 · '
        f"嵌入模型 {esc(m.embedder)}（{m.dimension} 维） · 构建于 {esc(_when(m.built_at))} · "
        f"版本 {esc(index.version)}</div>"
    )


def header_html(index: Index) -> str:
    """The first screen's title, promise, and one line on what the chatbot knows."""
    places = f"（{'、'.join(index.places)}）" if index.places else ""
    known = f"已收录 {len(index.manifest.docs)} 份文件{places}，共 {index.manifest.chunk_count} 个段落"
    return (
        '<div class="pqa-header"><h1>政策文件问答</h1>'
        "<p>回答只摘自文件原文，每句话都标注出处（文件 · 章节条款）；文件里没有的，会直接告诉您“文件中未找到”。</p>"
        f'<p class="pqa-summary">{esc(known)}</p></div>'
    )


def docs_html(index: Index) -> str:
    """Indexed documents, newest first: title with its file name, place, passages, when added."""
    rows = "".join(
        f"<tr><td>{esc(d.title)}<div class='pqa-fname'>{esc(d.name)}</div></td><td>{esc(d.place or '—')}</td>"
        f"<td>{d.chunks}</td><td>{esc(_when(d.added_at))}</td></tr>"
        for d in sorted(index.manifest.docs.values(), key=lambda d: d.added_at, reverse=True)
    )
    return (
        '<h3 class="pqa-panel-title">已收录的文件</h3>'
        '<div class="pqa-table-wrap"><table class="pqa-docs"><thead><tr><th>文件</th><th>地区</th><th>段落</th>'
        f"<th>添加时间</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _error_line(e: IngestError, failed: str) -> str:
    return f"<li class='pqa-bad'>{failed} {esc(Path(e.path).name)}：{esc(e.reason)}</li>"


def report_html(report: BuildReport, given: Sequence[str] = (), failed: str = "未添加") -> str:
    """What an upload (`failed="未添加"`) or a removal (`"未删除"`) did, file by file."""
    lines = [f"<li class='pqa-ok'>已添加 {esc(n)}</li>" for n in report.added]
    lines += [f"<li class='pqa-ok'>已更新 {esc(n)}（替换了旧版本）</li>" for n in report.changed]
    lines += [f"<li>未变化 {esc(n)}：与已收录的内容相同</li>" for n in report.unchanged if n in given]
    lines += [f"<li>跳过 {esc(a)}：与 {esc(b)} 内容相同</li>" for a, b in report.duplicates]
    lines += [f"<li class='pqa-ok'>已删除 {esc(n)}</li>" for n in report.removed]
    lines += [_error_line(e, failed) for e in report.errors]
    tail = (
        f"<p class='pqa-status'>索引已更新到版本 {esc(report.version)}：共 {report.chunks} 个段落，"
        f"新计算向量 {report.embedded} 个，用时 {report.seconds:.1f} 秒。现在即可提问。</p>"
        if report.version
        else "<p class='pqa-status'>知识库没有变化。</p>"
    )
    return f"<ul class='pqa-report'>{''.join(lines)}</ul>{tail}"


def failure_html(message: str) -> str:
    """A whole operation that failed (lock held, nothing indexable): the old index keeps serving."""
    return f"<p class='pqa-bad'>操作未完成：{esc(message)}。现有知识库不受影响，仍可正常提问。</p>"


# Gradio scopes `css` to the app's content; the page margin on phones sits outside it.
HEAD = (
    "<style>@media (max-width: 640px) { .gradio-container .main.fillable { padding: 12px 10px !important; } }</style>"
)

CSS = """
.pqa-header h1 { font-size: 1.5rem; margin: 0 0 4px; }
.pqa-header p { margin: 0; color: var(--body-text-color-subdued); line-height: 1.6; }
.pqa-header .pqa-summary { font-size: 0.88rem; }
.pqa-answer { line-height: 1.75; }
.pqa-thinking { color: var(--body-text-color-subdued); }
.pqa-refs { margin-top: 6px; padding-top: 4px; border-top: 1px dashed var(--border-color-primary);
  font-size: 0.8rem; line-height: 1.6; color: var(--body-text-color-subdued); }
.pqa-refs:empty { display: none; }
.pqa-thinking::before { content: "⏳ "; }
a.pqa-cite { display: inline-block; margin: 0 1px; padding: 0 5px; border-radius: 8px; font-size: 0.8em;
  line-height: 1.5; vertical-align: 2px; text-decoration: none; font-weight: 600;
  background: var(--color-accent-soft); color: var(--color-accent); }
a.pqa-cite:hover { background: var(--color-accent); color: white; }
.pqa-refusal { border-left: 4px solid #d48806; padding-left: 10px; }
.pqa-badge { display: inline-block; padding: 0 8px; border-radius: 10px; background: #fff1b8; color: #874d00;
  font-size: 0.85em; font-weight: 600; }
.pqa-note { color: var(--body-text-color-subdued); font-size: 0.9em; }
.pqa-mode { font-size: 0.82em; margin-bottom: 4px; }
.pqa-verified { color: #237804; }
.pqa-fallback { color: #874d00; }
.pqa-searched { color: var(--body-text-color-subdued); font-size: 0.85em; margin-bottom: 4px; }
.pqa-panel-title { margin: 4px 0 0; font-size: 1.05rem; }
#pqa-sources { max-height: 600px; overflow-y: auto; }
.pqa-sources-head { font-size: 0.9rem; color: var(--body-text-color-subdued); margin: 0 0 8px; }
.pqa-sources-head.pqa-refused { color: #874d00; background: #fff7e6; border: 1px solid #ffd591;
  padding: 6px 10px; border-radius: 6px; font-weight: 600; }
.pqa-empty { color: var(--body-text-color-subdued); padding: 16px; border: 1px dashed var(--border-color-primary);
  border-radius: 8px; line-height: 1.7; }
.pqa-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 10px 12px; margin: 0 0 10px;
  background: var(--background-fill-primary); scroll-margin-top: 8px; }
.pqa-card.pqa-used { border-left: 4px solid var(--color-accent); }
.pqa-card:target { box-shadow: 0 0 0 2px var(--color-accent); }
.pqa-card-title { font-weight: 600; line-height: 1.5; }
.pqa-num { color: var(--color-accent); }
.pqa-tag { margin-left: 6px; padding: 0 6px; border-radius: 8px; font-size: 0.75rem; font-weight: 500;
  background: var(--color-accent-soft); color: var(--color-accent); white-space: nowrap; }
.pqa-meta { display: flex; flex-wrap: wrap; gap: 4px 6px; margin: 6px 0; font-size: 0.82rem; }
.pqa-meta span { padding: 1px 8px; border-radius: 10px; background: var(--background-fill-secondary);
  border: 1px solid var(--border-color-primary); }
.pqa-meta .pqa-loc { font-weight: 600; }
.pqa-text { white-space: pre-wrap; word-break: break-word; line-height: 1.7; font-size: 0.92rem; }
.pqa-text mark { background: #ffe58f; color: #1f1f1f; padding: 0 1px; border-radius: 2px; }
.pqa-file { font-size: 0.75rem; color: var(--body-text-color-subdued); margin-top: 4px; word-break: break-all; }
.pqa-context { margin-top: 6px; font-size: 0.88rem; }
.pqa-context summary { cursor: pointer; color: var(--color-accent); }
.pqa-ctx { padding: 6px 8px; margin-top: 6px; border-radius: 6px; background: var(--background-fill-secondary); }
.pqa-ctx.pqa-here { border: 1px solid var(--color-accent); }
.pqa-ctx-loc { font-size: 0.78rem; font-weight: 600; color: var(--body-text-color-subdued); }
.pqa-status { color: var(--body-text-color-subdued); font-size: 0.9rem; }
.pqa-report { margin: 4px 0; padding-left: 20px; line-height: 1.8; }
.pqa-ok { color: #237804; }
.pqa-bad { color: #a8071a; }
.pqa-table-wrap { overflow-x: auto; }
table.pqa-docs { width: 100%; border-collapse: collapse; font-size: 0.9rem; border: none !important; }
table.pqa-docs tr { border: none !important; }
table.pqa-docs th, table.pqa-docs td { border: none !important;
  border-bottom: 1px solid var(--border-color-primary) !important;
  padding: 6px 8px; text-align: left; vertical-align: top; background: none; }
table.pqa-docs th { font-weight: 600; color: var(--body-text-color-subdued); white-space: nowrap; }
table.pqa-docs td:nth-child(2), table.pqa-docs td:nth-child(3) { white-space: nowrap; }
table.pqa-docs td:nth-child(3) { text-align: right; }
.pqa-fname { word-break: break-all; color: var(--body-text-color-subdued); font-size: 0.78rem; }
@media (max-width: 640px) {
  .pqa-header h1 { font-size: 1.25rem; }
  #pqa-chat { height: 400px !important; }
  #pqa-sources { max-height: none; }
  table.pqa-docs td:nth-child(4) { min-width: 5.5em; }
}
"""
