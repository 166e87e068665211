"""Pure scoring of answers against known facts (GUIDE.md §4); no I/O but reading the QA file."""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

_CITE_MARK = re.compile(r"\[(\d+)\]")


def norm(text: str) -> str:
    """Comparisons ignore whitespace and full/half-width differences."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class QAItem:
    """One known fact; every field but id, question, answers and type is optional (GUIDE.md §4)."""

    id: str
    question: str
    answers: list[str]
    type: str
    all_required: bool = False
    doc: str | None = None
    evidence: str | None = None
    difficulty: str = ""
    split: str = "dev"
    docs: list[str] = field(default_factory=list)
    evidence_all: list[str] = field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    @property
    def gold_docs(self) -> list[str]:
        return self.docs or ([self.doc] if self.doc else [])

    @property
    def evidences(self) -> list[str]:
        return self.evidence_all or ([self.evidence] if self.evidence else [])


class QAFileError(ValueError):
    """A QA file with lines that are not items; names the file and every bad line."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems))
        self.path, self.problems = path, problems


def parse_item(line: str) -> QAItem:
    """One JSONL line as a QAItem; ValueError says in Chinese what is wrong with it. Extra fields are ignored."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"不是合法的 JSON（{exc.msg}，第 {exc.colno} 列）") from None
    if not isinstance(data, dict):
        raise ValueError("应为一个 JSON 对象")
    missing = [k for k in ("id", "question", "answers", "type") if k not in data]
    if missing:
        raise ValueError(f"缺少必填字段 {', '.join(missing)}")
    if not isinstance(data["question"], str) or not data["question"].strip():
        raise ValueError("question 应为非空字符串")
    if not isinstance(data["answers"], list) or not all(isinstance(a, str) for a in data["answers"]):
        raise ValueError("answers 应为字符串列表")
    known = {k: v for k, v in data.items() if k in QAItem.__dataclass_fields__ and v is not None}
    return QAItem(**{**known, "id": str(data["id"])})


def read_qa(path: Path) -> tuple[list[QAItem], list[str]]:
    """Every valid item of a QA file, and one message per line that is not one (by line number)."""
    items, problems = [], []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                items.append(parse_item(line))
            except ValueError as exc:
                problems.append(f"第 {number} 行: {exc}")
    return items, problems


def load_qa(path: Path, split: str = "all") -> list[QAItem]:
    """The items of one split of a QA file that must be wholly valid (the bundled set, benchmarks)."""
    items, problems = read_qa(path)
    if problems:
        raise QAFileError(path, problems)
    return [q for q in items if split == "all" or q.split == split]


COPY_CHARS = 15  # evidence this long, found verbatim in another document, is a copy of its passage (003 in 002)


def citation_hits(item: QAItem, citation: dict) -> bool:
    """A citation hits when its doc matches and its text holds the evidence or an answer.

    A long evidence string found verbatim in another document is a duplicate copy (doc 003 inside
    doc 002), and either copy is a correct citation.
    """
    text = norm(citation["text"])
    if citation["doc"] in item.gold_docs:
        return any(norm(e) in text for e in item.evidences) or any(norm(a) in text for a in item.answers if a)
    return any(e in text for e in long_evidences(item))


def long_evidences(item: QAItem) -> list[str]:
    """The item's evidence strings (normalized) long enough that finding one verbatim means a copy of its passage."""
    return [e for e in map(norm, item.evidences) if len(e) >= COPY_CHARS]


def answer_correct(item: QAItem, result: dict) -> bool:
    if not item.answerable:
        return bool(result["refused"])
    if result["refused"]:
        return False
    text = norm(result["answer"])
    found = [norm(a) in text for a in item.answers]
    return all(found) if item.all_required else any(found)


def answer_place(result: dict) -> str | None:
    """The place of the passage the answer's first sentence cites (`…[2]` → citation 2)."""
    m = _CITE_MARK.search(result["answer"])
    if not m or result["refused"]:
        return None
    i = int(m.group(1)) - 1
    cites = result["citations"]
    return cites[i].get("place") if 0 <= i < len(cites) else None


@dataclass
class Tally:
    n: int = 0
    answerable: int = 0
    located: int = 0  # answerable items that name their document, so a citation can be judged
    hit1: int = 0
    hit5: int = 0
    rr: float = 0.0
    correct: int = 0
    unanswerable: int = 0
    refused_unanswerable: int = 0
    false_refusals: int = 0
    latencies: list[float] = field(default_factory=list)

    def add(self, item: QAItem, result: dict) -> None:
        self.n += 1
        self.latencies.append(float(result.get("latency_ms", 0.0)))
        if not item.answerable:
            self.unanswerable += 1
            self.refused_unanswerable += bool(result["refused"])
            return
        self.answerable += 1
        self.located += bool(item.gold_docs)
        ranks = [i for i, c in enumerate(result["citations"][:5]) if citation_hits(item, c)]
        if ranks:
            self.hit1 += ranks[0] == 0
            self.hit5 += 1
            self.rr += 1.0 / (ranks[0] + 1)
        self.correct += answer_correct(item, result)
        self.false_refusals += bool(result["refused"])

    def summary(self) -> dict:
        a, u, located = self.answerable or 1, self.unanswerable or 1, self.located or 1
        lat = sorted(self.latencies) or [0.0]
        return {
            "n": self.n,
            "hit@1": round(self.hit1 / located, 3) if self.located else None,
            "hit@5": round(self.hit5 / located, 3) if self.located else None,
            "mrr": round(self.rr / located, 3) if self.located else None,
            "answer_accuracy": round(self.correct / a, 3) if self.answerable else None,
            "refusal_rate": round(self.refused_unanswerable / u, 3) if self.unanswerable else None,
            "false_refusal_rate": round(self.false_refusals / a, 3) if self.answerable else None,
            "latency_p50_ms": round(statistics.median(lat), 1),
            "latency_p95_ms": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 1),
        }


def score(items: list[QAItem], results: list[dict], places: dict[str, str] | None = None) -> dict:
    """Overall, per-type and per-document metrics, plus the two failures that matter most."""
    overall, by_type, by_doc = Tally(), defaultdict(Tally), defaultdict(Tally)
    table_from_row = table_total = wrong_place = disamb = 0
    place_of_doc = places or {}
    for item, result in zip(items, results):
        overall.add(item, result)
        by_type[item.type].add(item, result)
        by_doc[item.doc or "(none)"].add(item, result)
        if item.type == "table":
            table_total += 1
            top = result["citations"][0] if result["citations"] else {}
            table_from_row += top.get("kind") == "table_row" and citation_hits(item, top)
        if item.type == "disambiguation":
            disamb += 1
            place = answer_place(result)
            wrong_place += place is not None and place != place_of_doc.get(item.doc, place)
    return {
        "overall": overall.summary(),
        "by_type": {k: v.summary() for k, v in sorted(by_type.items())},
        "by_doc": {k: v.summary() for k, v in sorted(by_doc.items())},
        "table_answered_from_row": f"{table_from_row}/{table_total}",
        "disambiguation_wrong_place": f"{wrong_place}/{disamb}",
    }
