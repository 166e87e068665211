"""All configuration in one place, read once at the edge (CLI, UI) and passed in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from index import DEFAULT_EMBEDDER, VectorStore


def default_home() -> Path:
    return Path(os.environ.get("POLICYQA_HOME") or user_data_dir("policyqa", appauthor=False))


@dataclass
class Settings:
    """Defaults are the measured best on the bundled corpus (see `python -m eval.benchmark`)."""

    home: Path = field(default_factory=default_home)
    # Any sentence-transformers model name or local path; the default is the offline USE model.
    embedder: str = field(default_factory=lambda: os.environ.get("POLICYQA_EMBEDDER", DEFAULT_EMBEDDER))
    # Where the passage vectors live: "faiss" (a file in each index version) or "milvus" (a collection per version).
    store: str = field(default_factory=lambda: os.environ.get("POLICYQA_STORE") or "faiss")
    # With milvus: a Milvus Lite file (PATH.db, no server; default: milvus.db in the data directory) or a Milvus
    # standalone/cluster address (http://host:19530, or http://user:password@host:19530).
    milvus_uri: str = field(default_factory=lambda: os.environ.get("POLICYQA_MILVUS_URI", ""))
    top_k: int = 5  # citations returned with every answer
    # Share of the dense score in the hybrid mix, the rest is BM25. With the offline USE model dense
    # retrieval is weak on Chinese (see `python -m eval.benchmark`), so it only breaks ties; raise it
    # for a stronger embedder (e.g. a bge-zh model): POLICYQA_DENSE_WEIGHT=0.3.
    dense_weight: float = field(default_factory=lambda: float(os.environ.get("POLICYQA_DENSE_WEIGHT", "0.02")))
    answer_passages: int = 8  # passages the answer's sentences may come from (re-ranked by the answer)
    answer_sentences: int = 2  # at most this many sentences in an answer
    max_question_chars: int = 500  # longer questions are cut, not rejected
    max_file_mb: float = field(default_factory=lambda: float(os.environ.get("POLICYQA_MAX_FILE_MB", "100")))
    lock_timeout: float = 600.0  # seconds a second writer waits for the first before giving up
    # Index versions kept on disk after an update switches to a new one (the new one included; at least 1).
    versions_kept: int = field(default_factory=lambda: max(1, int(os.environ.get("POLICYQA_VERSIONS_KEPT", "2"))))
    auth: str | None = field(default_factory=lambda: os.environ.get("POLICYQA_AUTH") or None)  # USER:PASSWORD
    # An optional chat model rewrites the extractive answer in its own words, checked sentence by sentence against the
    # passages (`chatbot/llm.py`). Off unless a model is named: any OpenAI-compatible server (Ollama, llama-server,
    # vLLM, a hosted API); the base URL defaults to OpenAI's, the key to none (local servers need none).
    llm_base_url: str | None = field(default_factory=lambda: os.environ.get("POLICYQA_LLM_BASE_URL") or None)
    llm_model: str | None = field(default_factory=lambda: os.environ.get("POLICYQA_LLM_MODEL") or None)
    llm_api_key: str | None = field(default_factory=lambda: os.environ.get("POLICYQA_LLM_API_KEY") or None)
    llm_timeout: float = field(default_factory=lambda: float(os.environ.get("POLICYQA_LLM_TIMEOUT", "30")))  # seconds

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_model)

    @property
    def index_home(self) -> Path:
        return Path(self.home) / "index"

    @property
    def vectors(self) -> VectorStore:
        """The vector store index/ is given: FAISS, or Milvus at the configured URI."""
        if self.store != "milvus":
            return VectorStore(self.store)
        return VectorStore("milvus", self.milvus_uri or str(Path(self.home) / "milvus.db"))

    @property
    def library(self) -> Path:
        """Files added through `policyqa index add` or uploaded in the UI are kept here."""
        return Path(self.home) / "documents"

    @property
    def feedback_file(self) -> Path:
        return Path(self.home) / "feedback.jsonl"
