"""`python -m eval.kinds` counts failures by the kinds of issue 10, before and after, on the same questions."""

from __future__ import annotations

import json

from eval.kinds import KINDS, main
from eval.metrics import QAItem


def test_a_question_is_counted_under_every_kind_it_belongs_to():
    two_part = QAItem("a", "洪江区去年GDP涨了多少？今年目标呢？", ["6%"], "multi_part")
    kinds = {k for k, member in KINDS.items() if member(two_part)}
    assert kinds == {"1 two questions in one", "2 users' words", "7 target vs actual"}
    unanswerable = QAItem("b", "湘乡2030年GDP多少亿元？", [], "unanswerable")
    assert {k for k, member in KINDS.items() if member(unanswerable)} == {
        "2 users' words",  # GDP
        "8 unanswerable that looks answerable",
    }


def test_failures_before_and_after_are_counted_on_the_questions_both_runs_answered(tmp_path, capsys):
    qa = tmp_path / "qa.jsonl"
    items = [
        {"id": "1", "question": "洪江区有哪几大工程？", "answers": ["森林"], "type": "list"},
        {"id": "2", "question": "湘乡2030年GDP多少亿元？", "answers": [], "type": "unanswerable"},
        {"id": "3", "question": "只在一边答过？", "answers": ["x"], "type": "entity"},
    ]
    qa.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    before.write_text(
        json.dumps({"id": "1", "answer": "别的", "refused": False})
        + "\n"
        + json.dumps({"id": "2", "answer": "750亿元", "refused": False})
        + "\n"
        + json.dumps({"id": "3", "answer": "x", "refused": False})
        + "\n",
        encoding="utf-8",
    )
    after.write_text(
        json.dumps({"id": "1", "answer": "森林质量精准提升工程", "refused": False})
        + "\n"
        + json.dumps({"id": "2", "answer": "未找到", "refused": True})
        + "\n",
        encoding="utf-8",
    )
    assert main([str(before), str(after), "--qa", str(qa)]) == 0
    lines = {line[:40].strip(): line[40:].split() for line in capsys.readouterr().out.splitlines()[1:]}
    assert lines["3 lists"] == ["1", "1", "0"]
    assert lines["8 unanswerable that looks answerable"] == ["1", "1", "0"]
    assert lines["all"] == ["2", "2", "0"]
