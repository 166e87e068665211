"""The HTTP API other tools call: `/api/ask` and an OpenAI-compatible `/v1/chat/completions` (issue 11)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import running_server
from fastapi.testclient import TestClient

from chatbot.api import api_app
from index.live import LiveIndex


@pytest.fixture(scope="module")
def client(built_index):
    index, settings = built_index
    return TestClient(api_app(LiveIndex(settings.index_home, settings.embedder, index), settings))


def test_ask_returns_the_ask_json_object(client):
    reply = client.post("/api/ask", json={"question": "洪江区到2025年地区生产总值目标是多少？"}).json()
    assert not reply["refused"] and "55亿元" in reply["answer"] and reply["citations"][0]["quotes"]


def test_ask_without_a_question_is_a_clear_400(client):
    response = client.post("/api/ask", json={"question": " "})
    assert response.status_code == 400 and "question" in response.json()["detail"]


def test_chat_completions_answer_a_follow_up_from_the_messages(client):
    messages = [
        {"role": "user", "content": "洪江区2025年常住人口城镇化率目标是多少？"},
        {"role": "assistant", "content": "90%"},
        {"role": "user", "content": "那湘乡市呢？"},
    ]
    reply = client.post("/v1/chat/completions", json={"model": "policyqa", "messages": messages}).json()
    content = reply["choices"][0]["message"]["content"]
    assert "60%" in content and "[1]" in content and "来源" in content
    assert reply["citations"] and "城镇化率" in reply["searched"]


def test_chat_completions_stream_ends_with_done_and_carries_the_citations(client):
    body = {"model": "policyqa", "stream": True, "messages": [{"role": "user", "content": "湘乡精神是哪八个字？"}]}
    lines = [line for line in client.post("/v1/chat/completions", json=body).text.splitlines() if line]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line.removeprefix("data: ")) for line in lines[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert "公诚勤俭、敢为人先" in text and chunks[-1]["citations"]


def test_a_login_guards_the_api(built_index):
    index, settings = built_index
    guarded = TestClient(api_app(LiveIndex(settings.index_home, settings.embedder, index), settings, ("pqa", "s3cret")))
    body = {"question": "湘乡精神是哪八个字？"}
    assert guarded.post("/api/ask", json=body).status_code == 401
    ok = guarded.post("/api/ask", json=body, headers={"Authorization": "Bearer pqa:s3cret"})
    assert ok.status_code == 200 and not ok.json()["refused"]


@pytest.fixture(scope="module")
def served(built_index):
    """`policyqa serve` running on the built index, as a user starts it."""
    _, settings = built_index
    with running_server(settings.home) as url:
        yield url


def test_the_openai_client_talks_to_a_running_server_including_a_follow_up(served):
    from openai import OpenAI

    client = OpenAI(base_url=f"{served}v1", api_key="unused", timeout=60)
    assert [m.id for m in client.models.list()] == ["policyqa"]
    messages = [{"role": "user", "content": "洪江区2025年常住人口城镇化率目标是多少？"}]
    first = client.chat.completions.create(model="policyqa", messages=messages)
    assert "90%" in first.choices[0].message.content and first.model_extra["citations"]
    messages += [{"role": "assistant", "content": first.choices[0].message.content}]
    messages += [{"role": "user", "content": "那湘乡市呢？"}]
    then = client.chat.completions.create(model="policyqa", messages=messages)
    assert "60%" in then.choices[0].message.content and "湘乡" in then.model_extra["searched"]
    stream = client.chat.completions.create(model="policyqa", messages=messages, stream=True)
    chunks = list(stream)
    assert "60%" in "".join(c.choices[0].delta.content or "" for c in chunks)
    assert chunks[-1].model_extra["citations"], "the last chunk carries the citations"


def test_twenty_concurrent_requests_all_succeed(served):
    import httpx
    from openai import OpenAI

    client = OpenAI(base_url=f"{served}v1", api_key="unused", timeout=120)
    questions = ["洪江区到2025年地区生产总值目标是多少？", "湘乡精神是哪八个字？", "洪江市旅游收入目标是多少？", "安江镇建成区面积是多少平方公里？"]

    def ask(i: int) -> bool:
        question = questions[i % len(questions)]
        if i % 2:
            reply = httpx.post(f"{served}api/ask", json={"question": question}, timeout=120).json()
            return reply["question"] == question and ("refused" in reply)
        completion = client.chat.completions.create(model="policyqa", messages=[{"role": "user", "content": question}])
        return bool(completion.choices[0].message.content)

    with ThreadPoolExecutor(max_workers=20) as pool:
        assert all(pool.map(ask, range(20)))
