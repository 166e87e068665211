"""How long `policyqa serve` takes until the page answers: first start (builds the index) and a restart.

    python -m eval.bench_serve

Each start runs the installed `policyqa serve` on a fresh data home in a plain environment and times
the page's first response and the first answer through `gradio_client`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gradio_client import Client

from .serving import free_port, reply_text, wait_for_page

QUESTION = "湘乡市“十四五”期间常住人口城镇化率目标是多少？"
EXPECTED = "2025: 60"


def start_and_ask(home: Path) -> tuple[float, float]:
    """Seconds from `policyqa serve` to the page answering HTTP, and to the first correct answer."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    policyqa = Path(sys.executable).with_name("policyqa")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "GRADIO_", "POLICYQA_"))}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(policyqa), "--home", str(home), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_page(proc, url, timeout=600)
        page = time.perf_counter() - started
        text = reply_text(Client(url, verbose=False).predict(QUESTION, [], "全部", "全部", api_name="/ask")[0])
        if EXPECTED not in text:
            raise SystemExit(f"unexpected answer: {text}")
        return page, time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait(timeout=30)


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
