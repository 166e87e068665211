"""What a question asks, in the documents' words: its parts, its terms, the year and unit it pins down.

The lexicon (`data/lexicon.json`) is general to Chinese government documents: `GDP` and `经济总量`
are what users type for `地区生产总值`, `啥` and `哪所` only ask. Retrieval searches the documents'
terms too, and the answer step counts a term as covered when the passage holds any of its words.
A message of two questions is split into parts; `去年` is read against a work report's own year;
`多少亿元` asks for a value in 亿元.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import jieba.posseg

from .constraints import arabic_years, named_years

LEXICON = Path(__file__).parent / "data" / "lexicon.json"


@dataclass(frozen=True)
class Lexicon:
    asking: re.Pattern[str]  # words that only ask or fill, longest first
    groups: tuple[tuple[str, ...], ...]  # each: the documents' term first, then users' words for it
    pattern: re.Pattern[str]  # every word of every group, longest first
    group_of: dict[str, int]
    terms: frozenset[str]  # the documents' term of each group


@cache
def lexicon(path: Path = LEXICON) -> Lexicon:
    data = json.loads(path.read_text(encoding="utf-8"))
    groups = tuple((term, *variants) for term, variants in data["synonyms"].items())
    group_of = {word: i for i, group in enumerate(groups) for word in group}
    terms = frozenset(g[0] for g in groups)
    return Lexicon(_alternatives(data["asking"]), groups, _alternatives(group_of), group_of, terms)


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


# An aside that tells which place or thing is meant, not what is asked: `洪江市（怀化下面那个县级市，不是洪江区）`.
_ASIDE = re.compile(r"[（(][^（()）]*(?:不是|那个|下面|就是)[^（()）]*[)）]")


def terms(question: str, tokenize, lex: Lexicon | None = None) -> Terms:
    """Split a question into synonym groups (longest match first) and the tokens of the rest, asking words dropped."""
    lex = lex or lexicon()
    question = _ASIDE.sub(" ", question)
    groups = list(dict.fromkeys(lex.groups[lex.group_of[m.group(0)]] for m in lex.pattern.finditer(question)))
    rest = re.sub(_RELATIVE_WORDS, " ", lex.asking.sub(" ", lex.pattern.sub(" ", question)))  # `去年`: a year, not a term
    rest = _COUNTING.sub(" ", rest)  # `几轮`, `多少批`: how a count is asked, not what is counted
    rest = ASKS_CHARS.sub(" ", rest)  # `十六个字`: how long the wording asked is, no word of it
    rest = _MEMBERS_COUNTED.sub(" ", rest)  # `三个发展定位`: how many members, no word of theirs (not `三个代表`)
    words = tuple(dict.fromkeys(tokenize(rest)))
    return Terms(words, tuple(groups))


# A wording asked by its length (`哪八个字`, `十六个字具体怎么说`): a quote of that many characters answers it.
ASKS_CHARS = re.compile(r"(\d{1,2}|[两二三四五六七八九十]{1,3})个?字")
_COUNTING = re.compile(r"(?<![那这哪])(?:几|多少)[个家所项座条次轮批场届期处件块栋套间名位台辆艘架]")
_MEMBERS_COUNTED = re.compile(r"(?<![第这那\d一二两三四五六七八九十“\"])[两二三四五六七八九十]个(?=[\u4e00-\u9fff])")


# A numbered slogan of the documents (`五新四城`, `一主两特`, `八大行动`), which users type without its quotes.
_NUMERAL = "一二两三四五六七八九十"
_QUOTED_SPAN = re.compile(r"(“[^”]*”|\"[^\"]*\")")


_CODE_SLOGAN = re.compile(r"\d+[+＋×][\dA-Za-z]+")  # `4+3`, `5+N`, `4×4`: a system its parts are counted in


def _is_slogan(term: str) -> bool:
    if _CODE_SLOGAN.fullmatch(term):
        return True
    numerals = sum(c in _NUMERAL for c in term)
    counted = term[:1] in _NUMERAL and len(term) >= 3 and (numerals >= 2 or term[1] in "大个项")
    return counted and not _PERIOD.fullmatch(term) and not re.search(r"[\dA-Za-z]", term)  # not `十四五`


# `两带又是哪两条`, `两新指什么`: a component asked what it is, alone, is the quoted term it is.
_ASKS_MEANING = r"(?:又|都|分别|具体)?(?:是|指)(?:的是)?(?:哪|什么|啥)|什么意思|包括"


@cache
def _slogans(terms: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns of the numbered slogans among `terms`, and of a run of two or more of their two-character components
    (`两心两带` of `“两心”`, `“两带”`, each quoted and defined on its own) or of one asked what it is."""
    slogans = [t for t in terms if _is_slogan(t)]
    components = [t for t in terms if len(t) == 2 and t[0] in _NUMERAL and t[1] not in _NUMERAL]
    one = _alternatives(components).pattern if components else ""
    run = re.compile(f"(?:{one}){{2,}}|(?:{one})(?={_ASKS_MEANING})") if components else None
    return (_alternatives(slogans) if slogans else None), run


# `实力什么的`, `一核啥来着`: the start of a slogan a user does not recall whole. (Not `“一核……”`: the ellipsis is searched
# as it stands, and the slogan it opens may be one the documents never quote whole.)
_TRAILS_OFF = re.compile(r"[”\"]?(?:什么|啥)(?:的|来着)")
_HAN_BEFORE = re.compile(r"[\u4e00-\u9fff0-9+]{2,4}$")


def completed_slogans(question: str, quoted: tuple[str, ...]) -> str:
    """`它提的那个建设口号 实力什么的` → `…“实力湘乡、幸福龙城”`: a slogan's opening words that trail off stand for the one
    slogan the documents quote that opens with them (the longest opening that only one does); not `两城啥来着`, which asks
    what the slogan `两城` is; unchanged otherwise."""
    out, end = [], 0
    for trail in _TRAILS_OFF.finditer(question):
        before = _HAN_BEFORE.search(question, end, trail.start())
        if not before:
            continue
        for start in range(before.start(), trail.start() - 1):  # the longest opening first
            opening = question[start : trail.start()]
            if opening in quoted:
                break  # `两城啥来着` asks what 两城 is, a slogan of its own
            slogans = [t for t in quoted if t.startswith(opening) and len(t) > len(opening) + 1]
            if len(slogans) == 1:
                lead = start - 1 if start and question[start - 1] in "“\"" else start  # its opening quote goes too
                out += [question[end:lead], f"“{slogans[0]}”"]
                end = trail.end()
                break
    return "".join([*out, question[end:]])


def quote_slogans(question: str, quoted: tuple[str, ...]) -> str:
    """`洪江区说的五新四城是什么` → `洪江区说的“五新四城”是什么`: a slogan the documents quote (`quoted`), asked without its
    quotes, is asked about as the quoted term it is (its definition is looked for, its parts count). A run of components
    the documents quote one by one is quoted one by one: `两心两带` → `“两心”“两带”`."""
    slogans, run = _slogans(quoted)
    if slogans is None and run is None:
        return question

    def quote(span: str) -> str:
        if slogans is not None:
            span = slogans.sub(lambda m: f"“{m.group()}”", span)
        if run is not None:  # outside the quotes just added
            parts = _QUOTED_SPAN.split(span)
            span = "".join(
                s if i % 2 else run.sub(lambda m: re.sub(r"..", lambda c: f"“{c.group()}”", m.group()), s)
                for i, s in enumerate(parts)
            )
        return span

    spans = _QUOTED_SPAN.split(question)  # quoted spans at odd positions stay as they are
    return "".join(s if i % 2 else quote(s) for i, s in enumerate(spans))


# `今年` in a question about a work report is the report's own year: `2025年洪江区管委工作报告` → 2025.
_RELATIVE = {"今年": 0, "本年": 0, "去年": -1, "上一年": -1, "上年": -1, "前年": -2, "明年": 1}
_RELATIVE_WORDS = "|".join(_RELATIVE)
_REPORT_YEAR = re.compile(r"((?:19|20)\d{2})年.*工作报告")
# Days counted with a classifier (`一年有多少个优良天`) are a number of days, as `优良天数…300天以上` gives them.
_DAYS_COUNTED = r"[\u4e00-\u9fff]{1,3}?天(?![数气])"
# `多少亿元`, `几所`: the unit the asked value must carry (a growth rate does not answer `多少亿元`); `几个点` asks
# percentage points, no count; `多少个优良天` days (`_HOW_LONG`).
_ASKED_UNIT = re.compile(
    rf"(?:多少|(?<![哪那这])几)(?:个(?=亿|万))?(亿元|亿(?!元)|万元|万美元|美元|元|万人次|人次|万人|人|万户|户|个(?!点|百分点|{_DAYS_COUNTED})|家|所|项|公里|千米|万亩|亩|公顷|万吨|吨|岁|倍|座|条|辆|台|套|张)"
)


def relative_years(question: str, title: str, year: str = "") -> list[str]:
    """The years `今年`, `去年`… of a question mean in a document with a year of its own: a work report's, or
    the `year` an annual document is about (`ingest.Chunk.year`)."""
    report = report_year(title)
    own = report or year
    if not own:
        return []
    # a work report is delivered the year before the year it plans (`2025年…工作报告`, 2024年12月): its `明年` is the
    # year it plans, as its `今年` is, and its `去年` the year it reviews
    shifts = {**_RELATIVE, "明年": 0} if report else _RELATIVE
    return [str(int(own) + shift) for word, shift in shifts.items() if word in question]


