"""Every unit of the retrieved passages that may answer a question, and what the judge measures of each.

A unit is a sentence, a table row, an enumeration (every numbered clause under one heading), the
inline leads of one passage, or a row whose asked cell is `-`. Hard constraints come first: a place
or year the question names must be in the passage, a value asked in a unit must come in it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import cache, partial

from index import Hit, Index
from ingest import Chunk
from ingest.chunks import is_byline, split_sentences

from .constraints import (
    another_plan,
    arabic_years,
    named_places,
    named_plans,
    named_towns,
    named_years,
    plan_end_years,
    plan_name,
    plan_period_end,
    reviewed_years,
    section_years,
)
from .judge import FEATURES
from .question import (
    ASKS_CHARS,
    PIECE,
    Terms,
    asked_unit,
    carries_unit,
    compared_years,
    counted_thing,
    counts_thing,
    is_relative,
    lexicon,
    names_a_thing,
    relative_years,
    report_year,
    report_years,
)
from .rows import (
    bigram_share,
    blank_columns,
    covers_years,
    gives_unit,
    lacks_change,
    row_indicator,
    row_match,
)

_NUMERIC_INTENT = re.compile(r"多少|涨|(?<![哪那这])几|比例|比重|目标|增速|增长|率|规模|数量|面积|人数|金额|达到|多长|多久|多大|多高|多远")
_NUMBER = re.compile(r"\d")
# "How many / how much" questions need a number in the answer: `多少亿元`, `几个`, `比重`.
# `哪几个` asks which, `那几个` points back; `规模有多大` asks a figure too.
_ASKS_NUMBER = re.compile(r"多少|(?<![哪那这])几[个家所项座条次年天人万亿倍块]|比例|比重|占比|百分之|多长|多久|多大|多远|多高|多宽|多深")
_HAS_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千]+[个家所项座条次倍万亿]")
# A year or a document's title is not the quantity `多少` asks for.
_NOT_QUANTITY = re.compile(r"《[^》]*》|(?:19|20)\d{2}\s*年")
# Nor is a code: `G60邵怀高速`, `S249连接线`, `5G基站`, `“5+N”产业体系`.
_CODE = re.compile(r"[A-Za-z]+\d[A-Za-z\d]*|\d+[A-Za-z]+|\d+\s*[+＋]\s*[A-Za-z\d]+")
# Nor is a clause's number: `(3)新生儿疾病免费筛查与诊断服务。`, `3.推进公共服务跨区域共享。`
_NUMBERING = re.compile(r"^\s*(?:[(（]\d{1,2}[)）]|\d{1,2}[、.．](?!\d))")


def _no_codes(unit: str) -> str:
    """The unit with codes and its clause number blanked out (same length), so only its figures hold digits."""
    blank = lambda m: " " * len(m.group())  # noqa: E731
    return _CODE.sub(blank, _NUMBERING.sub(blank, unit))


# A share or rate of something else measured against a whole: `旅游业增加值占地区生产总值比重`,
# `消费对地区生产总值贡献率`, `每亿元地区生产总值…`, `亿元GDP生产安全事故死亡率`. The whole named there is not what the
# figure measures.
_RATIO = re.compile(
    r"占[^，。；,;:：|]{1,30}?(?:比重|比例|的比)|对[^，。；,;:：|]{1,20}?贡献率|(?:每|单位)[^，。；,;:：|]{0,8}?(?:地区生产总值|GDP)"
    r"|(?:亿元|万元)(?:地区生产总值|GDP)",
    re.I,
)
_ASKS_RATIO = re.compile(r"占|比重|比例|贡献|每|单位|率|[亿万]元(?:地区生产总值|GDP)", re.I)
# A question that asks how something changed (`涨了多少`, `年均增长`, `提高几个点`, `新增`); one without these words asks
# the level of what it names, which a change of it does not give.
_ASKS_CHANGE = re.compile(r"增|减|涨|降|提高|提升|上升|翻|多快|速度|年均|每年|幅度|百分点|几个点|倍|[多少]了多少")
# A figure stated as a change of what precedes it: `增长6%`, `下降12.9%`, `年均增长6.5%`; `提高到60%` is a level.
_CHANGE = re.compile(r"(?:增长|增速|增幅|上升|下降|降低|提高|提升|减少|降幅|涨幅)(?!到|至)[^\d，,。；;|]{0,4}$")
_CLAUSE_END = re.compile(r"[。；;]")
_AFTER_TERM = 12  # characters from an asked term to the figure it leads up to: `地区生产总值年均增长6.5%`
_DEFINITION_INTENT = re.compile(r"什么是|是什么|指什么|指的是|含义|意思|内涵|包括哪些|是指")
WEAK_EVIDENCE = "文件中未找到能够明确回答该问题的内容。以下是最接近的段落，供参考。"
QUOTED = re.compile(r"[“\"]([^”\"]{2,20})[”\"]")
_LIST_INTENT = re.compile(r"哪些|哪几|都是|[那这]几[个项条家所大类种样]|哪[“\"]?[两二三四五六七八九十\d]|包括|包含|分别|都有|有什么|几大|几个方面|几项")
_ENUMERATION = re.compile(r"[一二三四五六七八九十]是|^\s*\d+[、.．]|[①②③④⑤⑥⑦⑧⑨⑩]")
_COUNT = re.compile(r"(\d{1,2}|[两二三四五六七八九十])(?:个|大|项|条|类|种|方面|件|块|座|家|样)")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
_ENTITY_INTENT = re.compile(
    r"哪[个家所座位条项款]|谁|叫什么|什么名|名字|名称|什么[^，,。？?]{0,6}(?:称号|职务|头衔|题目)|何时|哪天|哪一天|什么时候|哪里|在哪"
)
# Users' spoken asking words, read as the written ones the intents above are spelled with.
_PLAIN = {"啥": "什么", "咋": "怎么"}
_COLLOQUIAL = re.compile("|".join(_PLAIN))


def _plain(question: str) -> str:
    """The question with its spoken asking words written (`叫啥名` asks what `叫什么名` asks)."""
    return _COLLOQUIAL.sub(lambda m: _PLAIN[m.group()], question)

# A name-like span: an organisation, a place of work or study, a project, a date.
_ENTITY = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9]{2,}(?:有限公司|公司|集团|学校|中学|小学|大学|学院|医院|产业园|工业园|园区|基地|景区|"
    r"中心|工程|项目|大桥|高速|铁路|机场|码头|港|市场|广场|馆|度假区|旅游区|风景区|示范区|保护区|湿地公园|公园)"
    r"|《[^》]+》|\d{1,2}月\d{1,2}日"
    r"|[\u4e00-\u9fff]{2,6}(?=等(?:龙头|骨干|重点)?企业)"  # a company named as an example: `依托怀其皮革等龙头企业`
    # a quoted name of a project, campaign or title: `“龙城颐老”项目`, `“向阳花”行动`, `获评“中国楹联文化城市”`
    r"|“[^”]{2,15}”(?=项目|行动|工程|计划|品牌|活动|模式|工作法|称号)|(?:获评|荣获|授予|评为|创成|获批|入选)[省市国家全]{0,3}“[^”]{2,20}”"
    r"|“[^”]{2,20}”(?=获评|荣获|入选|被评为|被列为)"  # a quoted title that won something: `“十八年守护湘华鲮的故事”获评…`
    # a department or office as a task's note names it (`市委统战部牵头,市发改局、…`), or an official by post
    r"|(?:[市县区省]委|[市县省]|区(?!域))[\u4e00-\u9fff]{1,8}?(?:局|部|办|委|厅)(?=牵头|负责|配合|[、,，等)）])"
    r"|(?:常务)?副?(?:市长|县长|区长|书记|主任)(?=[任牵负总,，、\s])"
)
# One component of a slogan: `“两心两带多节点”` → `两心`, `两带`, `多节点`; `“三看三评三比”` → `三比`.
_COMPONENT = re.compile(r"[一二两三四五六七八九十多][^一二两三四五六七八九十多]{1,3}")


def unknown_places(question: str, index: Index) -> list[str]:
    """Places a question names that no indexed document speaks of: asking them is asking the wrong corpus."""
    return [
        p
        for p in named_places(question)
        if p not in index.places and not index.mentions(p) and not _within_a_term(p, question)
    ]


def _within_a_term(place: str, question: str) -> bool:
    """`农村低保定的多少` names no 保定: a term of the lexicon (`低保`) runs into it from outside."""
    terms = [m.span() for m in lexicon().pattern.finditer(question)]
    spelled = list(re.finditer(re.escape(place), question))
    return bool(spelled) and all(any(a < m.start() < b or a < m.end() < b for a, b in terms) for m in spelled)


def _context(hit: Hit, own_year: list[str], title: bool = True) -> str:
    """The passage with its headings and `_own_year` (and its document's title: a place, never a year, is settled
    by a title).

    Every plan's title names `二〇三五年远景目标`; a question about 2035 needs a passage that speaks of 2035.
    """
    c = hit.chunk
    text = arabic_years(" ".join((c.title if title else "", *c.heading_path, c.text)))
    return " ".join([text, *plan_end_years(text), *own_year])  # `“十三五”末` speaks of 2020


def _own_year(hit: Hit, index: Index) -> list[str]:
    """The year of an annual document, for a passage of it that names no year (`建设高标准农田2.45万亩`); the end of
    an earlier plan period its section reviews (`reviewed_years`), or the year its section reports on
    (`section_years`); for a report's front matter (meeting, speaker), the report's own year: `今年的工作报告是谁作的`
    asks of it; elsewhere in a five-year plan, the end of its period (`plan_period_end`)."""
    c = hit.chunk
    front = [f"{year}年"] if not c.heading_path and (year := report_year(c.title)) else []
    section, unnamed = _section_time(hit, index), not named_years(" ".join((*c.heading_path, c.text)))
    own = [c.year + "年"] if c.year and unnamed else []
    plan = [y + "年" for y in plan_period_end(c.title)] if not c.year and not section and unnamed else []
    return section + front + own + plan


def _section_time(hit: Hit, index: Index) -> list[str]:
    """The years a section is about when its headings say so: what a 十三五 review or `2024,我们真抓实干` states of a
    thing stands at that year, unless the sentence names another."""
    c = hit.chunk
    return [y + "年" for y in (*reviewed_years(c.title, _section(c, index)), *section_years(c.heading_path))]


def _section(chunk: Chunk, index: Index) -> str:
    """A passage's headings and its section's opening words, which may say what the section is about: `“十三五”期间,…`."""
    path = chunk.heading_path
    openings = (index.opening(chunk.doc, path[:n]) for n in (len(path), len(path) - 1))  # its section's, its parent's
    return " ".join((*path, *(o.text[:_OPENING] for o in openings if o)))


_OPENING = 12  # characters of a section's first passage that name what it is about: `“十三五”期间,面对…`


Weights = dict[tuple[str, ...], float]  # a term, as the words any one of which covers it, and its weight
# A word of a document's title (`总体方案`, `工作报告`) says which document is meant, not what answers in it.
_TITLE_WORD = 0.5
# A word no document uses that names no thing is a user's verb or a stray cut (`点名`, `新添`, `镇进`) more often than
# what the documents do not cover (`火星`, `离婚率` weigh in full).
_ABSENT = 0.5
# A kind asked after `哪个`, `哪家` (`哪个高校`, `哪家企业`) whose names seldom spell it out (`湖南师大`, `怀其皮革`):
# a name of it is the answer, the word is none the answer must hold.
_KIND_ASKED = 0.25
_WHICH = re.compile(r"哪[一二两三四五六七八九十个家所几位]*(企业|公司|高校|院校|单位|部门|领导)")


def weights_of(asked: Terms, index: Index, question: str) -> Weights:
    """Question terms weighted by rarity in the corpus, so `地区生产总值` outweighs `发展`.

    A synonym group (`GDP`, `经济总量` → `地区生产总值`) weighs what the heaviest of its words the corpus uses weighs;
    asking words (`啥`, `哪所`) weigh nothing, else a word the documents never use would shut the gate.
    """
    tokenize = index.keyword.tokenizer
    titles = [d.title for d in index.manifest.docs.values()]
    weights: Weights = {
        (t,): index.idf(t)
        * (_TITLE_WORD if any(t in title for title in titles) else 1.0)
        * (1.0 if index.mentions(t) or names_a_thing(t) else _ABSENT)
        for t in asked.words
        if t not in index.places
    }
    for group in asked.groups:
        used = [sum(map(index.idf, tokenize(word))) for word in group if index.mentions(word)]
        in_title = any(word in title for word in group for title in titles)  # `十四五` of `第十四个五年规划`
        weights[group] = max(used, default=index.idf(group[0])) * (_TITLE_WORD if in_title else 1.0)
    for term in QUOTED.findall(question):  # `“两心两带多节点”的两带`: the component asked covers the slogan
        parts = [t for t in asked_terms(question) if t != term and t in term]
        if parts and (term,) in weights:
            weights[(term, *parts)] = weights.pop((term,))
    kinds = {m.group(1) for m in _WHICH.finditer(question)}
    for words in weights:
        if kinds & set(words):
            weights[words] *= _KIND_ASKED
    # The tokenizer folds case (`4a`), the documents do not (`4A级景区`): terms are matched against folded text.
    return {tuple(word.lower() for word in words): weight for words, weight in weights.items()}


def _as_base(unit: str, weights: Weights) -> float:
    """Share of the question's terms the unit names only as the whole of another thing's share (`占…比重`)."""
    spans = [m.span() for m in _RATIO.finditer(unit)]
    if not spans:
        return 0.0
    found = only_base = 0.0
    for words, weight in weights.items():
        starts = [m.start() for word in words for m in re.finditer(re.escape(word), unit)]
        if starts:
            found += weight
            only_base += weight * all(any(a <= s < b for a, b in spans) for s in starts)
    return only_base / found if found else 0.0


# A bracketed list of the places an area is made of: `中心城区(黔城镇、安江镇)`.
_MEMBERS = re.compile(r"[(（][^()（）]+、[^()（）]+[)）]")


def _asks_of(text: str, weights: Weights) -> bool:
    """`text` holds a term asked other than a year: what is asked of a place, not only when."""
    return any(any(w in text for w in words) for words in weights if not all(_YEARISH.fullmatch(w) for w in words))


_YEARISH = re.compile(r"(?:19|20)?\d{2}|年")


def _heaviest_missing(text: str, weights: Weights) -> float:
    """Weight share of the heaviest question term `text` lacks: `医保参保率` asked, only `城镇化率` found."""
    total = sum(weights.values()) or 1.0
    return max((w for words, w in weights.items() if not any(word in text for word in words)), default=0.0) / total


def by_coverage(hits: list[Hit], weights: Weights, index: Index, level: str | None = None) -> list[Hit]:
    """Hits re-ranked by what share of the question's weighted terms each passage and its headings hold, half and half
    with its keyword score: BM25's length norm ranks a long passage holding the rare words asked (`贫困发生率`) below
    short table rows that hold only the common ones. Asked a level (`level`: the question, when it asks one), passages
    that give only changes of what is asked come last: `地区生产总值增长6%` must not crowd out `到2025年总量达到55亿元`;
    then those naming it only as what another figure is measured against (`…占地区生产总值比重`), unless the question
    asks such a figure itself."""
    top = max((h.keyword for h in hits), default=0.0) or 1.0
    own_level = bool(level) and not _ASKS_AGAINST.search(level)

    def score(hit: Hit) -> tuple[bool, bool, float]:
        text = " ".join([hit.chunk.text, _section(hit.chunk, index), hit.chunk.title]).lower()
        return (
            not (level and changes_only(hit, weights)),
            not (own_level and _measures_other(hit.chunk.text.lower(), weights)),
            0.5 * _coverage(text, weights) + 0.5 * hit.keyword / top,
        )

    return sorted(hits, key=score, reverse=True)


def _asks_number(plain: str) -> bool:
    """A figure is asked: `多少亿元`, `几个`; not by `的几个大型活动是哪些`, which asks which (a list)."""
    asked = [m.group() for m in _ASKS_NUMBER.finditer(plain)]
    return bool(asked) and not (_LIST_INTENT.search(plain) and all(a.startswith("几") for a in asked))


# A target asked in no unit (`今年固投目标多少`): a work report sets its targets as growth (`固定资产投资增长7.5%`).
_ASKS_TARGET = re.compile(r"目标|预期|计划|打算|定(?:的|了|在|为)")


def open_target(question: str) -> bool:
    """The question asks a target (`目标`, `计划`, `定的`) in no unit: a level asked, a change may still answer it."""
    return bool(_ASKS_TARGET.search(question)) and not asked_unit(question)


def _holds_heaviest(unit: str, weights: Weights) -> bool:
    """The unit names what the question is most about (`_heaviest`)."""
    return any(word in unit.lower() for word in _heaviest(weights))


def asks_level(question: str) -> bool:
    """The question asks a figure (`是多少`, `几个`) and not how it changed (`增长`, `涨了`, `年均`)."""
    plain = _plain(question)
    return _asks_number(plain) and not _ASKS_CHANGE.search(plain)


def _heaviest(weights: Weights) -> tuple[str, ...]:
    """The words of the heaviest term asked: what the question is most about (`地区生产总值`, `GDP`, …)."""
    return max(weights.items(), key=lambda item: item[1])[0] if weights else ()


# What a figure is measured against, not what it measures: `制造业增加值占地区生产总值比重`, `单位地区生产总值能耗`,
# `人均地区生产总值`, `最终消费支出对地区生产总值贡献率`.
_AGAINST = ("占", "对", "单位", "人均", "每万元")
_ASKS_AGAINST = re.compile(r"占|比重|比例|贡献|单位|人均|每万元|拉动")


def _measures_other(text: str, weights: Weights) -> bool:
    """The passage names the heaviest term asked only as what another figure is measured against (`_AGAINST`), where
    the question asks the term's own level: `…占地区生产总值比重` does not give `地区生产总值目标是多少`."""
    present = [w for w in _heaviest(weights) if w in text]
    words = [w for w in present if not any(w != other and w in other for other in present)]  # not `生产总值` in `地区…`
    if not words or any(w in a for a in _AGAINST for w in words):
        return False
    spans = [m for w in words for m in re.finditer(re.escape(w), text)]
    return all(text[: m.start()].endswith(_AGAINST) for m in spans)


