"""What a question pins down (a place, a year) that the evidence must match, or the answer is refused."""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache

import jieba
import jieba.posseg
from gb2260.data import data as gb2260_data

jieba.setLogLevel(logging.WARNING)

_ADMIN_SUFFIX = ("省", "市", "区", "县", "州", "旗")
# Not places of their own: `高新区`, `开发区`, `城区`, `景区`, `社区`, a school's `北校区`, a park's `示范园区`, `城市棚户区`,
# `小区`, `县级市`, a title a county earns (`全国基层中医药工作示范县`, `百强县`, `工业强县`; not `武强县`) …
_GENERIC = re.compile(
    r"^(?:.{0,2}(?:高新|开发|示范|核心|功能|保护|集中|自贸|试验|旅游|风景|度假|产业|工业|经济|生态|保税|建成|文化|文旅|康养|农耕|商贸|物流|居住|农业)区|[新城市景园社片辖老]城?区|[全本该各我].+"
    r"|[县地省市]级[市区县]|.?辖[市区县]|.{0,4}[校院厂园]区|.{0,2}棚户区|[小库矿灾牧街]区|.{0,2}(?:中心|重点|特色|小|集)镇"
    r"|.?(?:大|小|中心|新|老|特大|超大)城市|.*(?:示范|百强|先进|试点|贫困|重点|模范|达标|样板|标杆|产粮大|[业济游育化]强)[县市区])$"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")


@cache
def _gazetteer() -> frozenset[str]:
    """China's administrative divisions (GB/T 2260): every name, and provinces and prefectures without their suffix.

    jieba tags `娄底` and `张家界` as person names; the national list knows them. County names go by their full
    name only: cut short, many are common words (`新建县`, `商城县`, `凤凰县`).
    """
    divisions = gb2260_data[None]
    names = {n for n in divisions.values() if len(n) >= 3}
    for code, name in divisions.items():
        if int(code) % 100 == 0:  # a province (xx0000) or a prefecture (xxxx00)
            short = re.sub(r"(?:特别行政区|自治区|自治州|地区|省|市|盟)$", "", name)
            if 2 <= len(short) < len(name):
                names.add(short)
    return frozenset(names)


def named_places(question: str) -> list[str]:
    """Place names in a question: in the national list of divisions, or by jieba's part of speech (`ns`) or an
    administrative suffix."""
    return list(_named_places(question))


@lru_cache(maxsize=4096)
def _named_places(question: str) -> tuple[str, ...]:
    """`named_places`, read once per text: the answer step asks it of the same question many times."""
    found = []
    pairs = list(jieba.posseg.cut(question))
    for i, (word, flag) in enumerate(pairs):
        after = pairs[i + 1].word if i + 1 < len(pairs) else ""
        if flag == "ns" and after in _ADMIN_SUFFIX and not word.endswith(_ADMIN_SUFFIX):  # `芷江` + `县`; not `怀化市` + `区`
            word += after
        elif flag == "ns" and after in ("村", "镇", "乡"):
            continue  # `壶天古` + `村`: a village or town, which `named_towns` finds whole
        if _GENERIC.search(word):
            continue
        if word in _gazetteer() or (len(word) >= 3 and (flag == "ns" or word.endswith(_ADMIN_SUFFIX))):
            found.append(word)
        elif flag == "ns" and word in _county_short_names() and jieba.dt.FREQ.get(word, 0) < _RARE:
            found.append(word)  # `芷江`: jieba and the national list agree, and it is no common word (`新建`)
    return tuple(dict.fromkeys(found))


# Peoples whose names autonomous counties carry (`芷江侗族自治县`, `靖州苗族侗族自治县`).
_PEOPLES = (
    "土家|蒙古|维吾尔|哈萨克|柯尔克孜|塔吉克|朝鲜|布依|纳西|仡佬|达斡尔|锡伯|鄂温克|鄂伦春|哈尼|傈僳|拉祜|景颇|布朗|普米|"
    "独龙|阿昌|德昂|基诺|撒拉|东乡|保安|裕固|毛南|仫佬|各|侗|苗|瑶|回|满|壮|彝|藏|白|黎|傣|畲|羌|水|土|佤|怒|京"
)


# How often jieba's dictionary may count a county's short name for it to be no common word: `芷江` 27, `辰溪` 5;
# `新建` 1000, `通道` 2130, `中方` 1408.
_RARE = 100


@cache
def _county_short_names() -> frozenset[str]:
    """Counties and districts by their name without its suffix (`芷江侗族自治县` → `芷江`): a place only when jieba
    also tags the word as one, since many of them alone are common words."""
    suffix = re.compile(rf"(?:(?:{_PEOPLES})族)*(?:自治)?(?:县|区|旗)$")  # not 市: `洪江` of 洪江市 is also 洪江区's
    names = (suffix.sub("", name) for code, name in gb2260_data[None].items() if int(code) % 100 and name[-1] != "市")
    return frozenset(n for n in names if len(n) >= 2)


# A town or township: jieba splits them (`托/口镇`, `群峰/乡`), so they are found by their suffix.
_TOWN = re.compile(r"[\u4e00-\u9fff]{2}[镇乡](?![镇村化])")  # not `人口城镇化率`
# Words ending like a town that name none: `哪个镇`, `特色小镇`, `中心镇`, `城乡`, `返乡`, `先进乡`, `十三五城镇`,
# `新增城镇`, `洪江区乡下` (a place's suffix before it).
_NOT_TOWN = re.compile(
    r"^(?:[哪几每各全本该这那].|.个|.[区市县省州]|.[小集乡村心制界点色]镇|.[城返家故下回之进范]乡|[一二三四五六七八九十的和与及在、省市区县乡镇村年增新]城镇)$"
)


# A village: two to four characters before `村` (`川山村`, `茅头园村`), not a kind of village (`贫困村`, `示范村`), a
# count of villages (`送戏曲进万村`) nor how many a service reaches (`覆盖村(社区)达到30%`).
_VILLAGE = re.compile(r"[\u4e00-\u9fff]{2,4}村(?![民委级庄落镇])")
_NOT_VILLAGE = re.compile(r"贫困|示范|行政|中心|自然|重点|美丽|薄弱|空心|传统|特色|文明|搬迁|安置|集体|试点|先进|覆盖|惠及|辐射|[哪几每各全本该这那个乡农]|[百千万]$")


def named_towns(question: str) -> list[str]:
    """Towns, townships and villages a question names: `托口镇`, `群峰乡`, `黔城镇`; for a village, each way its name may
    start (`在川山村` → `在川山村`, `川山村`), for the caller to keep those the documents name."""
    found = (m.group() for m in _TOWN.finditer(question))
    towns = [t for t in found if not _NOT_TOWN.match(t[:2]) and not _NOT_TOWN.match(t)]
    villages = [m.group()[i:] for m in _VILLAGE.finditer(question) for i in range(len(m.group()) - 2)]
    return list(dict.fromkeys([*towns, *(v for v in villages if not _NOT_VILLAGE.search(v[:-1]))]))


# Five-year plans: 十四五 runs 2021–2025, so `十四五末`, `十四五收官` ask about 2025.
_PLAN_END = re.compile(r"(十[一二三四五六]|1[1-6])(?:个)?五[”\"]?(?:年规划)?(?:末|期末|收官|结束时|最后一年)")
_PLAN_NUMBER = {"十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16}


def plan_end_years(question: str) -> list[str]:
    """The last year of a five-year plan a question names by its end (`十三五末` → `2020`)."""
    numbers = [_PLAN_NUMBER.get(n) or int(n) for n in _PLAN_END.findall(question)]
    return [str(_last_year(n)) for n in numbers]


def plan_ends_as_years(text: str) -> str:
    """`十四五末` written as the year it means (`2025年`): a passage gives the end of a plan as a year far more often
    than by the plan's name, which every row of a plan's targets table repeats."""
    return _PLAN_END.sub(lambda m: f"{_last_year(_PLAN_NUMBER.get(m.group(1)) or int(m.group(1)))}年", text)


# `基期值`: the figure a plan's targets table starts from, in the year before the plan's first (十四五: 2020).
_BASE = re.compile(r"基期值?|基期数|基数年?")


def base_years(text: str, context: str = "") -> str:
    """`十四五规划…托位数基期值多少` → `…托位数“十四五”2020年多少`: the plan's year, which a follow-up may leave to the
    turn before (`context`) to name."""
    plans = named_plans(text) or named_plans(context)
    if not plans or not _BASE.search(text):
        return text
    year = f"{_last_year(plans[0]) - 5}年"
    return _BASE.sub(plan_name(plans[0]) + ("" if year in text else year), text)  # `20年的基期值`: said once


def _last_year(plan: int) -> int:
    """A five-year plan's last year: 十四五 (14) → 2025."""
    return 2005 + 5 * (plan - 10)


_PLAN = re.compile(
    r"(?<![一二三四五六七八九十\d])(十[一二三四五六]|1[1-6])五(?![年万亿千百\d])|第(十[一二三四五六])个五年"
)


def _plan(number: str) -> int:
    return _PLAN_NUMBER.get(number) or int(number)


def named_plans(question: str) -> list[int]:
    """Five-year plans a question names: `十五五规划` → `[15]`, `“十三五”期间` → `[13]`."""
    return list(dict.fromkeys(_plan(a or b) for a, b in _PLAN.findall(question)))


_PLAN_MENTION = re.compile(
    r"[“\"]?(?:(?<![一二三四五六七八九十\d])(十[一二三四五六]|1[1-6])五|第(十[一二三四五六])个五年)[”\"]?(?:规划纲要|规划|纲要|时期|期间)?(?![年万亿千百\d])"
)


@cache
def _title_plans(title: str) -> tuple[int, ...]:
    """The five-year plans a document's title names, once per title: every question asks of every title."""
    return tuple(named_plans(title))


def without_own_plans(text: str, titles: list[str]) -> str:
    """`洪江区十四五时期的三个发展定位` searched without `十四五`, when a document is that plan: every passage of it is
    about its own period, yet few repeat the name, so keyword search weighs the name by how rarely it is written and
    ranks the passages that do (`“十四五”时期是…的关键期`) above the one answering (`16、战略定位。…`)."""
    own = {n for title in titles for n in _title_plans(title)}
    if not own:
        return text
    return _PLAN_MENTION.sub(lambda m: " " if _plan(m.group(1) or m.group(2)) in own else m.group(), text)


# What a title says besides whose, when and what kind of document it is: `洪江市区域共进行动实施方案` → `区域共进行动`.
_TITLE_WORDS = re.compile(
    r"(?:19|20)\d{2}年?|关于印发|的通知|(?:人民)?政府办公室|人民政府|国民经济和社会发展|第[十一二三四五六]+个五年规划和?|"
    r"二[O〇零]三五年远景目标纲要|远景目标|[(（]草案[)）]|管委会?|工作报告|实施方案|总体方案|规划纲要|规划|纲要|方案|"
    r"实施|[《》“”\"]"
)
_TITLE_TAIL = re.compile(r"(?:行动|工程|计划)$")


def title_names(title: str, place: str = "") -> list[str]:
    """The names a user calls a document by (`区域共进行动`, `区域共进`, `八大行动`): the names its title quotes, and what is
    left of the title without its place, year and kind, with and without a closing `行动`; none shorter than 4."""
    return list(_title_names(title, place))


@cache
def _title_names(title: str, place: str) -> tuple[str, ...]:
    """`title_names`, once per title: every question asks of every document's title."""
    quoted = re.findall(r"“([^”]{2,12})”", title)
    rest = _TITLE_WORDS.sub("", title.replace(place, "") if place else title)
    core = [rest, _TITLE_TAIL.sub("", rest)] if 4 <= len(rest) <= 12 else []
    return tuple(dict.fromkeys(n for n in [*quoted, *core] if len(n) >= 4))


def plan_name(plan: int) -> str:
    """`15` → `“十五五”`, as an answer names it."""
    return "“" + {v: k for k, v in _PLAN_NUMBER.items()}[plan] + "五”"


def reviewed_years(title: str, section: str) -> list[str]:
    """The last year of an earlier plan a section reviews, by its headings and opening words (`第一节 “十三五”步履铿锵`,
    `“十三五”期间,…`): what a 十四五 plan reports there (`贫困发生率由3.8%降至0.17%`) stands at 2020."""
    own = named_plans(title)
    return [str(_last_year(n)) for n in named_plans(section) if own and n < min(own)]


def plan_period_end(title: str) -> list[str]:
    """The last year of the five-year plan a document is (`第十四个五年规划…纲要` → `2025`): what a plan sets out
    without naming a year (`新增养老床位2700张以上`), it sets out for the end of its period."""
    own = named_plans(title)
    return [str(_last_year(max(own)))] if own else []


# A heading that opens with the year its section reports on: `2024,我们真抓实干、拼搏进取`, `2025,我们扬帆起航`.
_SECTION_YEAR = re.compile(r"((?:19|20)\d{2})\s*[,，、:：]")


def section_years(headings: tuple[str, ...]) -> list[str]:
    """The year a work report's section is about, by its heading: what `2024,我们真抓实干` reports stands at 2024."""
    return [m.group(1) for h in headings if (m := _SECTION_YEAR.match(h))]


def another_plan(text: str, plan: int) -> bool:
    """The text is about another period: it names a year, none of which this plan spans, or another plan only.

    `十五五` asked: a 十三五 table, or a 2025 work target, is about another period. A passage that names neither
    a year nor a plan (`五年来,完成城市棚户区改造5914户`) may be any plan's review.
    """
    named = named_plans(text)
    if plan in named:
        return False
    end = _last_year(plan)
    years = [int(y) for y in _YEAR.findall(arabic_years(text))]
    return not any(end - 4 <= y <= end for y in years) and bool(named or years)


def named_years(question: str) -> list[str]:
    """Years a question asks about: `2025年` → `2025`, `二〇三五年` → `2035`, `十四五末` → `2025`."""
    return list(dict.fromkeys([*_YEAR.findall(arabic_years(question)), *plan_end_years(question)]))


# `24年`, `25年`: a year typed short. Not a span of years (`再延长30年`, `近20年来`, `15年以上`).
_SHORT_YEAR = re.compile(r"(?<![\d.十第前后近约满长达多几数])([12]\d|30)年(?!来|内|间|以|左右|时间|的时间|之|后|前)")


def full_years(question: str) -> str:
    """`洪江市24年托位数` → `洪江市2024年托位数`: users write this century's years with two digits."""
    return _SHORT_YEAR.sub(lambda m: f"20{m.group(1)}年", question)


_CN_DIGIT = str.maketrans("〇零OoО一二三四五六七八九", "00000123456789")
_CN_YEAR = re.compile(r"[〇零OoО一二三四五六七八九]{4}(?=年)")


def arabic_years(text: str) -> str:
    """Write years in Chinese numerals as digits: `二〇三五年`, `二O三五年` (doc 000 uses a letter O)."""
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGIT), text)
