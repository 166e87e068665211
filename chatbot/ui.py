"""The Gradio app: a chat beside the passages it cites, and a knowledge-base tab; no logic beyond `replies()`.

Every event asks `LiveIndex.get()` for the index, so a document added here or by `policyqa index
add` in another process is answerable at once, and the old version serves until the new one is
complete. HTML comes from `render`, which escapes everything a document contributes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import gradio as gr
from filelock import FileLock
from gradio.utils import get_upload_folder

from index import BuildReport, Index, IndexStoreError, LiveIndex
from ingest import Chunk

from . import render
from .answer import Answer, Citation
from .library import add_files, remove_files
from .llm import replies
from .settings import Settings

ALL = "全部"
# Questions the bundled documents answer, one per kind (table cell, target number, definition).
EXAMPLES = [
    "湘乡市“十四五”期间常住人口城镇化率目标是多少？",
    "洪江区计划到2025年工业总产值达到多少？",
    "洪江市旅游收入目标是多少？",
    "“三高四新”是什么意思？",
]
UPLOAD_TYPES = ".txt .md .html .htm .docx .pdf"
WRITE_WAIT = 30.0  # seconds an upload waits for another running index update before saying so


def record_feedback(path: Path, result: Answer, liked: bool) -> None:
    """One JSON line per thumbs up/down; the lock keeps lines whole when two readers click at once."""
    entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **result.to_dict(), "liked": liked}
    entry.pop("latency_ms")
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{path}.lock"), path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def doc_choices(index: Index, files: bool = False) -> list[tuple[str, str]]:
    """Documents as (label, file name): labelled by place to filter, by file name to remove."""
    docs = sorted(index.manifest.docs.values(), key=lambda d: (d.place, d.title))
    return [(f"{d.title}（{d.name if files else d.place or '地区未识别'}）", d.name) for d in docs]


def _kept(value: str | None, choices: list) -> str:
    """A filter keeps its value while the document or place still exists."""
    values = [c[1] if isinstance(c, tuple) else c for c in choices]
    return value if value in values else ALL


def _progress(bar: gr.Progress) -> Callable[[str, int, int], None]:
    """The library's `(stage, done, total)` callback drawn as Gradio's progress bar."""
    return lambda stage, done, total: bar((done, total), desc=stage, unit="项")


class Handlers:
    """The app's events; each fetches the current index and hands the work to `replies()` or the library."""

    def __init__(self, live: LiveIndex, settings: Settings) -> None:
        self.live = live
        self.settings = settings

    def around(self, cited: Citation) -> list[Chunk]:
        return self.live.get().around(cited.doc, cited.locator)

    def ask(self, message: str, history: list, doc: str, place: str, answers: dict) -> Iterator[tuple]:
        """Show the question and a placeholder at once, then the answer and its sources; with a chat model, its
        sentences as each passes the check, then its answer or, should it not hold up, the extractive one."""
        if not message.strip():
            yield history, gr.skip(), message, answers
            return
        answers = {k: r for k, r in answers.items() if k < len(history)}  # the turns the chat shows: none in a new one
        history = [*history, {"role": "user", "content": message}, {"role": "assistant", "content": render.THINKING}]
        yield history, render.THINKING_SOURCES, "", answers
        only_doc, only_place = (None if v == ALL else v for v in (doc, place))
        earlier = [(r.question, r.answer) for _, r in sorted(answers.items())]  # a follow-up leans on these
        for result in replies(message, self.live.get(), self.settings, doc=only_doc, place=only_place, history=earlier):
            history[-1] = {"role": "assistant", "content": render.answer_html(result)}
            yield history, render.sources_html(result, self.around), "", {**answers, len(history) - 1: result}

    def pick_example(self, data: gr.SelectData) -> str:
        return data.value["text"]

    def show_sources(self, data: gr.SelectData, answers: dict) -> str:
        """Clicking an earlier answer brings its sources back into the panel."""
        result = answers.get(data.index)
        return render.sources_html(result, self.around) if result else gr.skip()

    def cleared(self) -> tuple[str, dict]:
        return render.EMPTY_SOURCES, {}

    def feedback(self, data: gr.LikeData, answers: dict) -> None:
        result = answers.get(data.index)
        if result is None or not isinstance(data.liked, bool):
            return  # an undone vote, or a message that is not an answer
        record_feedback(self.settings.feedback_file, result, data.liked)
        gr.Info("感谢反馈，已记录。")

    def refresh(self, doc: str = ALL, place: str = ALL) -> tuple:
        """Everything that shows the knowledge base: status, header, table and the three pickers."""
        index = self.live.get()
        docs, places = doc_choices(index), index.places
        return (
            render.status_html(index),
            render.header_html(index),
            render.docs_html(index),
            gr.Dropdown(choices=[("全部文件", ALL), *docs], value=_kept(doc, docs)),
            gr.Dropdown(choices=[("全部地区", ALL), *places], value=_kept(place, places)),
            gr.Dropdown(choices=doc_choices(index, files=True), value=None),
        )

    def upload(self, files: list[str] | None, doc: str, place: str, progress=gr.Progress()) -> tuple:
        if not files:
            return ("<p class='pqa-bad'>请先选择要添加的文件。</p>", None, *self.refresh(doc, place))
        paths = [Path(f) for f in files]
        names = [p.name for p in paths]  # Gradio keeps the browser's base name; the library sanitizes it
        bar = _progress(progress)
        try:
            return self._change(
                lambda: add_files(paths, self.settings, names, progress=bar, lock_timeout=WRITE_WAIT), names, doc, place
            )
        finally:  # the library holds its own copy; Gradio's upload cache keeps none
            cache = Path(get_upload_folder()).resolve()
            for path in paths:
                if path.resolve().is_relative_to(cache):
                    path.unlink(missing_ok=True)

    def remove(self, name: str | None, doc: str, place: str, progress=gr.Progress()) -> tuple:
        if not name:
            return ("<p class='pqa-bad'>请先选择要删除的文件。</p>", None, *self.refresh(doc, place))
        bar = _progress(progress)
        return self._change(
            lambda: remove_files([name], self.settings, progress=bar, lock_timeout=WRITE_WAIT), [], doc, place
        )

    def _change(self, work: Callable[[], BuildReport], given: list[str], doc: str, place: str) -> tuple:
        """Run an add or remove; one that fails as a whole leaves the serving index as it was."""
        try:
            shown = render.report_html(work(), given, "未添加" if given else "未删除")
        except IndexStoreError as exc:
            shown = render.failure_html(str(exc))
        return (shown, None, *self.refresh(doc, place))  # refresh() loads the new version now


