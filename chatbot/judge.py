"""The learned part of the answer step: how likely a candidate sentence or row answers the question.

A logistic model over a candidate's features (`FEATURES`) ranks the candidates and decides refusal:
the best candidate is shown only when its probability reaches the threshold. Weights and threshold
are fitted by `python -m eval.fit` (leave-one-document-out, see README "Quality") and shipped as
`data/judge.json`; nothing here is set by hand. Plain numpy, so answering needs no scikit-learn.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import numpy as np

BUNDLED = Path(__file__).parent / "data" / "judge.json"

# What the answer step measures of every candidate (see `answer._features`); the order is the model's.
FEATURES = (
    "coverage",  # share of the question's weighted terms in the unit
    "coverage_with_headings",  # ... in the unit and its passage's headings
    "heading_coverage",  # ... in the headings alone
    "rank",  # the passage's position among the hits, 0..1
    "keyword_share",  # the passage's BM25 score over the best hit's
    "dense",  # the passage's cosine similarity with the question
    "has_number",  # the unit states a figure
    "numeric_question",  # the question asks a figure, a target, a rate
    "number_for_numeric",  # both of the above
    "year_in_unit",  # a year the question pins down is in the unit or its headings
    "asks_year",  # the question pins down a year
    "table_row",  # the unit is a table row
    "indicator_share",  # how much of a row's indicator the question spells out
    "defines_quoted_term",  # the unit states what a quoted term of the question means
    "definition_question",
    "unit_asked",  # the question asks for a unit (`多少亿元`) and the unit carries it
    "log_length",  # log of the unit's length in characters
    "list_question",  # `哪些`, `哪几`, `包括`, `分别`
    "enumerates",  # the unit lists (`、` twice, `一是…二是`, `1、`)
    "list_and_enumerates",
    "names_entity",  # the unit holds a name-like span (a company, school, park, project)
    "quoted_term_in_unit",  # a term the question quotes, or a component of one it asks about, is in the unit
    "count_matches",  # an enumeration block with as many members as the question asks for (`哪七个`)
    "blank_cell",  # a table row whose column asked about is `-`: winning, it says the value is not given
    "bigram_coverage",  # share of the question's content character pairs in the unit and its headings
    "asked_as_base",  # share of the question's terms the unit names only as the whole of a share (`占…比重`)
    "value_lead_coverage",  # coverage of the words leading up to the unit's best figure (in the unit asked, if any)
    "heaviest_missing",  # the weight share of the heaviest question term neither the unit nor its headings hold
    "lead_gap",  # a figure asked: the share of the question's terms the unit holds but not before its best figure
    "names_asked_kind",  # a name asked: the unit quotes one of the kind asked about (`“龙城英才”工程`)
)


@dataclass(frozen=True)
class Judge:
    """Standardize, weigh, squash; `threshold` is the least probability that is shown as an answer."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    second_ratio: float  # a second unit is shown when its probability is this close to the best one's
    fitted_on: str = ""  # what the model was fitted on, for the record

    def __post_init__(self) -> None:
        if tuple(self.features) != FEATURES:
            raise ValueError(
                f"判定模型的特征与程序不一致：{list(self.features)} ≠ {list(FEATURES)}；请用 python -m eval.fit 重新拟合"
            )

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        z = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(z @ np.asarray(self.weights) + self.bias)))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Judge:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(**{**data, **{k: tuple(data[k]) for k in ("features", "mean", "scale", "weights")}})


@cache
def bundled() -> Judge:
    return Judge.load(BUNDLED)
