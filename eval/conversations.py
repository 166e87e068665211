"""Follow-up questions scored in their conversations: `policyqa eval --conversations [FILE]`.

A conversations file holds one conversation a line: `{"id", "split", "style", "turns": [...]}`, each turn a known
fact as in a QA file (`question`, `answers`, `all_required`, `doc`, `evidence`, `answerable`) and `follows`: whether
it leaves out what it is about and must inherit it from the turn before. Every turn is asked through `answer()` with
the turns before it (questions and the answers given) as the conversation's history; follow-up accuracy is the share of `follows` turns answered
right (or refused, when the documents do not answer them).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from chatbot import Settings, answer
from chatbot.llm import reply
from index import Index

from .metrics import QAItem, answer_correct

CONVERSATIONS = Path(__file__).parent / "data" / "conversations.jsonl"
# Every dev conversation of CONVERSATIONS re-worded by another hand (same facts, other words: `那湘乡市呢？` →
# `换成湘乡是多少`), to find wording the follow-up rules do not understand; dev data, never a held-out one re-worded.
REWORDED = Path(__file__).parent / "data" / "conversations_reworded.jsonl"


@dataclass(frozen=True)
class Turn:
    item: QAItem
    follows: bool  # leaves out its subject: must inherit it from the turn before


@dataclass(frozen=True)
class Conversation:
    id: str
    split: str
    style: str
    turns: tuple[Turn, ...]


def load_conversations(path: Path = CONVERSATIONS, split: str = "all") -> list[Conversation]:
    """The file's conversations (of one split, unless `all`); a bad line raises ValueError naming file and line."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            turns = tuple(
                Turn(
                    QAItem(
                        id=f"{data['id']}.{i}",
                        question=t["question"],
                        answers=list(t["answers"]),
                        type="follow_up" if t["follows"] else "fresh",
                        all_required=bool(t.get("all_required")),
                        doc=t.get("doc"),
                        evidence=t.get("evidence"),
                        split=data.get("split", "dev"),
                    )
                    if t.get("answerable", True)
                    else QAItem(f"{data['id']}.{i}", t["question"], [], "unanswerable", split=data.get("split", "dev")),
                    bool(t["follows"]),
                )
                for i, t in enumerate(data["turns"], 1)
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path} 第 {n} 行不是有效的对话：{exc!r}") from None
        conversation = Conversation(str(data["id"]), data.get("split", "dev"), data.get("style", ""), turns)
        if split in ("all", conversation.split):
            out.append(conversation)
    return out


def run(
    index: Index, settings: Settings, conversations: list[Conversation], quiet: bool = False, llm: bool = False
) -> list[dict]:
    """Every turn answered with the turns before it as history, as the product answers it (through the chat model
    with `llm`); one result a turn."""
    ask = reply if llm else answer
    results = []
    for conversation in tqdm(conversations, desc="对话评测", file=sys.stderr, disable=quiet):
        history: list[tuple[str, str]] = []
        for turn in conversation.turns:
            result = ask(turn.item.question, index, settings, history=history).to_dict()
            results.append({"id": turn.item.id, "follows": turn.follows, **result})
            history.append((turn.item.question, result["answer"]))
    return results


def score(conversations: list[Conversation], results: list[dict]) -> dict:
    """Accuracy of the follow-up turns, of the turns that stand alone, and of whole conversations (every turn right);
    how follow-ups fail: answerable ones refused or answered wrong, unanswerable ones refused (as for single questions)."""
    by_id = {r["id"]: r for r in results}
    right = {t.item.id: answer_correct(t.item, by_id[t.item.id]) for c in conversations for t in c.turns}
    follow = [right[t.item.id] for c in conversations for t in c.turns if t.follows]
    answerable = [by_id[t.item.id] for c in conversations for t in c.turns if t.follows and t.item.answerable]
    unanswerable = [by_id[t.item.id] for c in conversations for t in c.turns if t.follows and not t.item.answerable]
    answerable_right = [right[r["id"]] for r in answerable]
    alone = [right[t.item.id] for c in conversations for t in c.turns if not t.follows]
    whole = [all(right[t.item.id] for t in c.turns) for c in conversations]

    def share(values: list[bool]) -> float | None:
        return round(sum(values) / len(values), 3) if values else None

    return {
        "conversations": len(conversations),
        "turns": len(right),
        "follow_up_accuracy": share(follow),
        "follow_ups": len(follow),
        "standalone_accuracy": share(alone),
        "conversation_accuracy": share(whole),
        "follow_up_false_refusal_rate": share([bool(r["refused"]) for r in answerable]),
        "follow_up_wrong_answer_rate": share(
            [not ok and not r["refused"] for r, ok in zip(answerable, answerable_right, strict=True)]
        ),
        "follow_up_refusal_rate": share([bool(r["refused"]) for r in unanswerable]),
    }


def report(metrics: dict) -> str:
    width = max(map(len, metrics), default=0) + 2
    return "\n".join(f"{k:<{width}}{'-' if v is None else v}" for k, v in metrics.items())
