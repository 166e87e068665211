"""Questions about a document's outline, answered from its headings.

`讲文旅产业的是第几章`, `第七章的标题是什么`, `这一章的第一节讲的是什么`, `“文旅引领重大项目建设计划”是第几个专栏`,
`一共有几章`: no passage's text says these, the headings do. The answer quotes the heading and cites it (a table's
groups of rows are `table_groups`'s).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index import Hit, Index
from ingest import Chunk
from ingest.headings import cn_to_int, parse_heading

from .cache import per_index
from .candidates import cn_number, weights_of
from .question import document_kinds, terms
from .table_groups import Answered, Cited, answer_table_groups

_NUMBER = r"[一二三四五六七八九十\d]{1,3}"
_CHAPTER = re.compile(rf"第({_NUMBER})章")
_SECTION = re.compile(rf"第({_NUMBER})节")
_BOX = re.compile(r"专栏\s*(\d{1,2})")
# What a numbered part is called, asked at the question's end: `的标题是什么`, `讲的是什么`, `是关于什么的`.
_NAME_ASKED = (
    r"的?(?:(?:标题|题目|名称|名字|主题)(?:是什么|是啥|叫什么)?|(?:主要)?(?:讲|说|写)的?(?:是)?(?:什么|啥)(?:内容)?"
    r"|是(?:关于)?(?:什么|啥)(?:内容)?的?|叫什么(?:名字)?)(?:呢)?[？?。\s]*$"
)
_PART_NAME_ASKED = re.compile(rf"第({_NUMBER})(章|节){_NAME_ASKED}")
_BOX_NAME_ASKED = re.compile(rf"专栏\s*(\d{{1,2}}){_NAME_ASKED}")
# Which part speaks of a subject: `专门讲文旅产业的是第几章`, `讲绿色发展的是哪一章`, `…是第几个专栏`.
_WHICH_PART = re.compile(r"(?:是|在|属于)?(?:第几|哪一|哪个)(章|节|个专栏)|(?:是|在)?(?:专栏几|几号专栏)")
# The subject after the part asked: `哪一章讲教育`, `第几章是讲生态环境的`.
_WHICH_PART_SPEAKS = re.compile(
    r"(?:第几|哪一|哪个)(章|节)(?:是|在)?(?:专门|主要)?(?:讲|谈|写|关于|涉及)(?:的是)?([^？?，,。]{2,20}?)(?:的|方面的?)?(?:内容)?[？?。\s]*$"
)
# How many parts a document has: `一共有几章`, `第二章有几节`, `有多少个专栏`.
_HOW_MANY_PARTS = re.compile(r"(?:一共|总共|共)?有?(?<!第)(?:几|多少)个?(章|节|专栏)")
_SPEAKS = re.compile(r"(?:讲|谈|说|写|论述|部署|关于|涉及)(?:到|了)?")
_IN_DOCUMENT = re.compile(r"^.*(?:纲要|规划|报告|方案|文件)(?:里|中|上)?(?:面|头)?[，,]?")
_SUBJECT_TAIL = re.compile(r"(?:的|的内容|内容|这部分|部分|这块)$")
_QUOTED = re.compile(r"[“\"]([^”\"]{2,30})[”\"]")
_MATCHED = 0.6  # share of the subject's term weight a heading must hold to be the part that speaks of it


@dataclass(frozen=True)
class _Part:
    """A heading of a document with the headings above it and the first passage under it."""

    path: tuple[str, ...]
    first: Chunk


@per_index
def _outline(index: Index) -> dict[str, list[_Part]]:
    """Every heading of every document in document order, each with the first passage under it: once per index."""
    seen: dict[str, dict[tuple[str, ...], Chunk]] = {}
    for chunk in sorted(index.chunks, key=lambda c: (c.doc, c.start)):
        for depth in range(1, len(chunk.heading_path) + 1):
            seen.setdefault(chunk.doc, {}).setdefault(chunk.heading_path[:depth], chunk)
    return {doc: [_Part(path, first) for path, first in heads.items()] for doc, heads in seen.items()}


def _parts(doc: str, index: Index) -> list[_Part]:
    return _outline(index).get(doc, [])


def _numbered(path: tuple[str, ...], pattern: re.Pattern[str]) -> int | None:
    found = pattern.match(path[-1])
    return cn_number(found.group(1)) if found else None


def _chapters(parts: list[_Part]) -> list[_Part]:
    return [p for p in parts if len(p.path) == 1 and _numbered(p.path, _CHAPTER)]


def _sections(parts: list[_Part]) -> list[_Part]:
    return [p for p in parts if len(p.path) == 2 and _numbered(p.path[:1], _CHAPTER) and _numbered(p.path, _SECTION)]


def _boxes(parts: list[_Part]) -> list[_Part]:
    return [p for p in parts if _numbered(p.path, _BOX)]


def _documents(question: str, index: Index, doc: str | list[str] | None, place: str | None) -> list[str]:
    """The documents the question asks of: of its place (or the one given), of the kind it names if any has that."""
    if doc:
        return [doc] if isinstance(doc, str) else list(doc)
    places = [place] if place else index.places_in(question)
    docs = {n: d for n, d in index.manifest.docs.items() if not places or d.place in places}
    of_kind = [n for n, d in docs.items() if any(k in d.title for k in document_kinds(question))]
    return of_kind or list(docs)


def _subject(before: str) -> str:
    """What the part asked for speaks of: `洪江区十四五规划纲要里专门讲文旅产业的` → `文旅产业`."""
    quoted = _QUOTED.findall(before)
    if quoted:
        return quoted[-1]
    spoken = list(_SPEAKS.finditer(before))
    rest = before[spoken[-1].end() :] if spoken else _IN_DOCUMENT.sub("", before)
    return _SUBJECT_TAIL.sub("", rest.strip("，,、 "))


def _held(heading: str, weights: dict[tuple[str, ...], float]) -> float:
    """The weight of what the heading holds of the words weighed."""
    return sum(w for words, w in weights.items() if any(word in heading for word in words))


def _shared(headings: list[str], weights: dict[tuple[str, ...], float]) -> float:
    """The weight of what half the headings or more hold of the words weighed: not one heading's own word."""
    return sum(w for words, w in weights.items() if 2 * sum(any(x in h for x in words) for h in headings) >= len(headings))