def changes_only(hit: Hit, weights: Weights) -> bool:
    """Every unit of the passage that gives the heaviest term asked gives only a change of it (`_only_change`)."""
    words = _heaviest(weights)
    units = [u for u in _units(hit) if any(w in u.lower() for w in words)]
    return bool(units) and all(_only_change(hit, u, weights) for u in units)


# A table's indicator split by its qualifier: `居民人均可支配收入 城镇(元)` is 城镇居民人均可支配收入.
_QUALIFIER = re.compile(r"\s+(城镇|农村)(?=[(（])")
_INDICATOR_END = re.compile(r"[\u4e00-\u9fff]{4,}$")


def _urban_rural(text: str) -> str:
    """`text` with what it says of 城镇 and 农村 spelled as the questions do: `城乡居民可支配收入…分别…37300元和21450元`
    speaks of 城镇居民 and of 农村居民; the row `居民人均可支配收入 城镇(元)` is 城镇居民人均可支配收入."""
    if "城乡" in text:
        text = f"{text} {text.replace('城乡', '城镇')} {text.replace('城乡', '农村')}"
    if "城镇(" in text or "农村(" in text or "城镇（" in text or "农村（" in text:
        for m in _QUALIFIER.finditer(text):
            if indicator := _INDICATOR_END.search(text, 0, m.start()):
                text += f" {m.group(1)}{indicator.group()}"
    return text


def _coverage(text: str, weights: Weights) -> float:
    """Share of the question's weighted terms that `text` contains (any word of a synonym group covers it)."""
    total = sum(weights.values()) or 1.0
    text = _urban_rural(text)
    return sum(w for words, w in weights.items() if any(word in text for word in words)) / total


@dataclass(frozen=True)
class Candidate:
    """A unit that may answer: where it stands, what it says, and what the judge weighs of it."""

    rank: int  # position of its passage among the hits
    unit: str
    features: tuple[float, ...]  # what the judge weighs, in `judge.FEATURES` order
    years: tuple[str, ...] = ()  # the years asked, as this passage's document reads them (`去年` in a 2025 report)
    # an enumeration: the passages it lists from, each with the verbatim pieces of it listed (a clause's lead; what one
    # component of a slogan is defined as), under `head` when the members share a heading
    members: tuple[tuple[Chunk, tuple[str, ...]], ...] = ()
    head: str = ""
    pieces: tuple[str, ...] = ()  # inline leads: the verbatim pieces of one passage the unit joins
    repeats: bool = False  # the clauses that open with the word asked (`哪三个“坚决”`), exactly as many as asked


_ITEM = r"[^、+＋，,。；;：:“”\s()（）]{2,15}"


