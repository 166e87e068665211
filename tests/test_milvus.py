"""Vectors in Milvus Lite (a local file, no server): FAISS's retrieval, a collection per version behind the home's alias.

The retrieval tests of test_index.py run on both stores (`stored_index`); these are what only Milvus has.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from chatbot import Settings, answer
from chatbot.cli import main
from eval import DEFAULT_QA, load_qa
from index import Index, StoreMismatch, VectorStore, add_documents, reembed
from index.milvus import alias_of, collection_of, expression

NOTE = "测试县关于智慧农业的实施方案\n一、工作目标\n到2026年,建成智慧农业示范基地12个。\n"


def _lite(directory: Path) -> VectorStore:
    return VectorStore("milvus", str(directory / "milvus.db"))


def _top5(index: Index, question: str) -> list[tuple[str, str]]:
    return [(h.chunk.doc, h.chunk.locator) for h in index.retrieve(question, 5)]


def _cited(index: Index, question: str, settings: Settings) -> list[tuple[str, str]]:
    return [(c.doc, c.locator) for c in answer(question, index, settings).citations]


def test_filters_become_milvus_expressions_with_names_quoted():
    assert expression(None, None) == ""
    assert expression(["000_a.txt"], None) == 'doc in ["000_a.txt"]'
    assert expression(['a"b\\c.txt'], ["洪江区", "湘乡市"]) == 'doc in ["a\\"b\\\\c.txt"] and place in ["洪江区", "湘乡市"]'


def test_a_store_setting_that_cannot_work_is_a_usage_error(tmp_path, capsys, monkeypatch):
    assert main(["index", "status", "--home", str(tmp_path), "--uri", str(tmp_path / "milvus.db")]) == 2
    assert "--store milvus" in capsys.readouterr().err
    monkeypatch.setenv("POLICYQA_STORE", "chroma")
    assert main(["index", "status", "--home", str(tmp_path)]) == 2
    assert "POLICYQA_STORE" in capsys.readouterr().err


@pytest.mark.slow
def test_each_version_is_a_collection_the_home_alias_names(milvus_index):
    index, settings = milvus_index
    m = index.manifest
    assert (m.store, m.store_uri) == ("milvus", str((settings.home / "milvus.db").resolve()))
    assert m.collection == collection_of(settings.index_home, index.version)
    assert not (index.directory / "dense.faiss").exists()
    assert index.dense.client.describe_alias(alias_of(settings.index_home))["collection_name"] == m.collection
    assert (index.dense.ntotal, index.dense.d) == (len(index.chunks), m.dimension)


@pytest.mark.slow
def test_top_five_passages_equal_faiss_for_the_eval_questions(built_index, milvus_index):
    """At 824 passages Milvus returns every allowed passage's cosine, so the ranking is FAISS's; ties broken by the
    last bit of a float may differ, hence 99%, not 100%."""
    faiss, settings = built_index
    milvus, _ = milvus_index
    questions = [item.question for item in load_qa(DEFAULT_QA)]
    retrieved = sum(_top5(faiss, q) == _top5(milvus, q) for q in questions) / len(questions)
    cited = sum(_cited(faiss, q, settings) == _cited(milvus, q, settings) for q in questions) / len(questions)
    assert retrieved >= 0.99 and cited >= 0.99, (retrieved, cited)


@pytest.mark.slow
def test_an_index_in_milvus_refuses_to_be_opened_as_another_store(milvus_index, tmp_path):
    index, _ = milvus_index
    with pytest.raises(StoreMismatch, match="milvus") as faiss:
        Index(index.directory, index.manifest.embedder)
    assert "faiss" in str(faiss.value)
    with pytest.raises(StoreMismatch, match="other.db"):
        Index(index.directory, index.manifest.embedder, VectorStore("milvus", str(tmp_path / "other.db")))


@pytest.mark.slow
def test_moving_to_milvus_and_adding_a_document_reuse_vectors_and_switch_the_alias(tmp_path, built_index):
    faiss, settings = built_index
    home = tmp_path / "index"
    shutil.copytree(settings.index_home, home)
    lite = _lite(tmp_path)
    moved = reembed(home, settings.embedder, vectors=lite, versions_kept=1)
    assert moved.embedded == 0 and moved.previous_store == "faiss"
    first = Index.open(home, settings.embedder, lite)
    assert np.array_equal(first.dense.vectors(), faiss.dense.reconstruct_n(0, faiss.dense.ntotal))
    before = dict(zip((c.hash for c in first.chunks), first.dense.vectors()))

    note = tmp_path / "智慧农业.txt"
    note.write_text(NOTE, encoding="utf-8")
    report = add_documents([note], home, settings.embedder, vectors=lite, versions_kept=1)
    assert report.added == [note.name] and 0 < report.embedded <= 3
    updated = Index.open(home, settings.embedder, lite)
    client = updated.dense.client
    assert client.describe_alias(alias_of(home))["collection_name"] == updated.manifest.collection
    assert updated.manifest.collection != first.manifest.collection
    assert first.manifest.collection not in client.list_collections()  # pruned with its version
    after = updated.dense.vectors()
    assert all(np.array_equal(after[i], before[c.hash]) for i, c in enumerate(updated.chunks) if c.hash in before)
    assert updated.verify() == []
    assert any("智慧农业示范基地12个" in h.chunk.text for h in updated.retrieve("智慧农业示范基地建成多少个", 3))


@pytest.mark.slow
def test_index_status_verify_checks_the_collection_behind_the_alias(tmp_path, built_index, capsys):
    _, settings = built_index
    home = tmp_path / "home"
    shutil.copytree(settings.home, home)
    uri = tmp_path / "milvus.db"
    milvus = ["--home", str(home), "--store", "milvus", "--uri", str(uri)]
    assert main(["index", "update", *milvus]) == 0  # moves the vectors, embeds nothing
    assert "新向量 0" in capsys.readouterr().err
    assert main(["index", "status", "--verify", *milvus]) == 0
    out = capsys.readouterr().out
    assert "校验通过" in out and f"向量存储: milvus {uri}" in out

    assert main(["index", "status", "--verify", "--home", str(home)]) == 1  # configured: FAISS
    assert f"向量存放在 milvus {uri}，当前配置的是 faiss" in capsys.readouterr().out

    index = Index.open(home / "index", settings.embedder, VectorStore("milvus", str(uri)))
    client, alias = index.dense.client, alias_of(home / "index")
    client.create_collection("stray", dimension=index.dense.d)
    client.alter_alias("stray", alias)
    assert main(["index", "status", "--verify", *milvus]) == 1
    assert f"Milvus 别名 {alias} 指向 stray" in capsys.readouterr().out
    client.alter_alias(index.manifest.collection, alias)
    client.delete(index.manifest.collection, ids=[0])
    assert main(["index", "status", "--verify", *milvus]) == 1
    assert f"向量索引有 {len(index.chunks) - 1} 个向量，片段却有 {len(index.chunks)} 个" in capsys.readouterr().out