def _coverage(heading: str, weights: dict[tuple[str, ...], float]) -> float:
    total = sum(weights.values())
    return _held(heading, weights) / total if total else 0.0


def _heading_hit(part: _Part) -> tuple[Hit, str]:
    """The heading as a citation of its own (`kind="heading"`), and the line that quotes it."""
    said = " · ".join(part.path)
    label = part.first.locator.split(" · ")[0]
    return Hit(replace(part.first, text=said, kind="heading", locator=label), 1.0, 0.0, 0.0), said


def _answer(found: list[_Part]) -> Answered:
    out = Cited()
    for part in found:
        hit, said = _heading_hit(part)
        out.cite(hit, f"【{part.first.place}】{said}" if part.first.place else said, said)
    return out.answer()


def _named_part(question: str, parts: list[_Part]) -> _Part | None:
    """`第七章的标题是什么`; `第七章…这一章的第一节讲的是什么` (a follow-up as searched): the part numbered."""
    asked = _PART_NAME_ASKED.search(question)
    if asked:
        n = cn_number(asked.group(1))
        if asked.group(2) == "章":
            return next((p for p in _chapters(parts) if _numbered(p.path, _CHAPTER) == n), None)
        chapter = _CHAPTER.search(question[: asked.start()])
        if not chapter:
            return None
        c = cn_number(chapter.group(1))
        numbered = ((p, _numbered(p.path[:1], _CHAPTER), _numbered(p.path, _SECTION)) for p in _sections(parts))
        return next((p for p, chapter_n, section_n in numbered if (chapter_n, section_n) == (c, n)), None)
    box = _BOX_NAME_ASKED.search(question)
    if box:
        return next((p for p in _boxes(parts) if _numbered(p.path, _BOX) == int(box.group(1))), None)
    return None