@cache
def defining(term: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`“三高四新”(P1):…`, `两城即…`, `“三看”为“看台账…”`: a term followed by what it means, or a quoted role after what
    plays it (`嵩云山国家森林公园为“背景墙”`); or the members it
    names listed right before it (group `members`): `任务清单、政策清单、项目清单“三张清单”`, `“企业派驻、…”八项机制`,
    or with the role each plays: `以文旅为主导,…为特色的“一主两特”`."""
    quote = "“" if term.startswith("“") else ""
    t = re.escape(term.removeprefix("“"))
    after = re.escape(quote) + t + r"[”\"]?(?:\(P\d+\))?\s*(?:[:：]|即|为|是指|指的是|就是|[(（])"
    before = rf"(?P<members>(?:{_ITEM}[、+＋])+{_ITEM})(?:等)?[”\"]?的?[“\"]{'' if quote else '?'}{t}"
    # `以文旅为主导,现代种业和水果产业为特色的“一主两特”`: each one-character role of the slogan given its members
    roles = [c[1:] for c in _COMPONENT.findall(term.removeprefix("“"))]
    if len(roles) > 1 and all(len(r) == 1 for r in roles):
        after += "|" + "".join(f"为{re.escape(r)}[^。；;“”]{{0,40}}?" for r in roles) + rf"的?[“\"]?{t}"
    # `以古商城核心景区为“聚焦点”,…,嵩云山国家森林公园为“背景墙”`: the role a quoted term names, and what plays it
    after += rf"|(?:^|以|[,，、;；])[^,，。；;“”]{{2,20}}为[“\"]{t}[”\"]"
    return re.compile(after), re.compile(before)


def defines(term: str, text: str) -> bool:
    """`text` says what `term` means; members listed before it must be as many as its numerals say (`三查一曝光`: 4)."""
    count = _counted(term)
    says, lists = defining(term)  # apart: `优质的“两城(黔城镇、…)` lists four before 两城, and says what it is after
    if says.search(text) or _spelled_out(term.removeprefix("“"), text):
        return True
    return any(not count or _members(m.group("members")) == count for m in lists.finditer(text))


def _spelled_out(term: str, text: str) -> bool:
    """`三生`: as many things listed as its numeral says, each with its character (`生产空间、生活空间、生态空间`)."""
    short = re.fullmatch(r"([一二两三四五六七八九十])([\u4e00-\u9fff])", term)
    if not short:
        return False
    n, char = _CN_DIGITS[short.group(1)], short.group(2)
    return any(
        len(items := run.group().split("、")) == n and all(char in item for item in items)
        for run in re.finditer(rf"{_ITEM}(?:、{_ITEM})+", text)
    )


def _counted(term: str) -> int:
    """How many members a numbered slogan says it has: `三查一曝光` 4, `六个更加` 6 (0: it says none)."""
    return sum(_CN_DIGITS[c] for c in term if c in _CN_DIGITS)


def _members(listed: str) -> int:
    """How many things `A、B和C` lists: the last of them may be joined by 和, 及 or 与."""
    items = re.split(r"[、+＋]", listed)
    return len(items) + bool(re.search(r".[和及与].", items[-1]))


def asked_terms(question: str) -> tuple[str, ...]:
    """The quoted terms of a question, and any component of one it asks about outside the quotes.

    `“两心两带多节点”里的两心是哪两个？` asks what `两心` means: `“两心”:中心城区主核心。` answers it.
    """
    quoted = QUOTED.findall(question)
    outside = QUOTED.sub(" ", question)
    components = [c for term in quoted for c in _COMPONENT.findall(term) if c != term and c in outside]
    return tuple(dict.fromkeys([*quoted, *components]))


def _defines(unit: str, terms: tuple[str, ...]) -> bool:
    """The unit states what a term the question asks about means."""
    return any(defines(term, unit) for term in terms)


def _list_items(unit: str) -> int:
    """The most things one clause of the unit lists with `、`: `以粮食、畜禽、蔬菜三大…` lists 3."""
    return max((_members(seg) for seg in _CLAUSE_MARKS.split(unit) if "、" in seg), default=0)


_CLAUSE_MARKS = re.compile(r"[，。；;:：,()（）“”]")  # what ends a clause that may list things with `、`


# `三轴具体是哪三条轴`, `九代服务是哪九代`: as many members as counted, asked (not `哪八个字`, a wording's length).
_ASKS_N_MEMBERS = re.compile(r"哪([两二三四五六七八九十]|\d{1,2})(?!个?字)(个|条|项|种|类|样|大|家|所|座|位|)([\u4e00-\u9fff]?)")


def _count_named(question: str) -> tuple[re.Pattern[str], int] | None:
    """For `哪三条轴`: how a sentence names that count (`三轴`, `3条轴`), and how many members it must then list."""
    asked = _ASKS_N_MEMBERS.search(question)
    if not asked or not (n := cn_number(asked.group(1))):
        return None
    noun = asked.group(3) or asked.group(2).strip("个大")  # `哪三条轴`: 轴, `哪8种`: 种; `哪两个`: nothing to find
    if not noun:
        return None
    spellings = {asked.group(1), str(n)} | ({"两", "二"} if n == 2 else {"零一二三四五六七八九十"[n]} if n <= 10 else set())
    return re.compile(rf"(?:{'|'.join(spellings)})[^\d，,。；;、]{{0,2}}?{noun}"), max(2, n - 1)


def _names_count_only(unit: str, count: re.Pattern[str], members: int) -> bool:
    """The unit names the count asked (`推广…8种模式`), and neither the clause naming it nor the one on either side
    (`变电站3座(茶场变、栗山湾变、翻江变)`, `名师、名校、名校长“三名”`, `“四类项目”:…`) lists that many members; nor
    does it enumerate them. A list of slogans (`一核驱动、两水涵养、三轴串联`) names counts, not members."""
    text = _PAGE.sub("", unit)
    segments = [seg for seg in _CLAUSE_MARKS.split(text) if seg.strip()]
    naming = [i for i, seg in enumerate(segments) if count.search(seg)]
    near = {j for i in naming for j in (i - 1, i, i + 1) if 0 <= j < len(segments)}
    listed = max((_members(segments[j]) for j in near if not _SLOGANS.search(segments[j])), default=0)
    # the clause naming the count, read through its members' quotes: quotes inside a list do not end it
    # (`G320绕城线“湘潭—湘乡”、G240沪昆高铁“韶山高铁南站—湘乡”两条城际快车道` lists two)
    clauses = _CLAUSE_MARKS.split(_QUOTE_MARKS.sub("", text))
    listed = max([listed, *(_members(c) for c in clauses if count.search(c) and not _SLOGANS.search(c))])
    return bool(naming) and listed < members and not _ENUMERATION.search(unit)


_QUOTE_MARKS = re.compile(r"[“”]")
_PAGE = re.compile(r"[(（]P\d+[)）]")  # a glossary's page reference: `“四类项目”(P2):…`
_SLOGANS = re.compile(r"(?:^|、)[一二两三四五六七八九十\d][^、]*、[一二两三四五六七八九十\d]")
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:[-—~至]\d+(?:\.\d+)?)?")  # a range (`1-2家`) is one figure
# A count's classifier and the thing it counts, which follows it: `应对6轮强降雨天气`, `实施重点工业项目10个` has none;
# an area or a length and what it measures, as often after it: `加快推进2.5万亩高标准农田建设`, `新改建30公里农村公路`.
_COUNTED = re.compile(
    r"\s*(?:个|轮|栋|所|家|项|座|条|次|批|名|户|套|辆|台|处|件|张|万亩|亩|公顷|公里|千米)([^\d，,。；;、：:（(]{1,8})"
)


def _counted_noun(unit: str, end: int) -> str:
    """The thing a count that ends at `end` counts, when the unit names it after the classifier."""
    match = _COUNTED.match(unit, end)
    return match.group(1) if match else ""


_LEAD_IN = 40  # characters before a figure that say what it measures: `地区生产总值年均增长6.5%,到2025年总量达到55亿元`


# Units of an amount the documents put after what it measures (`实现旅游收入49.5亿元`); a count may come first
# (`新建120个5G基站`, `实现30个行政村…全覆盖`).
_MONEY_UNITS = frozenset(("亿元", "亿", "万元", "元", "万美元", "美元"))
_AMOUNTS = _MONEY_UNITS | frozenset(("公里", "千米", "万亩", "亩", "公顷", "万吨", "吨"))


# Between two figures, only a year, a joining word or a verb of change: the second figure is the same thing's.
# `…GDP年均增长6.5%,到2025年总量达到55亿元`: `总量` is the sentence's own subject again, naming nothing new.
_BARE_LEAD = re.compile(r"(?:[\s\d.%,，、;；:：年月和及与或分别均增长提高达到至为以上下左右]|总量|总额|总规模|规模)*")


_SPENT = re.compile(r"总投资|投资额|投资总额")  # money asked by what it is: the thing is what it pays for
_INVESTS = re.compile(r"(?:投资|投入)(?:约|近|超|达|共)?$")


def _paid_for(unit: str, lead: str, end: int) -> str:
    """The rest of the sentence after an amount `lead` says is invested: what it is spent on."""
    return " " + re.split(r"[。；;]", unit[end:], maxsplit=1)[0] if _INVESTS.search(lead) else ""


_APPROXIMATE = re.compile(r"^\s*(?:余|多)?")  # `出口额3000余万元`: 3000 (and more) 万元


def _value_lead(unit: str, weights: Weights, asked: str | None) -> float:
    """Coverage of the words leading up to the unit's best figure (in the asked unit, if one is asked).

    `…新签约2亿元以上项目,…社会消费品零售总额反馈增速8%以上` holds 社零 and 亿元, but no 亿元 figure follows 社零.
    """
    figures = list(_FIGURE.finditer(_no_codes(unit)))
    own: list[str] = []  # from the figure before it (whose own words those are), at most `_LEAD_IN` back
    for i, m in enumerate(figures):
        lead = unit[max(m.start() - _LEAD_IN, figures[i - 1].end() if i else 0) : m.start()]
        # `收入分别年均增长8%以上和10%以上,2025年达到37300元和21450元`: words that name nothing lead on from the figure before
        own.append(own[-1] + lead if own and _BARE_LEAD.fullmatch(lead) else lead)
    invests = asked in _MONEY_UNITS  # an amount invested: what it pays for (`投资6500万元,实施…49个老旧小区…改造`)
    leads = [  # and what it counts
        own[i] + " " + _counted_noun(unit, m.end()) + (_paid_for(unit, own[i], m.end()) if invests else "")
        for i, m in enumerate(figures)
        if not asked or carries_unit(_APPROXIMATE.sub("", unit[m.end() :], count=1)[: len(asked) + 1], asked)
    ]
    return max((_coverage(lead, weights) for lead in leads), default=0.0)


def _only_change(hit: Hit, unit: str, weights: Weights) -> bool:
    """Every figure the unit gives for the heaviest term asked is a change of it (`地区生产总值增长6%`, the row
    `地区生产总值增长(%)`), or every figure it gives at all is one (`旅游总收入分别增长30%、35%以上`). Asked the level
    (`地区生产总值目标是多少`), that is a related quantity, not the answer."""
    if not weights:
        return False
    words = _heaviest(weights)
    if hit.chunk.kind == "table_row":
        indicator = row_indicator(hit).lower()
        return any(w in indicator for w in words) and bool(re.search(r"增长|增速|降幅|增幅|下降", indicator))
    text = _no_codes(_NOT_QUANTITY.sub(lambda m: " " * len(m.group()), unit.lower()))
    everywhere = set(_changes(text))
    kinds = set()
    for word in words:
        for m in re.finditer(re.escape(word), text):
            end = _CLAUSE_END.search(text, m.end())
            scope = text[m.end() : end.start() if end else len(text)]  # `GDP年均增长8%以上,到2025年突破750亿元;`
            changes = _changes(scope)
            if changes and next(_FIGURE.finditer(scope)).start() <= _AFTER_TERM:
                kinds.update(changes)
    return kinds == {True} or everywhere == {True}


_LISTED = re.compile(r"^[%％]?\s*(?:、|和|及|与)\s*$")  # `增长10%、8%`: the second figure is the first one's kind


def _changes(text: str) -> list[bool]:
    """For each figure of `text`, whether it states a change (`增长6%`, `分别增长10%、8%`) rather than a level."""
    out: list[bool] = []
    end = 0
    for figure in _FIGURE.finditer(text):
        before = text[max(end, figure.start() - 8) : figure.start()]
        out.append(out[-1] if out and _LISTED.match(text[end : figure.start()]) else bool(_CHANGE.search(before)))
        end = figure.end()
    return out


# A span of years a figure may be stated for (`五年来,累计…`); a year compared against (`比2023年增长`) is no time stated.
_SPAN = re.compile(r"五年来|以来|期间")
# A report's dateline (`——2024年12月17日在…会议上`) says when it was delivered, not the year its figures are for.
_DATELINE = re.compile(r"^——[^。；;]*?(?:会议|大会)上")
_BASE_YEAR = re.compile(r"(?:比|较|同比|与)\s*(?:19|20)\d{2}\s*年?")


def _another_time(unit: str, years: list[str], section: list[str]) -> bool:
    """The unit states its figures for a time other than the years asked: another year, or a span of years; a unit
    that names no time speaks of its `section`'s years (`粮食总产7434吨` under `2024,我们真抓实干` is 2024's)."""
    text = arabic_years(_BASE_YEAR.sub(" ", _DATELINE.sub(" ", unit)))
    text = " ".join([text, *plan_end_years(text)])
    if any(y in text for y in years):
        return False
    if named_years(text) or _SPAN.search(text):
        return True
    return bool(section) and not any(y in s for y in years for s in section)


# A kind of thing asked by which one (`哪所高中`, `哪家企业`), and names of that kind by their endings.
_KIND_NAMES = (
    (
        re.compile(r"哪[一个所几两三]*(?:学校|中学|高中|初中|小学|学院|大学)"),
        re.compile(r"[\u4e00-\u9fff]{2,8}(?:中学|小学|学校|学院|大学|[一二三四五六七八九]中)"),
    ),
    (
        re.compile(r"哪[一个家几两三]*[^，,。？?]{0,4}(?:企业|公司|厂|集团|龙头)"),
        re.compile(
            r"[\u4e00-\u9fff]{2,10}(?:公司|集团|科技|股份|高科|生物|新材|厂)(?!产业|园)"  # not `电力科技产业园`
            r"|[\u4e00-\u9fff]{2,6}(?=等(?:龙头|骨干|重点)?企业)"  # an example of companies: `依托怀其皮革等龙头企业`
        ),
    ),
    (re.compile(r"哪[一个家所几两三]*医院"), re.compile(r"[\u4e00-\u9fff]{2,10}医院")),
    (re.compile(r"哪[一个所几两三]*(?:高校|院校)"), re.compile(r"[\u4e00-\u9fff]{2,10}(?:大学|学院)")),
    (re.compile(r"哪[一个几两三]*(?:镇|乡镇)"), named_towns),  # `塘湾镇`, not `中心镇`
    (
        re.compile(r"哪[一个几两三]*(?:产业园|工业园|园区|景区)"),
        re.compile(r"[\u4e00-\u9fff]{2,10}(?:产业园|工业园|园区|景区)"),
    ),
    (re.compile(r"哪[一条几两三]*(?:高速|公路|铁路)"), re.compile(r"[\u4e00-\u9fff]{1,8}(?:高速|公路|铁路)|[GS]\d{2,4}")),
)
_QUOTED_NAME = re.compile(r"“([^”]{2,15})”(?![的和与及])([\u4e00-\u9fff]{2,6})")  # `“…”工程`, not `“…”的战略`
# A title asked (`评上了个啥称号`), a title won (`获评省“十大湘菜名县”`).
_ASKS_TITLE = re.compile(r"称号|荣誉|头衔|名号|牌子|招牌|奖")
_TITLE_WON = re.compile(r"(?:获评|荣获|获得|授予|评为|创成|获批|入选|成功创建)[^，,。；;“]{0,12}“[^”]{2,20}”")


# A person named by post: `管理委员会主任 钟跃波`, `常务副市长黄涌牵头`, `市委书记张三同志`.
_ASKS_PERSON = re.compile(r"谁|哪位|哪一位")
# A rank asked (`排第几`, `第几名`, `排名多少`) and one stated (`全市第3`, `居全省第6位`, `前十`, `20强`), not a clause's
# or a batch's number (`第3条`, `第二批`).
_ASKS_RANK = re.compile(r"排(?:在|到|名)?第几|第几[名位]|排名(?:多少|第几|怎么样|咋样|如何)")
_RANK = re.compile(
    r"第\s*[一二三四五六七八九十百\d]+(?![\d一二三四五六七八九十百]|\s*[条章节项个款次届期批号轮年])"
    r"|(?:排名|位居|居|列|排)[^，,。；;]{0,8}?(?:第|前|首)|前[一二三四五六七八九十百\d]+|[一二三四五六七八九十百\d]+\s*强"
)
# `召集人是谁，叫什么名字`: a person's name asked, which only a name by post answers (`常务副市长黄涌`), not the post alone
# (`由市政府办分管副主任任召集人`).
_ASKS_PERSON_NAME = re.compile(r"(?:谁|哪位|领导|召集人|组长|负责人|主任|[市区县]长|书记)[^。？?]{0,12}?(?:名字|姓名|叫什么|叫啥)")
_PERSON = re.compile(r"(?:长|书记|主任|主席)\s?[\u4e00-\u9fff]{2,3}(?=$|\s|[,，、。;；(（]|牵头|负责|同志|任|担任)")


def _names_kind(unit: str, question: str, definition: bool = False) -> bool:
    """The unit names a thing of the kind the question asks about: in quotes (`“龙城英才”工程` for `引人才的工程叫什么`),
    or a person by post for `谁`, `哪位领导`. `definition`: the question asks what a thing is, so a quoted name of its
    kind answers only when the question names none of its own."""
    if _ASKS_PERSON.search(question) and _PERSON.search(unit):
        return True
    if _ASKS_TITLE.search(question) and _TITLE_WON.search(unit):
        return True
    if _names_kind_asked(unit, question):
        return True
    return any(
        kind in question  # no pattern for a kind the question never writes: most quoted names' it does not
        and _asks_kind(question, kind)
        and name not in question
        and not (definition and _names_own(question, kind))
        for name, words in _QUOTED_NAME.findall(unit)
        for kind in (words[:n] for n in range(2, len(words) + 1))  # `“文化立市、工业强市”发展战略`: 发展战略
    )


def _asks_kind(question: str, kind: str) -> bool:
    """The question asks of that kind as the head of what it asks about (`引人才的工程叫什么`, `发展战略是什么`), not as a
    word qualifying another (`战略定位是什么` asks a 定位, which a `“三高四新”战略` is not)."""
    return bool(re.search(re.escape(kind) + r"(?![\u4e00-\u9fff])|" + re.escape(kind) + _AFTER_HEAD, question))


def _names_kind_asked(unit: str, question: str) -> bool:
    """The unit names a thing of a kind the question asks which of by name (`哪所高中` … `黔阳一中`, `哪些企业` …
    `依托忠心智造、新曙光铸造等企业`)."""
    for asked, named in _KIND_NAMES:
        if not asked.search(question):
            continue
        names = named(unit) if callable(named) else [m.group() for m in named.finditer(unit)]
        if any(name not in question for name in names):
            return True
    return False


# What follows the head of what a question asks about: its asking (`…工程叫什么`, `…行动是什么`, `…品牌有哪些`).
_AFTER_HEAD = r"(?=是|叫|有|指|呢|吗|都|包括|分别|具体|主要|到底|又)"


# Words before a kind that name the question's own thing of it (`主体强身行动是什么`), not a category (`发展战略`).
_OWN_NAME = 4


def _names_own(question: str, kind: str) -> bool:
    """The question names its own thing of that kind (four characters or more before it, none of them 的 or an asking
    word): `大力实施主体强身行动是什么` asks what that action is, not which action; `发展战略是什么` asks which."""
    return any(len(run) >= _OWN_NAME for run in re.findall(rf"([^\W\d_的个项哪啥么那这是]*){re.escape(kind)}", question))


def _units(hit: Hit) -> list[str]:
    """Answerable units of a passage: a table row whole, prose sentence by sentence."""
    if hit.chunk.kind == "table_row":
        return [hit.chunk.text]
    units: list[str] = []
    for line in hit.chunk.text.splitlines():
        if units and is_byline(line):  # who delivered it, with when and where: `——…会议上` `…主任 钟跃波`
            units[-1] = f"{units[-1]} {line.strip()}"
            continue
        units += [s.strip() for s in split_sentences(line)]
    return [u for u in units if len(u) >= 4]


# A time asked (`哪年`, `什么时候`) and a time told: a year, a month, a day, or a year named relatively.
_ASKS_WHEN = re.compile(r"哪一?年|何时|什么时候|啥时候|什么时间|哪天|哪一天|几月|哪个月")
_ASKS_DELIVERED = re.compile(r"报告|会议|会上|大会|作的|做的|讲的|发表")  # when a report was delivered, and where
_TIME = re.compile(
    r"\d{2,4}\s*年|\d{1,2}\s*月|\d{1,2}\s*[日号]|[今明去前]年|年[底内初中]|[上下]半年|[〇一二三四五六七八九十]{2,4}年"
    r"|(?<![第个])[一二三四五六七八九十]{1,2}月|[一二三四]季度"  # `三月底至四月中旬`; not `十个月`
)
# `哪个部门牵头`, `谁负责`, `责任单位是哪个`: a task's note (`(市委统战部牵头,…)`) answers, whichever sentence names the task.
_ASKS_WHO_LEADS = re.compile(r"(?:哪个|哪些|哪家|什么)(?:部门|单位|局)|谁[^，,。？?]{0,4}(?:牵头|负责|主抓)|牵头单位|责任单位")
_NOTE = re.compile(r"[(（][^()（）]*(?:牵头|负责|配合)[^()（）]*[)）]")
# What the text of a document says, asked apart from its tables (`正文里写的多少`, `正文说要达到多少`).
_ASKS_PROSE = re.compile(r"正文|文中|文字(?:部分|里)")
_ASKS_TABLE = re.compile(r"表|专栏|栏")  # `正文写的和完成情况表里的对不上，分别是多少`: both
_ASKS_LEAD = re.compile(r"牵头|负责|主抓|召集|责任单位|哪个(?:局|部门)")
# Who may lead a task: a body (`市交通局`, `区管委会`, `市产发集团`) or an office (`市政府办分管副主任`, `召集人`).
_BODY = re.compile(
    r"[省市县区镇乡](?!级)[^，,。;；、()（）]{0,12}?(?:局|办|委|部|院|中心|会|政府|集团|公司|队|所|站|行)|召集人|负责人|主任|书记|[市区县]长"
)
# A task's note that only lists who does it, the lead first (`(市交通局、市公路建养中心、市发改局)`): it answers who
# leads the task when that is asked.
_BODIES = re.compile(r"[(（](?:[市县区省][^()（）、,，;；]{1,14}(?:局|办|委|部|院|中心|会|行|公司|队|所|站)[、,，]?)+[)）]")
# Words that make a body named the one leading (`市住建局牵头`, `召集人`), not a thing it names (`物流大数据中心`).
_LEADING = re.compile(r"牵头|负责|召集人|组长|主抓|承办|主管")
_BRACKETED = re.compile(r"[(（]([^()（）]+)[)）]")


def _names_who_leads(unit: str) -> bool:
    """The unit names a body as leading, or lists bodies in a task's note (`(市妇联、市财政局、市卫健局)`); not a body
    it only names (`建立湘乡市物流大数据中心`)."""
    if not _BODY.search(unit):
        return False
    return bool(_LEADING.search(unit)) or any(_BODY.search(inside) for inside in _BRACKETED.findall(unit))


def _with_notes(units: list[str], lead: str | None, who: bool = False) -> list[tuple[str, tuple[str, ...]]]:
    """Units with the pieces they join: a note of who leads a task (`(市委统战部牵头,…负责)`) says nothing alone; it
    assigns its clause, so it joins the clause's lead (`2.支持民营经济发展壮大。`), else the sentence before it; asked
    `who` leads, so does a note that only lists who does the task (`(市交通局、…)`)."""
    out: list[tuple[str, tuple[str, ...]]] = [(unit, ()) for unit in units]
    for i, unit in enumerate(units):
        if i and (_NOTE.fullmatch(unit) or (who and _BODIES.fullmatch(unit))):
            at = 0 if lead and units[0].startswith(lead) else i - 1
            out[at] = (units[at] + unit, (units[at], unit))
            out[i] = ("", ())
    return [(unit, pieces) for unit, pieces in out if unit]


@dataclass(frozen=True)
class _Asked:
    """What the question is after, measured once for all its candidates."""

    weights: Weights
    search: str
    unit: str | None
    numeric: bool
    definition: bool
    asks_number: bool
    listing: bool
    entity: bool
    ratio: bool  # the question itself asks a share or rate
    level: bool  # the question asks a figure, not how it changed (`asks_level`)
    terms: tuple[str, ...]  # quoted terms and components of them asked about (`两心` of `“两心两带多节点”`)
    count: int | None  # how many things a list question expects (`哪七个`)
    chars: int | None  # how many characters a wording asked has (`哪八个字`)
    grams: frozenset[str]  # character pairs of the question's content words, for a match that spelling varies
    group_grams: tuple[tuple[frozenset[str], ...], ...]  # those of each synonym group's spellings, the documents' first
    thing: str | None  # what a count with a classifier counts (`几所幼儿园`), when the unit asked is no given word

    @classmethod
    def of(cls, question: str, asked: Terms, index: Index, weights: Weights | None = None) -> _Asked:
        plain = _plain(question)
        own = _plain(own_asking(question))  # a list asked: the follow-up's, not the turns' it inherits its subject from
        figure = _asks_number(plain)
        return cls(
            weights if weights is not None else weights_of(asked, index, question),
            asked.search_text(question),
            asked_unit(question) if figure else None,  # `几个…是哪些` asks names, in no unit
            bool(_NUMERIC_INTENT.search(plain)),
            bool(_DEFINITION_INTENT.search(plain)),
            figure,
            # `那四件重点民生实事是啥`: what a counted thing is, asked of as many as it counts, is a list asked for
            bool(_LIST_INTENT.search(own)) or (bool(_DEFINITION_INTENT.search(own)) and asked_count(question) is not None),
            bool(_ENTITY_INTENT.search(plain)),
            bool(_ASKS_RATIO.search(question)),
            figure and not _ASKS_CHANGE.search(plain),  # `asks_level`
            asked_terms(question),
            asked_count(question),
            _asked_chars(question),
            frozenset(g for w in asked.words for g in _pairs(w)),
            tuple(tuple(frozenset(_pairs(t.lower())) for t in group) for group in asked.groups),
            counted_thing(question) if figure else None,
        )


# A follow-up asks on its own when it has an asking word of its own, not only `呢`.
_ASKS_ON_OWN = re.compile(r"多少|几|哪|什么|谁|是否|怎么|如何|怎样|多大|多长|多久|吗")


def own_asking(question: str) -> str:
    """The words a follow-up asks with, after the subject it inherits (`…一网两线一场 那个通用机场建在哪个乡镇`):
    they say what kind of answer is asked, not the turns before. The whole question when it has no such part, or
    when that part asks nothing of its own (`年均增速呢` asks as the turn before did)."""
    own = question.rsplit(PIECE, 1)[-1]
    return own if own != question and _ASKS_ON_OWN.search(_plain(own)) else question


def _pairs(word: str) -> list[str]:
    return [word[i : i + 2] for i in range(len(word) - 1)]


def _pair_share(q: _Asked, text: str) -> float:
    """The share of the question's character pairs the text holds; a synonym group's by whichever spelling the text
    uses most of (`城乡低保标准` holds all of `低保`, the question's word, though none of `最低生活保障`)."""
    weights = [len(spellings[0]) for spellings in q.group_grams]
    total = len(q.grams) + sum(weights)
    if not total:
        return 0.0
    found = sum(g in text for g in q.grams)
    for weight, spellings in zip(weights, q.group_grams):
        found += weight * max((sum(g in text for g in s) / len(s) for s in spellings if s), default=0.0)
    return found / total


def _features(
    q: _Asked, question: str, hit: Hit, top_keyword: float, unit: str, headings: str, years: list[str]
) -> tuple[float, ...]:
    """A candidate as the judge sees it (`judge.FEATURES`, same order)."""
    folded, headings_folded = unit.lower(), headings.lower()  # as the weights' terms are
    # where the passage stands, its document's title included: a passage of the 十四五 plan is about the 十四五
    context = " ".join((folded, headings_folded, hit.chunk.title.lower()))
    coverage, heading = _coverage(folded, q.weights), _coverage(headings_folded, q.weights)
    lead = coverage if hit.chunk.kind == "table_row" else _value_lead(folded, q.weights, q.unit)
    has_number = bool(_NUMBER.search(_no_codes(unit)))
    in_year = bool(years) and any(y in unit or y in arabic_years(headings) for y in years)
    table = hit.chunk.kind == "table_row"
    defines = _defines(unit, q.terms)  # a term the question asks about, defined here (whatever the question calls it)
    enumerates = unit.count("、") >= 2 or bool(_ENUMERATION.search(unit))
    names = any(m.group() not in question for m in _ENTITY.finditer(unit))  # a name the question does not give
    return (
        coverage,
        _coverage(context, q.weights),
        heading,
        0.0,  # rank: set by the caller, which knows it
        hit.keyword / top_keyword if top_keyword > 0 else 0.0,
        hit.dense,
        float(has_number),
        float(q.numeric),
        float(q.numeric and has_number),
        float(in_year),
        float(bool(years)),
        float(table),
        bigram_share(row_indicator(hit), q.search) if table else 0.0,
        float(defines),
        float(q.definition),
        float(bool(q.unit)),
        math.log(len(unit)),
        float(q.listing),
        float(enumerates),
        float(q.listing and enumerates),
        float(names),
        float(any(t in unit for t in q.terms)),
        float(q.count is not None and _list_items(unit) == q.count),  # blocks and leads count their members
        0.0,  # blank_cell: set for a table row whose asked column is `-`
        _pair_share(q, folded + headings_folded),
        0.0 if q.ratio else _as_base(folded, q.weights),
        lead,
        _heaviest_missing(context, q.weights),
        coverage - lead if q.numeric and has_number else 0.0,
        # `发展战略是什么` asks a name as `叫什么` does, unless it quotes the term whose meaning it asks
        float(
            bool((q.entity or (q.definition and not q.terms)) and _names_kind(unit, question, not q.entity))
            or (q.listing and _names_kind_asked(unit, question))  # `靠哪些企业`: companies by name
        ),
    )


# A numbered title a passage opens with, below the levels the structure tree keeps: `6)皮革深加工产业。`, `(3)…。`
_OPENING_TITLE = re.compile(r"^(?:[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|\d{1,2}[、.．])\s*[^。；;,，:：]{2,20}。")


def _opening_title(chunk: Chunk) -> str | None:
    """The title a passage opens with when it is not a heading of its own: what the sentences after it are about
    (`6)皮革深加工产业。…依托怀其皮革等龙头企业` answers which company leads 皮革深加工)."""
    if chunk.kind == "table_row" or clause_lead(chunk):
        return None
    match = _OPENING_TITLE.match(chunk.text)
    return match.group() if match else None


_TITLE_NUMBER = re.compile(r"^\s*[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）、.．]")


def _labelled_lead(chunk: Chunk) -> str | None:
    """The short lead a section passage opens with and is labelled by (`专栏7 · 重点项目`: `重点项目。重点支持…`)."""
    label = chunk.locator.rsplit(" · ", 1)[-1]
    lead = label + "。"
    return lead if chunk.kind == "section" and not label.startswith("第") and chunk.text.startswith(lead) else None


def said_after_title(hit: Hit, unit: str) -> str | None:
    """The sentence after a passage's bare numbered title (`2、秀美村庄建设工程。`): the title names what is asked, the
    sentence after it says what it is; None for any other unit, and for a title with a figure of its own
    (`(12)建设老年助餐服务点5个。`), which answers itself."""
    titles = (clause_lead(hit.chunk), _opening_title(hit.chunk), _labelled_lead(hit.chunk))
    if unit not in titles or re.search(r"\d", _TITLE_NUMBER.sub("", unit)):
        return None
    units = _units(hit)
    at = units.index(unit) if unit in units else -1
    return units[at + 1] if 0 <= at < len(units) - 1 else None


def clause_lead(chunk: Chunk) -> str | None:
    """A numbered clause's own heading when the clause opens with it (`1、保障公平竞争。`), else None."""
    if chunk.kind != "clause" or not chunk.heading_path:
        return None
    head = chunk.heading_path[-1]
    return head if chunk.text.startswith(head) else None


def _block(hit: Hit, index: Index) -> tuple[str, tuple[Chunk, ...]] | None:
    """The enumeration a clause belongs to: its parent heading and every sibling clause that opens with a lead.

    `专栏9开展企业权益“七个保障”专项行动` over `1、保障公平竞争。` … `7、…`: asked `哪七个`, the answer is the seven leads.
    """
    if clause_lead(hit.chunk) is None or len(hit.chunk.heading_path) < 2:
        return None
    members = tuple(c for c in index.siblings(hit.chunk) if clause_lead(c))
    return (hit.chunk.heading_path[-2], members) if len(members) >= 2 else None


def _counted_sections(hit: Hit, terms: tuple[str, ...], index: Index) -> list[tuple[str, list[Chunk]]]:
    """A section's opening that names a counted slogan asked about, and the sections under it when they are as many:
    `二、重点任务` opens `…大力实施“八大行动”。` over `(一)大力实施产业培塑行动,…` … `(八)…`."""
    c = hit.chunk
    asked = [t for t in terms if f"“{t}”" in c.text and _counted(t) >= 2]
    if c.kind == "table_row" or not c.heading_path or not asked:
        return []
    if next(o for o in index.siblings(c) if o.heading_path == c.heading_path).id != c.id:
        return []  # not the section's opening
    children: dict[str, Chunk] = {}
    for child in index.children(c):
        if clause_lead(child):
            children.setdefault(child.heading_path[-1], child)
    return [(t, list(children.values())) for t in asked if _counted(t) == len(children)]


_QUOTE = re.compile(r"“([^”]{2,40})”")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def cn_number(text: str) -> int | None:
    """`8` 8, `八` 8, `十六` 16, `二十四` 24: a count as questions write it."""
    if text.isdigit():
        return int(text)
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return _CN_DIGITS.get(text)
    if (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _asked_chars(question: str) -> int | None:
    """`哪八个字`, `十六个字怎么说`: the length of the wording asked, which only a quote as long can answer."""
    match = ASKS_CHARS.search(question)
    return cn_number(match.group(1)) if match else None


def _quotes_of_length(unit: str, chars: int) -> bool:
    """The unit quotes a wording of `chars` characters (punctuation inside the quote not counted)."""
    return any(len(_HAN.findall(q)) == chars for q in _QUOTE.findall(unit))


def asked_count(question: str) -> int | None:
    """`哪七个`, `4大工程`, `包括哪四项`: how many things a list question expects (`八个字` counts characters)."""
    match = _COUNT.search(question)
    if not match or question[match.end() : match.end() + 1] == "字":
        return None
    return cn_number(match.group(1))


def _measure(
    q: _Asked,
    question: str,
    hit: Hit,
    top_keyword: float,
    years: list[str],
    position: float,
    unit: str,
    headings: str,
    **fixed: float,
) -> tuple[float, ...]:
    """`_features` with the passage's position among the hits, and what a kind of candidate fixes (`blank_cell=1`)."""
    features = list(_features(q, question, hit, top_keyword, unit, headings, years))
    for name, value in {"rank": position, **fixed}.items():
        features[FEATURES.index(name)] = value
    return tuple(features)


# Where a thing is or goes, asked (`搬到哪个位置`, `建在哪个乡镇`, `安置在哪个点`, `选址`); not which body (`设在哪个单位`).
_ASKS_WHERE = re.compile(
    r"哪里|哪儿|在哪(?![所家位]|个(?:单位|部门|局))|哪个(?:位置|地方|乡镇|镇|乡|村|片区|景区|点)|哪些(?:乡镇|地方)|什么(?:位置|地方)"
    r"|选址|新址|园址"
)
# Words that name where something is: a site of a kind (`双溪片区`, `政务服务中心`), a bureau, a region (`珠三角`).
_SITE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,10}?(?:片区|景区|园区|新区|城区|街道|社区|公园|广场|大道|中心|三角|商圈|基地|局)")
_NAMES_LISTED = re.compile(r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})+")  # `梅桥、山枣、虞唐3个互通`
_CLAUSES = re.compile(r"[^,，;；。]+")


