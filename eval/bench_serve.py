"""How long `policyqa serve` takes until the page answers: first start (builds the index) and a restart.

    python -m eval.bench_serve

Each start runs the installed `policyqa serve` on a fresh data home in a plain environment and times
the page's first response and the first answer through `gradio_client`.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from gradio_client import Client

from .serving import reply_text, serving

QUESTION = "湘乡市“十四五”期间常住人口城镇化率目标是多少？"
EXPECTED = "2025: 60"


def start_and_ask(home: Path) -> tuple[float, float]:
    """Seconds from `policyqa serve` to the page answering HTTP, and to the first correct answer."""
    started = time.perf_counter()
    with serving(home) as (url, page):
        text = reply_text(Client(url, verbose=False).predict(QUESTION, [], "全部", "全部", api_name="/ask")[0])
        if EXPECTED not in text:
            raise SystemExit(f"unexpected answer: {text}")
        return page, time.perf_counter() - started


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="policyqa-bench-serve-"))
    try:
        rows = [("first start (builds the index)", *start_and_ask(home)), ("restart", *start_and_ask(home))]
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"{'start':<32}{'page (s)':>10}{'first answer (s)':>18}")
    for name, page, answered in rows:
        print(f"{name:<32}{page:>10.1f}{answered:>18.1f}")


if __name__ == "__main__":
    main()
