"""Structure facts of the seed documents, checked against the documents' own tables of contents."""

from __future__ import annotations

import re

import pytest

from ingest.chunks import is_byline
from ingest.clean import is_boilerplate, is_toc_line, normalize_spaces

HONGJIANG_QU = "000_ec6e4d95486ab7b0.txt"
XIANGXIANG = "001_0e369cfbaccd2f2f.txt"
ACTIONS = "002_93159679ea96d36f.txt"
REGION = "003_2fdff5521dc10afd.txt"
REPORT = "004_cfdaae2226e367c1.txt"


def nodes(doc, kind):
    return [n for n in doc.tree.walk() if n.kind == kind]


def toc_chapters(doc):
    """Chapter entries of the document's own table of contents (lines the cleaner dropped)."""
    return [d for d in doc.raw.text.splitlines() if re.match(r"^\s*第[一二三四五六七八九十]+章", d) and is_toc_line(normalize_spaces(d))]


def test_chapter_count_matches_table_of_contents(parsed):
    for name in (HONGJIANG_QU, XIANGXIANG):
        doc = parsed[name]
        assert len(toc_chapters(doc)) == 10
        assert len(nodes(doc, "chapter")) == len(toc_chapters(doc)), name


def test_wrapped_chapter_heading_is_joined(parsed):
    titles = [n.heading_text for n in nodes(parsed[HONGJIANG_QU], "chapter")]
    assert "第四章 推动工业高质量发展,着力打造绿色循环产业基地" in titles
    assert "第六章 统筹城乡发展,构建城乡融合发展引领区" in titles


def test_all_128_running_clauses_of_doc_000_are_found_in_order(parsed):
    doc = parsed[HONGJIANG_QU]
    numbers = [
        int(n.heading.number)
        for n in doc.tree.walk()
        if n.kind == "clause" and not any(a.kind == "box" for a in _ancestors(doc.tree, n))
    ]
    assert numbers == list(range(1, 129))


def _ancestors(root, target):
    path = []

    def visit(node, trail):
        if node is target:
            path.extend(trail)
            return True
        return any(visit(c, trail + [node]) for c in node.children)

    visit(root, [])
    return path


def test_box_items_do_not_break_the_clause_sequence(parsed):
    box5 = next(n for n in nodes(parsed[HONGJIANG_QU], "box") if n.heading.number == "5")
    assert [c.heading.number for c in box5.children] == [str(i) for i in range(1, 11)]


def test_doc_002_has_attachments_1_to_8_with_restarting_numbering(parsed):
    doc = parsed[ACTIONS]
    attachments = nodes(doc, "attachment")
    assert [a.heading.number for a in attachments] == [str(i) for i in range(1, 9)]
    assert attachments[0].heading.title == "洪江市产业培塑行动实施方案"
    # Clause `1.` appears again and again, yet every locator is unique within the document.
    ones = [c for c in doc.chunks if c.clause == "1."]
    assert len(ones) > 10
    assert len({c.locator for c in doc.chunks}) == len(doc.chunks)


def test_clause_locator_names_its_full_heading_path(parsed):
    chunk = next(c for c in parsed[ACTIONS].chunks if c.text.startswith("4.推动资源要素跨区域配置"))
    assert chunk.locator == "附件6 二、 （一） · 第4条"
    assert chunk.heading_path[0] == "附件6 洪江市区域共进行动实施方案"
    clause45 = next(c for c in parsed[HONGJIANG_QU].chunks if c.clause == "45.")
    assert clause45.locator.startswith("第四章 第")
    assert clause45.locator.endswith("第45条")


def test_titles_and_places(parsed):
    expected = {
        HONGJIANG_QU: ("洪江区", "第十四个五年规划"),
        XIANGXIANG: ("湘乡市", "第十四个五年规划"),
        ACTIONS: ("洪江市", "八大行动"),
        REGION: ("洪江市", "区域共进行动实施方案"),
        REPORT: ("洪江区", "管委工作报告"),
    }
    for name, (place, in_title) in expected.items():
        assert parsed[name].place == place
        assert in_title in parsed[name].title