def _names_where(unit: str, question: str, weights: Weights, index: Index) -> bool:
    """The clauses of the unit about what is asked (those holding a term of the question) name a place the question
    does not: a town, county or indexed place, a site (`…片区`, `…中心`), or several names in a
    list. `做好区幼儿园整体搬迁工作` says the kindergarten moves, not where to."""
    # (a place's own words weigh next to nothing: `洪江` of `洪江区…` is no term of what is asked)
    terms = [w for words, weight in weights.items() if weight >= 1 for w in words if len(w) >= 2]
    clauses = [c for c in _CLAUSES.findall(unit) if any(t in c.lower() for t in terms)]
    for clause in clauses:
        places = [*named_towns(clause), *named_places(clause), *index.places_in(clause)]
        sites = [m.group() for m in _SITE.finditer(clause)] + [m.group() for m in _NAMES_LISTED.finditer(clause)]
        if any(p not in question for p in places + sites):
            return True
    return False


# An indicator's head (`增加值`, `总产值`): the word right before it says whose figure it is (`物流业增加值`).
_SECTOR_HEAD = r"(?:增加值|总产值|产值|产量|收入)"
# A sector of the economy by name (`物流业`, `畜牧业`, `旅游业`); not `核心产业`, `企业`, `就业`.
_SECTOR = re.compile(r"[\u4e00-\u9fff]{1,4}(?<![产企行事就专职])业")


