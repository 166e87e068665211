"""The command line as users and scripts call it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import user_env

pytestmark = pytest.mark.slow


def run(*args, home):
    return subprocess.run([sys.executable, "-m", "chatbot", *args], capture_output=True, text=True, env=user_env(home))


def test_ask_json_prints_one_object_on_stdout_and_builds_the_index_first(tmp_path):
    proc = run("ask", "洪江区“十三五”末城镇化率是多少？", "--json", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert set(result) == {
        *("question", "answer", "refused", "citations", "latency_ms", "searched"),
        *("mode", "verified", "notice", "dropped"),  # without a chat model: extractive, not verified, no notice
    }
    assert (result["mode"], result["verified"], result["notice"]) == ("extractive", False, "")
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


@pytest.mark.parametrize("where", ["before", "after"])
def test_home_and_embedder_are_accepted_on_either_side_of_the_command(tmp_path, where):
    chosen, other = tmp_path / "chosen", tmp_path / "other"
    options = ["--home", str(chosen), "--embedder", "some-model"]
    args = [*options, "index", "status"] if where == "before" else ["index", "status", *options]
    proc = run(*args, home=other)  # the option wins over POLICYQA_HOME
    assert proc.returncode == 1, proc.stderr
    assert f"{chosen / 'index'} 中尚无索引" in proc.stdout


def test_a_malformed_login_is_a_usage_error_naming_the_format(tmp_path):
    proc = run("serve", "--auth", "admin", home=tmp_path)
    assert proc.returncode == 2
    assert "用户名:密码" in proc.stderr and "Traceback" not in proc.stderr


def test_serving_beyond_this_machine_warns_in_one_line(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatbot", "serve", "--host", "0.0.0.0", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        env=user_env(tmp_path),
    )
    try:
        first = proc.stderr.readline()  # printed before the index is built or anything is bound
    finally:
        proc.kill()
        proc.wait()
    assert first.startswith("警告: --host 0.0.0.0 使页面对网络开放") and "--auth" in first


def test_eval_skips_bad_qa_lines_by_number_and_scores_the_rest(tmp_path, built_index):
    qa = tmp_path / "foreign.jsonl"
    lines = [
        # only the required fields: all_required, doc, evidence, difficulty and split take their defaults
        {"id": "f1", "question": "湘乡市2025年常住人口城镇化率目标是多少？", "answers": ["60"], "type": "table"},
        "this line is not JSON",
        {"id": "f3", "answers": ["1"], "type": "numeric"},
        {"id": "f4", "question": "洪江区2025年地区生产总值目标？", "type": "numeric", "source": "extra fields pass"},
        {"id": "f5", "question": "火星基地建在哪里？", "answers": [], "type": "unanswerable", "reviewer": "x"},
    ]
    qa.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    proc = run("--home", str(built_index[1].home), "eval", "--qa", str(qa), "--json", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"跳过 {qa} 第 2 行: 不是合法的 JSON" in proc.stderr
    assert f"跳过 {qa} 第 3 行: 缺少必填字段 question" in proc.stderr
    assert f"跳过 {qa} 第 4 行: 缺少必填字段 answers" in proc.stderr
    overall = json.loads(proc.stdout)["dev"]["overall"]
    assert overall["n"] == 2 and overall["answer_accuracy"] == 1.0 and overall["refusal_rate"] == 1.0
    assert overall["hit@1"] is None  # no item names its document, so retrieval cannot be judged


def test_eval_of_a_file_it_cannot_read_names_it(tmp_path):
    missing = tmp_path / "没有这个文件.jsonl"
    proc = run("eval", "--qa", str(missing), home=tmp_path)
    assert proc.returncode == 1
    assert f"无法读取评测文件 {missing}" in proc.stderr and "Traceback" not in proc.stderr
