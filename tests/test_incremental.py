"""A new version's keyword and word indexes are made from the previous version's, not from the whole corpus again:
only new passages (and those a term that came or went occurs in) are cut, and the result equals a build from scratch.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from conftest import QUESTIONS, bm25_from_scratch

from index.bm25 import KeywordIndex, _holding
from index.counts import TermCounts
from index.mentions import MentionIndex, _in_order, _searched
from index.tokens import corpus_terms, normalize
from ingest import CORPUS, ParsedDoc, load

NEW_DOC = """测试县经济发展实施方案
一、工作目标
（一）到2026年,“地区生产总值”翻一番,建成智慧农业示范基地12个。
（二）农产品网络零售额年均增长15%。
"""
EXTRA_QUESTIONS = ["测试县智慧农业示范基地", "地区生产总值翻一番", "湘乡市城镇化率", "“八大行动”", "三高四新", "∅"]


@dataclass
class Version:
    """One version of the index, as `index.build` writes it: its passages' texts, its user terms, and both indexes."""

    directory: Path
    texts: list[str]
    terms: list[str]
    keyword: KeywordIndex
    mentions: MentionIndex
    reused: int  # distinct texts whose counts came from the version before


def _write(directory: Path, docs: dict[str, ParsedDoc], before: Version | None) -> Version:
    chunks = [c for name in sorted(docs) for c in docs[name].chunks]
    texts = [c.search_text for c in chunks]
    terms = corpus_terms((c.text for c in chunks), {d.place for d in docs.values()})
    stages: list[str] = []
    keyword = KeywordIndex.build(texts, terms, lambda stage, *_: stages.append(stage), before and before.directory)
    mentions = MentionIndex.build(list(dict.fromkeys(texts)), before and before.mentions)
    directory.mkdir()
    keyword.save(directory)
    reused = [int(s.split("复用 ")[1].split(" ")[0]) for s in stages if "复用" in s]
    return Version(directory, texts, terms, keyword, mentions, reused[0] if reused else 0)


@pytest.fixture(scope="module")
def versions(tmp_path_factory, parsed) -> list[Version]:
    """Built from scratch of three bundled documents; two more added; a new document that quotes a term older
    passages hold added while one document changes; one document removed (its place and slogans leave the terms)."""
    work = tmp_path_factory.mktemp("versions")
    new_doc, changed = work / "测试县规划.txt", work / "004_cfdaae2226e367c1.txt"
    new_doc.write_text(NEW_DOC, encoding="utf-8")
    report = (CORPUS / changed.name).read_text(encoding="utf-8")
    changed.write_text(report.replace("地区生产总值", "全区地区生产总值", 1), encoding="utf-8")
    steps = [
        {n: parsed[n] for n in ("000_ec6e4d95486ab7b0.txt", "002_93159679ea96d36f.txt", "003_2fdff5521dc10afd.txt")},
        dict(parsed),
        {**parsed, new_doc.name: load(new_doc), changed.name: load(changed)},
        {n: d for n, d in {**parsed, new_doc.name: load(new_doc)}.items() if not n.startswith("001_")},
    ]
    built: list[Version] = []
    for i, docs in enumerate(steps):
        built.append(_write(work / f"v{i}", docs, built[-1] if built else None))
    return built


def test_a_keyword_index_built_from_scratch_scores_as_bm25s_does(versions):
    first = versions[0]
    assert first.reused == 0
    questions = QUESTIONS + EXTRA_QUESTIONS
    expected = bm25_from_scratch(first.texts, first.terms, questions)
    for question, reference in zip(questions, expected):
        assert np.allclose(first.keyword.scores(question), reference, rtol=1e-6, atol=0), question


def test_adding_changing_and_removing_documents_scores_as_a_keyword_index_built_from_scratch(versions):
    questions = QUESTIONS + EXTRA_QUESTIONS
    for version in versions[1:]:
        assert version.reused > 0
        expected = bm25_from_scratch(version.texts, version.terms, questions)
        for question, reference in zip(questions, expected):
            assert np.allclose(version.keyword.scores(question), reference, rtol=1e-6, atol=0), question


