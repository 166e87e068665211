"""Question analysis: users' words are mapped to the documents' terms, asking words carry no content."""

from __future__ import annotations

from chatbot.question import lexicon, terms
from index.tokens import Tokenizer

TOKENIZE = Tokenizer(["洪江区", "湘乡市"])  # an index's tokenizer keeps its places whole


def test_users_words_name_the_documents_term():
    asked = terms("洪江区去年GDP涨了多少？", TOKENIZE)
    assert [g[0] for g in asked.groups] == ["地区生产总值", "增长"]
    assert "地区生产总值" in asked.search_text("洪江区去年GDP涨了多少？")
    assert "GDP" not in asked.words and "涨" not in "".join(asked.words)


def test_the_longest_users_word_wins():
    assert terms("湘乡人均GDP有多少？", TOKENIZE).groups[0][0] == "人均地区生产总值"
    assert terms("单位GDP能耗降了多少？", TOKENIZE).groups[0][0] == "单位地区生产总值能耗"


def test_asking_words_are_not_content_but_the_subject_is():
    words = terms("洪江区到底要建哪所学校？叫啥名字呢", TOKENIZE).words
    assert not set(words) & {"到底", "哪所", "啥", "名字", "呢"}
    assert "学校" in words and "洪江区" in words


def test_a_question_in_the_documents_own_words_is_left_as_it_is():
    question = "洪江区2025年地区生产总值增长目标是多少？"
    asked = terms(question, TOKENIZE)
    assert asked.search_text(question) == question


def test_the_lexicon_maps_every_word_to_one_term():
    lex = lexicon()
    words = [w for group in lex.groups for w in group]
    assert len(words) == len(set(words)), "a word in two groups would be ambiguous"
    assert not [w for w in words if lex.asking.fullmatch(w)]