def _part_speaking(question: str, parts: list[_Part], index: Index) -> _Part | None:
    """`讲文旅产业的是第几章`: the chapter (or section, or 专栏) whose heading holds most of what the subject says."""
    which = _WHICH_PART.search(question)
    speaks = _WHICH_PART_SPEAKS.search(question)
    if speaks:
        subject, level = speaks.group(2), speaks.group(1)
    elif which:
        subject, level = _subject(question[: which.start()]), which.group(1) or "个专栏"
    else:
        return None
    if len(subject) < 2:
        return None
    if level == "个专栏":
        choices = _boxes(parts)
    else:
        under = [p for p in parts if len(p.path) == 2 and _numbered(p.path[:1], _CHAPTER)]  # `第一节`, `(一)`
        choices = _sections(parts) if level == "节" else _chapters(parts) + under
    weights = weights_of(terms(subject, index.keyword.tokenizer), index, subject)
    scored = [(_coverage(p.path[-1], weights), -len(p.path), p) for p in choices]
    best = max(scored, key=lambda s: s[:2], default=None)
    if best is None or best[0] < _MATCHED:
        return None
    return best[2]


# A count a heading names its members by (`“七个保障”`, `4大工程`, `六大提升工程`), and a question naming it.
_COUNTED = re.compile(
    r"(?<![\d一二两三四五六七八九十第栏])([一二两三四五六七八九十]|\d{1,2})(?:个|大|项|条|类)?"  # not `专栏5`, a number
    r"((?![一二两三四五六七八九十])[\u4e00-\u9fff]{2})"  # not `十四五`, a plan, read as ten `四五`
)
_MEMBERS_ASKED = re.compile(
    r"哪些|哪几|哪[一二两三四五六七八九十\d]|分别|都有|都是|包括|包含|指的?是?什么|是什么|有什么|指啥|是啥"
)


_ONE_MEMBER = re.compile(
    r"第[一二三四五六七八九十\d]{1,2}[个项条块点件步]?|最后一[个项条块件步]|倒数"
)  # one member, by place


def counted(text: str) -> set[tuple[int, str]]:
    return {(n, m.group(2)) for m in _COUNTED.finditer(text) if (n := cn_number(m.group(1).replace("两", "二")))}


def _counted_members(question: str, doc: str, index: Index) -> tuple[_Part, list[_Part]] | None:
    """`企业权益“七个保障”都保障哪些`: the heading that names the count asked (`专栏9开展企业权益“七个保障”专项行动`) and
    has exactly that many headings under it, with those headings: the members, each the first words of its item."""
    if not _MEMBERS_ASKED.search(question) or _ONE_MEMBER.search(question):
        return None
    asked = counted(question)
    if not asked:
        return None
    for part, counts, children in _counting(index).get(doc, []):
        if len(children) in {n for n, w in counts if (n, w) in asked}:
            return part, children
    return None


@per_index
def _counting(index: Index) -> dict[str, list[tuple[_Part, set[tuple[int, str]], list[_Part]]]]:
    """Each document's headings that name a count of their items, with the count and the headings under them, in
    document order: once per index (asked afresh, a library of 500 documents took 100 ms of a question)."""
    found: dict[str, list[tuple[_Part, set[tuple[int, str]], list[_Part]]]] = {}
    for doc, parts in _outline(index).items():
        for part in parts:
            # a box's title, or a quoted count, names its items; `(二)推动四大板块协调发展` heads tasks, not the 板块
            named = _BOX.match(part.path[-1]) or _QUOTED.search(part.path[-1])
            if not (named and (counts := counted(part.path[-1]))):
                continue
            children = [p for p in parts if len(p.path) == len(part.path) + 1 and p.path[:-1] == part.path]
            if len(children) >= 2:
                found.setdefault(doc, []).append((part, counts, children))
    return found


def _members_answer(parent: _Part, children: list[_Part]) -> Answered:
    """The parent heading, then each member heading a line, cited by the passage it opens (quoted where it stands)."""
    out = Cited()
    out.say(f"【{parent.first.place}】{parent.path[-1]}：")
    for child in children:
        name = child.path[-1]
        out.cite(Hit(child.first, 1.0, 0.0, 0.0) if name in child.first.text else _heading_hit(child)[0], name, name)
    return out.answer()


