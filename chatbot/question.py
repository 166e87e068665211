"""What a question asks about, in the documents' words: users' synonyms found, asking words set aside.

The lexicon (`data/lexicon.json`) is general to Chinese government documents: `GDP` and `经济总量`
are what users type for `地区生产总值`, `啥` and `哪所` only ask. Retrieval searches the documents'
terms too, and the answer step counts a term as covered when the passage holds any of its words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON = Path(__file__).parent / "data" / "lexicon.json"


@dataclass(frozen=True)
class Lexicon:
    asking: re.Pattern[str]  # words that only ask or fill, longest first
    groups: tuple[tuple[str, ...], ...]  # each: the documents' term first, then users' words for it
    pattern: re.Pattern[str]  # every word of every group, longest first
    group_of: dict[str, int]


@cache
def lexicon(path: Path = LEXICON) -> Lexicon:
    data = json.loads(path.read_text(encoding="utf-8"))
    groups = tuple((term, *variants) for term, variants in data["synonyms"].items())
    group_of = {word: i for i, group in enumerate(groups) for word in group}
    return Lexicon(_alternatives(data["asking"]), groups, _alternatives(group_of), group_of)


def _alternatives(words) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@dataclass(frozen=True)
class Terms:
    """A question's content: its own remaining words, and the synonym groups it names (any member covers one)."""

    words: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]

    def search_text(self, question: str) -> str:
        """The question with the documents' own term for each group appended, for keyword retrieval."""
        missing = [g[0] for g in self.groups if g[0] not in question]
        return " ".join([question, *missing])


def terms(question: str, tokenize, lex: Lexicon | None = None) -> Terms:
    """Split a question into synonym groups (longest match first) and the tokens of the rest, asking words dropped."""
    lex = lex or lexicon()
    groups = list(dict.fromkeys(lex.groups[lex.group_of[m.group(0)]] for m in lex.pattern.finditer(question)))
    rest = lex.asking.sub(" ", lex.pattern.sub(" ", question))
    words = tuple(dict.fromkeys(tokenize(rest)))
    return Terms(words, tuple(groups))
