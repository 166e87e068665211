"""`python -m eval.bench_scale --scales 1,10,100`: what a county's whole library costs, and whether answers hold.

Each scale is the bundled corpus plus distinct look-alike copies of it (`lookalike`): other county names, every
figure but a date's shifted, the same structure, so nothing dedupes and every copy is a plausible distractor. Per
scale, in fresh processes (so peak memory is each step's own): a full build, the index's size on disk, the time to load
it, `answer()` latency over the known-facts questions with hit@5 and answer accuracy on the original documents
while the look-alikes sit beside them, and the time to add one more document. `--store milvus` keeps the vectors in
a Milvus Lite file instead of FAISS.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from index.vectors import STORES, VectorStore
from ingest import bundled_corpus

from .metrics import QAItem, citation_hits, norm

# Syllables of made-up county names: 20 × 20 names, none of them a real place of the bundled documents.
_FIRST = "青云石桃松梅柳枫竹兰泉金银玉丹碧翠白凤龙"
_SECOND = "溪山河林源坪岭湖川田阳岗峰桥塘池谷湾洲浦"
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|\s*[月日号])")  # not a date's month or day


def county_names(copy: int) -> dict[str, str]:
    """The made-up names that replace each bundled place in look-alike copy `copy` (1-based), unique per copy."""
    names = [a + b for a in _FIRST for b in _SECOND]
    base = (copy - 1) * 4
    if base + 4 > len(names):
        raise ValueError(f"at most {len(names) // 4} look-alike copies, asked for copy {copy}")
    a, b, c, d = names[base : base + 4]
    return {
        "洪江区": a + "区",
        "洪江市": b + "市",
        "湘乡市": c + "市",
        "湘乡": c,
        "怀化市": d + "州市",
        "怀化": d + "州",
        "湘潭市": d + "潭市",
        "湘潭": d + "潭",
    }


def lookalike(text: str, own_place: str, copy: int) -> str:
    """`text` with its places renamed and every figure but a date's shifted by `copy` (`55亿元` → `57亿元` in copy 2)."""
    names = county_names(copy)
    names["洪江"] = names.get(own_place, names["洪江区"])[:-1]  # the document's own short name
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    renamed = pattern.sub(lambda m: names[m.group()], text)

    def shift(m: re.Match[str]) -> str:
        value = m.group()
        if _YEAR.fullmatch(value):
            return value  # a year stays: the copies are of the same years
        whole, _, fraction = value.partition(".")
        return str(int(whole) + copy) + (f".{fraction}" if fraction else "")

    return _NUMBER.sub(shift, renamed)


def write_corpus(directory: Path, copies: int) -> list[Path]:
    """The bundled documents and `copies` look-alikes of each, written under `directory`."""
    from ingest import load

    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for source in bundled_corpus():
        text = source.read_text(encoding="utf-8")
        place = load(source).place
        original = directory / source.name
        original.write_text(text, encoding="utf-8")
        paths.append(original)
        for copy in range(1, copies + 1):
            path = directory / f"{source.stem}_copy{copy:03d}{source.suffix}"
            path.write_text(lookalike(text, place, copy), encoding="utf-8")
            paths.append(path)
    return paths


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _build(paths: list[Path], home: Path, embedder: str, vectors: VectorStore) -> dict:
    from index import build_index

    started = time.perf_counter()
    report = build_index(paths, home, embedder, incremental=False, vectors=vectors)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "chunks": report.chunks, "embedded": report.embedded, "peak_mb": _peak_mb()}


_COPY = re.compile(r"^(.+)_copy(\d+)(\.\w+)$")


def copy_hits(item: QAItem, citations: list[dict], places: dict[str, str], places_asked: list[str]) -> bool:
    """A question naming no place whose top five cite a look-alike's own copy of the evidence (`“两新”(P76):…` of
    copy 62 for the original's `“两新”(P14):…`): every copy of a definition says the same, so which comes first is
    arbitrary. Reported beside hit@5, which credits the original documents only."""
    if places_asked:
        return False
    for citation in citations[:5]:
        m = _COPY.match(citation["doc"])
        original = m.group(1) + m.group(3) if m else ""
        if original in item.gold_docs:
            place, copy, text = places.get(original, ""), int(m.group(2)), norm(citation["text"])
            if any(norm(lookalike(e, place, copy)) in text for e in item.evidences):
                return True
    return False