def _sectors(question: str, weights: Weights) -> list[tuple[str, ...]]:
    """The sectors a figure asked is of (`物流业` of `物流业增加值`, `畜牧业` of `畜牧业总产值`): a figure of another sector
    does not answer. Not a piece of a term the lexicon spells as a whole."""
    folded = question.lower()
    spelled = [w for words in weights if len(words) > 1 for w in words if w in folded]
    return [
        words
        for words in weights
        if len(words) == 1
        and _SECTOR.fullmatch(words[0])
        and re.search(re.escape(words[0]) + _SECTOR_HEAD, folded)
        and not any(words[0] in w for w in spelled)
    ]


def _admitted(
    question: str, hits: list[Hit], index: Index, named: list[str], places: list[str]
) -> list[tuple[int, Hit, list[str], str]]:
    """(rank, hit, years asked as its document reads them, headings with `_own_year`) of the passages the question's
    place, plan period and year allow: a place no indexed document speaks for, and one of the years (`去年` read
    against a work report's own year), must appear in the passage or its headings; otherwise the passage is about
    something else. A passage that says what a term the question quotes means is admitted whatever its year
    (`“五治行动”(P17):治房、…` in a report's glossary answers `今年要推进的“五治行动”`)."""
    relative, plans, quoted = is_relative(question), named_plans(question), asked_terms(question)
    out = []
    for rank, hit in enumerate(hits):
        years = named or relative_years(question, hit.chunk.title, hit.chunk.year)
        own = _own_year(hit, index)
        context = _context(hit, own)  # places: a title settles them
        if not all(p in context for p in places):
            continue
        if any(defines(term, hit.chunk.text) for term in quoted):  # what a term means holds whatever the year
            out.append((rank, hit, [], " ".join(hit.chunk.heading_path)))
            continue
        if relative and not years:
            continue  # `去年` asked of a plan spanning five years: it names no year this passage can be checked against
        passage = _context(hit, own, title=False)  # years and plans: never the title
        if plans and all(another_plan(passage, n) for n in plans):
            continue  # `十五五` asked, a 十三五 table found (`十四五规划回顾十三五` allows either)
        if years and not any(y in passage for y in years):
            continue
        if hit.chunk.kind == "table_row" and years and not covers_years(hit, years):
            continue
        out.append((rank, hit, years, " ".join([*hit.chunk.heading_path, *own])))
    return out


