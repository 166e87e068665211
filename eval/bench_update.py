"""`python -m eval.bench_update`: what an index change costs, full build against incremental add.

Each operation runs on a fresh data home in this process with the embedder loaded anew, so the
times compare like with like. "add one document" indexes doc 004 (13K characters, a real work
report) into an index of the other four bundled documents, which is what adding one document to
a corpus costs; the full build parses and embeds all five.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from index import BuildReport, add_documents, build_index, load_embedder, remove_documents
from index.embedder import DEFAULT_EMBEDDER
from ingest import bundled_corpus

ADDED = "004_cfdaae2226e367c1.txt"


def timed(label: str, run: Callable[[], BuildReport], rows: list[tuple[str, float, BuildReport]]) -> None:
    load_embedder.cache_clear()
    started = time.perf_counter()
    report = run()
    rows.append((label, time.perf_counter() - started, report))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER)
    args = parser.parse_args(argv)
    corpus = bundled_corpus()
    others = [p for p in corpus if p.name != ADDED]
    added = next(p for p in corpus if p.name == ADDED)
    rows: list[tuple[str, float, BuildReport]] = []
    with tempfile.TemporaryDirectory() as tmp:
        full, inc = Path(tmp) / "full", Path(tmp) / "inc"
        timed("full build, 5 documents", lambda: build_index(corpus, full, args.embedder, incremental=False), rows)
        build_index(others, inc, args.embedder)
        timed("add 1 document (doc 004) to 4", lambda: add_documents([added], inc, args.embedder), rows)
        timed("update, nothing changed", lambda: build_index(corpus, inc, args.embedder), rows)
        timed("remove 1 document", lambda: remove_documents([ADDED], inc, args.embedder), rows)
    print(f"{'operation':<34}{'seconds':>9}{'chunks':>8}{'embedded':>10}")
    for label, seconds, report in rows:
        print(f"{label:<34}{seconds:>9.2f}{report.chunks:>8}{report.embedded:>10}")
    full_s, add_s = rows[0][1], rows[1][1]
    print(f"\nadding one document costs {add_s / full_s:.0%} of a full build ({add_s:.2f} s vs {full_s:.2f} s)")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
