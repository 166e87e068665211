"""`policyqa eval`: run every question through `answer()` (`reply()` with `--llm`), write results, print the metrics."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from chatbot import Settings, answer
from chatbot.judge import Judge
from chatbot.llm import reply
from index import Index

from . import DEFAULT_QA
from .metrics import QAItem, read_qa, score

METRIC_COLUMNS = (
    "n", "hit@1", "hit@5", "mrr", "answer_accuracy", "refusal_rate", "false_refusal_rate",
    "latency_p50_ms", "latency_p95_ms",
)  # fmt: skip


def run(
    index: Index,
    settings: Settings,
    items: list[QAItem],
    quiet: bool = False,
    judge: Judge | None = None,
    llm: bool = False,
) -> list[dict]:
    """Each question answered as the product answers it: extractive, or through the chat model with `llm`."""
    ask = reply if llm else answer
    results = []
    for item in tqdm(items, desc="评测", file=sys.stderr, disable=quiet):
        result = ask(item.question, index, settings, judge=judge).to_dict()
        results.append({"id": item.id, **result})
    return results


def modes(results: list[dict]) -> dict[str, float]:
    """Shares of answers shown as the model's verified answer, as the extractive answer instead, and extractive
    without asking (refusals: the model is not asked)."""

    def share(mode: str) -> float:
        return round(sum(r.get("mode") == mode for r in results) / (len(results) or 1), 3)

    return {"verified": share("llm"), "fallback": share("llm_fallback"), "extractive": share("extractive")}


def shown(shares: dict[str, float], settings: Settings) -> str:
    """The line `eval --llm` prints: how the chat model's answers were shown."""
    return (
        f"\nchat model {settings.llm_model}: shown verified {shares['verified']:.1%}, "
        f"fell back to the extractive answer {shares['fallback']:.1%}, "
        f"extractive without asking (refusals) {shares['extractive']:.1%}"
    )


def evaluate(
    index: Index,
    settings: Settings,
    items: list[QAItem],
    quiet: bool = False,
    judge: Judge | None = None,
    llm: bool = False,
) -> tuple[dict, list[dict]]:
    results = run(index, settings, items, quiet, judge, llm)
    places = {name: d.place for name, d in index.manifest.docs.items()}
    metrics = score(items, results, places)
    if llm:
        metrics["llm"] = modes(results)
    return metrics, results


def table(title: str, rows: dict[str, dict]) -> str:
    """A plain-text table of metric rows, one line per row name."""
    head = f"{title:<28}" + "".join(f"{c:>{max(len(c), 6) + 2}}" for c in METRIC_COLUMNS)
    lines = [head, "-" * len(head)]
    for name, metrics in rows.items():
        cells = "".join(f"{'-' if metrics[c] is None else metrics[c]:>{max(len(c), 6) + 2}}" for c in METRIC_COLUMNS)
        lines.append(f"{name[:28]:<28}{cells}")
    return "\n".join(lines)


def report(metrics: dict) -> str:
    return "\n\n".join(
        [
            table("overall", {"all": metrics["overall"]}),
            table("by type", metrics["by_type"]),
            table("by document", metrics["by_doc"]),
            f"table questions answered from the rebuilt row: {metrics['table_answered_from_row']}\n"
            f"disambiguation questions answered from the wrong place: {metrics['disambiguation_wrong_place']}",
        ]
    )


def run_cli(open_index: Callable[[], Index], settings: Settings, args: argparse.Namespace) -> int:
    """Read the QA file first, so a bad path fails before the index is built or loaded."""
    qa = Path(args.qa) if args.qa else DEFAULT_QA
    try:
        every, problems = read_qa(qa)
    except FileNotFoundError:
        print(f"错误: 无法读取评测文件 {qa}: 文件不存在", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"错误: 无法读取评测文件 {qa}: 不是 UTF-8 编码的 JSONL 文本", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"错误: 无法读取评测文件 {qa}: {exc.strerror}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"跳过 {qa} {problem}", file=sys.stderr)
    if not every:
        print(f"错误: {qa} 中没有可用的题目", file=sys.stderr)
        return 1
    index = open_index()
    present = sorted({q.split for q in every}, key=lambda s: (s != "dev", s != "heldout", s))
    splits = present if args.split == "all" else [args.split]
    all_metrics, all_results = {}, []
    for split in splits:
        items = [q for q in every if q.split == split]
        if not items:
            continue
        metrics, results = evaluate(index, settings, items, quiet=args.json, llm=getattr(args, "llm", False))
        all_metrics[split] = metrics
        all_results.extend(results)
        if not args.json:
            print(f"===== split: {split} ({len(items)} questions, QA file {qa}) =====")
            print(report(metrics))
            if "llm" in metrics:
                print(shown(metrics["llm"], settings))
            print()
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for r in all_results:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(all_metrics, ensure_ascii=False))
    return 0


def conversations_cli(open_index: Callable[[], Index], settings: Settings, args: argparse.Namespace) -> int:
    """`policyqa eval --conversations [FILE]`: follow-up accuracy per split (the file is read before the index)."""
    from . import conversations

    path = Path(args.conversations) if args.conversations else conversations.CONVERSATIONS
    try:
        every = conversations.load_conversations(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"错误: 无法读取对话评测文件 {path}: {exc}", file=sys.stderr)
        return 1
    index = open_index()
    splits = sorted({c.split for c in every}) if args.split == "all" else [args.split]
    all_metrics, all_results = {}, []
    llm = getattr(args, "llm", False)
    for split in splits:
        chosen = [c for c in every if c.split == split]
        results = conversations.run(index, settings, chosen, quiet=args.json, llm=llm)
        all_metrics[split] = conversations.score(chosen, results)
        if llm:
            all_metrics[split]["llm"] = modes(results)
        all_results += results
        if not args.json:
            print(f"===== split: {split} ({len(chosen)} conversations, file {path}) =====")
            print(conversations.report({k: v for k, v in all_metrics[split].items() if k != "llm"}))
            if llm:
                print(shown(all_metrics[split]["llm"], settings))
            print()
    if args.out:
        Path(args.out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in all_results), "utf-8")
    if args.json:
        print(json.dumps(all_metrics, ensure_ascii=False))
    return 0