def _candidates(
    question: str,
    asked: Terms,
    hits: list[Hit],
    index: Index,
    named: list[str],
    places: list[str],
    weights: Weights | None = None,
) -> list[Candidate]:
    """Every sentence or table row of the admitted hits that can answer the question at all, with its features.

    A value asked in a unit (`多少亿元`) must come in that unit.
    """
    q = _Asked.of(question, asked, index, weights)
    if places:  # a place the evidence must name is a condition, met or not, and no measure of what else it says
        q = replace(q, weights={w: v for w, v in q.weights.items() if not all(any(x in p for p in places) for x in w)})
    # What an amount in the unit asked (`多少亿元`) can measure: the nouns asked (`完成`, `达到`, a year lead up to any
    # figure). `多少钱` names no unit, and the words that lead up to its amount are seldom the asker's.
    things = {w: v for w, v in q.weights.items() if names_a_thing(w[0])} if q.unit and q.unit in question else q.weights
    if q.unit == "元" and (spent := _SPENT.search(question)):  # `安江二桥总投资多少`: led up to by what it is spent on
        things = {w: v for w, v in things.items() if names_a_thing(w[0]) and w[0] not in spent.group()} or things
    top_keyword = max((h.keyword for h in hits), default=0.0)
    admitted = _admitted(question, hits, index, named, places)
    # Only the allowed row most about what is asked may say "not given": a `-` in another indicator's row says nothing.
    _match = partial(row_match, search=q.search)
    best_row = max((_match(h) for _, h, _, _ in admitted if h.chunk.kind == "table_row"), default=0) or -1
    blocks: set[tuple[str, str]] = set()
    who = bool(_ASKS_WHO_LEADS.search(question))
    leads = who and bool(_ASKS_LEAD.search(question))  # who leads a task, not which body a plan relies on
    when = bool(_ASKS_WHEN.search(question))
    sectors = _sectors(question, q.weights)
    where = bool(_ASKS_WHERE.search(question))
    plain = _plain(question)
    person_name = bool(_ASKS_PERSON_NAME.search(plain))
    asks_rank = bool(_ASKS_RANK.search(plain))
    count_named = _count_named(own_asking(plain))
    # a level or target of its own asked, not a share or a rate of it (`占GDP比重`, `人均GDP`)
    against = (q.level or open_target(question)) and not _ASKS_AGAINST.search(question)
    prose = bool(_ASKS_PROSE.search(own_asking(question))) and not _ASKS_TABLE.search(own_asking(question))
    repeated = _repeated_asked(own_asking(question))
    out: list[Candidate] = []
    changes: list[Candidate] = []  # what gives only a change of the thing whose level is asked
    for rank, hit, years, headings in admitted:
        position = rank / max(len(hits) - 1, 1)

        if prose and hit.chunk.kind == "table_row":
            continue  # `正文里写的2020年是多少`: what the text says, where a table gives another figure
        measure = partial(_measure, q, question, hit, top_keyword, years, position, headings=headings)
        section = _section_time(hit, index) if years else []

        if (
            (years or q.asks_number or (open_target(question) and not (q.entity or q.listing)))
            and blank_columns(hit, years, question) and _match(hit) == best_row
        ):  # when it wins, it says the value is not given (of every year's column when no year is asked)
            out.append(Candidate(rank, hit.chunk.text, measure(hit.chunk.text, blank_cell=1.0), tuple(years)))
            continue
        # who leads this passage's task, if asked
        note = (_NOTE.findall(hit.chunk.text) or _BODIES.findall(hit.chunk.text))[-1:] if who else []
        title = _opening_title(hit.chunk)
        for unit, pieces in _with_notes(_units(hit), clause_lead(hit.chunk), who):
            if unit in hit.chunk.title:
                continue  # a title (or a wrapped piece of it) names the document, it answers nothing
            if not all(p in _MEMBERS.sub("", unit) or p in headings for p in places):
                continue  # `鹤城区…目标`: a place a passage names in passing is not what its other sentences are about;
                # `中心城区(黔城镇、安江镇)…建成区面积达到9平方公里` gives the area's figure, not one member town's
            if places and not _asks_of(unit.lower(), q.weights):
                continue  # `会同县若水镇设置互通` names the place asked about and nothing asked of it
            if q.asks_number and not _HAS_NUMBER.search(_NOT_QUANTITY.sub("", _no_codes(unit))):
                continue
            if when and not _TIME.search(unit):
                continue  # `哪年挂牌` is not answered by `全力以赴推进古商城5A景区创建`
            if when and _DATELINE.match(unit) and not _ASKS_DELIVERED.search(question):
                continue  # `他哪年当上管委主任` is not answered by the day the report was delivered
            if asks_rank and not _RANK.search(unit):
                continue  # `2023年考核实际排第几` is not answered by `…一考核、一通报…2023年及以前排查发现的…`
            if count_named and _names_count_only(unit, *count_named) and not _defines(unit, q.terms):
                continue  # `三轴具体是哪三条轴` is not answered by `…三轴串联…`, which names the count only
            if person_name and not _PERSON.search(unit):
                continue  # `召集人叫什么名字` is not answered by `由市政府办分管副主任任召集人`
            if any(not any(w in f"{unit} {headings}".lower() for w in words) for words in sectors):
                continue  # `物流业增加值有目标吗` is not answered by `数字经济增加值占GDP比重`
            if where and not _names_where(unit, question, q.weights, index):
                continue  # `区幼儿园搬到哪` is not answered by `做好区幼儿园整体搬迁工作`
            if years and hit.chunk.kind != "table_row" and _another_time(unit, years, section):
                continue  # `2019年…旅游收入` is not answered by `五年来,累计…实现旅游收入69.19亿元`
            # `地区生产总值是多少` is not answered by `地区生产总值增长6%`, unless nothing else gives the target asked
            change_only = q.level and _only_change(hit, unit, q.weights)
            if against and _measures_other(unit.lower(), q.weights):
                continue  # `GDP目标是多少` is not answered by `社会物流总费用占GDP比率持续下降`
            if lacks_change(hit, question):
                continue  # `对外贸易依存度年均增速` is not answered by the row's 2020 and 2025 levels
            if q.unit and not gives_unit(hit, unit, q.unit):
                continue  # `多少亿元` is not answered by a growth rate
            if q.thing and hit.chunk.kind != "table_row" and not counts_thing(unit, q.thing, q.unit or ""):
                continue  # `几所幼儿园` is not answered by `托位数达到1396个`, `多少家民宿` by `高新技术企业15家`
            if q.unit in _AMOUNTS and hit.chunk.kind != "table_row" and not _value_lead(unit.lower(), things, q.unit):
                continue  # no thing asked leads up to an amount in the unit asked: those amounts measure something else
            if note and not pieces:  # the task, with who leads it
                unit, pieces = unit + note[0], (unit, note[0])
            # `这几个联盟分别由哪个单位牵头` is not answered by `组建5个产学研战略联盟`, which names no one, nor `谁牵头建`
            # by `建立湘乡市物流大数据中心`, a 中心 named as what is built, not as leading
            if leads and not _names_who_leads(unit):
                continue
            heads = f"{headings} {title}" if title and not unit.startswith(title) else headings
            (changes if change_only else out).append(
                Candidate(rank, unit, measure(unit, headings=heads), tuple(years), pieces=pieces)
            )
        for term, children in _counted_sections(hit, q.terms, index) if (q.listing or q.definition) else ():
            listed = tuple((c, (clause_lead(c),)) for c in children)
            unit = f"{term}：" + "".join(lead for _, (lead,) in listed)
            features = measure(
                unit,
                enumerates=1.0,
                list_and_enumerates=float(q.listing),
                defines_quoted_term=1.0,
                count_matches=float(q.count in (None, len(children))),
            )
            out.append(Candidate(rank, unit, features, tuple(years), listed, head=hit.chunk.heading_path[-1]))
        block = _block(hit, index) if q.listing else None
        if block and (hit.chunk.doc, block[0]) not in blocks:
            blocks.add((hit.chunk.doc, block[0]))
            parent, members = block
            unit = f"{parent}：" + "".join(clause_lead(c) for c in members)
            # weighed by its parent heading: the leads' own words say what the members are, not what is asked
            features = measure(
                parent,
                headings=" ".join(hit.chunk.heading_path[:-2]),
                log_length=math.log(len(unit)),
                enumerates=1.0,
                list_and_enumerates=1.0,
                count_matches=float(q.count == len(members)),
            )
            listed = tuple((c, (clause_lead(c),)) for c in members)
            out.append(Candidate(rank, unit, features, tuple(years), listed, head=parent))
        if repeated and (said := _repeating(hit, *repeated)):
            features = measure("".join(said), enumerates=1.0, list_and_enumerates=1.0, count_matches=1.0)
            out.append(Candidate(rank, "".join(said), features, tuple(years), pieces=said, repeats=True))
        enumerations = ((*_inline_leads(hit), True), (*_ordinals(hit), False)) if (q.listing or q.definition) else ()
        for intro, leads, may_go_on in enumerations:
            if not leads:
                continue
            pieces = (intro, *leads) if intro else tuple(leads)
            after = _continued_leads(hit, index) if may_go_on else None
            if after:  # the list goes on in the next part of a clause split at its length limit
                listed = ((hit.chunk, pieces), after)
                unit = "".join(piece for _, part in listed for piece in part)
                features = measure(
                    unit,
                    enumerates=1.0,
                    list_and_enumerates=float(q.listing),
                    count_matches=float(q.count == len(leads) + len(after[1])),
                )
                out.append(Candidate(rank, unit, features, tuple(years), listed))
                continue
            unit = "".join(pieces)
            # `达到“六个更加”。一是…六是…`: the members a slogan counts, listed after the sentence that names it
            defined = any(t in intro and _counted(t) == len(leads) for t in q.terms)
            features = measure(
                unit,
                enumerates=1.0,
                list_and_enumerates=float(q.listing),
                count_matches=float(q.count == len(leads)),
                **({"defines_quoted_term": 1.0} if defined else {}),
            )
            out.append(Candidate(rank, unit, features, tuple(years), pieces=pieces))
    found = _component_definitions(asked_components(question), admitted)
    if found:
        rank, hit, years, headings, listed = found
        unit = "".join(piece for _, pieces in listed for piece in pieces)
        position = rank / max(len(hits) - 1, 1)
        features = _measure(
            q,
            question,
            hit,
            top_keyword,
            years,
            position,
            unit,
            headings,
            enumerates=1.0,
            list_and_enumerates=float(q.listing),
            defines_quoted_term=1.0,
            count_matches=float(q.count == len(listed)),
        )
        out.append(Candidate(rank, unit, features, tuple(years), listed))
    if changes and open_target(question) and not any(_holds_heaviest(c.unit, q.weights) for c in out):
        out += changes  # `今年固投目标多少`: the report sets it as growth (`固定资产投资增长7.5%`), and gives no level
    # `湘乡精神是哪八个字`: only a quote of eight answers (`弘扬“公诚勤俭、敢为人先”的湘乡精神`), whatever else is listed
    out = [c for c in out if not q.chars or _quotes_of_length(c.unit, q.chars)]
    if q.numeric and any(_narrower(c.unit, q.weights, question) is False for c in out):
        out = [c for c in out if not _narrower(c.unit, q.weights, question)]  # `固定资产投资`, not `工业固定资产投资`
    return _complete([c for c in out if _speaks_of_asked(c)])


