"""The answer step's judge: a fitted model shipped as data, whose threshold keeps false refusals down."""

from __future__ import annotations

import json

import numpy as np
import pytest

from chatbot.judge import BUNDLED, FEATURES, Judge, bundled
from eval.fit import MAX_FALSE_REFUSAL, Part, fit, threshold
from eval.metrics import QAItem


def test_the_bundled_judge_weighs_every_feature_the_answer_step_measures():
    judge = bundled()
    assert judge.features == FEATURES and len(judge.weights) == len(FEATURES)
    assert 0.0 < judge.threshold < 1.0 and "dev" in judge.fitted_on


def test_a_judge_fitted_for_other_features_is_refused_with_how_to_refit(tmp_path):
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    stale = tmp_path / "judge.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="python -m eval.fit"):
        Judge.load(stale)


def _part(answerable: bool, rows: list[list[float]], labels: list[int]) -> Part:
    item = QAItem("q", "问？", ["1"] if answerable else [], "numeric" if answerable else "unanswerable")
    return Part(item, np.array(rows, dtype=float).reshape(-1, len(FEATURES)), np.array(labels))


def test_the_threshold_refuses_at_most_the_allowed_share_of_answers_found_right():
    rng = np.random.default_rng(7)
    parts = []
    for _ in range(200):  # right answers lean on coverage; wrong ones and unanswerable questions do not
        right = rng.random() < 0.8
        good = np.r_[rng.uniform(0.6, 1.0), rng.random(len(FEATURES) - 1)]
        bad = np.r_[rng.uniform(0.0, 0.7), rng.random(len(FEATURES) - 1)]
        parts.append(_part(True, [good, bad], [int(right), 0]))
    for _ in range(60):
        parts.append(_part(False, [np.r_[rng.uniform(0.0, 0.7), rng.random(len(FEATURES) - 1)]], [0]))
    judge = fit(parts, "synthetic")
    refused_right = sum(
        1
        for p in parts
        if p.item.answerable and p.labels[np.argmax(judge.probabilities(p.features))]
        and judge.probabilities(p.features).max() < judge.threshold
    )
    assert refused_right <= MAX_FALSE_REFUSAL * 200
    assert judge.threshold == threshold(judge, parts) > 0.0
    refused_unanswerable = sum(judge.probabilities(p.features).max() < judge.threshold for p in parts[200:])
    assert refused_unanswerable >= 30  # the cut is not zero: it still refuses most look-alike questions
