"""Compose an extractive answer with citations from retrieved passages, or refuse honestly."""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field

from index import Hit, Index
from ingest.chunks import split_sentences

from .settings import Settings

# Place names a question may carry: `鹤城区`, `长沙市`, `会同县`, `湖南省`.
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:自治州|自治县|省|市|区|县)")
_GENERIC_PLACE = re.compile(r"^(?:全|本|该|各|我|城|市|园|景|社|片|辖|新|老|开发|高新|示范|核心|中心|城市|地区|行政)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_NUMERIC_INTENT = re.compile(r"多少|几|比例|比重|目标|增速|增长|率|规模|数量|面积|人数|金额|达到")
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Citation:
    """A cited passage exactly as it stands in the document."""

    doc: str
    title: str
    place: str
    locator: str
    kind: str
    text: str
    score: float


@dataclass(frozen=True)
class Answer:
    """What the CLI, the UI and the eval runner all receive from `answer()`."""

    question: str
    answer: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    latency_ms: float = 0.0

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": [asdict(c) for c in self.citations],
            "latency_ms": round(self.latency_ms, 1),
        }


def _cite(hit: Hit) -> Citation:
    c = hit.chunk
    return Citation(c.doc, c.title, c.place, c.locator, c.kind, c.text, round(hit.score, 4))


def unknown_places(question: str, index: Index) -> list[str]:
    """Places a question names that no indexed document speaks of: asking them is asking the wrong corpus."""
    missing = []
    for m in _PLACE.finditer(question):
        name = m.group(0)
        if _GENERIC_PLACE.match(name) or name in index.places:
            continue
        if not index.mentions(name):
            missing.append(name)
    return missing


def _context(hit: Hit) -> str:
    c = hit.chunk
    return " ".join((c.title, *c.heading_path, c.text))


def _weights(question: str, index: Index) -> dict[str, float]:
    """Question terms weighted by rarity in the corpus, so `地区生产总值` outweighs `发展`."""
    terms = dict.fromkeys(index.keyword.tokenizer(question))
    return {t: index.idf(t) for t in terms if t not in index.places}


def _sentence_score(sentence: str, weights: dict[str, float], numeric: bool, years: list[str]) -> float:
    total = sum(weights.values()) or 1.0
    covered = sum(w for t, w in weights.items() if t in sentence)
    score = covered / total
    if numeric and _NUMBER.search(sentence):
        score += 0.1
    if years and any(y in sentence for y in years):
        score += 0.1
    return score


def _units(hit: Hit) -> list[str]:
    """Answerable units of a passage: a table row whole, prose sentence by sentence."""
    if hit.chunk.kind == "table_row":
        return [hit.chunk.text]
    return [s.strip() for s in split_sentences(hit.chunk.text.replace("\n", "")) if len(s.strip()) >= 4]


def _row_answer(text: str) -> str:
    """`专栏2 … | 经济发展 | 地区生产总值增长(%) | 2020年: 3.6 | …` → the indicator and its cells."""
    parts = text.split(" | ")
    return "；".join(parts[1:]) if len(parts) > 1 else text


def compose(question: str, hits: list[Hit], index: Index, settings: Settings) -> tuple[str, bool]:
    """Pick the sentences that answer the question, or explain why the documents do not."""
    if not hits:
        return "文件中未找到与该问题相关的内容。", True
    missing = unknown_places(question, index)
    if missing:
        return f"文件中未找到关于“{'、'.join(missing)}”的内容：现有文件只涉及{'、'.join(index.places)}。", True
    years = _YEAR.findall(question)
    if years and not any(all(y in _context(h) for y in years) for h in hits):
        return f"文件中未找到{'、'.join(y + '年' for y in years)}的相关内容。", True
    weights = _weights(question, index)
    numeric = bool(_NUMERIC_INTENT.search(question))
    scored = []
    for rank, hit in enumerate(hits[: settings.answer_passages]):
        context_years = [y for y in years if y in _context(hit)]
        for unit in _units(hit):
            s = _sentence_score(unit, weights, numeric, context_years)
            s += _sentence_score(" ".join(hit.chunk.heading_path), weights, False, []) * 0.2
            scored.append((s - 0.03 * rank, rank, unit))
    scored.sort(key=lambda x: -x[0])
    best_score = scored[0][0]
    passage_support = max(_sentence_score(_context(h), weights, False, []) for h in hits[:3])
    if best_score < settings.min_sentence_score or passage_support < settings.min_passage_support:
        return "文件中未找到能够明确回答该问题的内容。以下是最接近的段落，供参考。", True
    chosen = [scored[0]]
    for cand in scored[1:]:
        if len(chosen) >= settings.answer_sentences:
            break
        if cand[0] >= best_score * 0.8 and cand[2] not in [c[2] for c in chosen]:
            chosen.append(cand)
    lines = []
    for _, rank, unit in chosen:
        hit = hits[rank]
        text = _row_answer(unit) if hit.chunk.kind == "table_row" else unit
        lines.append(f"{text}[{rank + 1}]")
    return "\n".join(lines), False


def answer(
    question: str,
    index: Index,
    settings: Settings | None = None,
    *,
    top_k: int | None = None,
    doc: str | None = None,
    place: str | None = None,
) -> Answer:
    """The one answering function behind the CLI, the UI and the eval runner."""
    settings = settings or Settings()
    started = time.perf_counter()
    question = question.strip()
    if not question:
        return Answer(question, "请输入问题。", True, [], 0.0)
    question = question[: settings.max_question_chars]
    k = top_k or settings.top_k
    hits = index.retrieve(
        question, max(k, settings.answer_passages), doc=doc, place=place, dense_weight=settings.dense_weight
    )
    text, refused = compose(question, hits, index, settings)
    citations = [_cite(h) for h in hits[:k]]
    latency = (time.perf_counter() - started) * 1000
    return Answer(question, text, refused, citations, latency)
