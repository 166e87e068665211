"""Driving a running `policyqa serve` from outside, as a user's tools do: wait for its page, read its replies."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_page(proc: subprocess.Popen, url: str, timeout: float) -> None:
    """Return once `url` answers 200; RuntimeError if the server exits first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"no page at {url} within {timeout:g} s")
        time.sleep(0.5)
    raise RuntimeError(f"the server exited with {proc.returncode} before its page answered")


def reply_text(chat: list) -> str:
    """The text of the last chat message as `gradio_client` returns it (a string or a list of parts)."""
    content = chat[-1]["content"]
    return content if isinstance(content, str) else " ".join(part.get("text", "") for part in content)
