"""Failures by the kinds issue 10 names, before and after: `python -m eval.kinds BEFORE.jsonl AFTER.jsonl`.

Both files hold `policyqa eval --out` lines (or `python -m eval.fit --out` lines) for the users' words set;
only questions present in both are counted. A question may be of several kinds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from chatbot.constraints import plan_end_years
from chatbot.question import asked_unit, is_relative, lexicon, sub_questions

from . import USERS_QA
from .metrics import QAItem, answer_correct, load_qa

_TARGET_OR_ACTUAL = re.compile(r"目标|计划|预期|打算|实际|完成|做到|规划定")


def _users_words(item: QAItem) -> bool:
    """A word of the lexicon's users' side (GDP, 社零, 涨), a relative year or a plan's end."""
    lex = lexicon()
    variants = {w for group in lex.groups for w in group[1:]}
    q = item.question
    return any(v in q for v in variants) or is_relative(q) or bool(plan_end_years(q))


KINDS: dict[str, Callable[[QAItem], bool]] = {
    "1 two questions in one": lambda i: i.type in ("multi_part", "cross_doc") or len(sub_questions(i.question)) > 1,
    "2 users' words": _users_words,
    "3 lists": lambda i: i.type == "list",
    "4 definitions": lambda i: i.type == "definition",
    "5 entities": lambda i: i.type == "entity",
    "6 quantity in a unit": lambda i: i.answerable and asked_unit(i.question) is not None,
    "7 target vs actual": lambda i: i.answerable and bool(_TARGET_OR_ACTUAL.search(i.question)),
    "8 unanswerable that looks answerable": lambda i: not i.answerable,
}


def _results(path: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows if r.get("set", "users' words") == "users' words"}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.kinds", description=__doc__.splitlines()[0])
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    p.add_argument("--qa", type=Path, default=USERS_QA)
    args = p.parse_args(argv)
    before, after = _results(args.before), _results(args.after)
    items = [i for i in load_qa(args.qa) if i.id in before and i.id in after]
    print(f"{'kind':<40}{'n':>5}{'failed before':>15}{'failed after':>14}")
    for kind, member in KINDS.items():
        group = [i for i in items if member(i)]
        failed = [sum(not answer_correct(i, res[i.id]) for i in group) for res in (before, after)]
        print(f"{kind:<40}{len(group):>5}{failed[0]:>15}{failed[1]:>14}")
    failed = [sum(not answer_correct(i, res[i.id]) for i in items) for res in (before, after)]
    print(f"{'all':<40}{len(items):>5}{failed[0]:>15}{failed[1]:>14}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
