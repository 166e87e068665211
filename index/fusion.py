"""Fuse keyword and dense rankings, and keep near-duplicate passages from crowding the top."""

from __future__ import annotations

import numpy as np


def normalize(scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Min-max scale the scores of the allowed chunks into [0, 1]; others get 0."""
    out = np.zeros_like(scores, dtype=np.float32)
    if not mask.any():
        return out
    allowed = scores[mask]
    low, high = float(allowed.min()), float(allowed.max())
    if high > low:
        out[mask] = (allowed - low) / (high - low)
    return out


def weighted(keyword: np.ndarray, dense: np.ndarray, mask: np.ndarray, dense_weight: float) -> np.ndarray:
    """Convex mix of normalised scores: BM25 carries exact terms, the embedder meaning and paraphrase."""
    fused = (1.0 - dense_weight) * normalize(keyword, mask) + dense_weight * normalize(dense, mask)
    return np.where(mask, fused, -np.inf)


def rrf(keyword: np.ndarray, dense: np.ndarray, mask: np.ndarray, k: int = 60) -> np.ndarray:
    """Reciprocal rank fusion, kept as the reference the weighted mix is measured against."""
    fused = np.zeros_like(keyword, dtype=np.float32)
    for scores in (keyword, dense):
        order = np.argsort(-np.where(mask, scores, -np.inf), kind="stable")
        ranks = np.empty_like(order)
        ranks[order] = np.arange(len(order))
        fused += 1.0 / (k + ranks + 1)
    return np.where(mask, fused, -np.inf)


def bigrams(text: str) -> set[str]:
    text = "".join(text.split())
    return {text[i : i + 2] for i in range(len(text) - 1)}


def is_near_duplicate(a: set[str], b: set[str], threshold: float = 0.8) -> bool:
    """Doc 003 reappears word for word inside doc 002: one copy of such a passage is enough."""
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= threshold
