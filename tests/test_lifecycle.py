"""The index lifecycle promises: incremental, atomic, crash-safe, one writer, consistent, embedder-bound.

Each test drives the real index of the bundled corpus (copied per test) and would fail without
the mechanism it names: hash-keyed reuse, the sealed version + CURRENT switch, stale cleanup,
the write lock, checksummed verification, and the embedder recorded in the manifest.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import faiss
import numpy as np
import pytest
from conftest import QUESTIONS, bm25_from_scratch, reply_text, running_server, user_env
from filelock import FileLock

from chatbot import Answer, Settings, answer
from index import (
    EmbedderMismatch,
    Index,
    LiveIndex,
    add_documents,
    build_index,
    remove_documents,
    verify,
)
from index.counts import TermCounts
from index.embedder import embed, load_embedder
from index.mentions import MentionIndex
from index.store import current_version, write_chunks
from index.tokens import Tokenizer, normalize
from ingest import CORPUS, bundled_corpus

pytestmark = pytest.mark.slow

EMBEDDER = "use-multilingual"
KNOWN_QUESTION = "湘乡市“十四五”期间常住人口城镇化率目标是多少？"
NEW_DOC = """测试县智慧农业发展实施方案
一、工作目标
（一）到2026年,建成智慧农业示范基地12个,培育数字农业龙头企业5家。
（二）农产品网络零售额年均增长15%。
二、保障措施
（一）设立智慧农业专项资金3000万元。
"""
NEW_QUESTION = "测试县智慧农业示范基地建成多少个？"


def run_cli(*args: str, home: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "chatbot", *args], capture_output=True, text=True, env=user_env(home), **kwargs
    )


@pytest.fixture
def home(tmp_path: Path, built_index) -> Path:
    """A private copy of the built bundled-corpus index (its `index/` directory)."""
    _, settings = built_index
    target = tmp_path / "data" / "index"
    shutil.copytree(settings.index_home, target)
    return target


@pytest.fixture
def new_doc(tmp_path: Path) -> Path:
    path = tmp_path / "测试县智慧农业.txt"
    path.write_text(NEW_DOC, encoding="utf-8")
    return path


def served(home: Path) -> tuple[str, set[str], int]:
    """What a fresh reader would serve: version, documents, chunk count; asserting it is consistent."""
    index = Index.open(home, EMBEDDER)
    assert verify(index.directory) == []
    return index.version, set(index.manifest.docs), len(index.chunks)


def leftovers(home: Path) -> list[str]:
    current = (home / "CURRENT").read_text().strip()
    return sorted(
        p.name for p in [*(home / "versions").iterdir(), *home.glob("CURRENT.*")] if ".tmp-" in p.name or p.name > current
    )


# 1. Incremental ---------------------------------------------------------------------------------


def test_adding_a_document_embeds_only_its_passages(home, new_doc):
    before = served(home)
    report = add_documents([new_doc], home, EMBEDDER)
    assert report.added == [new_doc.name]
    assert sorted(report.unchanged) == sorted(before[1])
    assert report.embedded == report.chunks - before[2] > 0
    index = Index.open(home, EMBEDDER)
    assert "12个" in answer(NEW_QUESTION, index).answer


def test_adding_a_document_imports_no_torch_nor_loads_jiebas_dictionary_and_stores_the_vectors_a_build_would(
    home, new_doc
):
    """Importing torch and sentence-transformers took 4.5 of the 4.9 s of adding a document to the bundled index, and
    loading jieba's dictionary half a second: the default model's numpy encoder embeds the few passages, the previous
    version's saved dictionary cuts them, and what is stored is what sentence-transformers and jieba would store."""
    script = (
        f"import sys; from chatbot.cli import main; code = main(['index', 'add', {str(new_doc)!r}]); "
        "print(sorted(m for m in ('torch', 'sentence_transformers') if m in sys.modules)); "
        "import jieba; print(type(jieba.dt.FREQ) is dict); sys.exit(code)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], env=user_env(home.parent), capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-2:] == ["[]", "False"]
    index = Index.open(home, EMBEDDER)
    added = [i for i, c in enumerate(index.chunks) if c.doc == new_doc.name]
    texts = [index.chunks[i].search_text for i in added]
    assert len(added) >= 3
    stored = index.dense.rows(added)
    assert np.abs(stored - embed(load_embedder(EMBEDDER), texts)).max() <= 1e-5
    counts = TermCounts.load(index.directory)
    fresh = Tokenizer(counts.terms)
    for i in added:
        held = counts.matrix[[i]]
        assert {counts.vocab[t]: int(n) for t, n in zip(held.indices, held.data)} == Counter(
            fresh(index.chunks[i].search_text) or ["∅"]
        )
    assert "12个" in answer(NEW_QUESTION, index).answer


def test_adding_a_document_tokenizes_only_the_passages_its_new_terms_touch(home, tmp_path):
    """Term counts are kept by passage hash; a term the new document brings (its place, a slogan it quotes) sends the
    passages that hold it back to jieba, and what is stored equals cutting every passage afresh."""
    doc = tmp_path / "测试县规划.txt"
    doc.write_text(NEW_DOC + "（三）“地区生产总值”翻一番。\n", encoding="utf-8")
    before = {c.search_text for c in Index.open(home, EMBEDDER).chunks}
    stages: list[str] = []
    add_documents([doc], home, EMBEDDER, progress=lambda stage, done, total: stages.append(stage))
    reused = next(int(m.group(1)) for s in stages if (m := re.search(r"关键词索引（复用 (\d+) 段分词）", s)))
    index = Index.open(home, EMBEDDER)
    counts = TermCounts.load(index.directory)
    assert {"测试县", "地区生产总值"} <= set(counts.terms)
    assert counts.hashes == [c.hash for c in index.chunks]
    fresh = Tokenizer(counts.terms)
    for row, chunk in enumerate(index.chunks):
        held = counts.matrix[[row]]
        stored = {counts.vocab[term]: int(n) for term, n in zip(held.indices, held.data)}
        assert stored == Counter(fresh(chunk.search_text) or ["∅"])
    touched = {t for t in before if "地区生产总值" in normalize(t) or "测试县" in normalize(t)}
    assert len(touched) > 20 and reused == len(before - touched)


def test_adding_and_removing_documents_keeps_the_keyword_and_word_indexes_equal_to_a_full_builds(
    home, new_doc, tmp_path
):
    """Each version's BM25 is made from the previous version's term counts, its word index from the previous word
    index, its passage records partly copied from the previous file: after an add and a remove all three equal what
    building every passage from scratch gives."""
    add_documents([new_doc], home, EMBEDDER)
    remove_documents(["001_0e369cfbaccd2f2f.txt"], home, EMBEDDER)
    index = Index.open(home, EMBEDDER)
    texts = [c.search_text for c in index.chunks]
    assert new_doc.name in index.manifest.docs and not any(c.place == "湘乡市" for c in index.chunks)
    questions = [*QUESTIONS, NEW_QUESTION]
    for question, expected in zip(questions, bm25_from_scratch(texts, index.keyword.tokenizer.user_terms, questions)):
        assert np.allclose(index.keyword.scores(question), expected, rtol=1e-6, atol=0), question
    scratch = MentionIndex.build(list(dict.fromkeys(texts)))
    loaded = MentionIndex.load(index.directory, scratch.texts)
    for made, expected in ((loaded.keys, scratch.keys), (loaded.offsets, scratch.offsets), (loaded.owners, scratch.owners)):
        assert np.array_equal(made, expected)
    write_chunks(tmp_path, index.chunks)
    assert (tmp_path / "chunks.jsonl").read_bytes() == (index.directory / "chunks.jsonl").read_bytes()


def test_editing_one_clause_re_embeds_only_that_clause(home, tmp_path):
    original = (CORPUS / "004_cfdaae2226e367c1.txt").read_text(encoding="utf-8")
    edited_text = original.replace("地区生产总值", "地区生产总值（修订）", 1)
    assert edited_text != original
    edited = tmp_path / "004_cfdaae2226e367c1.txt"
    edited.write_text(edited_text, encoding="utf-8")
    report = build_index([*(p for p in bundled_corpus() if p.name != edited.name), edited], home, EMBEDDER)
    assert report.changed == [edited.name]
    assert report.embedded == 1


def test_documents_a_previous_parser_cut_are_parsed_again_reusing_their_vectors(home, monkeypatch):
    import index.build
    import index.store

    before = served(home)
    monkeypatch.setattr(index.build, "PARSER_VERSION", index.build.PARSER_VERSION + 1)
    monkeypatch.setattr(index.store, "PARSER_VERSION", index.build.PARSER_VERSION)
    report = build_index(bundled_corpus(), home, EMBEDDER)
    assert sorted(report.changed) == sorted(before[1]) and not report.unchanged
    assert report.embedded == 0  # same passages, same vectors: only their metadata is new
    assert {d.parser for d in Index.open(home).manifest.docs.values()} == {index.build.PARSER_VERSION}


def test_opening_an_index_an_older_version_parsed_parses_it_again(home, monkeypatch):
    """After an upgrade the product answers from what the new parser cuts, not from the chunks it finds on disk."""
    import index.build
    import index.store
    from chatbot.cli import open_index

    newer = index.build.PARSER_VERSION + 1
    monkeypatch.setattr(index.build, "PARSER_VERSION", newer)
    monkeypatch.setattr(index.store, "PARSER_VERSION", newer)
    before = served(home)
    opened = open_index(Settings(home=home.parent, embedder=EMBEDDER), quiet=True)
    assert {d.parser for d in opened.manifest.docs.values()} == {newer}
    assert set(opened.manifest.docs) == before[1] and opened.version != before[0]


def test_a_file_left_out_of_a_sync_loses_its_chunks(home):
    _, docs, count = served(home)
    gone = "003_2fdff5521dc10afd.txt"
    report = build_index([p for p in bundled_corpus() if p.name != gone], home, EMBEDDER)
    assert report.removed == [gone] and report.embedded == 0
    _, after, after_count = served(home)
    assert after == docs - {gone}
    assert not any(c.doc == gone for c in Index.open(home).chunks)
    assert after_count < count


# 2. Atomic --------------------------------------------------------------------------------------


def test_readers_see_a_whole_old_or_whole_new_index_during_updates(home, new_doc):
    base = set(Index.open(home).manifest.docs)
    allowed = [base, base | {new_doc.name}]
    seen, problems = [], []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            index = Index.open(home, EMBEDDER)
            n = len(index.chunks)
            counts = (index.dense.ntotal, int(index.keyword.retriever.scores["num_docs"]), index.manifest.chunk_count)
            if counts != (n, n, n) or set(index.manifest.docs) not in allowed:
                problems.append((index.version, n, counts))
            seen.append(index.version)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for _ in range(2):
            add_documents([new_doc], home, EMBEDDER)
            remove_documents([new_doc.name], home, EMBEDDER)
    finally:
        done.set()
        thread.join()
    assert problems == []
    assert len(set(seen)) >= 2  # the reader really crossed version switches


# 3. Crash-safe ----------------------------------------------------------------------------------

# Kill the writer with SIGKILL when it reports reaching a step: while reading, before embedding,
# while tokenizing, half-way through writing files, after sealing (before the rename), after the
# rename (before CURRENT switches), and after the switch.
KILL_AT = [
    ("读取文档", 0),
    ("向量化", 0),
    ("关键词索引", 0),
    ("写入索引", 2),
    ("写入索引", 4),
    ("切换版本", 1),
    ("切换版本", 2),
]
KILLER = """
import os, signal, sys
from pathlib import Path
from index import add_documents
home, doc, stage, at = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
def progress(s, done, total):
    if s.startswith(stage) and done == at:  # `关键词索引（复用 …）`: the stage, saying what it reused
        os.kill(os.getpid(), signal.SIGKILL)
add_documents([doc], home, "use-multilingual", progress=progress)
sys.exit(3)  # never reached the kill point
"""


@pytest.mark.parametrize("stage,at", KILL_AT, ids=[f"{s}-{a}" for s, a in KILL_AT])
def test_a_writer_killed_at_any_step_leaves_the_last_complete_index_serving(home, new_doc, stage, at):
    version, docs, _ = served(home)
    env = user_env()
    proc = subprocess.run([sys.executable, "-c", KILLER, str(home), str(new_doc), stage, str(at)], env=env)
    assert proc.returncode == -signal.SIGKILL

    switched = (stage, at) == ("切换版本", 2)
    after_version, after_docs, _ = served(home)
    assert (after_version != version) == switched
    assert after_docs == (docs | {new_doc.name} if switched else docs)
    assert "2025: 60" in answer(KNOWN_QUESTION, Index.open(home, EMBEDDER)).answer

    report = add_documents([new_doc], home, EMBEDDER)  # the next writer finishes the job and tidies up
    assert leftovers(home) == []
    assert len(list((home / "versions").iterdir())) <= 2
    assert served(home)[1] == docs | {new_doc.name}
    assert (new_doc.name in report.added) != switched


def test_a_build_killed_from_outside_at_random_moments_never_breaks_the_index(home):
    docs = served(home)[1]
    for delay in (4.0, 6.5, 9.0):  # start-up, parsing/embedding, writing (a full build takes ~8 s after start-up)
        env = user_env(home.parent)
        proc = subprocess.Popen(
            [sys.executable, "-m", "chatbot", "index", "build"], env=env, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert served(home)[1] == docs
    assert run_cli("index", "update", home=home.parent).returncode == 0
    assert leftovers(home) == []


RESUMER = """
import os, signal, sys
from pathlib import Path
from index import build_index
from ingest import bundled_corpus
def progress(stage, done, total):
    if stage.startswith("向量化") and done >= 0.7 * total:
        os.kill(os.getpid(), signal.SIGKILL)
build_index(bundled_corpus(), Path(sys.argv[1]), "use-multilingual", incremental=False, progress=progress)
sys.exit(3)  # never reached the kill point
"""


def test_a_build_killed_at_70_percent_of_embedding_resumes_from_what_it_had_embedded(tmp_path, built_index):
    index, _ = built_index
    home = tmp_path / "index"
    proc = subprocess.run([sys.executable, "-c", RESUMER, str(home)], env=user_env())
    assert proc.returncode == -signal.SIGKILL
    assert current_version(home) is None  # nothing was published
    stages: list[str] = []
    report = build_index(bundled_corpus(), home, EMBEDDER, progress=lambda s, d, t: stages.append(s))
    assert 0 < report.embedded <= 0.4 * report.chunks  # of 824, at most 256 lost with the kill
    assert any(s.startswith("向量化（已复用中断前的") for s in stages)  # the progress bar says so
    resumed = Index.open(home, EMBEDDER)
    stored = {c.hash: v for c, v in zip(index.chunks, index.dense.reconstruct_n(0, index.dense.ntotal))}
    vectors = resumed.dense.reconstruct_n(0, resumed.dense.ntotal)
    assert max(abs(stored[c.hash] - v).max() for c, v in zip(resumed.chunks, vectors)) <= 1e-6
    assert not (home / "checkpoints").exists()  # the published version holds every vector now
    assert "2025: 60" in answer(KNOWN_QUESTION, resumed).answer


def test_old_versions_beyond_the_number_kept_are_pruned_after_each_switch(home, new_doc):
    versions = lambda: sorted(p.name for p in (home / "versions").iterdir())  # noqa: E731
    add_documents([new_doc], home, EMBEDDER, versions_kept=3)
    remove_documents([new_doc.name], home, EMBEDDER, versions_kept=3)
    assert len(versions()) == 3 and versions()[-1] == current_version(home).name
    add_documents([new_doc], home, EMBEDDER)  # the default keeps the current version and the one before it
    assert len(versions()) == 2
    remove_documents([new_doc.name], home, EMBEDDER, versions_kept=1)
    assert versions() == [current_version(home).name]
    assert "2025: 60" in answer(KNOWN_QUESTION, Index.open(home, EMBEDDER)).answer


# 4. One writer, many readers --------------------------------------------------------------------


def test_a_second_writer_fails_clearly_while_the_first_holds_the_lock(home, new_doc):
    before = served(home)
    with FileLock(home / "write.lock"):
        proc = run_cli("index", "add", str(new_doc), "--wait", "1", home=home.parent)
    assert proc.returncode == 1
    assert "另一个索引更新正在进行" in proc.stderr
    assert served(home) == before


def test_two_concurrent_writers_both_land(home, tmp_path, new_doc):
    other = tmp_path / "测试县数字乡村.txt"
    other.write_text("测试县数字乡村建设方案\n一、目标\n到2027年,建成数字乡村示范村30个。\n", encoding="utf-8")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "chatbot", "index", "add", str(doc)],
            env=user_env(home.parent),
            stderr=subprocess.PIPE,
            text=True,
        )
        for doc in (new_doc, other)
    ]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    assert {new_doc.name, other.name} <= served(home)[1]