# `2025年洪江区管委工作报告是谁作的？`: a year that names a report, not a year the answer must speak of.
_REPORT_NAMED = re.compile(
    r"((?:19|20)\d{2})年?的?(?:[那这]份|[那这]个)?(?:[\u4e00-\u9fff]{0,6}[区市县])?(?:管委会?|人民政府|政府)?的?(?:工作报告|政府报告)"
)


def report_year(title: str) -> str | None:
    """The year a work report's title names (`2025年洪江区管委工作报告` → 2025): its `今年`."""
    report = _REPORT_YEAR.search(title)
    return report.group(1) if report else None


def report_years(question: str) -> list[str]:
    """Years a question names a work report by (`2025年…工作报告`)."""
    return _REPORT_NAMED.findall(question)


# A year a question measures its figure against (`跟2015年比降了多少`, `比2020年增长`, `与2015年相比`): the change asked is
# not of it. (`candidates._BASE_YEAR` reads the evidence's own, `较2015年下降…`, more loosely: there no year is asked.)
_ASKED_AGAINST = re.compile(
    r"(?:(?<!占)比|较)\s*((?:19|20)\d{2})\s*年|(?:跟|和|与|同)\s*((?:19|20)\d{2})\s*年[^，,。？?\s]{0,3}?(?:相?比|对比)"
)


def compared_years(question: str) -> list[str]:
    """Years a question measures its figure against, which the evidence need not be of."""
    return [a or b for a, b in _ASKED_AGAINST.findall(arabic_years(question))]


def is_relative(question: str) -> bool:
    """`去年…`: a year only a document with a year of its own can resolve."""
    return any(word in question for word in _RELATIVE)


# `投了多少钱`; a price per area or weight (`租金多少一平`, `收购价几块一斤`) is money too.
_MONEY = re.compile(
    r"多少钱|几块钱|几毛钱|(?:多少|几块)一(?:平方米?|平米|平|亩|斤|公斤|吨|方)"
    r"|(?:总投资|投资额|投资总额|资金|经费)(?:大概|大约|约|一共|共|总共|总计)?(?:是|为|有|要|达到?)?多少"  # `总投资大概是多少`
    r"|(?:补贴|补助|救助|低保|保障|抚恤|津贴|养老金)”?标准(?:是|为|有|提高到|涨到|提到)?多少"  # `孤儿生活保障标准是多少`
    r"|每(?:户|人|月|年|亩)(?:能|可以)?补(?:贴|助)?多少"  # `每户补多少`
    r"|(?:能|可以)?(?:拿|领|给|发)?多少(?:补贴|补助|奖励|奖补|租金|工资)"  # `每人能拿多少补贴`
    r"|(?:补贴|补助|奖励|奖补|租金|房租|工资)(?:大概|大约|约|一共|共|总共)?(?:是|为|有|要|能有)?多少"  # `一个月租金多少`
)
# `每千常住人口多少个`, `每万人有几张`: what a figure is counted per, no thing of its own (`托位数` asked before).
_PER = re.compile(r"每[一十百千万]+[名个户位]?(?:常住)?(?:人口|人|户|老人|居民|儿童|学生|婴幼儿)")
_POINTS = re.compile(r"(?:多少|(?<![哪那这])几)个?(?:百分点|点)|百分之(?:多少|几)")  # a share or a change in points
_HOW_LONG = re.compile(rf"多长时间|多久|几天|几个小时|多少天|多少小时|几个工作日|多少个工作日|(?:多少|几)个{_DAYS_COUNTED}")
DURATION = "时长"  # not a unit the documents write: `多长时间` is answered by `12小时内`, `3个工作日`
# (`正常经营1年以上`: years too, in one or two digits and bounded, never a year's number)
_DURATION = re.compile(r"\d\s*(?:个)?(?:小时|分钟|工作日|天|日|个月|周)|(?<!\d)\d{1,2}\s*年(?=以上|以内|及以上|之内|内|左右)")
# How long or how large a thing is, asked with no unit named: only a length (`全长12公里`) or an area (`占地120亩`)
# answers it, not a count of the thing (`5条故居大道`) nor another figure of it.
_HOW_FAR = re.compile(r"多长(?!时间)|全长(?:是|有)?多少|长度(?:是|有)?多少")  # not `多远`: `10分钟车程`
LENGTH = "长度"
_LENGTH = re.compile(r"(?:\d\s*|单位:\s*|[(（])(?:公里|千米|米|km|KM)")  # a row's unit: `单位: 公里`, `(公里)`
_HOW_LARGE = re.compile(r"面积(?:是|有|为|达到?)?多(?:大|少)|多大面积|占地(?:面积)?(?:是|有)?多(?:大|少)")
AREA = "面积"
_AREA = re.compile(r"(?:\d\s*|单位:\s*|[(（])(?:万?平方(?:公里|千米|米)|平米|万?亩|公顷)")


def in_no_unit(question: str) -> str:
    """The question asking its figure in no unit: `要改造多少个` → `要改造多少`."""
    return _ASKED_UNIT.sub("多少", question)


def asked_unit(question: str) -> str | None:
    """The unit the value asked must carry: the last one asked (`有几个执业医师这项，目标是多少人？` asks 人)."""
    asked = [(m.start(), m.group(1)) for m in _ASKED_UNIT.finditer(question)]
    asked += [(m.start(), DURATION) for m in _HOW_LONG.finditer(question)]
    asked += [(m.start(), LENGTH) for m in _HOW_FAR.finditer(question)]
    asked += [(m.start(), AREA) for m in _HOW_LARGE.finditer(question)]
    asked += [(m.start(), "元") for m in _MONEY.finditer(question)]  # `投了多少钱` asks an amount of money, not its growth
    return max(asked, key=lambda at: at[0])[1] if asked else None


# Counting words `个` stands for in the documents: `几座基站` is answered by `基站120个`.
_CLASSIFIERS = frozenset("家所项座条辆台套张")
# Counters `个` stands for in turn: things (`99件事项`, `6处`) and people (`1600名新生儿`, a row in `(人)`).
_OTHER_COUNTERS = re.compile(r"\d\s*[件处批名位]|\d\s*人(?!次)|[(（]人[)）]")


_COUNTED_THING = re.compile(r"(?:多少|(?<![哪那这])几)[家所项座条辆台套张]([\u4e00-\u9fff]{2,12})")


def counted_thing(question: str) -> str | None:
    """What a count with a classifier counts, by its head noun: `新建几所公办幼儿园` → `幼儿园`'s `儿园`; a figure
    given in 个 (`托位数达到1396个`) answers it only when it counts that thing."""
    match = _COUNTED_THING.search(question)
    if not match or asked_unit(question) not in _CLASSIFIERS:
        return None
    nouns = []
    for word in jieba.posseg.cut(match.group(1)):
        if not (word.flag.startswith("n") or word.flag == "vn"):
            break
        nouns.append(word.word)
    head = _one_spelling("".join(nouns))
    return head[-2:] if len(head) >= 2 else None


def _one_spelling(text: str) -> str:
    """Every lexicon word in the documents' term for it: `电商示范企业` and `电子商务示范企业` count the same thing."""
    lex = lexicon()
    return lex.pattern.sub(lambda m: lex.groups[lex.group_of[m.group()]][0], text)


def counts_thing(text: str, thing: str, classifier: str) -> bool:
    """Some clause of `text` both gives a count in 个 or `classifier` and names `thing` (`新建5G基站120个`, in digits or
    in words: `建设八条生态廊道`), `thing` and the clause each in one spelling (`counted_thing`)."""
    count = re.compile(rf"(?:\d|[两三四五六七八九十百千])\s*[个{classifier}]")
    return any(thing in _one_spelling(c) and count.search(c) for c in re.split(r"[，,。；;：:]", text))


_PATTERN_OF = {DURATION: _DURATION, LENGTH: _LENGTH, AREA: _AREA}


def carries_unit(text: str, unit: str) -> bool:
    """Whether `text` gives a value in `unit` (`元` is not `万美元`; `几座基站` is answered by `基站120个`)."""
    if unit.endswith("元") and "美" not in unit:
        return re.search("(?<!美)" + re.escape(unit), text) is not None
    if unit in _PATTERN_OF:
        return _PATTERN_OF[unit].search(text) is not None
    if unit == "个" and _OTHER_COUNTERS.search(text):  # `多少个事项` by `99件事项`, `几个医师` by `3.4` per `(人)`
        return True
    return unit in text or (unit in _CLASSIFIERS and re.search(r"\d个", text) is not None)


