"""Measure the whole pipeline against a set of known facts."""

from __future__ import annotations

from pathlib import Path

from .metrics import QAItem, load_qa, score

DEFAULT_QA = Path(__file__).parent / "data" / "qa.jsonl"

__all__ = ["DEFAULT_QA", "QAItem", "load_qa", "score"]
