"""`policyqa serve` in a real Chromium: ask, check the sources, give feedback, upload and remove documents.

One server for the module, started from an empty data home as a user would (the first start
builds the index). Screenshots at desktop and phone size go to artifacts/screenshots/.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import running_server

from chatbot.ui import EXAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
XIANGXIANG = "湘乡市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
# A document with made-up facts: only it can answer questions about 测试县's fireflies.
FIREFLY = (
    "测试县“十四五”萤火虫保护规划\n第一章 总体目标\n一、主要目标\n"
    "到2025年，测试县萤火虫保护区面积达到4321公顷，建成萤火虫观测站17个。\n"
    "二、保障措施\n测试县设立萤火虫保护专项资金，每年安排不少于86万元。\n"
)
# Markup inside Chinese text; the title line opens a <b> that must not bold the page.
XSS = (
    "<b>测试县网络安全演练方案\n一、演练目标\n"
    "本方案检验页面安全，演练代号为“夜莺七号”<script>window.__pwned=1</script>各单位按要求参加。\n"
    "二、参演单位\n"
    '共有<img src=x onerror="window.__pwned=1">十三个单位参加，测试县网络安全演练经费为987万元。\n'
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A fresh data home and `python -m chatbot serve`; uploads over 1 MB are refused."""
    home = tmp_path_factory.mktemp("browser-home")
    with running_server(home, POLICYQA_MAX_FILE_MB="1") as url:
        yield url, home


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk (.ci/run does)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _outside(url: str) -> bool:
    return urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).hostname != "127.0.0.1"


OUTSIDE: list[str] = []  # every request any page of this module sent to another machine


def open_page(browser, server, viewport=DESKTOP):
    page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
    page.on("request", lambda request: OUTSIDE.append(request.url) if _outside(request.url) else None)
    page.set_default_timeout(30_000)
    page.goto(server[0])
    page.wait_for_selector("#pqa-chat")
    return page


@pytest.fixture
def page(browser, server):
    page = open_page(browser, server)
    yield page
    page.context.close()