def _narrower(unit: str, weights: Weights, question: str) -> bool | None:
    """Whether every mention of the heaviest term asked comes right after a sector the question does not name
    (`全区工业固定资产投资累计突破60亿元` asked `固定资产投资`): the figure of a part, not of the whole asked; None when the
    unit does not mention the term."""
    words = _heaviest(weights)
    text = unit.lower()
    before = [text[max(m.start() - 5, 0) : m.start()] for w in words for m in re.finditer(re.escape(w), text)]
    if not before:
        return None
    sectors = [_SECTOR_BEFORE.search(b) for b in before]
    return all(s and s.group() not in question for s in sectors)


_SECTOR_BEFORE = re.compile(r"(?:工业|农业|服务业|建筑业|旅游业|民间|园区|技改)$")


# A unit that says what one counted component of a slogan is: `“两带”:G60城镇经济发展带。`
_DEFINES_COUNTED = re.compile(r"“([一二两三四五六七八九十])[^”]{1,3}”\s*[:：]")


def _complete(candidates: list[Candidate]) -> list[Candidate]:
    """`“两带”:G60城镇经济发展带。` is half of what `“两带”:G60城镇经济发展带。湘韶文旅产业带。` says: a component defined
    by fewer sentences than it counts gives way to a unit that begins alike and holds as many as it counts."""

    def short(c: Candidate) -> bool:
        counted = _DEFINES_COUNTED.match(c.unit)
        count = _CN_DIGITS[counted.group(1)] if counted else 0
        if _sentences(c.unit) >= count:
            return False
        return any(o.unit.startswith(c.unit) and _sentences(o.unit) == count for o in candidates)

    return [c for c in candidates if not short(c)]


