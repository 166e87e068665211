"""CI gate: the bundled corpus must keep answering the known facts at least this well.

The floors sit a little below the numbers measured when they were set (see README "Quality");
a change that drops below them is a regression, not noise.
"""

from __future__ import annotations

import pytest

from eval import DEFAULT_QA, load_qa
from eval.runner import evaluate

pytestmark = pytest.mark.slow

# Per split: (hit@5, answer accuracy, refusal on unanswerable, max false-refusal rate).
FLOORS = {"dev": (0.95, 0.90, 0.85, 0.05), "heldout": (0.88, 0.78, 0.65, 0.10)}


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_eval_stays_above_the_floor(built_index, split):
    index, settings = built_index
    metrics, _ = evaluate(index, settings, load_qa(DEFAULT_QA, split), quiet=True)
    overall = metrics["overall"]
    hit5, accuracy, refusal, false_refusal = FLOORS[split]
    assert overall["hit@5"] >= hit5, overall
    assert overall["answer_accuracy"] >= accuracy, overall
    assert overall["refusal_rate"] >= refusal, overall
    assert overall["false_refusal_rate"] <= false_refusal, overall
    assert metrics["disambiguation_wrong_place"].startswith("0/"), metrics["disambiguation_wrong_place"]


# Leave-one-document-out means (every fold's judge fitted without that document's questions) and the
# held-out splits under the bundled judge: (answer accuracy, refusal on unanswerable, max false refusal).
# Known facts hold out only 7 unanswerable questions: one more answered is 0.14 of its refusal rate (5 of 7 refused
# when last measured). The users' split was 0.958 / 0.907 / 0.011 (LODO) and 0.940 / 0.884 (99 of 112) / 0.025 (held
# out) when its floors were last raised.
LODO_FLOORS = {"known facts": (0.95, 0.85, 0.02), "users' words": (0.93, 0.88, 0.025)}
HELDOUT_FLOORS = {"known facts": (0.92, 0.70, 0.04), "users' words": (0.91, 0.85, 0.04)}


def test_leave_one_document_out_and_held_out_stay_above_the_floor(built_index):
    from eval.fit import measure

    index, settings = built_index
    report, _ = measure(index, settings)
    for name, (accuracy, refusal, false_refusal) in LODO_FLOORS.items():
        mean = report["lodo"][name]["mean"]
        assert len(report["lodo"][name]["folds"]) == 4, report["lodo"][name]["folds"].keys()
        assert mean["answer_accuracy"] >= accuracy and mean["refusal_rate"] >= refusal, (name, mean)
        assert mean["false_refusal_rate"] <= false_refusal, (name, mean)
    for name, (accuracy, refusal, false_refusal) in HELDOUT_FLOORS.items():
        held = report["heldout"][name]
        assert held["answer_accuracy"] >= accuracy and held["refusal_rate"] >= refusal, (name, held)
        assert held["false_refusal_rate"] <= false_refusal, (name, held)


def test_users_questions_typed_without_quotes_stay_above_the_floor(built_index, tmp_path):
    """Users rarely type the documents' quotation marks: the dev questions that quote a slogan, without them
    (0.835 answer accuracy, 0.058 false refusals when set; 0.905 / 0.019 on today's 165)."""
    import json

    from eval import USERS_QA
    from eval.variants import unquoted

    index, settings = built_index
    rows = [json.loads(line) for line in USERS_QA.read_text(encoding="utf-8").splitlines() if line.strip()]
    bare = tmp_path / "unquoted.jsonl"
    bare.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in unquoted(rows)), encoding="utf-8")
    metrics, _ = evaluate(index, settings, load_qa(bare, "dev"), quiet=True)
    overall = metrics["overall"]
    assert overall["n"] >= 100 and not any("“" in item.question for item in load_qa(bare))
    assert overall["answer_accuracy"] >= 0.86 and overall["false_refusal_rate"] <= 0.05, overall