def test_a_live_index_answers_20_concurrent_questions_during_an_update_and_then_serves_it(home, new_doc):
    live = LiveIndex(home, EMBEDDER)
    settings = Settings(home=home.parent)
    before = live.get().version
    answer(KNOWN_QUESTION, live.get(), settings)  # loaded and warm, as a serving index is: an addition takes a second
    env = user_env(home.parent)
    writer = subprocess.Popen([sys.executable, "-m", "chatbot", "index", "add", str(new_doc)], env=env)
    during_update: list[bool] = []  # per answer: was the writer still at work when it was given

    def ask(_: int) -> Answer:
        result = answer(KNOWN_QUESTION, live.get(), settings)
        during_update.append(writer.poll() is None)
        return result

    with ThreadPoolExecutor(max_workers=20) as pool:
        while writer.poll() is None:
            results = list(pool.map(ask, range(20)))
            assert all(not r.refused and "2025: 60" in r.answer for r in results)
    assert writer.returncode == 0
    assert sum(during_update) >= 10  # 23–29 of 40 on 2 idle cores: the writer takes about a second
    assert live.get().version != before
    assert "12个" in answer(NEW_QUESTION, live.get(), settings).answer


def test_a_running_server_answers_20_concurrent_questions_during_an_update_then_serves_the_new_version(
    home, new_doc
):
    from gradio_client import Client

    def reply(job) -> str:
        return reply_text(job.result(timeout=120)[0])

    # a large document (some 700 passages, embedded through sentence-transformers): a few passages are added within
    # a second, before twenty questions to a server are answered
    task = "（{0}）第{0}项测试任务：在测试县第{0}片区建设智慧农业测试设施{0}处，配套建设数字农业服务站点与物联网监测设备。\n"
    new_doc.write_text(NEW_DOC + "三、测试任务\n" + "".join(task.format(i) for i in range(1, 801)), encoding="utf-8")
    with running_server(home.parent) as url:
        client = Client(url, verbose=False)
        ask = (KNOWN_QUESTION, [], "全部", "全部")
        writer = subprocess.Popen(
            [sys.executable, "-m", "chatbot", "index", "add", str(new_doc)],
            env=user_env(home.parent),
        )
        rounds_during_update = 0
        while writer.poll() is None:
            jobs = [client.submit(*ask, api_name="/ask") for _ in range(20)]
            assert all("2025: 60" in reply(job) for job in jobs)
            rounds_during_update += writer.poll() is None
        assert writer.returncode == 0 and rounds_during_update >= 1
        assert "12个" in reply(client.submit(NEW_QUESTION, [], "全部", "全部", api_name="/ask"))