# A clause asks when it holds one of these; clauses that do not ask belong to the next one that does.
# A yes-no question as spoken: a clause that ends in 没/不 (`有名额限制没`, `在国外好卖不`).
_ASKS = re.compile(r"多少|多久|多长|多大|多远|多高|(?<![那这好十])几(?![十百千])|什么|啥|哪|是否|吗|呢|怎么|如何|怎样|咋|比例|占比|比重|[没不][？?。，,！!\s]*$")
CLAUSE = re.compile(r"[^？?；;，,。！!]+[？?；;，,。！!]*")  # a clause with the marks that end it
# Words that say which figure of a subject is asked (target, actual, this year) but not what the subject is.
# Words that say which document is asked (`2025年管委工作报告里呢？`), not what about.
_DOCUMENT = re.compile(r"(?:政府|管委会?)?工作报告|规划纲要|规划|纲要|报告|实施方案|总体方案|方案")
# A year asked names no subject (`2020年呢？`); nor do words that only relate others (`里`, `给`, `把`, `的`, `那`):
# jieba's prepositions, localizers, conjunctions, particles, modals, interjections, pronouns, numerals, measure words.
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?")
_FUNCTION_POS = set("pfcuyeormq")
# Schools jieba's dictionary tags as localizers (`初中`: 初 + 中 as in 期中): nouns all the same.
_SCHOOLS_TAGGED_AS_LOCALIZERS = frozenset(("初中", "附中"))
_PERIOD = re.compile(r"[“\"]?十[一二三四五六]五[”\"]?(?:期间|时期|期末|末)?")
# `表里完成值`: where in a document a figure stands (its table), no thing asked about.
_IN_TABLE = re.compile(r"(?:这张|那张|指标)?(?<![代发外图列])表格?(?:里头?|中|上)")
_ASPECT = re.compile(
    r"目标值?|(?:完成|预计|实际)[值数]|计划|预计|预期性?|约束性|属性|实际|完成|情况|打算|想|要|又|定在|定|控制在|控制|达到|原定|力争|"
    r"年均增速|年均增长|年均|增速|总量|累计|" + _RELATIVE_WORDS
)
# A plan period or a span of years asked over (`十三五期间`, `五年累计`, `每年`): when, not what.
_SPAN = re.compile(_PERIOD.pattern + r"|(?:[一二两三四五六七八九十每全近]|这几)年(?:来|间|内|下来)?(?!级|轻|代)")
# `同一年洪江区实际涨了多少？`: the year of the part before.
_SAME_YEAR = re.compile(r"同一年|同年|当年|那一?年(?![轻代])")


# A document named by its kind, and the word its title spells that kind with: `十四五规划里`, `洪江区规划`, `工作报告`,
# `实施方案`. Not `规划面积` or `专项规划`: a plan named as a thing, not as the document asked.
_KINDS = {
    "规划": re.compile(r"(?:五[”\"]?|五年|[区市县]|的)规划(?!面积|建设|布局)|规划(?:纲要|里|中|上|说|提|定|要|原本|给)|纲要"),
    "工作报告": re.compile(r"工作报告|政府报告|管委会?报告|报告(?:里|中|上|说|提|定|把|给)"),
    "方案": re.compile(r"[施体动]方案|方案(?:里|中|上|说|提|定|要|给)"),
}


def document_kinds(question: str) -> list[str]:
    """The kinds of document a question names, as their titles spell them (`规划`, `工作报告`, `方案`)."""
    return [kind for kind, pattern in _KINDS.items() if pattern.search(question)]


def asks(text: str) -> re.Match[str] | None:
    """Where `text` asks (`多少`, `哪`, `呢`…), if it does."""
    return _ASKS.search(text)


# What a message opens with before it asks: a greeting, who asks, that they want to ask (`您好，我是跑政务口的记者，
# 想核对两个数：`), how the answer should cite (`引用要写清楚：`). It is no part of the first question, nor of the
# subject a follow-up inherits from it.
_CHATTER = re.compile(
    r"^(?:\s*(?:您好|你好|嗨|哈喽|打扰了?|嗯+|哦+|噢|喔|呃|额|唔|哎|诶|欸|好的?|行|OK|ok|明白了?|知道了|了解了?|谢谢(?:你|您)?|收到|"
    r"麻烦(?:您|你)?(?:问一下|问下)?|请问一下|我是[^，,。！!？?：:]{1,20}|我?想(?:问|核对|了解|知道|请教|确认)"
    r"[^，,。！!？?：:]{0,12}|[^，,。！!？?：:]{0,6}(?:引用|注明|标明|写明|写清楚|说清楚|讲清楚|出处)[^，,。！!？?：:]{0,6})"
    r"[，,。！!：:\s]+)+"
)


# Who relays the question (`有位宝妈打电话问，`, `市民咨询：`, `我孙子读书的事顺便问下 `): a clause that ends in asking
# someone, and itself asks nothing.
_RELAYED = re.compile(r"^[^，,。！!？?：:\s]{0,16}?(?:问|咨询|打听|反映)(?:一下|下|说)?[，,。！!：:\s]+")


def without_chatter(question: str) -> str:
    """The message without its opening greeting and introduction, if anything is left and the opening names no
    place or figure (`我是洪江区的，` says what is asked about)."""
    rest = _CHATTER.sub("", question)
    relayed = _RELAYED.match(rest)
    if relayed and not _ASKS.search(relayed.group()):
        rest = rest[relayed.end() :]
    opening = question[: len(question) - len(rest)]
    return rest if rest.strip() and not re.search(r"[区市县镇乡村](?!民)|\d", opening) else question


# Dialect asking words of Hunan and the south-west, as the standard ones: `要到好多元`, `交好多钱`, `是好多啊` ask 多少,
# `要办好久` asks 多久, `两新是么子意思` asks 什么, `有冒有人返贫`, `要门票冒` ask 没有, 没.
_DIALECT = (
    (re.compile(r"好多(?=[元块钱万亿个人家项所座条次户亩吨岁%？?，,。了啊呀呢嘛\s]|公里|米|平方|套|栋|张|场|件|例|名|位|$)"), "多少"),
    (re.compile(r"好久(?=[？?，,。了啊呀呢嘛\s]|$)"), "多久"),
    (re.compile(r"么子|啥子|什么子|啥"), "什么"),
    (re.compile(r"咋个|哪门子?"), "怎么"),
    (re.compile(r"(?<![假感])冒(?=有|得)|(?<=[\u4e00-\u9fff])冒(?=[？?，,。！!\s]|$)"), "没"),
)


# Phone and voice input separate clauses by a space: `失业率要控制在好多 2025年工作报告里又定的好多`.
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff\d])")


# A share written as a fraction: `制造业增加值/GDP` is the indicator `制造业增加值占GDP比重`.
_OVER_GDP = re.compile(r"(?<=[\u4e00-\u9fff])\s*[/／]\s*(GDP|gdp|地区生产总值|生产总值)(?!\s*比重)")


def colloquial(question: str) -> str:
    """The question with dialect asking words in standard Chinese, so that what asks is found as asking, a share
    written as a fraction as the documents name it, and the spaces that part its clauses as commas."""
    for pattern, standard in _DIALECT:
        question = pattern.sub(standard, question)
    question = _OVER_GDP.sub(lambda m: f"占{m.group(1)}比重", question)
    return _SPACED.sub("，", question.strip())


# A slogan typed with digits (`“2馆1校1带”`, `3园2区1带`): single digits, each before a character, twice in quotes or
# three times anywhere (not a date, `1月5日3时`, nor `“3个1000亩”`, whose figure is no slogan's count).
_DIGIT_SLOGAN = re.compile(r"(?<![\d.])(?:[1-9](?![年月日时号次天个])[\u4e00-\u9fff]){3,}")
_QUOTED_DIGITS = re.compile(r"“((?:[1-9][\u4e00-\u9fff])+[^”\d]*)”")
_SLOGAN_NUMERAL = str.maketrans("123456789", "一两三四五六七八九")


def slogan_numerals(question: str) -> str:
    """`“2馆1校1带1区1廊”` → `“两馆一校一带一区一廊”`: the documents write a slogan's counts in Chinese numerals."""
    question = _QUOTED_DIGITS.sub(
        lambda m: m.group().translate(_SLOGAN_NUMERAL) if len(re.findall(r"\d", m.group())) >= 2 else m.group(),
        question,
    )
    return _DIGIT_SLOGAN.sub(lambda m: m.group().translate(_SLOGAN_NUMERAL), question)


# A sentence of the asker's story before the one that asks (`我家住巫水边上，去年汛期水都快漫到门口了。`) says what
# the question is about only by the place, time, plan and document it names; a pronoun asks about its subject.
# A premise the asker states before `那…` (`报告里提到会同县若水镇要设互通，那会同县GDP是多少？`) is story too.
_STORY_END = re.compile(r"(?<=[。！!])|(?<=[嘛吧][，,])|(?=[，,]那么?(?![些个里边样种时份几两\d一二三四五六七八九十]))")
_POINTS_BACK = re.compile(r"[它其该]")


def without_story(question: str, places) -> str:
    """The message with the sentences before its question that ask nothing reduced to the places (`places(text)`),
    years, plan periods and documents they name; whole when the question points back into them (`它占地多少亩？`)."""
    question = _without_own_times(question)
    sentences = [s for s in _STORY_END.split(question) if s.strip()]
    if len(sentences) < 2 or _POINTS_BACK.search(sentences[-1]):
        return question
    kept = []
    for sentence in sentences[:-1]:
        if _ASKS.search(sentence):
            kept.append(sentence)
            continue
        named = [*places(sentence), *(m.group() for p in (_YEAR, _PERIOD, _DOCUMENT) for m in p.finditer(sentence))]
        named += re.findall(_RELATIVE_WORDS, sentence)
        kept.append("".join(named) + (" " if named else ""))
    return "".join([*kept, sentences[-1]])