@pytest.mark.parametrize(
    "line",
    ["首页 > 政务公开 > 政策文件 > 政府文件", "政务公开 > 专题专栏 > 洪江市大力实施“八大行动” > 区域共进"],
)
def test_breadcrumbs_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    ["工业增加值增速>6%，高新技术产业增加值占比>30%。", "演练代号为“夜莺七号”<script>x</script>各单位参加。"],
)
def test_sentences_with_comparison_signs_or_markup_are_kept(line):
    assert not is_boilerplate(line)


def test_an_annual_document_is_dated_by_its_issue_year_and_a_plan_or_report_is_not(parsed):
    # 002 and 003 were issued in 2024 (`发布时间:2024-03-22`) and speak of 2024 most; plans span five years, and
    # the 2025 work report reviews 2024 in passages that name no year
    years = {name: doc.year for name, doc in parsed.items()}
    assert years == {HONGJIANG_QU: "", XIANGXIANG: "", ACTIONS: "2024", REGION: "2024", REPORT: ""}
    assert {c.year for c in parsed[ACTIONS].chunks} == {"2024"}


def test_a_sentence_holding_a_page_chrome_word_is_content_not_boilerplate(parsed):
    # doc 000's goals paragraph ends `…更多更实更公平地分享到改革发展成果…`: its 2025 income targets must stay
    text = parsed[HONGJIANG_QU].cleaned.text
    assert "2025年达到37300元和21450元" in text
    assert is_boilerplate("扫一扫在手机打开当前页") and is_boilerplate("分享到：")


def test_no_table_of_contents_or_boilerplate_line_in_any_chunk(parsed):
    for doc in parsed.values():
        for chunk in doc.chunks:
            for line in chunk.text.splitlines():
                assert not is_toc_line(line), (doc.name, line)
                assert not is_boilerplate(line), (doc.name, line)
            assert "网站支持IPv6" not in chunk.text and "【字体" not in chunk.text
            assert not re.search(r"\.{6,}", chunk.text)


def test_odd_spaces_are_normalized_without_touching_other_characters():
    assert normalize_spaces("总投资75.6\u2002亿元") == "总投资75.6亿元"
    assert normalize_spaces("目\u3000\u3000录") == "目录"
    assert normalize_spaces("第一章\u00a0\u00a0决胜全面建成小康社会") == "第一章 决胜全面建成小康社会"


def test_chunk_spans_point_into_the_cleaned_text(parsed):
    for doc in parsed.values():
        for chunk in doc.chunks:
            if chunk.kind != "table_row":
                first = chunk.text.splitlines()[0]
                assert doc.cleaned.text[chunk.start : chunk.start + len(first)] == first


def test_chunks_stay_under_the_size_cap_and_heading_path_is_not_in_the_passage(parsed):
    for doc in parsed.values():
        for chunk in doc.chunks:
            assert len(chunk.text) <= 700, chunk.locator
            assert chunk.search_text.endswith(chunk.text)
            assert chunk.place in chunk.search_text


def test_glossary_of_the_work_report_is_its_own_part(parsed):
    glossary = next(n for n in parsed[REPORT].tree.walk() if n.heading_text == "名词解释")
    assert len(glossary.body) >= 20
    assert glossary.body[0].text.startswith("“三高四新”")


def test_a_reports_byline_stays_with_its_dateline(parsed):
    """`——2024年12月17日在…会议上` and `怀化市洪江区管理委员会主任 钟跃波` say together who delivered it, when, where."""
    first = parsed[REPORT].chunks[0].text
    assert "会议上\n怀化市洪江区管理委员会主任 钟跃波" in first
    assert not parsed[REPORT].chunks[1].text.startswith("怀化市"), "the opening address starts the next passage"
    assert is_byline("怀化市洪江区管理委员会主任 钟跃波")
    assert not is_byline("各位代表:") and not is_byline("成立民生可感行动工作专班,由市委常委、常务副市长黄涌任召集人")
