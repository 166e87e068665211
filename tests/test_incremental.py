"""A new version's keyword index is made from the previous version's, not from the whole corpus again: only new
passages (and those a term that came or went occurs in) are cut, and the result equals a build from scratch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from conftest import QUESTIONS, bm25_from_scratch

from index.bm25 import KeywordIndex, _holding
from index.counts import TermCounts
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
    """One version of the index, as `index.build` writes it: its passages' texts, its user terms, its keyword index."""

    directory: Path
    texts: list[str]
    terms: list[str]
    keyword: KeywordIndex
    reused: int  # distinct texts whose counts came from the version before


def _write(directory: Path, docs: dict[str, ParsedDoc], before: Version | None) -> Version:
    chunks = [c for name in sorted(docs) for c in docs[name].chunks]
    texts = [c.search_text for c in chunks]
    terms = corpus_terms((c.text for c in chunks), {d.place for d in docs.values()})
    stages: list[str] = []
    keyword = KeywordIndex.build(texts, terms, lambda stage, *_: stages.append(stage), before and before.directory)
    directory.mkdir()
    keyword.save(directory)
    reused = [int(s.split("复用 ")[1].split(" ")[0]) for s in stages if "复用" in s]
    return Version(directory, texts, terms, keyword, reused[0] if reused else 0)


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


def test_the_texts_a_term_occurs_in_are_found_as_jieba_sees_them():
    texts = ["全区ＧＤＰ增长", "gdp", "无关", "含\x00空字符的gdp", "地区生产总值", "", "GDP与地区生产总值"]
    for words in ({"gdp"}, {"地区生产总值"}, {"gdp", "地区生产总值"}, {"火星"}):
        expected = {i for i, t in enumerate(texts) if any(w in normalize(t) for w in words)}
        assert _holding(texts, words) == expected