def _without_own_times(question: str) -> str:
    """`孩子明年就满三岁了，…十四五规划…建几所？`: a `明年` in a clause that asks nothing, in a question about a
    five-year plan, is the asker's own time, no year the plan is asked of."""
    if not _PERIOD.search(question):
        return question
    return "".join(
        clause if _ASKS.search(clause) else re.sub(_RELATIVE_WORDS, "", clause) for clause in CLAUSE.findall(question)
    )


# A clause that says what is not asked: `要今年的目标，不要去年实际完成的。` (its `去年` is no year asked).
_NOT_ASKED = re.compile(r"\s*(?:但|而|可|也|又)?(?:不要|不是|别|并非|而非|不算)")


# What a document only says, as the asker tells it: `报告只说了涨了多少。`, `规划里光提了增速，`.
_ALREADY_SAID = re.compile(r"(?:只|光|就|仅)(?:说|讲|提|写|给|公布|列)了?")


# What the asker means to do with the answer, said after asking: `想跟2024年比一下增速`, `做配套的想去对接`;
# not `想问…`, `想知道…`.
_PURPOSE = re.compile(
    r"\s*(?:[^，,。？?]{0,6}的)?(?:我|我们|咱|咱们)?(?:想|打算|准备|好)(?!问|知道|了解|请教|查|确认|核实|核对)"
)


_ASKS_OUTRIGHT = re.compile(r"什么|啥|哪|多少|几|怎么|如何|咋")


def _plan_asked(purpose: str, clause: str) -> bool:
    """`打算用什么来替掉烧油的` asks outright what the documents plan; `想看看今年涨了多少` is the asker's own wish."""
    return not re.search(r"[想我咱]", purpose) and bool(_ASKS_OUTRIGHT.search(clause))


_RATIOS = ("比例", "占比", "比重")  # asking words that are also what a ratio is called


def sub_questions(question: str) -> list[str]:
    """`洪江区去年社零涨了多少？今年打算涨多少？` → its two asking parts (one part: the message itself)."""
    parts: list[str] = []
    pending = ""
    for clause in CLAUSE.findall(question):
        if _NOT_ASKED.match(clause) and not _ASKS.search(clause):
            continue
        told = not clause.rstrip().endswith(("？", "?"))  # said, not asked outright
        if told and _ALREADY_SAID.search(clause):
            continue  # `工作报告只说了涨了多少。`: what the asker has read already, not what is asked
        if told and parts and (purpose := _PURPOSE.match(clause)) and not _plan_asked(purpose.group(), clause):
            continue  # `想跟2024年比一下增速`: what the asker will do with the answer, not what is asked
        pending += clause
        # `空气优良天数占比的目标，指标表里写的多少？`: a ratio named in a clause said, not asked, is what a later clause asks
        named_ratio = told and all(m.group() in _RATIOS for m in _ASKS.finditer(clause))
        if _ASKS.search(clause) and not named_ratio:
            parts.append(pending.strip())
            pending = ""
    if pending.strip():
        parts[-1:] = [parts[-1] + pending] if parts else [pending]
    return parts or [question]


@cache
def names_a_thing(word: str) -> bool:
    """jieba reads the word as a noun (`火星`, `规模以上工业总产值`: its last word is one), not a verb or a stray cut
    (`点名`, `新添`, `镇进`)."""
    last = list(jieba.posseg.cut(word))[-1:]
    if last and len(word) > len(last[0].word) and _INDICATOR_HEAD.search(word):
        return True  # `农村居民人均可支配收入`: an indicator's head, though jieba reads `收入` after `支配` as a verb
    if last and last[0].word in _SCHOOLS_TAGGED_AS_LOCALIZERS:
        return True
    return bool(last) and (last[0].flag.startswith("n") or last[0].flag == "vn")


def own_words(part: str, tokenize) -> list[str]:
    """The words a part says of its own, beyond which figure, year and document it asks about: `今年打算涨多少？` 涨."""
    part = _SAME_YEAR.sub(" ", part)
    whole = [m.span() for m in lexicon().pattern.finditer(part) if len(m.group()) >= 4]  # `固定资产投资` keeps the 定 inside it

    def aspect(m: re.Match[str]) -> str:
        return m.group() if any(a < m.start() and m.end() < b for a, b in whole) else " "

    rest = _SIDE_ONLY.sub(" ", _SPAN.sub(" ", _YEAR.sub(" ", _DOCUMENT.sub(" ", _ASPECT.sub(aspect, part)))))
    rest = _IN_TABLE.sub(" ", rest)
    # `涉及多少人`, `是多少钱`, `几个百分点`, `每千人口`: how a figure is asked, no thing
    rest = _PER.sub(" ", _MONEY.sub(" ", _ASKED_UNIT.sub(" ", _POINTS.sub(" ", rest))))
    asked = terms(rest, tokenize)
    kinds = _kinds_asked(rest)
    # a slogan the documents quote is a thing, though its numeral makes jieba call it one (`两重`, `三品一特`)
    function = {w.word for w in jieba.posseg.cut(rest) if w.flag[:1] in _FUNCTION_POS}
    function -= _kept_whole(tokenize) | _SCHOOLS_TAGGED_AS_LOCALIZERS
    attributes = [a for a in _ASKED_OF if a in rest]  # `办公室` and the `办公`, `公室` a tokenizer cuts inside it
    # a numbered slogan whole, though the lexicon took a word out of it (`两项补贴`: 补贴)
    slogans = [w for w in _numbered(_kept_whole(tokenize)) if w in rest]
    # `企业占多少户`: a verb of relation (占, 是) says nothing of what is asked about; `打了多少粮食` does
    words = [
        w for w in asked.words if w not in function | kinds and w not in _RELATION and not any(w in a for a in attributes)
    ] + [
        g[0] for g in asked.groups if not any(w in a for w in g for a in attributes)  # `龙头企业`, the lexicon's too
    ]
    return slogans + [w for w in words if not any(w in s for s in slogans)]


# `都查哪些病`, `想招哪几类产业`: which members of a kind are asked; the kind names no thing of the part's own.
_WHICH_KIND = re.compile(r"哪(?:些|一?[个家项类条所种位座批样]|几[个家项类条所种位座批样]?)")


def _kinds_asked(part: str) -> set[str]:
    """The nouns a part asks members of, right after its `哪些`/`哪几类` (`病` of `都查哪些病`)."""
    kinds = set()
    for m in _WHICH_KIND.finditer(part):
        first = next(iter(jieba.posseg.cut(part[m.end() :])), None)
        if first is not None and first.flag.startswith("n"):
            kinds.add(first.word)
    return kinds


def _kept_whole(tokenize) -> frozenset[str]:
    """The terms an index's tokenizer keeps whole: the slogans its documents quote (and its places)."""
    return _as_set(tuple(getattr(tokenize, "user_terms", ())))


