"""Driving a running `policyqa serve` from outside, as a user's tools do: wait for its page, read its replies."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


@contextmanager
def serving(home: Path, timeout: float = 600) -> Iterator[tuple[str, float]]:
    """The installed `policyqa serve` on `home` in a user's plain environment: (its URL, seconds until its page
    answered), until the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    policyqa = Path(sys.executable).with_name("policyqa")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "GRADIO_", "POLICYQA_"))}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(policyqa), "--home", str(home), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_page(proc, url, timeout)
        yield url, time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait(timeout=30)
