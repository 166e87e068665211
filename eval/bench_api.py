"""Concurrent callers of the HTTP API: do all succeed, and how long does each wait?

    python -m eval.bench_api [--requests 20] [--concurrency 20]

Starts the installed `policyqa serve` on a fresh data home (building its index), then sends the requests at once,
alternating `POST /api/ask` and `POST /v1/chat/completions`, and prints per endpoint the successes and the latency.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np

from .serving import serving

QUESTIONS = [
    "洪江区到2025年地区生产总值目标是多少？",
    "湘乡精神是哪八个字？",
    "洪江市旅游收入目标是多少？",
    "安江镇建成区面积是多少平方公里？",
    "湘乡十四五常住人口城镇化率目标是多少？",
]


def call(url: str, i: int) -> tuple[str, bool, float]:
    """One request: (endpoint, whether it got a well-formed answer, seconds)."""
    question = QUESTIONS[i % len(QUESTIONS)]
    started = time.perf_counter()
    try:
        if i % 2:
            reply = httpx.post(f"{url}api/ask", json={"question": question}, timeout=300).json()
            ok = reply.get("question") == question and bool(reply.get("answer"))
            return "/api/ask", ok, time.perf_counter() - started
        body = {"model": "policyqa", "messages": [{"role": "user", "content": question}]}
        reply = httpx.post(f"{url}v1/chat/completions", json=body, timeout=300).json()
        ok = bool(reply["choices"][0]["message"]["content"]) and "citations" in reply
    except (httpx.HTTPError, ValueError, KeyError):
        ok = False
    return "/v1/chat/completions", ok, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="policyqa-bench-api-"))
    try:
        with serving(home) as (url, _):
            call(url, 0)  # the first answer loads what answering needs; not a caller's wait
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                results = list(pool.map(lambda i: call(url, i), range(args.requests)))
            wall = time.perf_counter() - started
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"{args.requests} requests, {args.concurrency} at once, {wall:.2f} s wall ({args.requests / wall:.1f}/s)")
    print(f"{'endpoint':<24}{'ok':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for endpoint in sorted({e for e, _, _ in results}):
        mine = [(ok, s * 1000) for e, ok, s in results if e == endpoint]
        ms = np.array([m for _, m in mine])
        done = f"{sum(ok for ok, _ in mine)}/{len(mine)}"
        print(f"{endpoint:<24}{done:>8}{np.percentile(ms, 50):>10.0f}{np.percentile(ms, 95):>10.0f}{ms.max():>10.0f}")


if __name__ == "__main__":
    main()
