"""A QA file's questions as users also type them: `python -m eval.variants unquoted QA.jsonl > OUT.jsonl`.

The eval sets' writers quote slogans (`“五新四城”`); users mostly do not. `unquoted` keeps the questions that
quote something, with the quotation marks taken out, so `policyqa eval --qa OUT.jsonl` measures how much an
answer depends on them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

_QUOTES = re.compile(r"[“”\"「」]")


def unquoted(rows: list[dict]) -> list[dict]:
    """The rows whose question quotes something, with its quotation marks removed."""
    return [row | {"question": _QUOTES.sub("", row["question"])} for row in rows if _QUOTES.search(row["question"])]


VARIANTS = {"unquoted": unquoted}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.variants", description=__doc__.splitlines()[0])
    p.add_argument("variant", choices=sorted(VARIANTS))
    p.add_argument("qa", type=Path, help="QA JSONL file")
    args = p.parse_args(argv)
    rows = [json.loads(line) for line in args.qa.read_text(encoding="utf-8").splitlines() if line.strip()]
    sys.stdout.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in VARIANTS[args.variant](rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
