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


@contextmanager
def running_server(home: Path, **env: str) -> Iterator[str]:
    """`python -m chatbot serve` on `home` (building the index first if it has none), until the block ends."""
    port = free_port()
    log_path = home.parent / f"serve-{port}.log"
    environment = {
        **os.environ,
        "POLICYQA_HOME": str(home),
        "HF_HUB_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        **env,
    }
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "chatbot", "serve", "--port", str(port)], env=environment, stdout=log, stderr=log
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