# 5. Consistent ----------------------------------------------------------------------------------


def _rewrite_manifest_checksums(version: Path) -> None:
    """Make a tampered file look legitimate to the checksum check, so only the deeper checks remain."""
    from index.store import file_sha256

    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"] = {rel: file_sha256(version / rel) for rel in manifest["files"]}
    (version / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def _truncate_vectors(version: Path) -> None:
    data = (version / "dense.faiss").read_bytes()
    (version / "dense.faiss").write_bytes(data[: len(data) // 2])


def _drop_a_chunk_record(version: Path) -> None:
    lines = (version / "chunks.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (version / "chunks.jsonl").write_text("".join(lines[:-1]), encoding="utf-8")


def _edit_a_passage(version: Path) -> None:
    text = (version / "chunks.jsonl").read_text(encoding="utf-8")
    (version / "chunks.jsonl").write_text(text.replace("60%", "70%", 1), encoding="utf-8")


def _swap_two_vectors_and_hide_it(version: Path) -> None:
    index = faiss.read_index(str(version / "dense.faiss"))
    vectors = index.reconstruct_n(0, index.ntotal)
    n = len(vectors)
    vectors[[0, n // 2]] = vectors[[n // 2, 0]]
    fresh = faiss.IndexFlatIP(index.d)
    fresh.add(vectors)
    faiss.write_index(fresh, str(version / "dense.faiss"))
    _rewrite_manifest_checksums(version)


def _swap_two_chunk_records_and_hide_it(version: Path) -> None:
    lines = (version / "chunks.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    n = len(lines)
    lines[0], lines[n // 2] = lines[n // 2], lines[0]
    (version / "chunks.jsonl").write_text("".join(lines), encoding="utf-8")
    _rewrite_manifest_checksums(version)


def _swap_two_rows_of_term_counts_and_hide_it(version: Path) -> None:
    counts = TermCounts.load(version)
    rows = np.arange(counts.matrix.shape[0])
    rows[[0, len(rows) // 2]] = rows[[len(rows) // 2, 0]]
    counts.matrix = counts.matrix[rows]
    counts.save(version)
    _rewrite_manifest_checksums(version)


CORRUPTIONS = {
    "truncated vectors": (_truncate_vectors, "dense.faiss"),
    "missing chunk record": (_drop_a_chunk_record, "chunks.jsonl"),
    "edited passage": (_edit_a_passage, "chunks.jsonl"),
    "vectors swapped, checksums rewritten": (_swap_two_vectors_and_hide_it, "个向量中有"),
    "records swapped, checksums rewritten": (_swap_two_chunk_records_and_hide_it, "个向量中有"),
    "term counts swapped, checksums rewritten": (_swap_two_rows_of_term_counts_and_hide_it, "行词频中有"),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_verify_reports_a_corrupted_index(home, corruption):
    damage, expected = CORRUPTIONS[corruption]
    version = current_version(home)
    assert verify(version) == []
    damage(version)
    problems = verify(version)
    assert any(expected in p for p in problems), problems


def test_status_verify_exits_1_and_names_the_damage_then_a_rebuild_repairs_it(home):
    _truncate_vectors(current_version(home))
    proc = run_cli("index", "status", "--verify", home=home.parent)
    assert proc.returncode == 1
    assert "不一致: dense.faiss 在索引写成后被修改" in proc.stdout
    assert run_cli("index", "build", home=home.parent).returncode == 0
    assert verify(current_version(home)) == []


# 7. Embedder change -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def other_embedder(tmp_path_factory) -> str:
    """A second, real sentence-transformers model on disk: character embeddings over the corpus's characters."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer, models, pre_tokenizers

    chars = sorted({ch for p in bundled_corpus() for ch in p.read_text(encoding="utf-8")} - {"\n"})
    vocab = {"[UNK]": 0, **{ch: i + 1 for i, ch in enumerate(chars)}}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Split("", behavior="isolated")
    path = tmp_path_factory.mktemp("models") / "char-static-64"
    SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_dim=64)], device="cpu").save(str(path))
    return str(path)


def test_switching_the_embedder_announces_and_runs_a_full_re_embedding(home, other_embedder):
    chunks = len(Index.open(home).chunks)
    proc = run_cli("--embedder", other_embedder, "ask", KNOWN_QUESTION, "--json", home=home.parent)
    assert proc.returncode == 0, proc.stderr
    assert f"索引由嵌入模型 {EMBEDDER} 构建" in proc.stderr and other_embedder in proc.stderr
    index = Index.open(home, other_embedder)
    assert index.manifest.embedder == other_embedder and index.dense.d == 64
    assert index.dense.ntotal == chunks
    assert verify(index.directory) == []
    assert json.loads(proc.stdout)["citations"]


def test_an_index_is_never_queried_with_another_models_vectors(home, other_embedder):
    live = LiveIndex(home, EMBEDDER)
    with pytest.raises(EmbedderMismatch):
        Index.open(home, other_embedder)
    from index import reembed

    reembed(home, other_embedder)
    assert live.get().manifest.embedder == EMBEDDER  # the server keeps its own model's version
    assert "由嵌入模型" in live.error
    with pytest.raises(EmbedderMismatch):
        Index.open(home, EMBEDDER)