def test_only_new_passages_and_those_a_term_that_came_or_went_occurs_in_are_cut_again(versions):
    for before, after in zip(versions, versions[1:]):
        changed = set(before.terms) ^ set(after.terms)
        staying = set(before.texts) & set(after.texts)
        touched = {t for t in staying if any(term in normalize(t) for term in changed)}
        assert after.reused == len(staying - touched)
    added = versions[2]
    assert {"测试县", "地区生产总值"} <= set(added.terms) - set(versions[1].terms)
    assert sum("地区生产总值" in t for t in set(versions[1].texts)) > 20  # older passages the new term sends back


def test_term_counts_are_kept_by_passage_and_lose_the_terms_no_passage_holds(versions):
    for version in versions:
        counts = TermCounts.load(version.directory)
        assert counts.matrix.shape == (len(version.texts), len(counts.vocab))
        assert counts.terms == tuple(version.terms)
        assert np.all(np.bincount(counts.matrix.indices, minlength=len(counts.vocab)) > 0)
    assert "湘乡市" in TermCounts.load(versions[2].directory).vocab
    assert "湘乡市" not in TermCounts.load(versions[3].directory).vocab


def test_the_word_index_made_from_the_previous_one_equals_one_built_from_scratch(versions):
    for version in versions:
        scratch = MentionIndex.build(version.mentions.texts)
        for made, expected in zip(_arrays(version.mentions), _arrays(scratch)):
            assert np.array_equal(made, expected)


def _arrays(index: MentionIndex) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return index.keys, index.offsets, index.owners


def test_texts_that_move_among_the_others_are_indexed_again_and_the_result_equals_a_build_from_scratch():
    rng = random.Random(12)
    texts = ["洪江区地区生产总值", "湘乡市城镇化率", "八大行动", "地区生产总值增长", "a", "", "农村公路"]
    before = MentionIndex.build(texts)
    for after in (
        texts + ["测试县智慧农业"],
        ["八大行动", "新的一段"] + texts,  # a new document sorting first holds a passage of a later one
        texts[2:],
        rng.sample(texts, len(texts)),
        ["含\x00空字符的文本", *texts],
        ["x"],
    ):
        made, expected = MentionIndex.build(after, before), MentionIndex.build(after)
        assert all(np.array_equal(a, b) for a, b in zip(_arrays(made), _arrays(expected)))
        assert [made.holding(w) for w in ("地区生产总值", "八大", "智慧农业")] == [
            [i for i, t in enumerate(after) if w in t] for w in ("地区生产总值", "八大", "智慧农业")
        ]


