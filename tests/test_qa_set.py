"""The known-facts sets are themselves checked: every answer and evidence string is really in its document."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from eval import DEFAULT_QA, USERS_QA, load_qa
from eval.metrics import QAFileError, norm, parse_item, read_qa
from ingest import CORPUS

TYPES = {"numeric", "entity", "list", "table", "definition", "disambiguation", "cross_doc", "unanswerable"}
# Names, numbers and quoted terms may be copied from the document; nothing else may run 8 characters.
_MAY_COPY = re.compile(r"“[^”]*”|《[^》]*》|‘[^’]*’|\"[^\"]*\"|[0-9][0-9.%]*")


def doc_text(name: str) -> str:
    return norm((CORPUS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("qa", [DEFAULT_QA, USERS_QA], ids=["known facts", "users' words"])
def test_every_answer_and_evidence_is_verbatim_in_its_document(qa):
    for item in load_qa(qa):
        if not item.answerable:
            assert item.answers == [] and item.doc is None, item.id
            continue
        texts = [doc_text(d) for d in item.gold_docs]
        for evidence, text in zip(item.evidences, texts):
            assert norm(evidence) in text, (item.id, evidence)
        for answer in item.answers:
            assert any(norm(answer) in t for t in texts), (item.id, answer)


def test_set_covers_every_type_and_document_in_the_required_numbers():
    items = load_qa(DEFAULT_QA)
    types = Counter(i.type for i in items)
    assert len(items) >= 200
    assert set(types) == TYPES
    assert types["unanswerable"] >= 20 and types["disambiguation"] >= 20 and types["table"] >= 20
    assert {i.doc for i in items if i.doc} == {p.name for p in CORPUS.glob("*.txt")}
    assert len({i.id for i in items}) == len(items)


def test_a_quarter_is_held_out():
    items = load_qa(DEFAULT_QA)
    heldout = [i for i in items if i.split == "heldout"]
    assert 0.2 <= len(heldout) / len(items) <= 0.3
    for kind in TYPES:
        assert any(i.type == kind for i in heldout), kind


def test_cross_doc_items_name_one_evidence_per_document():
    for item in load_qa(DEFAULT_QA):
        if item.type == "cross_doc":
            assert len(item.docs) >= 2 and len(item.evidence_all) == len(item.docs), item.id


def test_an_item_with_only_the_required_fields_takes_the_documented_defaults():
    item = parse_item('{"id": 7, "question": "问题？", "answers": ["60"], "type": "numeric", "by": "someone"}')
    assert (item.id, item.all_required, item.doc, item.evidence, item.split) == ("7", False, None, None, "dev")
    assert item.difficulty == "" and item.gold_docs == [] and item.evidences == []


def test_lines_that_are_not_items_are_named_by_line_number_and_the_rest_are_read(tmp_path):
    qa = tmp_path / "qa.jsonl"
    qa.write_text(
        '{"id": "a", "question": "好问题？", "answers": ["1"], "type": "numeric"}\n'
        "\n"
        "{broken\n"
        '{"id": "c", "answers": ["1"], "type": "numeric"}\n'
        '{"id": "d", "question": "问？", "answers": "60", "type": "numeric"}\n'
        '["a list"]\n',
        encoding="utf-8",
    )
    items, problems = read_qa(qa)
    assert [i.id for i in items] == ["a"]
    assert [p.split(":")[0] for p in problems] == ["第 3 行", "第 4 行", "第 5 行", "第 6 行"]
    assert "不是合法的 JSON" in problems[0] and "缺少必填字段 question" in problems[1]
    assert "answers 应为字符串列表" in problems[2] and "JSON 对象" in problems[3]
    with pytest.raises(QAFileError, match="第 3 行"):
        load_qa(qa)


def test_users_questions_are_in_their_own_words_not_copied_from_the_evidence():
    for item in load_qa(USERS_QA):
        for evidence in map(norm, item.evidences):
            for part in _MAY_COPY.split(norm(item.question)):
                runs = {part[i : i + 8] for i in range(len(part) - 7)}
                assert not any(run in evidence for run in runs), (item.id, item.question, evidence)


def test_users_set_has_every_kind_of_question_the_issue_names():
    items = load_qa(USERS_QA)
    types = Counter(i.type for i in items)
    assert len(items) >= 500 and len({i.id for i in items}) == len(items)
    assert types["multi_part"] >= 60 and types["list"] >= 50 and types["definition"] >= 40
    assert types["entity"] >= 40 and types["unanswerable"] >= 80
    heldout = sum(i.split == "heldout" for i in items) / len(items)
    assert 0.2 <= heldout <= 0.3


def test_the_conversations_are_known_facts_too_with_a_held_out_quarter():
    from eval.conversations import load_conversations

    conversations = load_conversations()
    turns = [t for c in conversations for t in c.turns]
    assert len(conversations) >= 40 and all(2 <= len(c.turns) <= 4 for c in conversations)
    assert sum(t.follows for t in turns) >= 100 and any(not t.follows for c in conversations for t in c.turns[1:])
    assert 0.2 <= sum(c.split == "heldout" for c in conversations) / len(conversations) <= 0.35
    for turn in turns:
        item = turn.item
        if not item.answerable:
            assert item.answers == [] and item.doc is None, item.id
            continue
        text = doc_text(item.doc)
        assert norm(item.evidence) in text, (item.id, item.evidence)
        assert all(norm(answer) in text for answer in item.answers), item.id


def test_the_reworded_conversations_are_the_dev_conversations_in_other_words():
    from eval.conversations import REWORDED, load_conversations

    originals = {c.id: c for c in load_conversations()}
    reworded = load_conversations(REWORDED)
    rewritten = {c.id.removesuffix("~p") for c in reworded}  # every dev conversation of the batches before f… and g…
    assert rewritten == {c.id for c in originals.values() if c.split == "dev" and c.id[0] in "cnmpr"}
    for conversation in reworded:
        original = originals[conversation.id.removesuffix("~p")]
        assert original.split == conversation.split == "dev", conversation.id
        assert len(original.turns) == len(conversation.turns)
        for turn, before in zip(conversation.turns, original.turns):
            assert turn.item.question != before.item.question, turn.item.id
            assert (turn.follows, turn.item.answers, turn.item.doc) == (before.follows, before.item.answers, before.item.doc)
