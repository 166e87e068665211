"""Shared fixtures: the real seed documents, parsed once, and one real index built from them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from eval.serving import free_port, reply_text, wait_for_page
from ingest import CORPUS, load

__all__ = ["QUESTIONS", "bm25_from_scratch", "free_port", "reply_text", "running_server", "user_env"]

SEEDS = {
    "hongjiang_qu_plan": "000_ec6e4d95486ab7b0.txt",
    "xiangxiang_plan": "001_0e369cfbaccd2f2f.txt",
    "hongjiang_shi_actions": "002_93159679ea96d36f.txt",
    "hongjiang_shi_region": "003_2fdff5521dc10afd.txt",
    "hongjiang_qu_report": "004_cfdaae2226e367c1.txt",
}


# The known-facts questions, each a keyword query: what a keyword index is compared on.
QUESTIONS = [json.loads(line)["question"] for line in (Path(__file__).parents[1] / "eval/data/qa.jsonl").open()]


def bm25_from_scratch(texts: list[str], terms: list[str], questions: list[str]) -> list[np.ndarray]:
    """The reference a keyword index must score as: bm25s indexing every passage cut afresh, one score per passage
    for each question."""
    import bm25s

    from index.tokens import Tokenizer

    tokenizer = Tokenizer(terms)
    reference = bm25s.BM25()
    reference.index([tokenizer(text) or ["∅"] for text in texts], show_progress=False)
    scores = []
    for question in questions:
        tokens = [t for t in tokenizer(question) if t in reference.vocab_dict]
        scores.append(reference.get_scores(tokens) if tokens else np.zeros(len(texts), dtype=np.float32))
    return scores


@pytest.fixture(scope="session")
def parsed():
    """Every seed document parsed, keyed by file name."""
    return {name: load(CORPUS / name) for name in SEEDS.values()}


@pytest.fixture(scope="session")
def built_index(tmp_path_factory):
    """A real index of the bundled corpus with the offline USE embedder."""
    from chatbot import Settings
    from index import Index, build_index
    from ingest import bundled_corpus

    home = tmp_path_factory.mktemp("home")
    settings = Settings(home=home)
    build_index(bundled_corpus(), settings.index_home, settings.embedder)
    return Index.open(settings.index_home, settings.embedder), settings


@pytest.fixture(scope="session")
def milvus_index(tmp_path_factory):
    """The same index with its vectors in Milvus Lite (a local file, no server): built from scratch, not migrated."""
    from chatbot import Settings
    from index import Index, build_index
    from ingest import bundled_corpus

    home = tmp_path_factory.mktemp("milvus-home")
    settings = Settings(home=home, store="milvus", milvus_uri=str(home / "milvus.db"))
    build_index(bundled_corpus(), settings.index_home, settings.embedder, vectors=settings.vectors)
    return Index.open(settings.index_home, settings.embedder, settings.vectors), settings


@pytest.fixture(params=["faiss", "milvus"])
def stored_index(request):
    """The bundled corpus's index in each vector store: retrieval must not depend on where the vectors live."""
    return request.getfixturevalue("built_index" if request.param == "faiss" else "milvus_index")


def user_env(home: Path | None = None, **settings: str) -> dict[str, str]:
    """The environment a user's shell gives the product: theirs, plus only settings a user sets too.

    POLICYQA_HOME keeps each test's data away from the user's own; the others are the product's
    documented settings (POLICYQA_MAX_FILE_MB, POLICYQA_AUTH). Nothing here switches the product's
    behaviour off (no GRADIO_* or other library switches): the product decides those itself.
    """
    return {**os.environ, **({"POLICYQA_HOME": str(home)} if home else {}), **settings}


@contextmanager
def running_server(home: Path, *args: str, env: dict[str, str] | None = None, **settings: str) -> Iterator[str]:
    """`python -m chatbot serve` on `home` (building the index first if it has none), until the block ends."""
    port = free_port()
    log_path = home.parent / f"serve-{port}.log"
    environment = {**(env or user_env()), "POLICYQA_HOME": str(home), **settings}
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "chatbot", "serve", "--port", str(port), *args],
            env=environment,
            stdout=log,
            stderr=log,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        try:
            wait_for_page(proc, url, timeout=300)
        except RuntimeError as exc:
            pytest.fail(f"{exc}:\n{log_path.read_text()}")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)