def test_a_word_index_written_before_separator_pairs_were_left_out_still_serves_as_the_previous_one():
    texts = ["洪江区地区生产总值", "湘乡市城镇化率", "八大行动", "含\x00空字符"]
    codes = np.frombuffer("\x00".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    owner = np.repeat(np.arange(len(texts)), [len(t) + 1 for t in texts])[: len(codes) - 1]
    pairs = (codes[:-1] << np.uint64(32)) | codes[1:]  # every pair of the joined texts, as that layout indexed them
    entries = sorted(set(zip(pairs.tolist(), owner.tolist())))
    keys, starts = np.unique(np.array([p for p, _ in entries], dtype=np.uint64), return_index=True)
    old = MentionIndex(texts, keys, np.append(starts, len(entries)), np.array([o for _, o in entries], np.int32))
    after = ["测试县", *texts[1:], "八大行动方案"]
    made, expected = MentionIndex.build(after, old), MentionIndex.build(after)
    assert all(np.array_equal(a, b) for a, b in zip(_arrays(made), _arrays(expected)))


def test_the_texts_kept_in_order_are_a_longest_increasing_run_of_their_new_positions():
    rng = random.Random(3)
    for _ in range(300):
        position = np.array([rng.randrange(-1, 40) for _ in range(rng.randrange(30))])
        keep = _in_order(position)
        kept = position[keep]
        assert np.all(kept >= 0) and np.all(kept[1:] > kept[:-1])
        present = [p for p in position.tolist() if p >= 0]
        longest = [1] * len(present)  # the quadratic longest increasing subsequence, as a reference
        for i in range(len(present)):
            for j in range(i):
                if present[j] < present[i]:
                    longest[i] = max(longest[i], longest[j] + 1)
        assert keep.sum() == max(longest, default=0)


def test_searching_many_sorted_slices_at_once_agrees_with_searchsorted_on_each():
    rng = np.random.default_rng(5)
    values = np.concatenate([np.sort(rng.integers(0, 50, n)) for n in (0, 7, 1, 30, 3)])
    bounds = np.cumsum([0, 0, 7, 1, 30, 3])
    slot = rng.integers(0, 5, 200)
    targets = rng.integers(-1, 52, 200)
    lo, hi = bounds[slot], bounds[slot + 1]
    expected = [lo[i] + np.searchsorted(values[lo[i] : hi[i]], targets[i]) for i in range(200)]
    assert _searched(values, lo, hi, targets).tolist() == expected


def test_the_texts_a_term_occurs_in_are_found_as_jieba_sees_them():
    texts = ["全区ＧＤＰ增长", "gdp", "无关", "含\x00空字符的gdp", "地区生产总值", "", "GDP与地区生产总值"]
    for words in ({"gdp"}, {"地区生产总值"}, {"gdp", "地区生产总值"}, {"火星"}):
        expected = {i for i, t in enumerate(texts) if any(w in normalize(t) for w in words)}
        assert _holding(texts, words) == expected


def test_a_large_index_embeds_an_additions_passages_in_a_process_of_its_own_to_the_same_vectors(built_index):
    """The process is started before the passages are known (it loads the embedder meanwhile), only for a large index
    in a process without the embedder, and takes no more passages than a document brings."""
    import multiprocessing

    from index.build import _APART, _Apart
    from index.embedder import DEFAULT_EMBEDDER, embed, load_embedder

    index, _ = built_index
    assert _Apart.warm(DEFAULT_EMBEDDER, index.directory) is None  # 824 passages; and its numpy encoder embeds here
    chunks = index.chunks[:40]
    texts, missing = [c.search_text for c in chunks], [c.hash for c in chunks]
    apart = _Apart(DEFAULT_EMBEDDER)
    try:
        assert not apart.embed(index.chunks, [c.hash for c in index.chunks][: _APART + 1])  # a build's embedding
        assert apart.embed(chunks, missing)
        vectors = apart.result()
    finally:
        apart.close()
    np.testing.assert_allclose(vectors, embed(load_embedder(DEFAULT_EMBEDDER), texts), atol=1e-6)
    assert not multiprocessing.active_children()  # the embedding process has ended


def test_an_error_in_the_embedding_process_reaches_the_addition_and_the_process_ends(tmp_path, built_index):
    import multiprocessing

    from index.build import _Apart

    index, _ = built_index
    apart = _Apart(str(tmp_path / "no-such-model"))
    try:
        assert apart.embed(index.chunks[:1], [index.chunks[0].hash])
        with pytest.raises(Exception, match="no-such-model"):
            apart.result()
    finally:
        apart.close()
    assert not multiprocessing.active_children()


def test_an_embedding_process_not_needed_ends_at_once():
    import multiprocessing

    from index.build import _Apart
    from index.embedder import DEFAULT_EMBEDDER

    apart = _Apart(DEFAULT_EMBEDDER)
    apart.close()  # still loading the embedder: an update with nothing to embed ends it, not waits for it
    assert not multiprocessing.active_children()
