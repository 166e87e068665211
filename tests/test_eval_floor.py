"""CI gate: the bundled corpus must keep answering the known facts at least this well.

The floors sit a little below the numbers measured when they were set (see README "Quality");
a change that drops below them is a regression, not noise.
"""

from __future__ import annotations

import pytest

from eval import DEFAULT_QA, load_qa
from eval.runner import evaluate

pytestmark = pytest.mark.slow

FLOORS = {"hit@5": 0.90, "answer_accuracy": 0.80, "refusal_rate": 0.75}
MAX_FALSE_REFUSAL = 0.08


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_eval_stays_above_the_floor(built_index, split):
    index, settings = built_index
    metrics, _ = evaluate(index, settings, load_qa(DEFAULT_QA, split), quiet=True)
    overall = metrics["overall"]
    for name, floor in FLOORS.items():
        assert overall[name] >= floor, (name, overall)
    assert overall["false_refusal_rate"] <= MAX_FALSE_REFUSAL, overall
    assert metrics["disambiguation_wrong_place"].startswith("0/")
