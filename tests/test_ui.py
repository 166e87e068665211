"""The chat UI: a running server answers through `gradio_client`, and its HTML renders documents as text."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import reply_text, running_server

from chatbot import answer
from chatbot.answer import Answer, Citation
from chatbot.render import (
    answer_html,
    docs_html,
    highlight,
    report_html,
    sources_html,
)
from chatbot.ui import ALL, EXAMPLES, record_feedback
from index import BuildReport
from ingest import IngestError, import_file, load

EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def server(built_index, tmp_path_factory):
    """`python -m chatbot serve` on a copy of the test index, so uploads here touch nothing else."""
    home = tmp_path_factory.mktemp("serve-home")
    shutil.copytree(built_index[1].home, home, dirs_exist_ok=True)
    with running_server(home) as url:
        yield url


@pytest.mark.slow
def test_api_answers_with_cited_passages_and_takes_new_documents(server, tmp_path):
    from gradio_client import Client, handle_file

    client = Client(server, verbose=False)
    chat, sources, box = client.predict(EXAMPLES[0], [], ALL, ALL, api_name="/ask")
    assert "2025: 60" in reply_text(chat) and 'href="#pqa-src-1"' in reply_text(chat)
    assert "湘乡市" in sources and "专栏2 · 常住人口城镇化率" in sources and "<mark>2025: 60</mark>" in sources
    assert box == ""

    doc = tmp_path / "示例县规划.txt"
    doc.write_text("示例县乡村振兴规划\n一、目标\n到2025年，示例县建成高标准农田3.7万亩。\n", encoding="utf-8")
    report = client.predict([handle_file(str(doc))], ALL, ALL, api_name="/add_files")[0]
    assert "已添加 示例县规划.txt" in report
    chat, sources, _ = client.predict("示例县要建成多少高标准农田？", [], ALL, ALL, api_name="/ask")
    assert "3.7万亩" in reply_text(chat) and "示例县规划.txt" in sources

    report = client.predict("示例县规划.txt", ALL, ALL, api_name="/remove_file")[0]
    assert "已删除 示例县规划.txt" in report
    chat, sources, _ = client.predict("示例县要建成多少高标准农田？", [], ALL, ALL, api_name="/ask")
    assert "示例县规划.txt" not in sources


@pytest.mark.slow
def test_a_chat_begun_anew_follows_up_on_nothing_said_in_the_one_before(server):
    """The answers a session keeps are those of the turns its chat shows: `洪江区呢？` in a new chat is no follow-up of
    the question the chat before it asked."""
    from gradio_client import Client

    client = Client(server, verbose=False)
    first, _, _ = client.predict("湘乡市2025年常住人口城镇化率目标是多少？", [], ALL, ALL, api_name="/ask")
    followed, _, _ = client.predict("洪江区呢？", first, ALL, ALL, api_name="/ask")
    assert "按“洪江区" in reply_text(followed)
    anew, _, _ = client.predict("洪江区呢？", [], ALL, ALL, api_name="/ask")
    assert "按“" not in reply_text(anew) and len(anew) == 2


def test_passages_titles_and_file_names_render_as_text_not_html():
    evil = Citation(f"x{EVIL}.txt", f"<b>{EVIL}", "", "第一章", "clause", f"正文{EVIL}", 0.5, (f"正文{EVIL}",))
    html = sources_html(Answer("问", "答[1]", False, [evil]))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html and "onerror=&quot;" in html


def test_answer_text_is_escaped_and_its_marks_link_to_the_sources():
    cited = Citation("a.txt", "标题", "洪江区", "第一章", "clause", "x", 0.9)
    html = answer_html(Answer("问", f"{EVIL}目标是60%[1]\n第二句[2]", False, [cited]))
    assert "<img" not in html and "<script" not in html and "&lt;img src=x" in html
    assert '<a class="pqa-cite" href="#pqa-src-1"' in html
    assert "第二句[2]" in html, "a mark without a source stays plain text"


def test_an_answer_names_its_sources_under_the_text():
    used = Citation("a.txt", "<i>纲要", "洪江区", "第二章 · 第3条", "clause", "正文", 0.9, ("正文",))
    other = Citation("b.txt", "别的文件", "洪江区", "第一章", "clause", "x", 0.5)
    refs = answer_html(Answer("问", "正文[1]", False, [used, other])).split('class="pqa-refs"')[1]
    assert "《&lt;i&gt;纲要》 第二章 · 第3条" in refs and "别的文件" not in refs


def test_a_bracketed_number_inside_a_table_cell_is_not_a_citation_mark():
    cited = Citation("a.txt", "标题", "", "专栏2", "table_row", "x", 0.9)
    html = answer_html(Answer("问", "年均增速[累计]: [1]，属性: 预期性[1]", False, [cited]))
    assert html.count("pqa-cite") == 1 and "年均增速[累计]: [1]，" in html


def test_highlight_escapes_first_then_marks_the_quoted_spans():
    assert highlight("前<b>文。答案句。后文", ["答案句。"]) == "前&lt;b&gt;文。<mark>答案句。</mark>后文"
    assert (
        highlight("a | 2020: 52 | 2025: 60", ["2020: 52", "52 | 2025", "不在文中"])
        == "a | <mark>2020: 52 | 2025</mark>: 60"
    )
    assert highlight("<i>", []) == "&lt;i&gt;"


def test_a_refusal_is_marked_as_one_and_still_shows_the_passages():
    near = Citation("a.txt", "标题", "洪江区", "第一章", "clause", "最接近的段落", 0.4)
    result = Answer("问", "文件中未找到能够明确回答该问题的内容。", True, [near])
    bubble, panel = answer_html(result), sources_html(result)
    assert "pqa-refusal" in bubble and "未找到" in bubble
    assert "pqa-refused" in panel and "最接近的段落" in panel and "<mark>" not in panel


def test_the_sources_panel_shows_locator_highlight_and_surrounding_clauses(built_index):
    index, settings = built_index
    result = answer(EXAMPLES[0], index, settings)
    html = sources_html(result, lambda c: index.around(c.doc, c.locator))
    first = html.split('id="pqa-src-2"')[0]
    assert "专栏2 · 常住人口城镇化率" in first and "<mark>2025: 60</mark>" in first
    assert "<details" in first and "（本段）" in first and first.count("pqa-ctx-loc") == 3


def test_around_returns_the_clause_with_its_neighbours_in_document_order(built_index):
    index, _ = built_index
    middle = next(c for c in index.chunks if c.doc == "001_0e369cfbaccd2f2f.txt" and "常住人口城镇化率" in c.locator)
    before, here, after = index.around(middle.doc, middle.locator)
    assert here == middle and before.end <= here.start <= here.end <= after.start
    assert index.around(middle.doc, "没有这个位置") == []


@pytest.mark.parametrize("question", EXAMPLES)
def test_every_example_question_is_answered_with_a_quoted_source(built_index, question):
    index, settings = built_index
    result = answer(question, index, settings)
    assert not result.refused, result.answer
    assert result.citations[0].quotes and all(q in c.text for c in result.citations for q in c.quotes)


def test_feedback_appends_one_whole_json_line_per_vote(tmp_path):
    cited = Citation("a.txt", "标题", "洪江区", "第一章", "clause", "正文", 0.9, ("正文",))
    path = tmp_path / "home" / "feedback.jsonl"
    record_feedback(path, Answer("问题", "回答[1]", False, [cited]), True)
    record_feedback(path, Answer("问题二", "文件中未找到", True, []), False)
    first, second = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    assert first["question"] == "问题" and first["liked"] is True and first["citations"][0]["locator"] == "第一章"
    assert second["liked"] is False and second["refused"] is True and "time" in second


def test_upload_report_names_every_file_and_says_why_in_chinese():
    report = BuildReport(
        version="000002-x",
        added=["<b>新.txt"],
        duplicates=[("副本.txt", "原件.txt")],
        errors=[IngestError("/data/documents/坏.txt", "不是文本文件：含有 NUL 字节，像是二进制文件")],
    )
    html = report_html(report, ["<b>新.txt", "坏.txt"])
    assert "已添加 &lt;b&gt;新.txt" in html and "<b>" not in html
    assert "跳过 副本.txt：与 原件.txt 内容相同" in html
    assert "未添加 坏.txt：不是文本文件" in html


BAD_FILES = {
    "空.txt": b"",
    "二进制.txt": bytes(range(256)) * 16,
    "其实是PDF.txt": b"%PDF-1.4 binary",
    "图片.txt": b"\x89PNG\r\n\x1a\n" + bytes(64),
    "旧版.docx": b"\xd0\xcf\x11\xe0 old word",
    "乱码.txt": bytes(range(128, 256)) * 16,
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_why_a_file_cannot_be_read_is_said_in_chinese(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    with pytest.raises(IngestError) as caught:
        load(path)
    said = caught.value.reason
    assert re.search(r"[\u4e00-\u9fff]", said) and not re.search(r"(?<![.\w])[a-z]{4,}", said), said


def test_type_and_size_limits_are_said_in_chinese(tmp_path):
    (tmp_path / "a.exe").write_bytes(b"MZ")
    (tmp_path / "big.txt").write_bytes(b"x" * 2 * 2**20)
    for name in ("a.exe", "big.txt"):
        with pytest.raises(IngestError) as caught:
            import_file(tmp_path / name, tmp_path / "library", 2**20)
        said = caught.value.reason
        assert "不支持的文件类型（.exe）" in said or "超过了 1 MB 的上限" in said, said


def test_document_table_lists_every_indexed_document(built_index):
    index, _ = built_index
    html = docs_html(index)
    assert html.count("<tr>") == len(index.manifest.docs) + 1 and "洪江区" in html


def test_the_theme_compares_with_every_built_in_theme_as_gradios_launch_does():
    from gradio.utils import BUILT_IN_THEMES

    from chatbot.ui import THEME

    assert not any(THEME.to_dict() == theme.to_dict() for theme in BUILT_IN_THEMES.values())
