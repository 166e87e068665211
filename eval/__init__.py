"""Measure the whole pipeline against a set of known facts."""

from __future__ import annotations

from pathlib import Path

from .metrics import QAItem, load_qa, score

DEFAULT_QA = Path(__file__).parent / "data" / "qa.jsonl"
# Written as users type, by someone who had not seen the code: colloquial words, abbreviations, relative
# years, two-part questions (`policyqa eval --qa eval/data/qa_users.jsonl`).
USERS_QA = Path(__file__).parent / "data" / "qa_users.jsonl"

__all__ = ["DEFAULT_QA", "USERS_QA", "QAItem", "load_qa", "score"]
