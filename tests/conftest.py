"""Shared fixtures: the real seed documents, parsed once, and one real index built from them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ingest import CORPUS, load

SEEDS = {
    "hongjiang_qu_plan": "000_ec6e4d95486ab7b0.txt",
    "xiangxiang_plan": "001_0e369cfbaccd2f2f.txt",
    "hongjiang_shi_actions": "002_93159679ea96d36f.txt",
    "hongjiang_shi_region": "003_2fdff5521dc10afd.txt",
    "hongjiang_qu_report": "004_cfdaae2226e367c1.txt",
}


@pytest.fixture(scope="session")
def parsed():
    """Every seed document parsed, keyed by file name."""
    return {name: load(CORPUS / name) for name in SEEDS.values()}


@pytest.fixture(scope="session")
def built_index(tmp_path_factory):
    """A real index of the bundled corpus with the offline USE embedder."""
    from chatbot import Settings
    from index import Index, build_index
    from ingest import bundled_corpus

    home = tmp_path_factory.mktemp("home")
    settings = Settings(home=home)
    build_index(bundled_corpus(), settings.index_home, settings.embedder)
    return Index.open(settings.index_home, settings.embedder), settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def user_env(home: Path | None = None, **settings: str) -> dict[str, str]:
    """The environment a user's shell gives the product: theirs, plus only settings a user sets too.

    POLICYQA_HOME keeps each test's data away from the user's own; the others are the product's
    documented settings (POLICYQA_MAX_FILE_MB, POLICYQA_AUTH). Nothing here switches the product's
    behaviour off (no GRADIO_* or other library switches): the product decides those itself.
    """
    return {**os.environ, **({"POLICYQA_HOME": str(home)} if home else {}), **settings}


@contextmanager
def running_server(home: Path, *args: str, env: dict[str, str] | None = None, **settings: str) -> Iterator[str]:
    """`python -m chatbot serve` on `home` (building the index first if it has none), until the block ends."""
    port = free_port()
    log_path = home.parent / f"serve-{port}.log"
    environment = {**(env or user_env()), "POLICYQA_HOME": str(home), **settings}
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "chatbot", "serve", "--port", str(port), *args],
            env=environment,
            stdout=log,
            stderr=log,
        )
    try:
        deadline = time.time() + 300
        while True:
            if proc.poll() is not None:
                pytest.fail(f"serve exited: {log_path.read_text()}")
            if time.time() > deadline:
                pytest.fail(f"serve did not start within 300 s: {log_path.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def reply_text(chat: list) -> str:
    """The text of the last chat message as `gradio_client` returns it (a string or a list of parts)."""
    content = chat[-1]["content"]
    return content if isinstance(content, str) else " ".join(part.get("text", "") for part in content)