def _chat_tab(start: Index) -> tuple:
    """Chat with filters on the left (top on a phone), the sources panel on the right (below)."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=360):
            chat = gr.Chatbot(
                show_label=False,
                height=460,
                elem_id="pqa-chat",
                placeholder="### 问问这些政策文件\n可以问具体指标、目标数字、名词含义。点下面的示例试一试：",
                examples=[{"text": q} for q in EXAMPLES],
                feedback_options=("Like", "Dislike"),
                buttons=[],  # Gradio's copy button would copy the bubble's HTML, not its text
            )
            with gr.Row():
                box = gr.Textbox(
                    show_label=False,
                    placeholder="输入问题，按回车提问",
                    scale=6,
                    container=False,
                    elem_id="pqa-question",
                )
                send = gr.Button("提问", variant="primary", scale=1, min_width=72, elem_id="pqa-send")
            # Choices follow the knowledge base (custom values pass validation after an upload).
            with gr.Row():
                doc = gr.Dropdown(
                    [("全部文件", ALL), *doc_choices(start)],
                    value=ALL,
                    label="只查此文件",
                    scale=3,
                    allow_custom_value=True,
                    elem_id="pqa-doc",
                )
                place = gr.Dropdown(
                    [("全部地区", ALL), *start.places],
                    value=ALL,
                    label="只查此地区",
                    scale=1,
                    min_width=120,
                    allow_custom_value=True,
                    elem_id="pqa-place",
                )
        with gr.Column(scale=2, min_width=320):
            gr.HTML("<h3 class='pqa-panel-title'>引用来源</h3>")
            sources = gr.HTML(render.EMPTY_SOURCES, elem_id="pqa-sources")
    return chat, box, send, doc, place, sources


def _library_tab(start: Index, settings: Settings) -> tuple:
    """Index status, upload and remove, what the last change did, and the document list."""
    status = gr.HTML(render.status_html(start), elem_id="pqa-status")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300):
            files = gr.File(
                label=f"上传文件（{UPLOAD_TYPES}，单个不超过 {settings.max_file_mb:g} MB，可多选）",
                file_count="multiple",
                elem_id="pqa-upload",
            )
            add = gr.Button("添加到知识库", variant="primary", elem_id="pqa-add")
        with gr.Column(scale=2, min_width=260):
            gone = gr.Dropdown(
                doc_choices(start, files=True),
                value=None,
                label="删除文件",
                allow_custom_value=True,
                elem_id="pqa-remove",
            )
            delete = gr.Button("删除", variant="stop", elem_id="pqa-delete")
    report = gr.HTML(elem_id="pqa-report")
    table = gr.HTML(render.docs_html(start), elem_id="pqa-docs")
    return status, files, add, gone, delete, report, table


def build_ui(live: LiveIndex, settings: Settings) -> gr.Blocks:
    on = Handlers(live, settings)
    start = live.get()
    # An offline product never phones home: no usage analytics, no version check (decided here, not by environment).
    with gr.Blocks(title="政策文件问答", analytics_enabled=False) as ui:
        answers = gr.State({})  # message index → Answer, for feedback and for re-showing sources
        header = gr.HTML(render.header_html(start), elem_id="pqa-header")
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                chat, box, send, doc, place, sources = _chat_tab(start)
            with gr.Tab("知识库", id="kb"):
                status, files, add, gone, delete, report, table = _library_tab(start, settings)

        question, asked = [box, chat, doc, place, answers], [chat, sources, box, answers]
        box.submit(on.ask, question, asked, api_name="ask", concurrency_limit=4)
        send.click(on.ask, question, asked, api_name=False, concurrency_limit=4)
        chat.example_select(on.pick_example, None, box, api_name=False).then(
            on.ask, question, asked, api_name=False, concurrency_limit=4
        )
        chat.select(on.show_sources, answers, sources, api_name=False)
        chat.like(on.feedback, answers, None, api_name=False)
        chat.clear(on.cleared, None, [sources, answers], api_name=False)
        library = [status, header, table, doc, place, gone]
        add.click(on.upload, [files, doc, place], [report, files, *library], api_name="add_files")
        delete.click(on.remove, [gone, doc, place], [report, files, *library], api_name="remove_file")
        # The page is built with the index the server started with; this catches later changes, silently.
        ui.load(on.refresh, None, library, api_name=False, show_progress="hidden")
    return ui


class NoFileRoutes:
    """ASGI middleware: Gradio's `/file=PATH` routes serve uploads back; this app never links a file, so none is served.

    An uploaded `.html` or `.svg` fetched from our own origin could run its script in the page's context,
    and anyone who learned an upload's path could read it; both end here, with a 404.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and "/file=" in scope["path"]:
            body = b"404: not found"
            headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 404, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


