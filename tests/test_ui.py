"""`policyqa serve`: a running Gradio server answers with its cited passages and their locators."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from chatbot.answer import Answer, Citation
from chatbot.ui import sources_html

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("serve-home")
    port = free_port()
    env = {**os.environ, "POLICYQA_HOME": str(home), "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatbot", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"serve exited: {proc.stderr.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(1)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_chat_answers_with_cited_passages_and_locators(server):
    from gradio_client import Client

    client = Client(server, verbose=False)
    chat, sources, box = client.predict("湘乡市“十四五”期间常住人口城镇化率目标是多少？", [], "全部", "全部", api_name="/respond")
    reply = chat[-1]["content"]
    text = reply if isinstance(reply, str) else " ".join(part.get("text", "") for part in reply)
    assert "60" in text and "[1]" in text
    assert "湘乡市" in sources and "专栏2 · 常住人口城镇化率" in sources
    assert box == ""


def test_passages_are_rendered_as_text_not_html():
    evil = Citation("x<img src=x onerror=alert(1)>.txt", "<script>alert(1)</script>", "", "第一章", "clause", "<b>正文</b>", 0.5)
    html = sources_html(Answer("问", "答", False, [evil]))
    assert "<script>" not in html and "<img" not in html and "<b>正文" not in html
    assert "&lt;script&gt;" in html