def _parts_counted(question: str, parts: list[_Part]) -> list[_Part]:
    """`一共有几章`: every chapter; `第二章有几节`: that chapter's sections; `有多少个专栏`: every box."""
    asked = _HOW_MANY_PARTS.search(question)
    if not asked:
        return []
    if asked.group(1) == "专栏":
        return _boxes(parts)
    if asked.group(1) == "章":
        return _chapters(parts)
    chapter = _CHAPTER.search(question[: asked.start()])
    n = cn_number(chapter.group(1)) if chapter else None
    return [p for p in _sections(parts) if _numbered(p.path[:1], _CHAPTER) == n] if n else []


def _count_answer(found: list[_Part]) -> Answered:
    """How many, then each part's heading a line, each cited as a heading."""
    kind = "个专栏" if _BOX.match(found[0].path[-1]) else "章" if len(found[0].path) == 1 else "节"
    out = Cited()
    out.say(f"【{found[0].first.place}】共{len(found)}{kind}：")
    for part in found:
        hit, said = _heading_hit(part)
        out.cite(hit, part.path[-1], said)
    return out.answer()


def under_heading(said: str, index: Index) -> list[Chunk]:
    """The passages under the heading an outline answer quoted (`第三章 加快文旅产业… · 第一节 …`), in document
    order: what a follow-up's `这一章` points at."""
    path = tuple(said.split(" · "))
    if not _CHAPTER.match(path[0]) and not _BOX.match(path[-1]):
        return []
    return sorted((c for c in index.chunks if c.heading_path[: len(path)] == path), key=lambda c: (c.doc, c.start))


# `专栏5全域旅游品牌活动中的第四项是什么`, `改革攻坚行动的第一个着力方向是什么`, `最后一个呢`: a member of a numbered run
# of headings, by its place, and nothing asked of it (`第一个里…要督促哪两个…` asks of one; `第五章` is `_named_part`'s).
_MEMBER_AT = re.compile(
    r"(?:倒数)?第([一二三四五六七八九十]{1,3}|\d{1,2})(?:个|项|条|块|点|件|方面|步)?(?![章节\d一二三四五六七八九十])"
    r"|最后一[个项条块件步]"
)
_ITSELF_ASKED = re.compile(
    r"^的?(?:(?!是|叫|什么|啥|哪|多少|几|怎|如何)[\u4e00-\u9fff]){0,6}"  # the kind: `着力方向`
    r"(?:是(?:(?:什么|啥|哪个|哪一?[个项条])(?!时|意思|原因|目的|目标|要求|标准|作用|内容)[\u4e00-\u9fff]{0,4})?"
    r"|叫什么(?:名字)?|呢)?[？?。\s]*$"  # `第三个是什么行动`, not `…是什么时候`, which asks of the member
)
_RUN_KINDS = ("part", "subpart", "clause")  # `二、`, `(三)`, `4、` / `3.`: the numberings a run of members takes


def _item_number(heading: str) -> tuple[int, str] | None:
    """A heading's number and the kind of numbering it is written in, as parsing the document read it."""
    found = parse_heading(heading.strip())
    n = cn_to_int(found.number) if found and found.kind in _RUN_KINDS else None
    return (n, found.kind) if n else None


@per_index
def _runs(index: Index) -> dict[str, list[tuple[_Part | None, list[_Part]]]]:
    """Each document's runs of headings numbered 1, 2, 3… in one style under one parent, with the parent: once per
    index."""
    found: dict[str, list[tuple[_Part | None, list[_Part]]]] = {}
    for doc, parts in _outline(index).items():
        by_path = {p.path: p for p in parts}
        children: dict[tuple[str, ...], list[_Part]] = {}
        for part in parts:
            children.setdefault(part.path[:-1], []).append(part)
        for parent, under in children.items():
            run: list[_Part] = []
            style = None
            for part in under:
                numbered = _item_number(part.path[-1])
                if numbered and numbered == (len(run) + 1, style or numbered[1]):
                    run.append(part)
                    style = numbered[1]
            if len(run) >= 2:
                found.setdefault(doc, []).append((by_path.get(parent), run))
    return found