# Local fonts as Gradio's own Font objects: Gradio compares themes font by font, and a plain string breaks that.
THEME = gr.themes.Soft(
    primary_hue="red",
    font=[gr.themes.Font(name) for name in ("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif")],
    font_mono=[gr.themes.Font(name) for name in ("Noto Sans Mono CJK SC", "monospace")],
)


def launch(
    live: LiveIndex,
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
) -> None:
    """Serve the chat page and the HTTP API (`api.py`) on one port; no file a user uploaded or the library holds is
    ever served back by path."""
    import uvicorn

    from .api import api_app

    app = api_app(live, settings, auth)
    app.add_middleware(NoFileRoutes)
    app = gr.mount_gradio_app(
        app,
        build_ui(live, settings),
        path="",
        server_name=host,
        server_port=port,
        auth=auth,
        auth_message="请输入管理员提供的用户名和密码。" if auth else None,
        css=render.CSS,
        head=render.HEAD,
        theme=THEME,
        max_file_size=f"{settings.max_file_mb:g}mb",
        footer_links=["api"],
        blocked_paths=[str(settings.home)],  # the library and index, should a file route ever get past the middleware
        ssr_mode=False,
        mcp_server=False,
        pwa=False,
        run_history=False,
        enable_monitoring=False,
    )
    print(f"* 聊天页面与 API: http://{host}:{port}/  （POST /api/ask、/v1/chat/completions）", flush=True)
    # Ctrl-C or SIGTERM stops it within seconds: open event streams (a chat page, `gradio_client`) are not waited for.
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=3)