def _sentences(unit: str) -> int:
    return len([s for s in re.split("[。；;]", unit) if s.strip()])


def _speaks_of_asked(candidate: Candidate) -> bool:
    """A unit that holds none of the question's terms, nor do its headings, answers something else: `会同县若水镇…设置互通`
    says nothing of 若水镇's `常住人口`."""
    return candidate.features[FEATURES.index("coverage_with_headings")] > 0


def asked_components(question: str) -> tuple[str, ...]:
    """The components of the slogans a question asks the meaning of, when it asks them all: `“一网两线一场”` → `一网`,
    `两线`, `一场`; `“两心”“两带”` → `两心`, `两带`. Asked about one component (`“两心两带多节点”里的两心`), none."""
    quoted = QUOTED.findall(question)
    if tuple(quoted) != asked_terms(question):
        return ()
    out: list[str] = []
    for term in quoted:
        parts = _COMPONENT.findall(term)
        out += parts if len(parts) >= 2 and "".join(parts) == term else [term]
    out = list(dict.fromkeys(out))
    return tuple(out) if len(out) >= 2 and all(len(c) <= 4 and c[0] in _CN_DIGITS | {"多": 0} for c in out) else ()


@cache
def _component_defined(component: str) -> re.Pattern[str]:
    """A sentence that opens by saying what a component means: `一网:高速公路网。`, `“两心”:中心城区主核心。`."""
    return re.compile(rf"^[“\"]?{re.escape(component)}[”\"]?\s*(?:[:：]|即|是指|指的是|就是)")


def _component_definitions(components: tuple[str, ...], admitted):
    """What each component of a slogan is defined as, wherever among the admitted passages it is (each with the short
    leads that follow it: `“两带”:G60城镇经济发展带。依托…。湘韶文旅产业带。`), and the first of those passages as
    (rank, hit, years, headings, listed); None unless every component is found."""
    found: dict[str, tuple[int, Hit, list[str], str, tuple[str, ...]]] = {}
    for rank, hit, years, headings in admitted if components else ():
        if hit.chunk.kind == "table_row":
            continue
        units = _units(hit)
        _, leads = _inline_leads(hit)
        for i, unit in enumerate(units):
            for c in components:
                if c in found or not _component_defined(c).match(unit):
                    continue
                pieces = [unit]
                for later in units[i + 1 :]:
                    if any(_component_defined(o).match(later) for o in components):
                        break
                    if later in leads:
                        pieces.append(later)
                found[c] = (rank, hit, years, headings, tuple(pieces))
    if not components or len(found) < len(components):
        return None
    listed = tuple((found[c][1].chunk, found[c][4]) for c in components)
    rank, hit, years, headings, _ = min(found.values(), key=lambda f: f[0])
    return rank, hit, years, headings, listed


def _ordinals(hit: Hit) -> tuple[str, list[str]]:
    """The sentences of one prose passage that count off members (`一是…。二是…。`), and the sentence before them,
    which says what they are members of: `…达到“六个更加”。一是…更加扩大。二是…`."""
    if hit.chunk.kind == "table_row":
        return "", []
    units = _units(hit)
    firsts = [i for i, u in enumerate(units) if u.startswith("一是")]
    if not firsts:
        return "", []
    start = firsts[0]
    members = [units[start]]
    for unit in units[start + 1 :]:
        if len(members) >= len(_NUMERALS) or not unit.startswith(f"{_NUMERALS[len(members)]}是"):
            break
        members.append(unit)
    if len(members) < 2:
        return "", []
    return (units[start - 1] if start else ""), members


_NUMERALS = "一二三四五六七八九十"  # `一是` … `十是`


# `哪三个“坚决”`, `两个“确保”呢`: the clauses a passage opens with one word, as many as asked (the last asked).
_REPEATED_ASKED = re.compile(r"([一二两三四五六七八九十]|\d{1,2})个[“\"]([\u4e00-\u9fff]{1,4})[”\"]")
_AFTER_CLAUSE = re.compile(r"(?<=[,，;；。])")


def _repeated_asked(question: str) -> tuple[str, int] | None:
    found = list(_REPEATED_ASKED.finditer(question))
    n = cn_number(found[-1].group(1)) if found else None
    return (found[-1].group(2), n) if n and n >= 2 else None


def _repeating(hit: Hit, word: str, n: int) -> tuple[str, ...]:
    """The clauses of the passage that open with `word` (`坚决杜绝较大以上事故,坚决遏制一般事故,…`), when there are
    exactly `n`, in a row: the members a slogan counts by the word it repeats (`三坚决两确保`)."""
    clauses = [c for c in _AFTER_CLAUSE.split(hit.chunk.text) if c.strip()]
    opening = [i for i, c in enumerate(clauses) if c.lstrip().startswith(word)]
    if len(opening) != n or opening[-1] - opening[0] != n - 1:
        return ()
    return tuple(clauses[i] for i in opening)


_INLINE_LEAD = 18  # a sentence this short, followed by its description, heads what follows it


def _inline_leads(hit: Hit) -> tuple[str, list[str]]:
    """The short lead sentences of one prose passage, each followed by its description, and the sentence that
    introduces them (`启动“六大提升工程”。`), which names what they are members of.

    `“两带”:G60城镇经济发展带。依托…。湘韶文旅产业带。以…` → `“两带”:G60城镇经济发展带。`, `湘韶文旅产业带。`. A passage
    split at its length limit continues in the next part: its last sentence, if short, heads what follows there.
    """
    if hit.chunk.kind == "table_row":
        return "", []
    units = _units(hit)
    leads = _lead_positions(units, _continues(hit.chunk))
    if len(leads) < 2:
        return "", []
    return (units[leads[0] - 1] if leads[0] else ""), [units[i] for i in leads]


def _lead_positions(units: list[str], continues: bool) -> list[int]:
    """Where a passage's short lead sentences stand, each followed by a longer description (`continues`: the passage
    goes on in a next part, which its last sentence may head)."""
    after = [len(u) for u in units[1:]] + [_LONG if continues else 0]
    return [i for i, (u, n) in enumerate(zip(units, after)) if len(u) <= _INLINE_LEAD < n and u.endswith("。")]


_LONG = 10**6
_PART = re.compile(r"\((\d+)/(\d+)\)$")  # `第3条(1/2)`: the first of two parts of a clause split at its length limit


def _continued_leads(hit: Hit, index: Index) -> tuple[Chunk, tuple[str, ...]] | None:
    """The next part of a clause split at its length limit, with the short leads it goes on listing: `…实施市政公用设施
    提档升级工程。` ends part 1, `实施产业配套设施提质增效工程。` stands in part 2."""
    part = _PART.search(hit.chunk.locator)
    if not _continues(hit.chunk):
        return None
    following = f"({int(part.group(1)) + 1}/{part.group(2)})"
    base = hit.chunk.locator[: part.start()]
    after = next((c for c in index.siblings(hit.chunk) if c.locator == base + following), None)
    if after is None:
        return None
    units = _units(Hit(after, 0.0, 0.0, 0.0))
    leads = tuple(units[i] for i in _lead_positions(units, False))
    return (after, leads) if leads else None


def _continues(chunk: Chunk) -> bool:
    """The passage is one part of a clause split at its length limit, and a later part follows it."""
    part = _PART.search(chunk.locator)
    return bool(part) and int(part.group(1)) < int(part.group(2))


# An indexed place named as whose document tells of another (`洪江区规划里提到的芷江`, `湘乡报告说`): no subject of it.
_TELLS = re.compile(r"的?(?:“?十[三四五]五”?)?(?:规划|报告|方案|纲要|文件)(?:里|中|上)?(?:提到|说到|说|讲|写)")


def _asks_of_indexed_place(question: str, index: Index) -> bool:
    """The question asks about an indexed place, not one it names only as whose document tells of something else:
    `洪江区规划里提到的芷江，那边…` asks about 芷江; `会同县…离洪江区近` measures from 洪江区 and asks about 会同县."""
    mentions = index.place_mentions(question)
    return any(not _TELLS.match(question, end) and not measured_from(question, start) for start, end, _ in mentions)


def measured_from(question: str, start: int) -> bool:
    """The place named at `start` is where a distance is measured from (`离洪江区近`), not what is asked about."""
    return question[max(start - 2, 0) : start].endswith(("离", "距", "距离"))


def towns_in(question: str, index: Index) -> list[str]:
    """The towns and villages a question names that a document mentions: `茅头园村`, not `头园村`; `来湘乡落户` names
    湘乡市, an indexed place, and no town."""
    towns = [t for t in named_towns(question) if index.mentions(t) and not index.places_in(t)]
    return [t for t in towns if not any(t in other for other in towns if other != t)]


def gather(
    question: str, asked: Terms, hits: list[Hit], index: Index, weights: Weights | None = None
) -> tuple[str | None, list[Candidate]]:
    """The candidates that may answer, or why none can (a place no document covers, a year none reports);
    `weights`: the question's term weights when retrieval has them already."""
    if not hits:
        return "文件中未找到与该问题相关的内容。", []
    missing = unknown_places(question, index)
    if missing:
        known = "、".join(index.places)
        return f"文件中未找到关于“{'、'.join(missing)}”的内容：现有文件只涉及{known}。", []
    years = [y for y in named_years(question) if y not in report_years(question) + compared_years(question)]
    # A question about an indexed place is already filtered to its documents; any other place
    # it names (`鹤城区`, mentioned once in passing) must be what the evidence is about.
    places = [] if _asks_of_indexed_place(question, index) else named_places(question)
    places += [t for t in towns_in(question, index) if t not in places]  # `托口镇…接待游客`
    candidates = _candidates(question, asked, hits, index, years, places, weights)
    if not candidates:
        named = [*places, *map(plan_name, named_plans(question)), *(y + "年" for y in years)]
        if not named:
            return WEAK_EVIDENCE, []
        # `洪江市2024年…` where no 2024 passage answers: the documents do speak of 2024, only not of this
        absent = [w for w in named if not index.mentions(w.strip("“”"))]
        if absent:
            return f"文件中未找到关于{'、'.join(absent)}的相关内容。", []
        return f"文件中未找到能够明确回答该问题的内容：有关{'、'.join(named)}的段落都不回答它。", []
    return None, candidates