def shot(page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(600)  # let Gradio's fade-in of updated components and toasts finish
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def ask(page, question: str) -> str:
    """Type a question, press Enter, wait for the answer (not the placeholder); return its text."""
    answers = page.locator("#pqa-chat .pqa-answer:not(.pqa-thinking)")
    before = answers.count()
    page.fill("#pqa-question textarea", question)
    page.press("#pqa-question textarea", "Enter")
    answers.nth(before).wait_for()
    page.wait_for_selector("#pqa-sources .pqa-card, #pqa-sources .pqa-empty:not(:has-text('正在检索'))")
    return answers.nth(before).inner_text()


def choose(page, dropdown: str, option: str) -> None:
    """Pick the one option whose label contains `option`."""
    page.click(f"{dropdown} input")
    page.get_by_role("option", name=option).click()


def knowledge_base(page):
    page.get_by_role("tab", name="知识库").click()
    page.wait_for_selector("#pqa-upload")


def upload(page, files: list[dict]) -> str:
    """Upload files through the knowledge-base tab and return the report text."""
    knowledge_base(page)
    page.locator("#pqa-upload input[type=file]").set_input_files(files)
    page.wait_for_function(
        "n => document.querySelectorAll('#pqa-upload tr.file').length === n", arg=len(files), timeout=60_000
    )
    return run(page, "#pqa-add")


def remove(page, name: str) -> str:
    knowledge_base(page)
    choose(page, "#pqa-remove", name)
    return run(page, "#pqa-delete")


# The report's own text, without the progress bar Gradio lays over it while the event runs.
REPORT = (
    "[...document.querySelectorAll('#pqa-report .pqa-report, #pqa-report p.pqa-status, #pqa-report p.pqa-bad')]"
    ".map(e => e.innerText).join('\\n')"
)


def run(page, button: str) -> str:
    """Click an add/remove button and return the new report once the event has finished."""
    before = page.evaluate(REPORT)
    page.click(button)
    page.wait_for_function(
        f"before => {REPORT} !== before",
        arg=before,
        timeout=120_000,
    )
    return page.evaluate(REPORT)


def text_file(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "text/plain", "buffer": text.encode("utf-8")}


def test_first_screen_offers_corpus_questions_and_answers_one_with_its_source(page):
    for question in EXAMPLES:
        assert page.get_by_text(question).first.is_visible()
    assert "已收录 5 份文件" in page.inner_text("#pqa-header")
    shot(page, "desktop-1-first-screen")

    page.get_by_text(EXAMPLES[0]).first.click()
    reply = page.locator("#pqa-chat .pqa-answer:not(.pqa-thinking)").first
    reply.wait_for()
    assert "2025: 60" in reply.inner_text() and "常住人口城镇化率" in reply.inner_text()
    card = page.locator("#pqa-src-1")
    assert XIANGXIANG in card.inner_text()
    assert "专栏2 · 常住人口城镇化率" in card.locator(".pqa-loc").inner_text()
    passage = card.locator(".pqa-passage")
    assert passage.locator("mark").count() >= 2 and "2025: 60" in passage.locator("mark").all_inner_texts()

    reply.locator("a.pqa-cite").first.click()  # the [1] mark jumps to its source
    assert page.evaluate("location.hash") == "#pqa-src-1"
    card.locator("summary").click()  # the clause in context: its neighbours in the document
    context = card.locator(".pqa-context")
    assert context.locator(".pqa-ctx").count() >= 2 and "（本段）" in context.inner_text()
    shot(page, "desktop-2-answer-with-sources", full=True)


def test_a_refusal_looks_like_one_and_still_lists_the_closest_passages(page):
    reply = ask(page, "火星基地的建设目标是什么？")
    assert reply.startswith("未找到") and "文件中未找到" in reply
    assert page.locator("#pqa-chat .pqa-refusal").count() == 1
    assert "最接近的段落" in page.inner_text("#pqa-sources .pqa-refused")
    assert page.locator("#pqa-sources .pqa-card").count() >= 3
    assert page.locator("#pqa-sources mark").count() == 0  # nothing is claimed as the answer
    shot(page, "desktop-3-refusal")
    page.click("#pqa-chat button[aria-label='清空对话']")  # a new conversation starts with an empty panel
    page.locator("#pqa-sources .pqa-card").first.wait_for(state="detached")
    assert page.locator("#pqa-chat .pqa-answer").count() == 0


def test_place_filter_changes_which_document_answers(page):
    question = "城镇化率目标是多少？"  # both plans answer it; the filter decides which
    for place in ("洪江区", "湘乡市"):
        choose(page, "#pqa-place", place)
        ask(page, question)
        places = page.locator("#pqa-sources .pqa-place").all_inner_texts()
        assert places and set(places) == {place}, places
    page.locator("#pqa-chat .pqa-answer").first.click(force=True)  # an earlier answer brings back its sources
    page.wait_for_function("() => document.querySelector('#pqa-src-1 .pqa-place').innerText === '洪江区'")


def test_a_long_upload_does_not_hold_up_questions(page):
    """Chat and knowledge-base events queue separately: a question is answered while a big file embeds."""
    lines = [
        f"{i}、测试县推进第{i}号示范工程，完成投资{i * 7}万元，惠及群众{i * 13}户，{2021 + i % 5}年完成。"
        for i in range(1, 1201)
    ]
    knowledge_base(page)
    page.locator("#pqa-upload input[type=file]").set_input_files(
        [text_file("长篇方案.txt", "测试县长篇方案\n" + "\n".join(lines))]
    )
    page.wait_for_selector("#pqa-upload tr.file")
    before = page.evaluate(REPORT)
    page.click("#pqa-add")
    page.wait_for_function("() => document.body.innerText.includes('向量化')", timeout=60_000)  # embedding now
    page.get_by_role("tab", name="问答").click()
    assert "2025: 60" in ask(page, EXAMPLES[0])
    assert page.evaluate(REPORT) == before, "the answer came only after the upload had finished"
    page.get_by_role("tab", name="知识库").click()
    page.wait_for_function(f"before => {REPORT} !== before", arg=before, timeout=180_000)
    assert "已添加 长篇方案.txt" in page.evaluate(REPORT)
    remove(page, "长篇方案.txt")


def test_thumbs_up_appends_question_answer_and_citations_to_the_feedback_file(page, server):
    feedback = server[1] / "feedback.jsonl"
    lines = feedback.read_text(encoding="utf-8").splitlines() if feedback.exists() else []
    ask(page, EXAMPLES[1])
    page.locator("#pqa-chat button[aria-label='赞']").last.click()
    deadline = time.time() + 15
    while time.time() < deadline and len(feedback.read_text().splitlines() if feedback.exists() else []) == len(lines):
        time.sleep(0.2)
    entry = json.loads(feedback.read_text(encoding="utf-8").splitlines()[-1])
    assert entry["liked"] is True and entry["question"] == EXAMPLES[1]
    assert "120亿元" in entry["answer"] and entry["citations"][0]["locator"] and not entry["refused"]


def test_an_uploaded_document_is_answerable_at_once_and_gone_after_removal(page):
    report = upload(page, [text_file("萤火虫规划.txt", FIREFLY)])
    assert "已添加 萤火虫规划.txt" in report, report
    assert "测试县“十四五”萤火虫保护规划" in page.inner_text("#pqa-docs")
    shot(page, "desktop-4-knowledge-base")

    page.get_by_role("tab", name="问答").click()
    reply = ask(page, "测试县萤火虫保护区面积要达到多少公顷？")
    assert "4321公顷" in reply
    assert "萤火虫规划.txt" in page.inner_text("#pqa-src-1")

    report = remove(page, "萤火虫规划.txt")
    assert "已删除 萤火虫规划.txt" in report, report
    assert "萤火虫" not in page.inner_text("#pqa-docs")
    page.get_by_role("tab", name="问答").click()
    ask(page, "测试县萤火虫保护区面积要达到多少公顷？")
    assert "萤火虫规划.txt" not in page.inner_text("#pqa-sources")


def test_a_document_full_of_markup_renders_as_inert_text(page, server):
    report = upload(page, [text_file("../../<b>恶意</b>演练.txt", XSS)])
    assert "已添加" in report, report
    assert "&lt;b&gt;" not in page.inner_text("#pqa-docs")  # escaped once, not twice
    assert "<b>测试县网络安全演练方案" in page.inner_text("#pqa-docs")
    page.get_by_role("tab", name="问答").click()
    reply = ask(page, "测试县网络安全演练经费是多少？")
    assert "987万元" in reply and '<img src=x onerror="window.__pwned=1">' in reply
    assert '<img src=x onerror="window.__pwned=1">' in page.inner_text("#pqa-src-1")
    ask(page, "测试县网络安全演练代号是什么？")
    assert "<script>window.__pwned=1" in page.inner_text("#pqa-sources")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src='x'], #pqa-sources b, #pqa-docs b, #pqa-chat script").count() == 0
    shot(page, "desktop-5-markup-inert")
    home = server[1]
    stored = [p for p in home.parent.rglob("*演练.txt")]
    assert stored and all(p.parent == home / "documents" for p in stored), stored  # no write outside
    remove(page, stored[0].name)