# Follow-up accuracy per split of the conversations file: 0.930 (dev, 142 follow-ups) and 0.812 (held out, 64) when set;
# 0.947 (262) and 0.847 (118) once batch r joined (its held-out third at 0.731, eval/RESULTS.md "Follow-up questions"); 0.950
# and 0.831 after the work on the re-worded set (held out per batch: m +1, p −1, r −2). The dev conversations
# re-worded by another hand: 0.790 when they came, 0.905 once the rules read them (dev data). Batches `f…` and `g…`
# (80 conversations by two writers who saw neither the code nor any other conversation) arrived at 0.791 (dev, 153)
# and 0.869 (held out, 61): all dev 0.892 (370 of 415), all held out 0.844 (151 of 179); after the work on their dev
# turns 0.911 (378 of 415) and 0.860 (154 of 179), the re-worded 0.920; with keyword search leaving out the place a
# question keeps to, 0.904 (375 of 415) and 0.866 (155 of 179), the re-worded 0.920 (241 of 262). Batch `s…` (45
# conversations by one more writer) arrived at 0.871 (dev, 62) and 0.833 (held out, 30); with it, at 5d76289: 0.933
# (445 of 477), 0.876 (183 of 209), the re-worded 0.924 (242 of 262). Batches `t…` and `u…` (45 each, two more such
# writers) arrived at 0.967 and 0.857 (dev), 0.929 and 0.880 (held out); with them, at 2feb093: 0.951 (557 of 586),
# 0.889 (233 of 262), the re-worded 0.939 (246 of 262). Batches `v…` and `w…` (45 each, two more such writers)
# arrived at 0.850 and 0.841 (dev), 0.902 and 0.837 (held out); with them, at 80b7cb7: 0.943 (705 of 748), 0.884
# (306 of 346), the re-worded 0.950 (249 of 262). Batches `x…` and `y…` (45 each, two more such writers) arrived at
# 0.855 and 0.816 (dev), 0.875 and 0.814 (held out); with them, at ec4cce3: 0.929 (840 of 904), 0.874 (368 of 421),
# the re-worded 0.950 (249 of 262). Batches `k…`, `z…`, `j…`, `h…`, `a…`, `b…`, `d…`, `e…` (45 each, eight more such
# writers, the last two with traps) arrived at 0.613–0.881 (dev); with them, at 977ccf4: 0.901 (1262 of 1400), 0.858
# (575 of 670), the re-worded 0.950; the conversations before them 0.939 (849 of 904) and 0.884 (372 of 421).
# Batches `q…`, `i…`, `l…`, `o…` (45 each, four more such writers) arrived at 0.705–0.839 (dev); with them, at d3b426e:
# 0.896 (1467 of 1637), 0.860 (671 of 780), the re-worded 0.962 (252 of 262); the conversations before them 0.909
# (1272 of 1400) and 0.867 (581 of 670). At ea0e1e9 (no new data; answer types and follow-up rules): 0.910 (1490 of
# 1637), 0.865 (675 of 780), the re-worded 0.962. At 3ccb052 (outline questions, table groups, follow-up rules):
# 0.921 (1508 of 1637), 0.872 (680 of 780), the re-worded 0.962; at a2c0b34 dev 0.922 (1509). At 4f7f1b1: 0.932
# (1526 of 1637), 0.878 (685 of 780), the re-worded 0.973. Six more batches by fresh writers (`A…`–`F…`, 270
# conversations) arrived at 0.647–0.887 on their dev turns; with them, at 38041e9: 0.916 (1882 of 2054), 0.867 (852 of
# 983), the re-worded 0.973; the conversations before them 0.934 (1529 of 1637) and 0.885 (690 of 780). At 053f322
# (no new data; answer types and follow-up rules): 0.920 (1890 of 2054), 0.867 (852 of 983), the re-worded 0.973.
# Two more batches by fresh writers (`G…`, people who care about land and water; `H…`, people asking about work and
# money) arrived at 607a36e at 0.838 and 0.815 (dev), 0.821 and 0.775 (held out): all 0.913 (2023 of 2215), 0.862 (915
# of 1062); at e03309d 0.915 (2026 of 2215), 0.863 (916 of 1062). Two more (`I…`, people who move goods and build
# things; `J…`, technology, culture and heritage) arrived there at 0.833 and 0.760 (dev), 0.786 and 0.838 (held out):
# all 0.907 (2148 of 2368), 0.859 (980 of 1141), so the floors moved down with the harder data, not the code.
CONVERSATION_FLOORS = {"dev": 0.90, "heldout": 0.85, "reworded": 0.92}


@pytest.mark.parametrize("split", ["dev", "heldout", "reworded"])
def test_follow_ups_in_conversations_stay_above_the_floor(built_index, split):
    from eval import conversations

    index, settings = built_index
    if split == "reworded":
        chosen = conversations.load_conversations(conversations.REWORDED)
    else:
        chosen = conversations.load_conversations(split=split)
    metrics = conversations.score(chosen, conversations.run(index, settings, chosen, quiet=True))
    assert metrics["follow_up_accuracy"] >= CONVERSATION_FLOORS[split], metrics
