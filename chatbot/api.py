"""HTTP API beside the chat page: `POST /api/ask` (the `ask --json` object) and an OpenAI-compatible
`POST /v1/chat/completions` (model `policyqa`), so other tools can use policyqa as their "model"."""

from __future__ import annotations

import base64
import json
import secrets
import time
import uuid
from collections.abc import Callable, Iterator
from functools import partial

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse

from index.live import LiveIndex

from . import llm
from .answer import Answer
from .settings import Settings

MODEL = "policyqa"


def _allowed(request: Request, auth: tuple[str, str] | None) -> bool:
    """No login configured, or the request carries it: `Bearer USER:PASSWORD` (an OpenAI client's api_key) or Basic."""
    if auth is None:
        return True
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "basic":
        try:
            value = base64.b64decode(value).decode("utf-8")
        except ValueError:
            return False
    elif scheme.lower() != "bearer":
        return False
    return secrets.compare_digest(value, f"{auth[0]}:{auth[1]}")


def _content(result: Answer) -> str:
    """The answer with its `[n]` marks, then the sources it cites; its label first when a chat model is configured."""
    cited = [f"[{i}] 《{c.title}》 {c.locator}" for i, c in enumerate(result.citations, 1) if c.quotes]
    head = f"（{result.label}）\n\n" if result.label else ""
    return head + result.answer + ("\n\n来源：\n" + "\n".join(cited) if cited and not result.refused else "")


def _turns(messages: list[dict]) -> tuple[str, list[tuple[str, str]]]:
    """The last user message, and the (question, answer) pairs before it."""
    texts = [(m.get("role"), m.get("content") if isinstance(m.get("content"), str) else "") for m in messages]
    users = [i for i, (role, _) in enumerate(texts) if role == "user"]
    if not users:
        raise HTTPException(400, "messages 中没有用户提问")
    history = []
    for i, following in zip(users, users[1:]):
        reply = next((text for role, text in texts[i + 1 : following] if role == "assistant"), "")
        history.append((texts[i][1], reply))
    return texts[users[-1]][1], history


def api_app(live: LiveIndex, settings: Settings, auth: tuple[str, str] | None = None) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    async def answering(call: Callable[[], Answer]) -> Answer:
        """In a worker thread, so the event loop keeps serving the page and other callers meanwhile (an answer waiting
        on a chat model may take seconds)."""
        return await run_in_threadpool(call)

    def guard(request: Request) -> None:
        if not _allowed(request, auth):
            raise HTTPException(401, "需要登录：Authorization: Bearer 用户名:密码")

    @app.post("/api/ask")
    async def ask(request: Request) -> JSONResponse:
        guard(request)
        body = await request.json()
        question = body.get("question") if isinstance(body, dict) else None
        if not isinstance(question, str) or not question.strip():
            raise HTTPException(400, "question 应为非空字符串")
        history = [tuple(t) if isinstance(t, list) else t for t in body.get("history", [])]
        call = partial(
            llm.reply, question, live.get(), settings, history=history, doc=body.get("doc"), place=body.get("place")
        )
        result = await answering(call)
        return JSONResponse(result.to_dict())

    @app.get("/v1/models")
    async def models(request: Request) -> JSONResponse:
        guard(request)
        return JSONResponse({"object": "list", "data": [{"id": MODEL, "object": "model", "owned_by": "policyqa"}]})

    @app.post("/v1/chat/completions", response_model=None)
    async def completions(request: Request) -> JSONResponse | StreamingResponse:
        guard(request)
        body = await request.json()
        question, history = _turns(body.get("messages") or [])
        result = await answering(partial(llm.reply, question, live.get(), settings, history=history))
        stamp, ident = int(time.time()), f"chatcmpl-{uuid.uuid4().hex}"
        shown = result.to_dict()
        extra = {k: shown[k] for k in ("citations", "refused", "searched", "mode", "verified", "notice")}
        content = _content(result)
        if not body.get("stream"):
            return JSONResponse(
                {
                    "id": ident,
                    "object": "chat.completion",
                    "created": stamp,
                    "model": MODEL,
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
                    ],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                    **extra,
                }
            )

        def chunks() -> Iterator[str]:
            def chunk(delta: dict, finish: str | None = None, **more) -> str:
                choice = {"index": 0, "delta": delta, "finish_reason": finish}
                data = {"id": ident, "object": "chat.completion.chunk", "created": stamp, "model": MODEL}
                return "data: " + json.dumps({**data, "choices": [choice], **more}, ensure_ascii=False) + "\n\n"

            yield chunk({"role": "assistant", "content": ""})
            for line in content.splitlines(keepends=True):
                yield chunk({"content": line})
            yield chunk({}, "stop", **extra)
            yield "data: [DONE]\n\n"

        return StreamingResponse(chunks(), media_type="text/event-stream")

    return app
