"""`policyqa ingest FILE --show`: how a file was understood, for people checking the parser."""

from __future__ import annotations

from pathlib import Path

from ingest import load
from ingest.structure import Node


def _tree_lines(node: Node, depth: int = 0) -> list[str]:
    lines = []
    if node.heading is not None and node.kind not in ("clause", "item"):
        table = f"  [表格 {len(node.table.rows)} 行]" if node.table else ""
        lines.append("  " * depth + f"{node.heading_text}{table}")
        depth += 1
    for child in node.children:
        lines.extend(_tree_lines(child, depth))
    return lines


def show(path: Path) -> str:
    doc = load(path)
    out = [
        f"文件: {path}",
        f"标题: {doc.title}",
        f"地区: {doc.place or '（未识别）'}",
        f"编码: {doc.raw.encoding}  替换的坏字节: {doc.raw.replaced}",
        f"清除的网页杂项/目录行: {len(doc.cleaned.dropped)}",
        "",
        "== 结构 ==",
        *_tree_lines(doc.tree),
        "",
        f"== 片段 ({len(doc.chunks)}) ==",
    ]
    for c in doc.chunks:
        status = f" [{c.table_status}]" if c.table_status else ""
        out.append(f"[{c.kind}{status}] {c.locator}  ({c.start}-{c.end})")
        out.append("    " + c.text.replace("\n", " ")[:160])
    return "\n".join(out)