def _member_at(question: str, index: Index, docs: list[str]) -> Answered | None:
    """The member a question asks for by its place in a numbered run of headings: the run whose parent headings and
    document title hold most of what the question names before the ordinal (`改革攻坚行动的`), and that is of every
    kind it names after it (`着力方向`: its members say 着力; `发展定位`: the heading above it says so), of as many members
    as it counts if it counts them; the member is quoted as its heading and cited by its passage."""
    ordinal = _MEMBER_AT.search(question)
    if not ordinal or not _ITSELF_ASKED.match(question[ordinal.end() :]):
        return None
    # `报告部署的五个方面工作中,第三个`: what the document does (部署) and the generic kind (方面) name no subject
    lead = {
        words: w
        for words, w in _weights(_SPEAKS.sub(" ", question[: ordinal.start()]), index).items()
        if not set(words) & _ANY_KIND
    }
    kinds = [words for words in _weights(question[ordinal.end() :], index) if not set(words) & _ANY_KIND]
    counts = {n for n, _ in counted(question[: ordinal.start()])}
    n = cn_number(ordinal.group(1)) if ordinal.group(1) else 1
    best: tuple[tuple[float, int], _Part] | None = None
    for doc in docs:
        title = index.manifest.docs[doc].title
        for parent, run in _runs(index).get(doc, []):
            at = len(run) - n if ordinal.group().startswith(("最后", "倒数")) else n - 1
            if (counts and len(run) not in counts) or not 0 <= at < len(run):
                continue
            above = " ".join([title, *(parent.path if parent else ())])
            names = [p.path[-1] for p in run]
            # `第一个改造工程` is none of `1、“洪福洪江年”春节民俗文化活动`, `2、…`; `(六)发展定位` is no run of 发展定位
            if not all(_held(above, {words: 1}) or _shared(names, {words: 1}) for words in kinds):
                continue
            held = (_coverage(above, lead), -len(above))  # the run nearest the words wins (`二、工作任务`, not `(一)…`)
            if best is None or held > best[0]:
                best = (held, run[at])
    if best is None or best[0][0] < _MATCHED:
        return None
    return _answer([best[1]])


# Words that name a member of any list, not a kind of its own (`第一个着力方向`: 着力 is the kind).
_ANY_KIND = {"方向", "方面", "内容", "部分", "工作", "任务", "举措", "措施", "重点", "事项"}


def _weights(text: str, index: Index) -> dict[tuple[str, ...], float]:
    """The weights of what a text names, but its places (every run of a place's documents is of that place)."""
    weights = weights_of(terms(text, index.keyword.tokenizer), index, text)
    return {words: w for words, w in weights.items() if not any(index.places_in(word) for word in words)}



def answer_outline(
    question: str, index: Index, doc: str | list[str] | None = None, place: str | None = None
) -> Answered | None:
    """The headings a question about a document's outline asks for, as an answer; None when it asks no such thing
    or no document of its place has that part."""
    docs = _documents(question, index, doc, place)
    if (grouped := answer_table_groups(question, index, docs)) is not None:
        return grouped
    if (member := _member_at(question, index, docs)) is not None:
        return member
    for name in docs if _MEMBERS_ASKED.search(question) and counted(question) else ():
        if members := _counted_members(question, name, index):
            return _members_answer(*members)
    counted_parts = _parts_counted(question, _parts(docs[0], index)) if len(docs) == 1 else []
    if counted_parts:
        return _count_answer(counted_parts)
    asks_part = _PART_NAME_ASKED.search(question) or _BOX_NAME_ASKED.search(question) or _WHICH_PART.search(question)
    if not (asks_part or _WHICH_PART_SPEAKS.search(question)):
        return None
    found = []
    for name in docs:
        parts = _parts(name, index)
        part = _named_part(question, parts) or _part_speaking(question, parts, index)
        if part:
            found.append(part)
    return _answer(found) if found else None
