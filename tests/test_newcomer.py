"""The README's first command, run as a newcomer runs it: a fresh checkout, a fresh virtualenv, a plain shell.

Only the data home and the port differ, so the test neither touches the user's data nor collides with a
running server. No test variable reaches the product: whatever it needs to start, it must decide itself.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import free_port, reply_text
from test_readme import readme_commands

from eval.serving import wait_for_page

pytestmark = [pytest.mark.newcomer, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "湘乡市“十四五”期间常住人口城镇化率目标是多少？"
XIANGXIANG = "湘乡市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
# What a login shell on this machine holds besides the test run's own settings.
SHELL_VARIABLES = ("HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "TERM", "SHELL", "TMPDIR")
INSTALL_AND_START = 1500  # seconds: a fresh virtualenv takes minutes to install, the server seconds to start


def fresh_checkout(target: Path) -> Path:
    """The project's files as a clone has them: tracked and new files, nothing ignored (no .venv, no caches)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def plain_shell(home: Path) -> dict[str, str]:
    """A newcomer's environment: their shell's basics and the machine's pip settings, no virtualenv active."""
    venv_bin = str(Path(sys.prefix) / "bin")
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != venv_bin)
    env = {k: v for k, v in os.environ.items() if k in SHELL_VARIABLES or k.startswith("PIP_")}
    return {**env, "PATH": path, "POLICYQA_HOME": str(home)}


def test_readme_first_command_starts_a_chatbot_that_answers_with_its_source(tmp_path):
    from gradio_client import Client

    command = readme_commands()[0]
    assert command.endswith("policyqa serve"), command
    port = free_port()
    checkout = fresh_checkout(tmp_path / "policyqa")
    log_path = tmp_path / "newcomer.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            ["bash", "-c", f"{command} --port {port}"],
            cwd=checkout,
            env=plain_shell(tmp_path / "data"),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        try:
            wait_for_page(proc, url, timeout=INSTALL_AND_START)
        except RuntimeError as exc:
            pytest.fail(f"the README's first command: {exc}\n{log_path.read_text()[-6000:]}")
        chat, sources, _ = Client(url, verbose=False).predict(QUESTION, [], "全部", "全部", api_name="/ask")
        assert "2025: 60" in reply_text(chat) and 'href="#pqa-src-1"' in reply_text(chat)
        assert XIANGXIANG in sources and "专栏2 · 常住人口城镇化率" in sources
        assert "Traceback" not in log_path.read_text()
    finally:
        with contextlib.suppress(ProcessLookupError):  # the whole group: bash and the server it started
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        shutil.rmtree(checkout / ".venv", ignore_errors=True)  # about 1 GB with PyTorch
