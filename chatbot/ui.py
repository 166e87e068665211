"""The Gradio chat: answers in Chinese beside the passages they cite; no logic beyond `answer()`."""

from __future__ import annotations

import html

import gradio as gr

from index import Index

from .answer import Answer, answer
from .settings import Settings

ALL = "全部"
EXAMPLES = [
    "洪江区到2025年地区生产总值年均增长目标是多少？",
    "湘乡市“十四五”期间常住人口城镇化率目标是多少？",
    "洪江市“八大行动”包括哪些行动？",
    "“三高四新”是什么意思？",
]


def sources_html(result: Answer) -> str:
    """Cited passages as escaped text: a document holding `<script>` shows it and runs nothing."""
    if not result.citations:
        return "<p>暂无引用。</p>"
    head = "<p><b>未找到明确答案，以下是最接近的段落：</b></p>" if result.refused else ""
    cards = []
    for i, c in enumerate(result.citations, 1):
        cards.append(
            "<details class='pqa-source' open>"
            f"<summary>[{i}] 《{html.escape(c.title)}》 · {html.escape(c.place or '')} · "
            f"{html.escape(c.locator)} · 相关度 {c.score:.2f}</summary>"
            f"<div style='white-space:pre-wrap'>{html.escape(c.text)}</div></details>"
        )
    return head + "".join(cards)


def build_ui(index: Index, settings: Settings) -> gr.Blocks:
    docs = [ALL, *sorted(index.manifest.docs)]
    places = [ALL, *index.places]

    def respond(message: str, history: list, doc: str, place: str):
        result = answer(
            message,
            index,
            settings,
            doc=None if doc == ALL else doc,
            place=None if place == ALL else place,
        )
        history = [*history, {"role": "user", "content": message}, {"role": "assistant", "content": result.answer}]
        return history, sources_html(result), ""

    with gr.Blocks(title="政策文件问答") as ui:
        gr.Markdown("## 政策文件问答\n回答均摘自文件原文，并标注出处（章/节/条）。")
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="对话", height=480)
                box = gr.Textbox(label="问题", placeholder="例如：洪江区到2025年地区生产总值目标是多少？")
                with gr.Row():
                    doc = gr.Dropdown(docs, value=ALL, label="文档")
                    place = gr.Dropdown(places, value=ALL, label="地区")
                gr.Examples(EXAMPLES, inputs=box, label="示例问题")
            with gr.Column(scale=2):
                gr.Markdown("### 引用来源")
                sources = gr.HTML("<p>提问后在此显示引用的原文段落。</p>")
        box.submit(respond, [box, chat, doc, place], [chat, sources, box])
    return ui


def launch(index: Index, settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    build_ui(index, settings).launch(server_name=host, server_port=port)