def _query(home: Path, embedder: str, qa: Path, vectors: VectorStore) -> dict:
    from chatbot import Settings, answer
    from index import Index

    from .metrics import load_qa, score

    started = time.perf_counter()
    index = Index.open(home / "index", embedder, vectors)
    index.model  # noqa: B018 - loading the embedder is part of being ready to answer
    load_s = time.perf_counter() - started
    settings = Settings(home=home, embedder=embedder)
    items = load_qa(qa)
    answer(items[0].question, index, settings)  # warm caches once, as a serving process is
    results = [answer(item.question, index, settings).to_dict() for item in items]
    places = {name: d.place for name, d in index.manifest.docs.items()}
    overall = score(items, results, places)["overall"]
    located = [(item, r) for item, r in zip(items, results) if item.answerable and item.gold_docs]
    with_copies = sum(
        any(citation_hits(item, c) for c in r["citations"][:5])
        or copy_hits(item, r["citations"], places, index.places_in(item.question))
        for item, r in located
    )
    latencies = sorted(r["latency_ms"] for r in results)
    return {
        "load_s": load_s,
        "p50_ms": latencies[len(latencies) // 2],
        "p95_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))],
        "max_ms": latencies[-1],
        "hit@5": overall["hit@5"],
        "hit@5_copies": round(with_copies / max(1, len(located)), 3),
        "answer_accuracy": overall["answer_accuracy"],
        "refusal_rate": overall["refusal_rate"],
        "false_refusal_rate": overall["false_refusal_rate"],
        "questions": len(items),
        "peak_mb": _peak_mb(),
    }


def _add(path: Path, home: Path, embedder: str, vectors: VectorStore) -> dict:
    from index import add_documents

    started = time.perf_counter()
    report = add_documents([path], home / "index", embedder, vectors=vectors)
    return {"seconds": time.perf_counter() - started, "embedded": report.embedded}


def _in_fresh_process(function, *args) -> dict:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def _size_mb(directory: Path) -> float:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 2**20


def measure(scale: int, work: Path, embedder: str, qa: Path, store: str = "faiss") -> dict:
    """One scale's row: `scale` × the bundled corpus (the originals and scale − 1 look-alike copies), its vectors in
    FAISS or in a Milvus Lite file beside the index (`store`)."""
    docs = work / f"docs{scale}"
    paths = write_corpus(docs, scale - 1)
    extra = docs.parent / f"extra{scale}" / "004_cfdaae2226e367c1_extra.txt"
    extra.parent.mkdir(exist_ok=True)
    source = next(p for p in bundled_corpus() if p.name.startswith("004_"))
    # one more copy than the corpus holds (copies 1 … scale − 1): new to the index, as a new document is
    extra.write_text(lookalike(source.read_text(encoding="utf-8"), "洪江区", scale), encoding="utf-8")
    home = work / f"home{scale}"
    vectors = VectorStore("milvus", str(home / "milvus.db")) if store == "milvus" else VectorStore()
    build = _in_fresh_process(_build, paths, home / "index", embedder, vectors)
    size = _size_mb(home)  # the index and, with Milvus Lite, its file
    query = _in_fresh_process(_query, home, embedder, qa, vectors)
    add = _in_fresh_process(_add, extra, home, embedder, vectors)
    return {
        "scale": scale,
        "documents": len(paths),
        "passages": build["chunks"],
        "build_s": build["seconds"],
        "passages_per_s": build["embedded"] / build["seconds"],
        "build_peak_mb": build["peak_mb"],
        "index_mb": size,
        **{k: query[k] for k in ("load_s", "p50_ms", "p95_ms", "max_ms", "hit@5", "hit@5_copies", "answer_accuracy")},
        "refusal_rate": query["refusal_rate"],
        "query_peak_mb": query["peak_mb"],
        "add_s": add["seconds"],
        "add_share": add["seconds"] / build["seconds"],
    }


COLUMNS = (
    ("scale", "{:>5}×"),
    ("passages", "{:>9,}"),
    ("build_s", "{:>8.0f} s"),
    ("passages_per_s", "{:>7.0f}/s"),
    ("build_peak_mb", "{:>8.0f} MB"),
    ("index_mb", "{:>7.0f} MB"),
    ("load_s", "{:>6.1f} s"),
    ("p50_ms", "{:>7.1f}"),
    ("p95_ms", "{:>7.1f}"),
    ("max_ms", "{:>7.1f}"),
    ("query_peak_mb", "{:>8.0f} MB"),
    ("add_s", "{:>6.1f} s"),
    ("add_share", "{:>6.0%}"),
    ("hit@5", "{:>6.3f}"),
    ("hit@5_copies", "{:>6.3f}"),
    ("answer_accuracy", "{:>7.3f}"),
)
HEADER = (
    "| scale | passages | full build | embedding | build peak RSS | index on disk | load | answer p50 ms | p95 ms "
    "| max ms | query peak RSS | add one document | share of a build | hit@5 | hit@5, copies too |"
    " answer accuracy |"
)


def table(rows: list[dict]) -> str:
    """The rows as one Markdown table, as the README quotes it."""
    lines = [HEADER, "|" + "---|" * (HEADER.count("|") - 1)]
    for row in rows:
        lines.append("| " + " | ".join(fmt.format(row[key]).strip() for key, fmt in COLUMNS) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from index.embedder import DEFAULT_EMBEDDER

    from . import DEFAULT_QA

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10", help="comma-separated multiples of the bundled corpus")
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER)
    parser.add_argument("--qa", default=str(DEFAULT_QA), help="questions on the original documents")
    parser.add_argument("--work", default=None, help="where corpora and indexes go (default: a temporary folder)")
    parser.add_argument("--json", default=None, help="also write the rows to this file")
    parser.add_argument("--store", choices=STORES, default="faiss", help="where the vectors live (milvus: Milvus Lite)")
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work or tmp)
        for scale in scales:
            print(f"scale {scale}× …", file=sys.stderr, flush=True)
            rows.append(measure(scale, work, args.embedder, Path(args.qa), args.store))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