# Cached by the index's terms: a library of a hundred counties keeps 5,000 terms whole, and going through them on every
# part of a question cost 12 ms of it.
@lru_cache(maxsize=4)  # an index or two, and the versions a server has just replaced
def _as_set(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(terms)


@lru_cache(maxsize=4)
def _numbered(terms: frozenset[str]) -> tuple[str, ...]:
    """The numbered slogans among the terms kept whole, in the tokenizer's (sorted) order."""
    return tuple(sorted(t for t in terms if _is_slogan(t)))


def _in_a_word(term: str, text: str) -> bool:
    """The term is the head of a longer common word where the text has it (`交通事故`, not the slogan `“交通”`)."""
    jieba.dt.check_initialized()
    at = text.find(term)
    end = at + len(term)
    return at >= 0 and any(jieba.dt.FREQ.get(text[at : end + n]) for n in (1, 2, 3) if end + n <= len(text))


def quote_own_slogans(part: str, tokenize) -> str:
    """`两心是指哪两个` → `“两心”是指哪两个`, `双减呢` → `“双减”呢`: a follow-up whose own thing is a short term the documents
    quote asks about it as the quoted term it is (alone, `两心` may be any two centres, so `quote_slogans` leaves it bare)."""
    for word in sorted(own_words(part, tokenize), key=len, reverse=True):  # `三品一特`, not the `三品` inside it
        short = _is_slogan(word) or len(word) <= 3  # `两心`, `双减`, `链长制`; not `高新技术企业`, a thing of any text
        if short and word in _kept_whole(tokenize) and not _in_a_word(word, part):
            spans = _QUOTED_SPAN.split(part)  # quoted spans at odd positions stay as they are
            part = "".join(s if i % 2 else s.replace(word, f"“{word}”", 1) for i, s in enumerate(spans))
    return part


# Two sides of one indicator (`城镇居民人均可支配收入`, `农村…`): a follow-up naming one asks the other's question of it.
_TOWN_AND_COUNTRY = (("城镇", "农村"), ("城市", "农村"), ("城里", "农村"), ("城镇", "乡村"), ("城里", "乡下"))
_SIDES = (*_TOWN_AND_COUNTRY, ("出口", "进口"))
_TOWNS = tuple(dict.fromkeys(town for town, _ in _TOWN_AND_COUNTRY))
_COUNTRIES = tuple(dict.fromkeys(country for _, country in _TOWN_AND_COUNTRY))
# Which side of the subject a follow-up asks (`那农村的呢`, `洪江市那边农村的是多少啊`): no thing of its own, where
# `农村自来水普及率` names one.
_SIDE_ONLY = re.compile(
    "(?:" + "|".join((*_TOWNS, *_COUNTRIES)) + r")(?=的|[呢吗啊？?，,\s]|是|有|$)|那边|这边"
)


# Nouns that ask something of a subject and name none (`举两个例子有哪些`, `正文说要达到多少`, `有哪些措施`), and the
# attributes of one (`牵头单位是哪个`, `副召集人呢`, `总投资多少`, `新园址在哪`).
_ASKED_OF = {
    *("例子", "正文", "原文", "内容", "说法", "情况", "东西", "事情", "细节", "措施", "举措", "要求", "办法"),
    *("牵头单位", "责任单位", "配合单位", "牵头部门", "责任部门", "单位", "部门", "牵头", "召集人", "副召集人"),
    *("负责人", "总投资", "投资额", "位置", "地点", "地址", "园址", "时间", "时候", "办公室"),
    *("专栏", "表格", "表", "栏", "完成情况"),  # where a document gives it: `专栏里完成情况那栏写的多少`
    *("龙头", "龙头企业", "企业", "组成", "构成"),  # `靠哪几家龙头`, `由哪几条路组成`: of the thing before
}

# Words that relate a follow-up to its subject and say nothing of their own (`企业占多少户`, `属于约束性指标吗`).
_RELATION = {*"占是有为在比换", "属于", "算是"}


def needs_subject(part: str, tokenize) -> bool:
    """`今年打算涨多少？`, `办结率呢？`: a follow-up part that names at most one thing of its own."""
    return len(own_words(part, tokenize)) <= 1


def names_own_thing(part: str, tokenize) -> bool:
    """The part names a thing (a noun) of its own: `旅游收入目标又是多少？`, not `实际涨了多少？`, nor `农村的标准是多少`
    (a figure of the subject, by the last word of its name); a term of the lexicon holding a noun is one whatever its last
    word (`最低生活保障`, `城镇新增就业`), and so is one ending as an indicator's name ends (`合同引资`, whose words jieba
    reads as an adjective and a verb), where `增长`, `减税降费` are not."""
    documents = lexicon().terms
    return any(
        (names_a_thing(w) or (w in documents and (_holds_noun(w) or _INDICATOR_HEAD.search(w))))
        and not _INDICATOR_HEAD.fullmatch(w)
        for w in own_words(part, tokenize)
    )


# `那个长效机制的期限是几年`: a thing pointed at as one the conversation has named.
_POINTED = re.compile(r"^\s*(?:那|这)(?:个|项|些|一[个项])")


# `涉及几个小区几栋房子`: a verb relating what it names to a subject it leaves out (the turn before's).
_RELATED = re.compile(r"^\s*(?:那|这)?(?:一共|总共|共)?(?:涉及|惠及|覆盖|带动|包含|其中)")


def _verbal(word: str) -> bool:
    """jieba reads the word as a verb used as a noun (`经营` of `要经营满多久才给`): an act, which names no thing."""
    tagged = list(jieba.posseg.cut(word))
    return len(tagged) == 1 and tagged[0].flag == "vn"


def may_lean(part: str, tokenize) -> bool:
    """A part naming a thing of its own may still be asked of the thing the turn before named, when what it names
    ends in a verb (`提质改造了多少亩` after `…高标准农田`), it points at its thing (`那个长效机制的期限是几年`) or
    relates what it names to a subject left out (`涉及几个小区`), or names only an act (`要经营满多久才给`); not
    `十四五期间的固定资产投资目标是多少`, which names its thing whole."""
    words = own_words(part, tokenize)
    pointed = _POINTED.match(part) or _RELATED.match(part)
    return bool(pointed) or (bool(words) and not any(names_a_thing(w) and not _verbal(w) for w in words))


@cache
def _holds_noun(term: str) -> bool:
    """jieba reads some word of the term as a noun (`最低生活保障`: 生活), as no word of `减税降费`."""
    return any(w.flag.startswith("n") or w.flag == "vn" for w in jieba.posseg.cut(term))


# The last word of an indicator's name (`一般公共预算收入`, `城镇化率`, `粮食总产量`): a figure a table or a target gives.
_INDICATOR_HEAD = re.compile(r"(?:收入|支出|产量|总额|增加值|投资|引资|总值|产值|率|人口|人次|能耗|比重|占比|标准|面积|资金|指数|寿命|年限|消费)$")


def asked_things(weights: dict[tuple[str, ...], float], places: Iterable[str]) -> dict[tuple[str, ...], float]:
    """The terms of a query that name what is asked about: nouns, not its time, frame (`目标`, `规划`), side (`城镇`), a
    piece of a place's name (`洪江`) nor a word relative to the place (`市域`)."""
    return {
        words: weight
        for words, weight in weights.items()
        if names_a_thing(words[0])
        and not _FRAME.fullmatch(words[0])
        and not _YEAR.fullmatch(words[0])
        and words[0] not in (*_TOWNS, *_COUNTRIES)
        and not any(words[0] in place for place in places)
        and not _PLACE_RELATIVE.match(words[0])
    }


# Words whose sense moves with the place asked of (`市域就诊率` of 湘乡市 is `县域内就诊率` of 洪江区).
_PLACE_RELATIVE = re.compile(r"[市县区镇乡]域|全[市县区镇乡省]|本[市县区镇乡省]")


def new_indicator(part: str, before: str, tokenize) -> bool:
    """The part names an indicator of its own, whole, that the part before did not ask about: `那一般公共预算收入呢？`
    after `城镇化率要到多少？` (`财政收入` spelt either way); not `城镇化率2020年呢？` after it, nor `具体有哪些措施？`, nor
    `总产量呢？` (of the crop asked before)."""
    asked = terms(before, tokenize)
    said = set(asked.words) | {w for g in asked.groups for w in g}
    documents, slogans = lexicon().terms, _kept_whole(tokenize)
    return any(
        (len(word) >= 4 or word in slogans)  # `总产量`, `投资`: a head word alone names the indicator asked before
        and word not in said
        and not any(word in s for s in said)
        and (
            bool(_INDICATOR_HEAD.search(word))
            or (word in documents and (names_a_thing(word) or _holds_noun(word)))  # `棚户区改造`, as `names_own_thing`
            or word in slogans
        )
        for word in own_words(part, tokenize)
    )


# What a part asks beside its thing: its time, document and which figure (`2024年…增长目标`), kept when a follow-up
# swaps the thing (`社零呢？`).
_FRAME = re.compile(
    r"(?:19|20)\d{2}\s*年?|十[一二三四五六]五(?:期间|时期|期末|末)?|" + _RELATIVE_WORDS + "|"
    r"(?:政府|管委会?)?工作报告|规划纲要|规划|纲要|实施方案|总体方案|方案|"
    r"年均增速|年均增长|年均|累计|增长|增速|增幅|下降|降幅|提高|达到|突破|要到|目标值?|计划|预期|预计|实际|完成"
)


_CHANGE_WORDS = r"年均增速|年均增长|年均|增长|增速|增幅|下降|降幅"
_FIGURE = re.compile(_CHANGE_WORDS + r"|累计|目标值?|计划|预期|预计|实际|完成")


_CHANGE = re.compile(_CHANGE_WORDS)
_OWN_RATE = re.compile(r"率|比重|占比|强度|指数")  # an indicator that is itself a ratio
_ASKS_HOW_MANY = re.compile(r"多少[？?。\s]*$")  # `引进高层次人才多少`: a figure asked last, in no unit
_NOW = re.compile(r"现在|目前|当前|眼下|现阶段")  # `…普及率现在是多少` asks where it stands, not the target asked before
_TARGET_ASKED = re.compile(r"目标值?|要(?=达到|到|多少|几)")


# What a place or thing is said to be, not a figure of it: `战略定位`, `发展战略`, `区位优势`.
_ATTRIBUTE = re.compile(r"(?:定位|战略|优势|布局|思路|理念|格局|方向|路径|口号|品牌)的?\s*[呢吗]?[？?。]?\s*$")


def names_attribute(part: str) -> bool:
    """`洪江区给自己的战略定位呢？`: the follow-up names what its thing is said to be, which it asks whole."""
    return bool(_ATTRIBUTE.search(part))


def frame(before: str, follow_up: str, document: bool = True) -> str:
    """What the part before asked, but not of what: its time, document and figure (`洪江市 2024年固投增长目标` →
    `2024年增长目标`); a follow-up naming its own time asks its own figure of it (`去年实际呢`). `document`: keep the
    kind of document it named (not when the caller carries the document's own name)."""
    own_time = names_time(follow_up)
    own_figure = bool(_FIGURE.search(follow_up))  # `人均GDP完成了多少？` after a target: what was done, not the target
    # `引进高层次人才多少` after `研发经费投入目标增长多少`: a thing counted, asked of its own, not its growth
    own_count = bool(_ASKED_UNIT.search(follow_up) or _ASKS_HOW_MANY.search(follow_up)) and not asks_nothing(follow_up)
    own_document = bool(_DOCUMENT.search(follow_up))  # `规划里…目标` after `去年…`: the report's 去年 is not the plan's
    # `投入强度呢` after `研发经费投入增长目标`: a rate of its own is its level, not how it grows
    own_rate = bool(_OWN_RATE.search(follow_up)) and not _CHANGE.search(follow_up)
    # `上面说的五治行动具体指么子`, `老旧小区改造分哪几类`: what a term means or how a thing divides, in no time or figure
    asks_what_it_is = bool(_ASKS_KINDS.search(follow_up) or _ASKS_WHAT_IT_MEANS.search(colloquial(follow_up)))
    # `洪江区的战略定位呢` after `城区人口规模要达到多少`: what the place is said to be, at that time, in no figure
    attribute = names_attribute(follow_up)
    kept = [
        m.group()
        for m in _FRAME.finditer(before)
        if not (own_time and not _DOCUMENT.fullmatch(m.group()))
        and not (own_figure and _FIGURE.fullmatch(m.group()))
        and not ((own_count or own_rate) and _CHANGE.fullmatch(m.group()))
        and not (own_document and is_relative(m.group()))
        and (document or not _DOCUMENT.fullmatch(m.group()))
        and not (asks_what_it_is and not _DOCUMENT.fullmatch(m.group()))
        and not (attribute and not (_DOCUMENT.fullmatch(m.group()) or names_time(m.group())))
    ]
    return "".join(dict.fromkeys(kept))


# How a thing is divided (`老旧小区改造分哪几类`): asked of no time and no figure.
_ASKS_KINDS = re.compile(r"分(?:为|成)?(?:哪|几)几?[类种]|(?:怎么|如何)分类")


# `洪江区十四五规划里25年这个指标又是多少？`, `它的年均增速呢？`, `规划对它有啥支持`: the thing of the part before, asked again.
# `其中算民生实事的是几户`, `里头算民生实事的`: of that; not `里头说的两新`, of the text.
_BACK_REFERENCE = re.compile(
    r"(?:这个|这一|这项|该|同一个?|同样的?)(?:指标|数字|数据|数值|数|项指标|项|目标)|这项(?=[定的要是在为])|"
    r"(?:^|(?<=[，,。？?\s年候时跟和与同对给把为让被]))那?它的?|^\s*那?(?:其中|这其中|这当中|这?里[面头](?![说提讲写]))|"
    r"^\s*(?:这|那|该)(?:条|个|项)?(?:链|产业链|项目|工程|行动|专班|方案)(?=[^\u4e00-\u9fff]|哪|谁|是|由|要|的|有|计划|什么)"
)


# The documents' word for each side, for a follow-up naming it as users do (`乡下的呢`, `城里的呢`).
_DOCUMENTS_SIDE = {"乡下": "农村", "乡村": "农村", "城里": "城镇"}


# What ends a name in the turn before, read back from the word a follow-up opens with: anything but a Chinese character,
# and the words around a name (`的`, `是`, `在`, …).
_NAME_STOP = re.compile(r"[^\u4e00-\u9fff]|[的是在和与及了把将对为从到要有个哪啥么那这里谁当年]")
_OPENING = re.compile(r"^\s*(?:那|这)?(?:个|些)?")


def definite(part: str, previous: str, places: list[str], tokenize) -> str:
    """`专班办公室设在哪` after `洪江市区域共进行动专班谁当召集人`: a follow-up opening with a thing the turn before named
    in full (the name before it there, places aside) means that one: `区域共进行动专班办公室设在哪`."""
    opening, previous = _OPENING.match(part).end(), without_chatter(previous)
    for word in own_words(part, tokenize):
        at = previous.find(word)
        if len(word) < 2 or at < 0 or not part.startswith(word, opening) or not names_a_thing(word):
            continue
        start = at
        while start > 0 and not _NAME_STOP.match(previous[start - 1]):
            start -= 1
        name = previous[start:at]
        for place in sorted(places, key=len, reverse=True):
            name = name.removeprefix(place)
        if len(name) >= 2:
            return part[:opening] + name + part[opening:]
    return part


def names_both_sides(text: str) -> bool:
    """The text names the town's side and the countryside's (`城里乡下分别呢`, `城镇…农村…`)."""
    return any(w in text for w in _TOWNS) and any(w in text for w in _COUNTRIES)


def other_side(subject: str, follow_up: str) -> str:
    """`湘乡农村人均可支配收入2025年要到多少`, then `城镇的呢`: the subject of the city's side, in the documents' word
    (`城市低保标准`, then `乡下的呢`: `农村低保标准`); `城里乡下分别呢` asks both, and swaps none."""
    if names_both_sides(follow_up):
        return subject  # the part is asked of each side in turn (`_BOTH_SIDES`)
    for a, b in (*_SIDES, *((b, a) for a, b in _SIDES)):
        if a in follow_up and b not in follow_up and b in subject and a not in subject:
            return subject.replace(b, _DOCUMENTS_SIDE.get(a, a))
    for said, other in ((_COUNTRIES, _TOWNS), (_TOWNS, _COUNTRIES)):  # `城市` asked, `乡下` named: no pair spells both
        named = [w for w in said if w in follow_up]
        held = [w for w in other if w in subject]
        if len(named) == 1 and held and not any(w in subject for w in said) and not any(w in follow_up for w in other):
            return subject.replace(held[0], _DOCUMENTS_SIDE.get(named[0], named[0]))
    named = [w for w in (*_TOWNS, *_COUNTRIES) if w in follow_up]
    if len(named) == 1 and "城乡" in subject and "城乡" not in follow_up:  # `城乡居民的收入`, then `农村的呢`: one side
        return subject.replace("城乡", _DOCUMENTS_SIDE.get(named[0], named[0]), 1)
    return _other_action(subject, follow_up) or _other_kind(subject, follow_up)


# What is done to a thing a plan counts (`新建几所公办幼儿园`, `提质改造…15所`), longest first.
_ACTION = re.compile(r"提质改造|升级改造|提标改造|异地新建|改扩建|新改建|新建|新增|扩建|改造|迁建|续建|提质")
_ACTION_ONLY = re.compile(rf"^\s*(?:那|还有)?({_ACTION.pattern})(?:的|了)?(?:呢|吗)?[？?]?\s*$")


def _other_action(subject: str, follow_up: str) -> str | None:
    """`湘乡市十四五要在城区新建几所公办幼儿园`, then `提质改造的呢`: the same asked of what is done otherwise."""
    named, done = _ACTION_ONLY.match(follow_up), _ACTION.search(subject)
    if not named or not done or done.group() == named.group(1):
        return None
    return subject[: done.start()] + named.group(1) + subject[done.end() :]


def names_other_thing(follow_up: str, subject: str, tokenize) -> bool:
    """`农村危房呢` after `城市棚户区改造…`: beside the side it names, the follow-up names a thing the subject does not
    hold (`危房`), so it asks of that thing, not of the subject's other side (`农村居民收入呢` after `城镇居民收入…` does)."""
    bare = re.sub("|".join((*_TOWNS, *_COUNTRIES)), " ", follow_up)
    if bare == follow_up:
        return False
    held = set(own_words(re.sub("|".join((*_TOWNS, *_COUNTRIES)), " ", subject), tokenize))  # as the lexicon spells
    return any(names_a_thing(w) and w not in subject and w not in held for w in own_words(bare, tokenize))


# A follow-up that is only a kind (`商贸型的呢`, `3A级的呢`): the subject's thing, of that kind.
_KIND_ONLY = re.compile(r"^\s*那?\s*([\u4e00-\u9fffA-Za-z0-9]{1,4})([型级类])的?\s*[呢吗]?\s*[？?]?\s*$")


def _other_kind(subject: str, follow_up: str) -> str:
    """`湘乡哪几个镇要发展成农贸型小镇`, then `商贸型的呢`: the subject with the kind it named (a word as long, ending
    alike) swapped for the follow-up's."""
    asked = _KIND_ONLY.match(follow_up)
    if not asked:
        return subject
    kind, suffix = asked.groups()
    held = re.search(rf"[\u4e00-\u9fffA-Za-z0-9]{{{len(kind)}}}{suffix}", subject)
    if not held or held.group() == kind + suffix:
        return subject
    return subject[: held.start()] + kind + suffix + subject[held.end() :]


# A follow-up that names one thing and asks nothing of it: `安全守底的呢`, `那民生可感的`, `精细化工呢？`.
_NAME_ONLY = re.compile(r"^\s*(?:那么?|还有)?\s*(?:那个)?([\u4e00-\u9fffA-Za-z]{2,8}?)(?:那个|这个)?的?\s*[呢吗]?\s*[？?。]?\s*$")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_NOT_NAME = re.compile(r"(?:[^\u4e00-\u9fff]|(?<=\d)[年月日])+")  # `2024年`, `，`: a name starts after them
_TIME_BEFORE = re.compile(_PERIOD.pattern + "|" + _RELATIVE_WORDS)


def name_only(follow_up: str) -> str | None:
    """What a short follow-up says (two to eight characters besides `那`, `还有`, `的呢`): mostly the one thing it names
    and asks nothing of (`楠竹呢`, `安全守底的呢`), or a few words asking of it (`机场有规划吗`); None for a figure, an
    indicator's head or a side (`目标呢`, `收入呢`, `城里的呢`)."""
    named = _NAME_ONLY.match(follow_up)
    name = named.group(1) if named else ""
    if not name or _FIGURE.search(name) or _INDICATOR_HEAD.fullmatch(name) or _SIDE_ONLY.search(name):
        return None
    return name


# Words that say which side of a thing is asked (`客运方面`, `雪峰山那边`), no thing the answer must name.
_SIDE_OF = frozenset(("方面", "那边", "这边", "这块", "那块", "一块", "领域"))


def by_verb(part: str, tokenize) -> bool:
    """The part's own words are a verb, one character each (`去年铺了多少`): asked of the thing before, no thing that
    takes its place."""
    words = own_words(part, tokenize)
    return bool(words) and all(len(w) == 1 for w in words)


def says_own(text: str, part: str, tokenize) -> bool:
    """The text holds every word the part names of its own (the documents' term for a user's word: `社零` as
    `社会消费品零售总额`; not `方面` of `客运方面`)."""
    return all(w in text for w in own_words(part, tokenize) if w not in _SIDE_OF)


def sibling(follow_up: str, before: str, mentions, places: Iterable[str] = ()) -> str | None:
    """The question before asked of a sibling of what it named: `安全守底的呢` after `创新提升行动专班办公室设在哪个单位`
    → `安全守底行动专班办公室设在哪个单位`, `农村危房呢` after `城市棚户区改造了多少户` → `农村危房改造了多少户`. The follow-up's
    name with the ending of a term of the question before (`行动`, `改造`) is a term the documents use, and so is that
    term, which opens the question before or follows its `places`, time (`十三五`, `去年`) or a 的: not `特色产业` inside
    `智能铸造特色产业`, nor `市人民医院` inside `把市人民医院建成…`. None when no term of the question before has such a
    sibling."""
    name = name_only(follow_up)
    if not name:
        return None
    starts = [m.end() for m in _NOT_NAME.finditer(before)] + [0] + [m.end() for m in re.finditer("的", before)]
    starts += [m.end() for place in places for m in re.finditer(re.escape(place), before)]
    starts += [m.end() for m in _TIME_BEFORE.finditer(before)]  # `十三五城市棚户区…`
    starts = sorted(set(starts))
    best: tuple[int, int, str] | None = None
    for end in range(len(before), 1, -1):
        for n in (4, 3, 2, 1):
            ending = before[end - n : end]
            if not _HAN_ONLY.fullmatch(ending) or (n == 1 and not name.endswith(ending)):
                continue  # one character only as the head both names end in (`文化圈`, `健身圈`)
            new = name if name.endswith(ending) else name + ending
            if not mentions(new):
                continue
            for start in (s for s in starts if s <= end - n - 2):  # the longest term first
                old = before[start:end]
                if n == 1 and len(old) != len(new):
                    continue  # a head of one character, only between names alike (`文化圈`, `健身圈`), not in a word
                if _HAN_ONLY.fullmatch(old) and old != new and name not in old and mentions(old):
                    if best is None or end - start > best[1] - best[0]:
                        best = (start, end, new)
                    break
    return before[: best[0]] + best[2] + before[best[1] :] if best else None


def drop_words(text: str, words: Sequence[str]) -> str:
    """`text` with each of `words` (places, a year) blanked out, so what stands between them is read alone."""
    return re.sub("|".join(map(re.escape, words)), " ", text) if words else text


def refers_back(part: str, tokenize=None, places: Sequence[str] = ()) -> str | None:
    """The part without its `这个指标`, when it asks again what the part before asked (None when it does not); not
    when the words right before it name the thing it stands for (`城镇调查失业率这一项`; not a place, a time or what
    it sits in: `湘乡这个指标`, `25年这个指标`, `八大行动里这个目标`), given `tokenize`."""
    found = _BACK_REFERENCE.search(part)
    if not found:
        return None
    named = drop_words(_CLAUSE_START.split(part[: found.start()])[-1], places).split(" ")[-1]
    if tokenize and named and named[-1] not in _FRAME_END and names_own_thing(named, tokenize):
        return None
    return _BACK_REFERENCE.sub(" ", part)


_FRAME_END = "里中的年内上期"
_CLAUSE_START = re.compile(r"[，,。；;？?！!\s]")


def same_year(part: str, before: str) -> str:
    """A follow-up's `同一年`, `那年` as the year the part before asked: `同一年洪江区实际涨了多少？` → `2024年洪江区…`;
    after `去年呢？`, `规上工业增加值那年增长多少` → `规上工业增加值去年增长多少`."""
    years = [y + "年" for y in named_years(before)] or [w for w in _RELATIVE if w in before][:1]
    return _SAME_YEAR.sub("、".join(years), part, count=1) if years else part


# `2024年实际做到了多少？` after a plan's target: what was done is reported elsewhere than what was planned.
_ACTUAL = re.compile(r"实际|做到了|完成了|实现了")


_PERIOD_NUMBER = re.compile(r"十([一二三四五六])五")


def _outside_period(subject: str, follow_up: str) -> bool:
    """The follow-up names a year the subject's five-year plan does not span (十三五: 2016–2020)."""
    plans = [2005 + 5 * ("一二三四五六".index(n) + 1) for n in _PERIOD_NUMBER.findall(subject)]
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", follow_up)]
    return bool(plans and years) and all(not last - 4 <= y <= last for y in years for last in plans)


def names_period(text: str) -> bool:
    """`十四五期间`, `十三五末`: a time of its own, as a year is."""
    return bool(_PERIOD.search(text))


def without_times(text: str) -> str:
    """The text with its years, `去年`-like words and plan periods taken out."""
    return _PERIOD.sub(" ", re.sub(r"(?:19|20)\d{2}\s*年?|" + _RELATIVE_WORDS, " ", text))


def names_time(text: str) -> bool:
    """A time of the text's own: a year, `去年`, a plan period, or `现在` (where a thing stands, not its target)."""
    return bool(named_years(text) or is_relative(text) or names_period(text) or _NOW.search(text))


# A figure asked (`多少个`, `资金多少`), and which things or what a term means (`哪四类`, `是啥`).
_ASKS_FIGURE = re.compile(r"(?:是)?多少(?:钱|个|元|亿元|万元)?|多久|多长时间|(?<![哪那这])几[个家所项座条次]")
_ASKS_WHICH = re.compile(r"哪些|哪几|哪[两二三四五六七八九十]|是什么|指什么|什么意思|啥意思|是啥|包括")


# `哪所` asked of no noun (`还有哪所提质改造了`), and the noun a question asked `哪所` of (`新建了哪所九年制学校`).
_WHICH_BARE = re.compile(r"哪([所家个座条项位])(?=[提建新改在是被要有将已了，,？?]|$)")
_WHICH_OF = r"哪{}([\u4e00-\u9fff]{{1,6}}?)(?=[？?，,。]|$|是|有|要|在|呢|啊)"


def which_of(part: str, before: str) -> str:
    """`还有哪所提质改造了` after `湘乡十三五期间新建了哪所九年制学校`: which 学校, the noun the question before asked the
    same classifier of (its last word)."""
    bare = _WHICH_BARE.search(part)
    asked = bare and re.search(_WHICH_OF.format(bare.group(1)), before)
    if not asked:
        return part
    noun = list(jieba.cut(asked.group(1)))[-1]
    return part[: bare.end()] + noun + part[bare.end() :] if len(noun) >= 2 else part


def asks_nothing(part: str) -> bool:
    """`洪江区十三五棚改呢？`, `那低保呢城里跟乡下的都说下`: a follow-up that names what it is about but asks nothing of it
    beyond `呢`, not even which figure (`目标呢` asks the target): it asks what the turn before asked."""
    return "呢" in part and not asks(part.replace("呢", "")) and not _FIGURE.search(part)


# Which things were asked for, by their kind (`什么公路示范县`, `哪几家企业`); not `哪读书`, asked of no kind.
_WHICH_ASKED = re.compile(r"(?:什么|啥|哪(?:些|几|一?[个家所项座条位种类样]))[\u4e00-\u9fff]{0,6}")


def asked_of(before: str, kind: bool = False) -> str:
    """How the turn before asked (its last asking word: `完成了多少户` → `多少`), without the unit it asked in; with
    `kind`, for a follow-up that only names a thing (`客运方面呢`), the kind of thing it asked for too (`争创全国什么公路
    示范县` → `什么公路示范县`, `靠哪几家企业带` → `哪几家企业带`)."""
    found = [m for m in _ASKS.finditer(before) if m.group() not in ("呢", "吗")]
    if not found:
        return ""
    last = found[-1]
    start = last.start() - 1 if last.group() == "几" and before[: last.start()].endswith("哪") else last.start()
    which = _WHICH_ASKED.match(before, start) if kind else None
    word = which.group().rstrip("呢吗啊呀") if which else before[start : last.end()]
    # `…是什么`: what a thing is, asked again of another thing (`湘乡的发展战略呢`), not what is done (`要建什么`)
    return ("是" if before[:start].endswith("是") else "") + word


def asks_figure(asking: str) -> bool:
    """How a question asks (`asked_of`) asks a figure (`多少`, `几`, `多大`), not what or which (`是什么`, `哪几`)."""
    return bool(re.fullmatch(r"多少|几|多[大长久远高]", asking))


def measured_of(before: str, follow_up: str, tokenize) -> str:
    """The indicator the turn before asked of its thing (`生物基产业链规模工业总产值目标多少` → `规模以上工业总产值`), for
    a follow-up naming another thing but no indicator of its own (`电子元器件呢`): the same is asked of its thing."""
    own = own_words(follow_up, tokenize)
    if any(_INDICATOR_HEAD.search(w) for w in own):
        return ""
    if any(len(w) >= 3 and t.startswith(w) and _INDICATOR_HEAD.search(t) for w in own for t in lexicon().terms):
        return ""  # `进出口呢` names an indicator (进出口总额) by its first words
    return " ".join(w for w in own_words(before, tokenize) if _INDICATOR_HEAD.search(w))


# Joins a follow-up to the subject it inherits, so that a later turn can tell the turns of a chain apart.
PIECE = "\u2003"


# Who leads or convenes a task (`这块牵头单位`, `召集人是谁`): asked of a task, whatever figure of it was asked before.
_ASKS_LEAD_OR_CONVENER = re.compile(r"牵头|召集人|负责人|责任单位|配合单位|哪个(?:局|部门|单位)")


def _asks_own(part: str) -> bool:
    return bool(_ASKS_FIGURE.search(part) or _ASKS_WHICH.search(part) or _ASKS_LEAD_OR_CONVENER.search(part))


# Where a thing is asked to be (`园中园建在哪个片区`, `设在哪`).
_ASKS_WHERE = re.compile(r"(?:[建设落]?在|位于)(?:哪个|哪一?|什么)(?:片区|地方|位置|镇|乡|村|区域|园区)|[建设落]?在哪儿?里?")


def chain_subject(previous: str, follow_up: str, tokenize) -> str:
    """What a follow-up inherits of the chain before it: the question that named the subject, and the turns since that
    only moved it (`2020年呢`, `那农村的呢`); not what each asked of it (`五年累计多少`, `实际完成了多少`), so that a
    chain does not pile up its questions; the last turn's asking stays unless the follow-up asks something of its own
    (`去年实际增长多少`, not `湘乡呢`, `洪江区定的多少`)."""
    root, *rest = previous.split(PIECE)
    if _asks_own(follow_up) and own_words(follow_up, tokenize) and (ask := _ASKS_WHERE.search(root)):
        root = root[: ask.start()]  # `…园中园在哪个片区`, then `这条链…产值目标多少`: no longer where it is
    kept = [p for p in rest[:-1] if not _asks_own(p)]
    if rest and not (_asks_own(rest[-1]) and _asks_own(follow_up) and own_words(follow_up, tokenize)):
        kept.append(rest[-1])
    return PIECE.join([root, *kept])


_ASKS_RATE = re.compile(r"增速|增长|增幅|涨幅|降幅|下降|比重|占比|率")
# Which or what a follow-up asks of its own (`要建什么`, `依托哪家企业`), not what a term is (`是什么`, `包括哪些`), and
# what a term means (`指什么`, `是什么意思`).
_ASKS_OWN_WHICH = re.compile(r"(?<![是指括])(?:哪[家些几个所座条项位种类]|什么|啥)")
_ASKS_WHAT_IT_MEANS = re.compile(r"(?:具体|到底)?指(?:的是)?(?:哪|什么|啥)|什么意思|啥意思")
_WHICH_COUNTED = re.compile(r"哪([两二三四五六七八九十][\u4e00-\u9fff])")  # `哪四类`: its count and classifier
_ASKS_MEANING_OF = re.compile(r"(?:具体|到底)?(?:指的是|指|是)(?:什么|啥)(?:意思)?|什么意思|啥意思")


# A clause that only says where the thing asked of sits (`八大行动里，`, `十四五规划中，`).
_SCOPE_END = re.compile(r"(?:里|里面|里头|中|当中|之中|方面)[，,]$")


def without_figure_asked(subject: str, follow_up: str) -> str:
    """`这四类具体指哪四类` after `“四类项目”多少个，资金多少`: it asks which, of the subject, and no longer how many;
    `那增速呢` after `GDP总量是多少亿元`: a rate, in no unit the subject was asked in."""
    if _ASKS_LEAD_OR_CONVENER.search(follow_up) and not _ASKS_FIGURE.search(follow_up):
        # `这块牵头单位` after `23年实际是多少`: who leads the task, not in that year nor of that figure; a later clause
        # that only asked a figure goes whole (`两癌免费检查，24年检多少人`, not `…，检人`)
        first, *later = re.split(r"(?<=[，,])", subject)
        if _SCOPE_END.search(first):  # `“八大行动”里，装配式建筑占比不低于多少`: the thing is in the clause after
            subject = first + "".join(_ASKS_FIGURE.sub("", _ASKED_UNIT.sub("", c)) for c in later)
        else:
            subject = first + "".join(c for c in later if not (_ASKS_FIGURE.search(c) or _ASKED_UNIT.search(c)))
        return _ACTUAL.sub("", _TARGET_ASKED.sub("", _ASKS_FIGURE.sub("", _YEAR.sub("", subject))))
    counted = _WHICH_COUNTED.search(follow_up)
    members = counted and counted.group(1) in subject  # `哪四类` asks which (`_ASKS_WHICH`) of a count the subject gives
    if (_ASKS_WHAT_IT_MEANS.search(follow_up) or members) and not _ASKS_FIGURE.search(follow_up):
        # `具体指哪几项` after `24年三公经费下降多少`: what the term means, in no year and with no change; so are the
        # members of a counted term (`四类是哪四类` after `24年争取国家四类项目几个`)
        return _CHANGE.sub("", _ASKS_FIGURE.sub("", _YEAR.sub("", subject)))
    if _ASKS_WHICH.search(follow_up) and not _ASKS_FIGURE.search(follow_up):
        if _WHICH_KIND.search(follow_up):  # `龙头企业有哪几家` after `…产业链24年产值目标多少`, `增速呢`: of the chain
            first, *later = re.split(rf"(?<=[，,{PIECE}])", subject)
            subject = first + "".join(c for c in later if not (_ASKS_FIGURE.search(c) or _FIGURE.search(c)))
            return _FIGURE.sub("", _ASKS_FIGURE.sub("", _YEAR.sub("", subject)))
        return _ASKS_FIGURE.sub("", subject)
    if _ASKS_RATE.search(follow_up) and not _ASKED_UNIT.search(follow_up):  # `增速呢` after `总量是多少亿元`: a rate
        return _ASKED_UNIT.sub("多少", subject)
    own = _ASKED_UNIT.search(follow_up)
    if own and any(m.group(1) != own.group(1) for m in _ASKED_UNIT.finditer(subject)):
        return _ASKED_UNIT.sub("", subject)  # `是多少户？` after `脱贫了多少人`: households, no longer people
    if _ASKS_OWN_WHICH.search(follow_up) and not _ASKS_MEANING_OF.search(follow_up):
        subject = _ASKS_MEANING_OF.sub("", subject)  # `围绕它要建什么` after `“三品一特”指啥`: no longer what it means
        if not _ASKS_FIGURE.search(follow_up):  # `那边打的啥牌子` after `…基地要新改建好多亩`: no longer how many
            subject = _ASKS_FIGURE.sub("", _ASKED_UNIT.sub("", subject))
        return subject
    return subject


def as_years(part: str, years: set[str]) -> str:
    """The part's `去年` as the one year it meant (`2024年`), for a follow-up that asks it of another place, whose
    documents count their own `去年`; unchanged unless it names one relative year that meant one year."""
    words = [w for w in _RELATIVE if w in part]
    if len(words) != 1 or len(years) != 1:
        return part
    return part.replace(words[0], f"{next(iter(years))}年", 1)


def without_relative(part: str) -> str:
    """The part without its `去年`, `今年`: relative to a document's year, which another document does not share."""
    return re.sub(_RELATIVE_WORDS, "", part)


def without_time(part: str, follow_up: str = "") -> str:
    """A part's subject, with the years it asked about taken out (the follow-up names its own); its document and
    plan period too when the follow-up names a document of its own (`工作报告今年的控制线呢？` after the plan's) or
    asks what was actually done."""
    subject = re.sub(r"(?:到|至)?(?:19|20)\d{2}年?|" + _RELATIVE_WORDS, "", part)
    if _NOW.search(follow_up) or _ACTUAL.search(follow_up):  # `现在有多少家`, `2020年实际是多少`: not the target
        subject = _TARGET_ASKED.sub("", subject)
    if _PERIOD.search(follow_up) or _outside_period(subject, follow_up):  # `十四五末呢？`, `到2025年…` after 十三五
        subject = _PERIOD.sub("", subject)
    if _DOCUMENT.search(follow_up) or _ACTUAL.search(follow_up):
        subject = _PERIOD.sub("", _DOCUMENT.sub("", subject))
    return subject