def test_uploaded_html_and_svg_with_script_run_nothing_and_are_never_served_back(page):
    html = (
        "<html><head><script>window.__pwned=1</script></head><body><h1>测试县消防演练通知</h1>"
        "<p>测试县消防演练定于每年11月举行，参演人员共计246人。<img src=x onerror='window.__pwned=1'></p></body></html>"
    )
    svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=1</script></svg>'
    knowledge_base(page)
    page.locator("#pqa-upload input[type=file]").set_input_files(
        [
            {"name": "演练通知.html", "mimeType": "text/html", "buffer": html.encode("utf-8")},
            {"name": "图标.svg", "mimeType": "image/svg+xml", "buffer": svg.encode("utf-8")},
        ]
    )
    page.wait_for_function("() => document.querySelectorAll('#pqa-upload tr.file').length === 2")
    links = page.eval_on_selector_all("#pqa-upload a[href*='file=']", "links => links.map(a => a.href)")
    assert len(links) == 2, links  # Gradio links each uploaded file; following a link gets nothing
    for link in links:
        opened = page.context.new_page()
        response = opened.goto(link)
        assert response.status == 404 and "246" not in opened.content()
        assert opened.evaluate("window.__pwned") is None
        opened.close()

    report = run(page, "#pqa-add")
    assert "已添加 演练通知.html" in report and "未添加 图标.svg：不支持的文件类型（.svg）" in report, report
    page.get_by_role("tab", name="问答").click()
    assert "246人" in ask(page, "测试县消防演练有多少人参加？")
    assert page.evaluate("window.__pwned") is None
    remove(page, "演练通知.html")


def test_an_unreadable_file_is_named_and_the_good_one_still_goes_in(page):
    binary = {"name": "扫描件.txt", "mimeType": "text/plain", "buffer": bytes(range(256)) * 64}
    report = upload(page, [binary, text_file("好文件.txt", FIREFLY.replace("测试县", "样例县"))])
    assert "未添加 扫描件.txt：" in report and "二进制" in report, report
    assert "已添加 好文件.txt" in report, report
    assert "样例县" in page.inner_text("#pqa-docs") and "扫描件" not in page.inner_text("#pqa-docs")
    remove(page, "好文件.txt")


def test_wrong_type_and_oversized_uploads_get_clear_messages(page):
    report = upload(page, [{"name": "安装包.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00"}])
    assert "未添加 安装包.exe：不支持的文件类型（.exe）" in report, report
    big = text_file("超大文件.txt", "测试" * 600_000)  # 3.4 MB, the test server allows 1 MB
    page.locator("#pqa-upload input[type=file]").set_input_files([big])
    # Gradio's own check, before any byte is sent: it names the file and the limit.
    page.get_by_text("超大文件.txt").filter(has_text="1.0 Mb").first.wait_for()
    shot(page, "desktop-6-upload-limits")


def test_phone_layout_stacks_the_sources_below_the_chat(browser, server):
    page = open_page(browser, server, PHONE)
    try:
        shot(page, "phone-1-first-screen")
        ask(page, EXAMPLES[0])
        chat, sources = page.locator("#pqa-chat").bounding_box(), page.locator("#pqa-sources").bounding_box()
        assert sources["y"] >= chat["y"] + chat["height"], (chat, sources)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.locator("#pqa-src-1 summary").click()
        shot(page, "phone-2-answer-with-sources", full=True)
        ask(page, "火星基地的建设目标是什么？")
        shot(page, "phone-3-refusal")
        knowledge_base(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, "phone-4-knowledge-base", full=True)
    finally:
        page.context.close()


def test_no_page_loads_anything_from_another_machine(page):
    """Fonts, scripts and API calls all come from the local server (with the whole module's pages before this)."""
    ask(page, EXAMPLES[1])
    knowledge_base(page)
    assert OUTSIDE == []
