"""The command line as users and scripts call it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def run(*args, home):
    env = {**os.environ, "POLICYQA_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "chatbot", *args], capture_output=True, text=True, env=env)


def test_ask_json_prints_one_object_on_stdout_and_builds_the_index_first(tmp_path):
    proc = run("ask", "洪江区“十三五”末城镇化率是多少？", "--json", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert set(result) == {"question", "answer", "refused", "citations", "latency_ms"}
    assert {"doc", "title", "locator", "text", "score"} <= set(result["citations"][0])
    status = run("index", "status", "--verify", home=tmp_path)
    assert status.returncode == 0 and "校验通过" in status.stdout


def test_usage_error_exits_2(tmp_path):
    assert run("ask", home=tmp_path).returncode == 2


def test_ingest_show_prints_tree_chunks_and_tables(tmp_path):
    from ingest import CORPUS

    proc = run("ingest", str(CORPUS / "000_ec6e4d95486ab7b0.txt"), "--show", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "地区: 洪江区" in proc.stdout
    assert "第四章 推动工业高质量发展,着力打造绿色循环产业基地" in proc.stdout
    assert "[table_row" in proc.stdout


def test_unreadable_file_is_named_in_a_one_line_error(tmp_path):
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    proc = run("ingest", str(bad), home=tmp_path)
    assert proc.returncode == 1
    assert "坏文件.txt" in proc.stderr
