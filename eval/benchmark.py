"""Compare, in one run on the same questions, policyqa against a naive LangChain pipeline and BM25 alone.

Usage: python -m eval.benchmark [--qa FILE] [--split dev|heldout|all] [--embedder NAME]
Also prints build time, peak memory and answer latency for the full system.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import faiss
from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from chatbot import Settings, answer
from index import Index, build_index, load_embedder
from index.embedder import embed
from ingest import bundled_corpus, read

from . import DEFAULT_QA
from .metrics import QAItem, load_qa, score
from .runner import METRIC_COLUMNS


class NaivePipeline:
    """The textbook setup: 500/50 character chunks of the raw text, the same embedder, FAISS top-5."""

    def __init__(self, files: list[Path], embedder: str) -> None:
        splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
        self.docs: list[Document] = []
        for path in files:
            raw = read(path)
            self.docs.extend(splitter.create_documents([raw.text], metadatas=[{"doc": path.name}]))
        self.model = load_embedder(embedder)
        vectors = embed(self.model, [d.page_content for d in self.docs])
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)

    def ask(self, question: str, k: int = 5) -> dict:
        started = time.perf_counter()
        _, ids = self.index.search(embed(self.model, [question]), k)
        cites = [{"doc": self.docs[i].metadata["doc"], "text": self.docs[i].page_content, "kind": "chunk"} for i in ids[0]]
        # Without an LLM the naive pipeline's answer is its best passage; it never refuses.
        return {
            "answer": cites[0]["text"],
            "refused": False,
            "citations": cites,
            "latency_ms": (time.perf_counter() - started) * 1000,
        }


def policyqa_runner(index: Index, settings: Settings):
    return lambda q: answer(q, index, settings).to_dict()


def retrieval_only(index: Index, fusion: str, settings: Settings):
    """One retrieval mode with the best passage as the answer, to compare rankings alone."""

    def ask(question: str) -> dict:
        started = time.perf_counter()
        hits = index.retrieve(question, 5, fusion=fusion, dense_weight=settings.dense_weight)
        cites = [{"doc": h.chunk.doc, "text": h.chunk.text, "kind": h.chunk.kind, "place": h.chunk.place} for h in hits]
        return {
            "answer": cites[0]["text"] if cites else "",
            "refused": not cites,
            "citations": cites,
            "latency_ms": (time.perf_counter() - started) * 1000,
        }

    return ask


def run_system(ask, items: list[QAItem], places: dict[str, str]) -> dict:
    return score(items, [ask(item.question) for item in items], places)["overall"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--qa", default=str(DEFAULT_QA))
    p.add_argument("--split", default="all", choices=["dev", "heldout", "all"])
    p.add_argument("--embedder", default=None)
    p.add_argument("--weights", default="0.02,0.1,0.3", help="dense weights to sweep for the hybrid mix")
    args = p.parse_args(argv)

    settings = Settings()
    if args.embedder:
        settings = replace(settings, embedder=args.embedder)
    items = load_qa(Path(args.qa), args.split)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        started = time.perf_counter()
        build_index(bundled_corpus(), home, settings.embedder)
        build_seconds = time.perf_counter() - started
        index = Index.open(home, settings.embedder)
        places = {name: d.place for name, d in index.manifest.docs.items()}
        rows: dict[str, dict] = {}
        rows["naive LangChain 500/50 + FAISS"] = run_system(
            NaivePipeline(bundled_corpus(), settings.embedder).ask, items, places
        )
        rows["BM25 only (jieba)"] = run_system(retrieval_only(index, "bm25", settings), items, places)
        rows["dense only (structure chunks)"] = run_system(retrieval_only(index, "dense", settings), items, places)
        rows["RRF (BM25 + dense)"] = run_system(retrieval_only(index, "rrf", settings), items, places)
        for w in (float(x) for x in args.weights.split(",")):
            s = replace(settings, dense_weight=w)
            rows[f"weighted, dense {w:.2f}"] = run_system(retrieval_only(index, "weighted", s), items, places)
        rows[f"policyqa (dense {settings.dense_weight})"] = run_system(
            policyqa_runner(index, settings), items, places
        )
        long_ms = long_question_ms(index, settings, items[0].question)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cols = ("hit@1", "hit@5", "mrr", "answer_accuracy", "refusal_rate", "false_refusal_rate", "latency_p50_ms")
    assert set(cols) <= set(METRIC_COLUMNS)
    print(f"questions: {len(items)} ({args.split}), embedder: {settings.embedder}")
    print(f"{'system':<34}" + "".join(f"{c:>19}" for c in cols))
    for name, m in rows.items():
        print(f"{name:<34}" + "".join(f"{'-' if m[c] is None else m[c]:>19}" for c in cols))
    print(f"\nfull build of the bundled corpus: {build_seconds:.1f} s; peak memory (RSS): {peak_mb:.0f} MB")
    print(f"a 10,000-character question (cut to {settings.max_question_chars}): p50 {long_ms:.0f} ms of 5")
    return 0


def long_question_ms(index: Index, settings: Settings, question: str, runs: int = 5) -> float:
    """`answer()` on a pasted 10,000-character message: it is cut, not slowed down by its length."""
    pasted = (question * (10_000 // len(question) + 1))[:10_000]
    times = [answer(pasted, index, settings).latency_ms for _ in range(runs)]
    return sorted(times)[runs // 2]


if __name__ == "__main__":
    sys.exit(main())
