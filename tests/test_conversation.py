"""Follow-up questions in a conversation: what they leave out comes from the turns before (issue 11)."""

from __future__ import annotations

import pytest

from chatbot import answer
from chatbot.answer import _ORDINAL, _THIS_PASSAGE, _nth_listed, answered_documents, in_context


def ask_in_turn(questions: list[str], built_index) -> list:
    index, settings = built_index
    history: list[tuple[str, str]] = []
    results = []
    for question in questions:
        result = answer(question, index, settings, history=history)
        history.append((result.question, result.answer))
        results.append(result)
    return results


def test_a_follow_up_that_names_only_a_place_asks_the_same_of_that_place(built_index):
    first, then = ask_in_turn(["洪江区2025年常住人口城镇化率目标是多少？", "那湘乡市呢？"], built_index)
    assert "90%" in first.answer and not first.searched
    assert not then.refused and "60%" in then.answer and "城镇化率" in then.searched


def test_a_follow_up_that_names_only_a_year_keeps_the_place_and_thing(built_index):
    *_, then = ask_in_turn(["湘乡十四五常住人口城镇化率目标是多少？", "2020年呢？"], built_index)
    assert not then.refused and "52%" in then.answer


def test_a_follow_up_naming_another_indicator_asks_of_it_what_was_asked_before(built_index):
    first, then = ask_in_turn(["洪江区去年游客人次增长多少", "旅游收入呢"], built_index)
    assert "11.4%" in first.answer
    assert "游客人次" not in then.searched and "去年" in then.searched and "13.4%" in then.answer
    *_, then = ask_in_turn(["洪江区管委工作报告里今年GDP增长目标是多少？", "固定资产投资呢？"], built_index)
    assert "地区生产总值" not in then.searched and "GDP" not in then.searched
    assert "固定资产投资增长7.5%" in then.answer


def test_an_ordinal_follow_up_names_a_member_of_the_list_answered_before(built_index):
    listed, second = ask_in_turn(["洪江区全面小康实现程度分哪几个方面算？", "第二个方面实现程度多少？"], built_index)
    assert "人民生活" in listed.answer
    assert "人民生活" in second.searched and "78.2%" in second.answer


def test_the_next_ordinal_asks_the_same_of_the_next_member(built_index):
    questions = ["湘乡重点壮大的三个农业示范园是哪几个？", "第二个主打什么？", "第三个呢？"]
    _, second, third = ask_in_turn(questions, built_index)
    assert "泉塘" in second.searched and "优质果蔬" in second.answer
    assert "白田" in third.searched and "体验观光农业" in third.answer


def test_an_ordinal_counts_the_last_member_joined_by_he_when_that_makes_as_many_as_asked(built_index):
    said = "努力将洪江建设成全国知名旅游目的地城市、中国南方康养度假胜地和县域绿色循环经济示范区。"
    before = "洪江区十四五要建成哪三个定位？"
    assert _nth_listed(_ORDINAL.search("第三个呢"), before, said) == "县域绿色循环经济示范区"
    # no count asked: `和` may join words of one member's name (`科技和人才`), so it is not split
    assert _nth_listed(_ORDINAL.search("第二个呢"), "哪几个定位？", said).startswith("中国南方康养度假胜地和")
    _, second, third = ask_in_turn([before, "第二个是什么", "第三个呢"], built_index)
    assert "中国南方康养度假胜地" in second.searched and "县域" not in second.searched
    assert "县域绿色循环经济示范区" in third.searched


def test_a_thing_named_right_before_this_one_is_the_thing_it_asks_of(built_index):
    """`城镇调查失业率这一项` names its indicator (the next turn asks of it); `湘乡这个指标` points back."""
    questions = ["洪江区“十四五”规划纲要专栏2中,森林覆盖率2025年目标是多少?", "湘乡的呢?"]
    *_, named, then = ask_in_turn([*questions, "城镇调查失业率这一项,湘乡定的目标和属性?", "洪江区这项呢?"], built_index)
    assert "森林覆盖率" not in named.searched and "2.7%" in named.answer
    assert "森林覆盖率" not in then.searched and "5.6%" in then.answer and "预期性" in then.answer
    *_, again = ask_in_turn(["洪江区十四五城镇化率目标是多少？", "湘乡这个指标定的多少？"], built_index)
    assert "城镇化率" in again.searched and "60%" in again.answer


def test_how_large_asks_on_its_own_after_an_ordinal(built_index):
    """`第一个组团规划面积有多大？` asks its own figure of the first member, not the turn before's `以哪里为核心`."""
    questions = ["湘乡十四五空间布局里，中心城区要推进哪三大组团？", "第二个组团的商贸物流中心以哪里为核心？"]
    *_, then = ask_in_turn([*questions, "第一个组团规划面积有多大？"], built_index)
    assert "面积有多大" in then.searched and "核心" not in then.searched
    assert then.refused  # the plan gives no group's area


def test_a_follow_up_carrying_the_plan_it_asks_of_is_not_kept_to_the_report_read_last(built_index):
    """The plan was asked of, a report answered the turn between: `2025年目标` carried with `规划` is the plan's."""
    questions = ["洪江区十四五规划中，到2025年全区工业总产值要达到多少？", "2024年规模工业总产值实际完成多少？"]
    *_, between, then = ask_in_turn([*questions, "规上工业增加值2025年目标呢？"], built_index)
    assert "82亿元" in between.answer and "规划" in then.searched
    assert "30亿元" in then.answer and "增长8%" not in then.answer


def test_a_follow_up_naming_a_place_and_a_side_asks_that_side_of_the_subject_there(built_index):
    *_, then = ask_in_turn(["洪江区城市低保标准提到多少了", "洪江市那边农村的是多少"], built_index)
    assert "低保" in then.searched and "5400元/年" in then.answer
    assert then.citations[0].doc.startswith(("002", "003")), "洪江市's documents"


def test_a_follow_up_adding_one_more_question_asks_what_follows_its_also(built_index):
    questions = ["洪江区城乡居民养老保险待遇提到多少了", "还有新生儿参保那个一件事 现在多久能办完"]
    *_, then = ask_in_turn(questions, built_index)
    assert "还有" not in then.searched and not then.refused and "30分钟" in then.answer


def test_a_slogan_recalled_by_its_opening_is_answered_by_the_sentence_quoting_it(built_index):
    *_, then = ask_in_turn(["湘乡的发展战略是啥", "它提的那个建设口号 实力什么的"], built_index)
    assert not then.refused and "实力湘乡、幸福龙城" in then.answer


def test_a_follow_up_naming_a_document_drops_the_relative_year_of_the_turn_before(built_index):
    questions = ["洪江区去年接待游客增长了多少", "旅游收入呢", "洪江市八大行动里这个目标是多少"]
    *_, then = ask_in_turn(questions, built_index)
    assert "去年" not in then.searched and "旅游收入" in then.searched
    assert not then.refused and "35%" in then.answer
    *_, kept = ask_in_turn(["湘乡农村人均可支配收入2025年要到多少", "洪江区规划定的呢"], built_index)
    assert "37300" in kept.answer or "21450" in kept.answer, "a year named stays that year in another document"


def test_a_follow_up_asking_which_members_a_counted_term_has_is_answered_by_its_definition(built_index):
    *_, which = ask_in_turn(["洪江区去年争取了几个“四类项目”", "资金多少", "这四类是哪四类"], built_index)
    assert not which.refused and "专项债项目" in which.answer and "超长期特别国债项目" in which.answer


def test_an_ordinal_into_a_list_asked_as_a_follow_up_keeps_the_place_the_list_was_asked_of(built_index):
    questions = ["湘乡“4+3”产业体系里四大主导产业是哪几个", "那三个特色的呢", "第二个依托哪些企业"]
    *_, second = ask_in_turn(questions, built_index)
    assert "湘乡市" in second.searched and "智能铸造" in second.searched


def test_a_yearly_growth_a_table_does_not_give_is_not_answered_by_the_rows_levels(built_index):
    questions = ["洪江区十四五对外贸易依存度2025年目标值", "年均增速呢", "湘乡2025年这个指标是多少", "湘乡的年均增速呢"]
    first, growth, level, missing = ask_in_turn(questions, built_index)
    assert "6%" in growth.answer and not growth.refused, "洪江区's table has a yearly-growth column"
    assert "4.5%" in level.answer and not level.refused, "a level asked after a growth is still a level"
    assert missing.refused, "湘乡市's table gives 2020 and 2025 levels, no yearly growth"


def test_an_ordinal_points_into_a_list_answered_a_line_each(built_index):
    index, _ = built_index
    listed = ("洪江区国土绿化4大工程是哪几个", "专栏12：\n1、森林质量精准提升工程。[1]\n2、秀美村庄建设工程。[2]\n3、生态廊道绿化提质工程。[3]")
    assert "秀美村庄建设工程" in in_context("第二个要达到什么目标", [listed], index)[0]
    assert "生态廊道绿化提质工程" in in_context("最后一个呢", [listed], index)[0]
    headed = ("洪江市八大行动是哪八个", "二、重点任务：\n(一)大力实施产业培塑行动。[1]\n(二)大力实施创新提升行动。[2]")
    assert "创新提升行动" in in_context("第二个是什么", [headed], index)[0], "a heading is no member"
    asked_plainly = ("洪江区国土绿化有几大工程都是些啥", listed[1])
    assert "秀美村庄建设工程" in in_context("第二个是搞什么的", [asked_plainly], index)[0]


def test_a_question_that_names_its_own_place_and_thing_starts_fresh(built_index):
    *_, fresh = ask_in_turn(["洪江区2025年常住人口城镇化率目标是多少？", "湘乡市十四五末GDP目标多少？"], built_index)
    assert not fresh.searched and "750亿元" in fresh.answer


def test_without_a_conversation_nothing_is_inherited(built_index):
    index, settings = built_index
    assert answer("那湘乡市呢？", index, settings).searched == ""


def test_last_year_said_as_the_year_before_is_last_year(built_index):
    *_, then = ask_in_turn(["洪江区今年旅游收入的增长目标是多少", "上一年实际增长了多少"], built_index)
    assert "今年" not in then.searched and not then.refused and "13.4%" in then.answer


def test_a_follow_up_counting_people_or_households_asks_it_of_the_subject_before(built_index):
    *_, people = ask_in_turn(["洪江区一共有多少户建档立卡贫困户脱了贫", "涉及多少人"], built_index)
    assert "贫困户" in people.searched and "3452人" in people.answer
    *_, firms = ask_in_turn(["洪江市2024年底实有经营主体要达到多少户", "企业占多少户"], built_index)
    assert "经营主体" in firms.searched and "5622户" in firms.answer


def test_an_ordinal_led_in_and_out_with_words_of_its_own_still_names_the_member(built_index):
    questions = ["洪江区全面建成小康社会的实现程度是从哪些方面来衡量的", "排第二的那个方面实现了百分之多少"]
    *_, second = ask_in_turn(questions, built_index)
    assert "人民生活" in second.searched and "排" not in second.searched and "78.2%" in second.answer


def test_a_follow_up_asking_the_base_year_asks_the_year_before_the_plan(built_index):
    *_, base = ask_in_turn(["洪江区十四五规划里每千人口拥有3岁以下婴幼儿托位数目标是多少", "基期值多少"], built_index)
    assert "2020年" in base.searched and "0.9个" in base.answer


def test_both_sides_asked_of_another_place_are_asked_a_row_each(built_index):
    questions = ["洪江区到2025年城镇和农村居民人均可支配收入各要达到多少", "湘乡那边分别是多少"]
    first, then = ask_in_turn(questions, built_index)
    assert "37300元" in first.answer and "21450元" in first.answer
    assert "61133" in then.answer and "32008" in then.answer and "那边" in then.searched


def test_a_follow_up_naming_its_thing_but_asking_nothing_asks_what_was_asked_before(built_index):
    questions = ["湘乡十三五期间新增城镇就业多少？", "棚户区改造完成了多少户", "洪江区十三五棚改呢？"]
    *_, then = ask_in_turn(questions, built_index)
    assert then.searched and "多少" in then.searched and "2662套" in then.answer


def test_a_part_that_finds_nothing_alone_is_asked_of_the_thing_named_before_it(built_index):
    index, settings = built_index
    both = answer("洪江市民生实事里2024年要建多少亩高标准农田？洪江区2024年提质改造了多少亩？", index, settings)
    assert "2.45万亩" in both.answer and "6000亩" in both.answer
    *_, pointed = ask_in_turn(["洪江区职工医保基金缺口，市政府给补助了多少", "那个长效机制的期限是几年"], built_index)
    assert "5年" in pointed.answer and not pointed.refused
    *_, whole = ask_in_turn(["湘乡十三五时期固投实际完成多少", "十四五期间的固定资产投资目标是多少"], built_index)
    assert whole.refused, "a thing named whole is not read as the turn before's: 湘乡's plan sets no such target"


def test_a_chain_searches_the_question_that_named_its_subject_not_every_question_asked_since(built_index):
    index, _ = built_index
    turns = ["湘乡十三五固定资产投资实际完成了多少", "每年实际平均增长多少", "当初规划定的是多少", "十四五的投资目标是多少"]
    (last,) = in_context(turns[-1], turns[:-1], index)
    assert "固定资产投资" in last and "十四五" in last
    assert "平均增长" not in last and "当初" not in last


def test_a_follow_up_asking_the_total_or_the_sum_over_years_asks_it_of_the_subject(built_index):
    *_, total = ask_in_turn(["洪江区社会消费品零售总额十四五年均增长目标是多少", "到2025年总量呢"], built_index)
    assert "社会消费品零售总额" in total.searched and "24亿元" in total.answer
    *_, spent = ask_in_turn(["洪江区十三五期间固定资产投资年均增长多少", "五年一共完成了多少"], built_index)
    assert "固定资产投资" in spent.searched and "168.8亿元" in spent.answer


def test_the_same_indicator_asked_of_another_place_points_back(built_index):
    *_, then = ask_in_turn(["洪江区2025年常住人口城镇化率要到多少", "湘乡同一个指标2025年是多少"], built_index)
    assert "城镇化率" in then.searched and "60%" in then.answer


def test_a_rate_asked_after_an_amount_is_no_amount(built_index):
    *_, then = ask_in_turn(["洪江区去年地区生产总值是多少亿元", "那增长了多少"], built_index)
    assert "亿元" not in then.searched and "5.2%" in then.answer


def test_how_many_percentage_points_is_how_a_figure_is_asked_not_a_thing_of_its_own(built_index):
    questions = ["洪江区产业投资占固定资产投资的比重，25年目标是多少", "五年下来累计要提升多少个百分点"]
    *_, then = ask_in_turn(questions, built_index)
    assert "产业投资占固定资产投资" in then.searched and "[10]" in then.answer


def test_a_follow_up_naming_the_plan_does_not_ask_the_reports_last_year(built_index):
    questions = ["洪江区去年高新技术产业增加值是多少", "规划里高新技术产业增加值占规模工业增加值比重的目标是多少"]
    *_, then = ask_in_turn(questions, built_index)
    assert "去年" not in then.searched and "70%" in then.answer


def test_an_ordinal_into_numbered_lines_names_the_member_by_its_first_clause(built_index):
    *_, third, last = ask_in_turn(["洪江市的八大行动是哪八个", "第三个的专班召集人是谁", "最后那个呢"], built_index)
    assert "激发需求行动" in third.searched and "推动经济" not in third.searched and "邱琳" in third.answer
    assert "民生可感行动" in last.searched and "黄涌" in last.answer


def test_an_ordinal_counted_from_the_end_names_the_member_that_far_from_the_end(built_index):
    """`倒数第二个` of the eight actions is the seventh (安全守底), not the second."""
    *_, second_last, second = ask_in_turn(["洪江市的八大行动是哪八个", "倒数第二个是啥", "第二个呢"], built_index)
    assert "安全守底行动" in second_last.searched and not second_last.refused
    assert "创新提升行动" in second.searched


def test_a_thing_named_alone_whose_answer_lacks_it_is_asked_what_was_asked_of_the_thing_before(built_index):
    """`楠竹呢` after `…雪峰乌骨鸡推广的是什么模式`: asked together with 乌骨鸡 it found the 乌骨鸡 sentence again; what
    was asked of 乌骨鸡 is asked of 楠竹 alone, and taken only because its answer speaks of 楠竹."""
    *_, bamboo = ask_in_turn(["洪江区今年雪峰乌骨鸡推广的是什么模式?", "楠竹呢?"], built_index)
    assert not bamboo.refused and "改良楠竹" in bamboo.answer and "乌骨鸡" not in bamboo.searched
    *_, trade = ask_in_turn(["洪江市八大行动里头固投要涨多少", "社零呢", "进出口呢"], built_index)
    assert "60%" in trade.answer and "社会消费品零售总额" not in trade.searched


def test_a_thing_named_alone_is_asked_for_what_kind_the_turn_before_asked(built_index):
    """`皮革行业的呢` after `…依托哪几家龙头企业`: which 龙头企业 of 皮革, not `几` of 皮革 (which found the 皮革工业园)."""
    *_, leather = ask_in_turn(["湘乡市医疗器械产业依托哪几家龙头企业", "皮革行业的呢"], built_index)
    assert "龙头企业" in leather.searched and "怀其皮革" in leather.answer.splitlines()[0]


def test_what_a_place_is_said_to_be_is_asked_whole_not_as_the_figure_asked_before(built_index):
    """`洪江区的战略定位呢？` after `湘乡市城区人口规模要达到多少`: 洪江区's 战略定位 itself, not a figure of it (which
    refused it, or found another passage by the `达到` it carried)."""
    *_, position = ask_in_turn(["湘乡市城区人口规模要达到多少", "洪江区的战略定位呢？"], built_index)
    assert "多少" not in position.searched and "达到" not in position.searched
    assert not position.refused and "康养度假胜地" in position.answer


def test_this_chain_is_the_chain_whose_passage_the_answer_before_quoted(built_index):
    """`这条链` after a question that named no chain: the chain under whose heading the answer before stood
    (`4.装配式建筑和新型建材产业链。`), not the 3.6亿元 of another chain that a search for `链` alone found."""
    *_, chain = ask_in_turn(["洪江市农村建房装配式建筑要达到多少套", "这条链总产值目标多少"], built_index)
    assert "装配式建筑和新型建材产业链" in chain.searched
    assert "3.5亿元" in chain.answer.splitlines()[0] and "3.6亿元" not in chain.answer


def test_a_verb_asked_alone_keeps_the_thing_before(built_index):
    """`去年铺了好多` after `…雨水管网要铺好多公里` names no thing to take 雨水管网's place: it stays asked of the
    雨水管网, though its answer does not say 铺."""
    *_, last_year = ask_in_turn(["洪江区今年雨水管网要铺好多公里", "去年铺了好多"], built_index)
    assert "雨水管网" in last_year.searched


def test_a_place_or_time_switched_to_before_a_question_of_its_own_leads_that_question(built_index):
    """`洪江市呢，新增就业定的多少`: one question asked of 洪江市, not the turn before's question there and this one;
    `前年（2023年）呢，应对了几轮强降雨`: of 2023, which the 2024 report does not count rainstorms for."""
    *_, jobs = ask_in_turn(["洪江区2024年城镇登记失业率控制在多少", "洪江市呢，新增就业定的多少"], built_index)
    assert "失业率" not in jobs.searched
    assert not jobs.refused and "2100人" in jobs.answer and "（" not in jobs.answer
    *_, rain = ask_in_turn(["洪江区去年防汛实现的是什么目标？", "前年（2023年）呢，应对了几轮强降雨？"], built_index)
    assert "；" not in rain.searched and "2023" in rain.searched and rain.refused


def test_which_members_of_a_kind_are_asked_of_the_thing_not_of_the_figures_asked_before(built_index):
    """`龙头企业有哪几家` after `…电子元器件产业链24年产值目标多少` and `增速呢`: the chain's companies; 龙头企业 is an
    attribute of the chain (as the lexicon spells it too), and the year, target and growth asked before go."""
    questions = ["洪江市电子元器件产业链24年产值目标多少", "增速呢", "龙头企业有哪几家"]
    *_, firms = ask_in_turn(questions, built_index)
    assert "电子元器件" in firms.searched and "增速" not in firms.searched and "2024" not in firms.searched
    assert "立点科技" in firms.answer


def test_a_sibling_list_is_asked_of_the_terms_the_list_before_quoted(built_index):
    *_, then = ask_in_turn(["湘乡“4+3”产业体系里4个主导产业分别是什么", "那3大特色产业呢"], built_index)
    assert "“4+3”" in then.searched
    assert all(name in then.answer for name in ("皮革制造", "智能铸造", "电子信息"))


def test_the_conversation_score_says_how_follow_ups_fail():
    from eval.conversations import load_conversations, score

    conversations = [c for c in load_conversations(split="dev") if c.id in ("c002", "c001")]
    turns = {t.item.id: t for c in conversations for t in c.turns}
    # c001: an opening and one answerable follow-up; c002: an opening, an answerable and an unanswerable follow-up
    answers = {"c001.1": "90%", "c001.2": None, "c002.1": "750亿元", "c002.2": "洪江市的数", "c002.3": "40亿元"}
    results = [
        {"id": i, "answer": a or "文件中未找到", "refused": a is None, "citations": []} for i, a in answers.items()
    ]
    metrics = score(conversations, results)
    assert set(turns) == set(answers) and metrics["follow_ups"] == 3 and metrics["follow_up_accuracy"] == 0.0
    assert metrics["follow_up_false_refusal_rate"] == 0.5  # c001.2 refused
    assert metrics["follow_up_wrong_answer_rate"] == 0.5  # c002.2 answered without 55亿元
    assert metrics["follow_up_refusal_rate"] == 0.0  # c002.3 answered what the documents do not say


def test_a_follow_up_naming_another_slogan_asks_what_it_means_not_the_slogan_before(built_index):
    """`双减` is quoted in the report's glossary; jieba takes its numeral for a count word, which made it no thing."""
    *_, then = ask_in_turn(["报告里的“五治行动”是哪五治", "双减呢"], built_index)
    assert "双减" in then.searched and "五治" not in then.searched
    assert "作业负担" in then.answer and "治垃圾" not in then.answer


def test_an_ordinal_points_into_the_members_a_slogans_definition_listed(built_index):
    *_, then = ask_in_turn(["洪江区报告里的“双减”是减什么", "“五治行动”指的是啥", "第二个是什么"], built_index)
    assert "治水" in then.searched


def test_an_ordinal_led_by_the_name_of_a_list_points_into_that_list_not_the_last_one(built_index):
    """One clause gives both lists: `以电工电器、…、绿色建材4大产业为主导,以皮革制造、智能铸造、电子信息3大产业为特色`."""
    questions = ["湘乡“4+3”里的4大主导产业是什么", "3大特色产业呢", "主导产业里的第三个是什么"]
    *_, then = ask_in_turn(questions, built_index)
    assert "资源循环利用" in then.searched and "电子信息" not in then.searched


def test_a_follow_up_inherits_the_place_its_subjects_answer_came_from(built_index):
    """`工作报告里…` names no place; its answer quotes 洪江区's report, and the next turn asks of 洪江区 too."""
    index, _ = built_index
    (first,) = ask_in_turn(["工作报告里去年新增城镇就业多少人"], built_index)
    assert "【洪江区" in first.answer
    (query,) = in_context("城镇登记失业率呢", [(first.question, first.answer)], index)
    assert query.startswith("洪江区")
    (query,) = in_context("城镇登记失业率呢", [(first.question, "文件中未找到能够明确回答该问题的内容。")], index)
    assert "洪江区" not in query  # a refusal quotes no place


def test_a_follow_up_keeps_to_the_document_the_answer_before_quoted(built_index):
    """Asked of 2024 and answered from the 2025 work report, `25年要增长多少` asks that report's target for 2025
    (`规模工业增加值增长8%`), not the five-year plan's `年均增长6-8%`, which open search ranks first."""
    first, then = ask_in_turn(["洪江区2024年规模工业增加值增长多少", "25年要增长多少"], built_index)
    assert first.citations[0].doc.startswith("004_")
    assert not then.refused and "规模工业增加值增长8%" in then.answer and then.citations[0].doc.startswith("004_")


def test_a_question_naming_its_own_place_year_and_indicator_starts_fresh(built_index):
    """`合同引资` names an indicator though jieba reads neither of its words as a noun (合同 an adjective, 引资 a verb):
    after turns about GDP targets, `洪江区2024年合同引资多少` asks it alone, as it would be asked first."""
    *_, fresh = ask_in_turn(["洪江区到2025年地区生产总值目标是多少？", "那湘乡市呢？", "洪江区2024年合同引资多少"], built_index)
    assert not fresh.searched and not fresh.refused and "71.84亿元" in fresh.answer


@pytest.mark.parametrize(("ordinal", "member"), [("第一个主导产业", "深思电工"), ("第三个主导产业", "巨强科技"), ("第二个特色产业", "忠心智造")])
def test_an_ordinal_points_into_the_list_the_words_after_it_name(built_index, ordinal, member):
    """The answer lists 4 主导 and 3 特色 industries; `第一个主导产业` is the first of the 主导 list (电工电器), not of
    the 特色 one (皮革制造)."""
    *_, then = ask_in_turn(["湘乡的4+3产业体系是哪些", f"{ordinal}依托哪些企业"], built_index)
    assert not then.refused and member in then.answer


def test_the_documents_an_answer_quotes_are_found_by_its_sentences(built_index):
    index, settings = built_index
    quoted = answer("洪江区2024年合同引资多少", index, settings)
    assert answered_documents(quoted.answer, index) == ["004_cfdaae2226e367c1.txt"]
    row = answer("洪江区2025年常住人口城镇化率目标是多少？", index, settings)
    assert answered_documents(row.answer, index) == ["000_ec6e4d95486ab7b0.txt"]  # a table row, as its passage reads
    assert answered_documents("文件中未找到能够明确回答该问题的内容。", index) == []


def test_the_spoken_asking_word_sha_asks_what_shenme_asks(built_index):
    *_, then = ask_in_turn(["洪江市的“八大行动”是哪八个？", "第六个是啥"], built_index)
    assert "区域共进行动是什么" in then.searched
    assert not then.refused and "(六)大力实施区域共进行动" in then.answer


def test_a_follow_up_asking_which_members_a_component_of_a_slogan_has_is_answered_by_them(built_index):
    questions = ["洪江市讲的“两城两带四板块”，两城指哪两个镇？", "两带又是哪两条？"]
    *_, then = ask_in_turn(questions, built_index)
    assert not then.refused and "沅水主干、雪峰山主脉生态经济文旅带" in then.answer


def test_a_counted_slogan_named_alone_after_the_members_of_another_are_asked_asks_its_own_members(built_index):
    """`“两带”:G60城镇经济发展带。依托…。湘韶文旅产业带。…`: both belts, not the first sentence of the passage."""
    for questions in (
        ["湘乡十四五的城乡空间格局叫什么", "两心是哪两个", "嗯 两带呢"],
        ["湘乡市规划的“两心两带多节点”，两心指的是哪两个？", "两带呢"],  # the slogan asked of named in the turn before
        ["湘乡“两心两带多节点”里，“两心”分别指什么？", "两带呢？"],  # `分别` asks for each member
    ):
        *_, then = ask_in_turn(questions, built_index)
        assert "嗯" not in then.searched and "“两带”是哪些" in then.searched
        assert not then.refused and "G60城镇经济发展带" in then.answer and "湘韶文旅产业带" in then.answer


def test_a_title_a_county_earns_is_asked_of_the_place_before_not_taken_for_a_place(built_index):
    questions = ["洪江市区域共进方案要建好多家中医馆", "要争创个啥示范县"]
    *_, then = ask_in_turn(questions, built_index)
    assert then.searched.startswith("洪江市") and not then.refused and "全国基层中医药工作示范县" in then.answer


def test_a_follow_up_asking_what_of_its_own_no_longer_asks_how_many(built_index):
    """`那边打的啥牌子` moves to a town of the place and asks a name: `要新改建多少亩` of the turn before would find
    the base's acreage, not the brand."""
    questions = ["洪江市区域共进行动方案柑橘标准化基地要新改建好多亩", "黔城镇那边打的啥牌子"]
    *_, then = ask_in_turn(questions, built_index)
    assert "多少亩" not in then.searched
    assert not then.refused and "“黔阳”牌水果" in then.answer


def test_who_leads_is_asked_of_the_thing_named_after_the_plan_it_sits_in(built_index):
    """`“八大行动”里，装配式建筑占…不低于多少`: the first clause only says where; the task is in the clause after it."""
    questions = ["洪江市2024年“八大行动”里，装配式建筑占新建建筑面积比例要求不低于多少？", "哪个部门牵头？"]
    *_, then = ask_in_turn(questions, built_index)
    assert "装配式建筑" in then.searched and "多少" not in then.searched
    assert not then.refused and "市住建局牵头" in then.answer


def test_who_leads_is_not_answered_by_a_kind_of_centre_a_target_counts(built_index):
    """`省级企业技术中心5个` counts centres to be built; it names no one who leads. The plan names no lead here."""
    questions = ["洪江区十四五规划里高新技术企业数量目标几家？", "这一块由哪个部门牵头落实？"]
    *_, then = ask_in_turn(questions, built_index)
    assert then.refused


def test_what_the_text_says_is_asked_apart_from_the_table_that_gives_another_figure(built_index):
    """湘乡's 专栏1 gives 1.69亿美元 as 2020's exports done; its text says `增长到2020年的1.61亿美元`."""
    questions = ["湘乡“十三五”指标完成情况表里，进出口总额原定目标是多少？", "正文里写的2020年进出口总额是多少？"]
    *_, then = ask_in_turn(questions, built_index)
    assert not then.refused and "1.61亿美元" in then.answer and "1.69" not in then.answer


def test_a_follow_up_naming_only_another_action_asks_the_same_of_the_thing_done_otherwise(built_index):
    """湘乡 builds 10 public kindergartens in town and upgrades 15 (`提质改造公办幼儿园15所、幼教点50所`)."""
    questions = ["湘乡市“十四五”要在城区新建几所公办幼儿园？", "提质改造的呢"]
    *_, then = ask_in_turn(questions, built_index)
    assert "提质改造几所公办幼儿园" in then.searched
    assert not then.refused and "提质改造公办幼儿园15所" in then.answer


def test_what_a_term_means_is_asked_of_no_year_the_turn_before_planned_in(built_index):
    """The glossary of 2025's report (`“五治行动”(P17):治房、治水、治垃圾、治厕、治风行动。`) names no year."""
    questions = ["洪江区24年农村改厕 改了好多户 卫生厕所普及率到好多了", "那25年计划再改好多户", "上面说的五治行动 具体指么子"]
    *_, then = ask_in_turn(questions, built_index)
    assert "2025" not in then.searched and "计划" not in then.searched
    assert not then.refused and "治房、治水、治垃圾、治厕、治风" in then.answer


def test_how_a_thing_is_divided_is_asked_of_no_period_the_turn_before_named(built_index):
    """湘乡's old-housing classes are in its 十四五 plan (`按照基础类、完善类、提升类三大类`), not in the 十三五 review."""
    questions = ["湘乡市“十三五”完成了多少户棚户区改造？", "老旧小区改造分哪几类"]
    *_, then = ask_in_turn(questions, built_index)
    assert "十三五" not in then.searched and "完成" not in then.searched
    assert not then.refused and all(kind in then.answer for kind in ("基础类", "完善类", "提升类"))


def test_a_member_named_by_the_first_words_of_its_name_is_the_one_the_answer_before_named(built_index):
    """`以“精品农业”东郊现代农业示范园、“优质果蔬”泉塘现代农业示范园、…`: `泉塘那个` is the 泉塘 park."""
    questions = ["湘乡市十四五规划 三个现代农业示范园是哪三个", "泉塘那个主打啥子"]
    *_, then = ask_in_turn(questions, built_index)
    assert "泉塘现代农业示范园" in then.searched
    assert not then.refused and "“优质果蔬”泉塘现代农业示范园" in then.answer


def test_a_name_is_not_read_across_a_verb_after_the_words_a_follow_up_starts_with():
    from chatbot.answer import _by_name_start

    said = ["洪江古商城浪漫樱花园位于嵩云山景区,……", "撤办龙船塘瑶族乡中心学校初中部"]
    assert _by_name_start("樱花的花期一般在什么时候?", said) == "樱花的花期一般在什么时候?"
    assert _by_name_start("龙船塘的呢", said) == "龙船塘的呢"


def test_a_turn_going_on_with_more_of_the_same_keeps_the_year_the_turn_before_asked_of(built_index):
    """2025's report plans `全力协办好第五届湖南旅发大会`; its review of 2024 says `协办第三届怀化市旅游发展大会`."""
    questions = ["洪江区2025年要接着办哪些品牌活动？", "还要协办个什么大会"]
    *_, then = ask_in_turn(questions, built_index)
    assert "2025年" in then.searched
    assert not then.refused and "第五届湖南旅发大会" in then.answer and "第三届" not in then.answer


def test_a_figure_named_alone_is_read_from_the_line_the_answer_before_quoted_when_it_states_it(built_index):
    """`发展目标:到2025年,实现年接待游客300万人次以上,文化旅游收入10亿元以上,…` of the 古商城 town, not the district's
    `文化及文化旅游产业收入突破30亿元`; the 装配式建筑 chain's `全产业链税收1200万元`, not another chain's 税收."""
    for questions, said in (
        (["洪江区十四五规划专栏4古商城特色文旅小镇的发展目标里,2025年年接待游客要达到多少?", "文化旅游收入呢?"], "10亿元以上"),
        (["洪江市对装配式建筑占新建建筑比例有什么要求", "这条产业链总产值目标多少", "税收呢"], "1200万元"),
    ):
        *_, then = ask_in_turn(questions, built_index)
        assert not then.refused and said in then.answer.splitlines()[0]


def test_a_refused_follow_up_asking_which_is_asked_again_with_the_line_before_that_names_its_words(built_index):
    """`…重点谋划争取洪江市区域性良种繁育基地(柑橘)建设、2024年省级农业产业强镇等项目;…`: the project beside the base."""
    questions = ["洪江市区域共进方案里，黔城镇围绕柑橘要争取建什么基地？", "同时还要争取什么项目？"]
    *_, then = ask_in_turn(questions, built_index)
    assert not then.refused and "省级农业产业强镇" in then.answer


def test_a_figure_asked_is_not_taken_from_the_line_before_for_naming_the_words_asked(built_index):
    """湘乡's 专栏2 gives 对外贸易依存度's levels, and no annual growth of it: the line before holds the words, not that."""
    questions = ["湘乡十四五对外贸易依存度目标值是多少", "湘乡的年均增速呢"]
    *_, then = ask_in_turn(questions, built_index)
    assert then.refused


def test_an_ordinal_after_a_counted_thing_points_into_the_list_of_as_many_members(built_index):
    """The answer lists 两城 (2), 两带 (2) and 四板块 (4); `四板块呢` asked for the four."""
    questions = ["洪江市的“两城两带四板块”里，两城指的是哪两个", "四板块呢", "最后那个板块打算怎么发展"]
    *_, last = ask_in_turn(questions, built_index)
    assert "清江湖板块打算怎么发展" in last.searched, "the last of the four, its kind said once"
    assert not last.refused and "清江湖国际乡村旅游度假区" in last.answer


def test_an_ordinal_points_into_the_numbered_list_its_heading_names_and_again_two_turns_on(built_index):
    """The answer's opening sentence lists 就业、养老、教育、医疗 (4) too; the four 民生实事 are the numbered lines under
    `(三)全面实施怀化市四件重点民生实事项目：`. The member of `第一件` holds a count (`27个`), which asks for no new list."""
    questions = ["洪江市要实施的怀化市四件重点民生实事都有哪些", "第一件改造几个", "第三件是多少"]
    _, first, third = ask_in_turn(questions, built_index)
    assert "老旧小区" in first.searched and "27个" in first.answer
    assert "高标准农田" in third.searched and "2.45万亩" in third.answer


def test_going_back_to_a_list_points_into_it_by_its_first_member_without_the_words_leading_in(built_index):
    """`加快构建以电工电器、医疗器械…4大产业为主导`: the first member is 电工电器, not `加快构建以电工电器`, nor
    anything of the `【湘乡市 · …】` label the answer put before it; `回到` only says the turn goes back."""
    questions = ["湘乡“4+3”里4个主导产业分别是啥", "那三个特色的呢", "回到主导产业里第一个，要打造成什么基地"]
    *_, back = ask_in_turn(questions, built_index)
    assert "电工电器" in back.searched and not any(w in back.searched for w in ("回到", "】", "构建以"))
    assert "全国电工电器服务型制造产业示范基地" in back.answer


def test_a_follow_up_relating_what_it_names_to_a_subject_it_leaves_out_leans_on_the_turn_before(built_index):
    """`涉及几个小区几栋房子` names 小区 and 房子, but of the 老旧小区改造 asked before: alone it finds nothing."""
    *_, then = ask_in_turn(["洪江区2025年老旧小区改造要投资多少", "一共涉及几个小区几栋房子"], built_index)
    assert "老旧小区" in then.searched and "49个" in then.answer and "86栋" in then.answer


def test_a_follow_up_naming_only_an_act_leans_on_the_turn_befores_subject_when_alone_it_finds_nothing(built_index):
    """`得经营满多久才给` names 经营, an act (jieba: a verb used as a noun), not a thing: of the subsidy asked before."""
    *_, then = ask_in_turn(["洪江区十四五规划对返乡入乡创业的人有啥补贴政策", "得经营满多久才给"], built_index)
    assert "返乡入乡创业" in then.searched and "正常经营1年以上" in then.answer


def test_a_thing_named_alone_after_a_question_of_several_parts_is_asked_each_part(built_index):
    """`那工业项目呢` after `重点项目几个，计划完成投资多少`: how many industrial projects and what they invest, which one
    sentence of the report gives; not the key projects' 40 and 25亿元 again because the last part alone found them."""
    *_, then = ask_in_turn(["洪江区2025年重点项目几个，计划完成投资多少", "那工业项目呢"], built_index)
    assert "工业项目8个" in then.answer and "6.1亿元" in then.answer and "重点项目40个" not in then.answer


@pytest.mark.parametrize(
    "said, first",
    [
        ("加快构建以电工电器、医疗器械及先进装备、资源循环利用、绿色建材4大产业为主导。[1]", "电工电器"),
        ("重点发展有色金属、稀土两大产业。[1]", "有色金属"),
        ("坚持为民服务、便民利民两项原则。[1]", "为民服务"),
        ("为主导,以皮革制造、智能铸造、电子信息3大产业为特色。[1]", "皮革制造"),  # 以…为: the 以 is no member's
        ("推进设施建设,以及品牌酒店、星级民宿建设。[1]", "以及品牌酒店"),  # 以及 is no lead-in
    ],
)
def test_an_ordinal_names_a_lists_first_member_without_the_words_leading_into_the_list(built_index, said, first):
    index, _ = built_index
    (query,) = in_context("第一个是什么", [("湘乡市有哪几个", said)], index)
    assert first in query and "构建以" not in query and f"以{first}" not in query


def test_the_next_ordinal_asks_the_same_figure_of_the_next_member_in_its_own_unit(built_index):
    """`第一件改造几个` asked 个 of `开工改造老旧小区27个`; `第四件呢` asks the same of `实施国土绿化2340亩`, whose
    figure comes in 亩: the unit asked of the first is not asked of the fourth."""
    questions = ["洪江市要实施的怀化市四件重点民生实事都有哪些", "第一件改造几个", "第四件呢"]
    *_, fourth = ask_in_turn(questions, built_index)
    assert "国土绿化" in fourth.searched and "几个" not in fourth.searched
    assert "2340亩" in fourth.answer


def test_a_follow_up_naming_a_sibling_asks_of_it_what_was_asked_of_the_thing_before(built_index):
    """`民生可感的` after `创新提升行动专班办公室设在哪个单位` is the 民生可感行动's 专班 office; `农村危房呢` after
    `城市棚户区改造了多少户` asks how many rural houses were rebuilt."""
    *_, people = ask_in_turn(["洪江市创新提升行动专班办公室设在哪个单位", "民生可感的"], built_index)
    assert "民生可感行动专班办公室" in people.searched and "市人社局" in people.answer
    *_, houses = ask_in_turn(["湘乡十三五城市棚户区改造了多少户", "农村危房呢"], built_index)
    assert "农村危房改造" in houses.searched and "5257户" in houses.answer


def test_a_sibling_is_not_read_into_a_longer_name_or_into_a_figure(built_index):
    """`医疗器械那个呢` after `智能铸造特色产业…` does not make `智能铸造医疗器械产业`; `增速呢` swaps no thing."""
    index, _ = built_index
    (query,) = in_context("医疗器械那个呢", ["湘乡市 智能铸造特色产业主要依托哪些企业？"], index)
    assert "智能铸造医疗器械" not in query
    (query,) = in_context("增速呢", ["洪江市电子元器件产业链2024年产值目标多少"], index)
    assert "电子元器件产业链" in query


def test_hunan_dialects_mao_asks_whether_there_is(built_index):
    """`有冒有人返贫` is `有没有人返贫`: asked, not a thing named `冒有人`."""
    *_, then = ask_in_turn(["洪江区精准防贫综合保险给好多农村户籍人口买了", "保费一个人要交好多", "那有冒有人返贫"], built_index)
    assert "未出现返贫致贫现象" in then.answer


def test_a_count_of_villages_in_a_campaigns_name_is_no_village(built_index):
    """`送戏曲进万村` names a campaign, not a village 进万村 that a later question would be held to."""
    questions = ["洪江区去年送戏曲进万村送书画进万家搞了多少场", "文体活动呢", "造血干细胞捐了几例"]
    *_, then = ask_in_turn(questions, built_index)
    assert not then.refused and "1例" in then.answer


def test_a_follow_up_asking_for_examples_asks_them_of_the_subject_before(built_index):
    """`举两个例子有哪些`: 例子 names no thing of its own; the examples are of the 高效办成一件事 asked about before."""
    *_, then = ask_in_turn(["湘易办今年洪江市要新上线好多个高效办成一件事", "举两个例子有哪些"], built_index)
    assert "高效办成一件事" in then.searched and "就医" in then.answer


def test_a_follow_up_opening_with_of_which_asks_of_the_subject_before(built_index):
    """`其中算民生实事的是几户`: of the 141 无障碍改造 households, those counted as 民生实事 (70), though 民生实事 names a
    thing of its own."""
    *_, then = ask_in_turn(["洪江市困难重度残疾人家庭无障碍改造今年搞好多户", "其中算民生实事的是几户"], built_index)
    assert "无障碍改造" in then.searched and "70户" in then.answer


def test_a_follow_up_asking_who_leads_asks_it_of_the_task_before(built_index):
    """`牵头单位是哪个` names no thing of its own: it asks who leads the task asked about before, which the documents say
    in a note listing the bodies that do it, the lead first (`(市交通局、市公路建养中心、…)`)."""
    *_, then = ask_in_turn(["洪江市24年民生实事里农村公路安防设施要建多少公里", "牵头单位是哪个"], built_index)
    assert "农村公路安防" in then.searched and "市交通局" in then.answer


def test_a_follow_up_asking_the_deputy_convener_asks_it_of_the_task_force_before(built_index):
    *_, then = ask_in_turn(["洪江市创新提升行动工作专班召集人是谁", "副召集人呢"], built_index)
    assert "创新提升行动" in then.searched and "市科技局主要负责人" in then.answer


def test_a_place_mentioned_in_passing_beside_the_asked_place_is_not_inherited(built_index):
    """`洪江市…聚焦省委对怀化提出的什么使命任务` asks about 洪江市; 怀化 is said of it. `安全生产要实现什么目标` is 洪江市's,
    not held to 怀化, which no document covers."""
    questions = ["洪江市八大行动总体方案聚焦省委对怀化提出的什么使命任务？", "安全生产要实现什么目标？"]
    *_, then = ask_in_turn(questions, built_index)
    assert "怀化" not in then.searched and "三坚决两确保" in then.answer


def test_a_fresh_follow_up_keeps_to_the_document_the_turn_before_named(built_index):
    """`要打造什么夜市？` after `洪江市区域共进方案里，…`: the 区域共进 plan's 滨江古风夜市, not another plan's 夜市一条街."""
    questions = ["洪江市区域共进方案里，黔阳古城要创建什么级别的旅游度假区？", "要打造什么夜市？"]
    *_, then = ask_in_turn(questions, built_index)
    assert "区域共进方案" in then.searched and "滨江古风夜市" in then.answer


def test_who_leads_is_not_answered_by_a_sentence_naming_no_one(built_index):
    """The plan says 洪江区 will form 5 产学研战略联盟 but not who leads them: `组建5个产学研战略联盟` names no body."""
    questions = ["洪江区十四五规划，到2025年要有多少家企业开展科技型中小企业评价？", "产学研战略联盟要组建几个", "这几个联盟分别由哪个单位牵头"]
    *_, then = ask_in_turn(questions, built_index)
    assert then.refused


def test_this_chain_points_back_to_the_chain_asked_about(built_index):
    """`这条链哪个单位牵头` after turns about the 生物基产业链: its note says 市工信局 and 市高新区 lead it."""
    questions = ["洪江市产业培塑行动里，生物基产业链24年规模工业总产值目标多少？", "税收呢", "这条链哪个单位牵头"]
    *_, then = ask_in_turn(questions, built_index)
    assert "市工信局、市高新区牵头" in then.answer


def test_a_short_slogan_heading_a_common_word_is_not_quoted(built_index):
    """`交通` is quoted once in a plan (`由“交通”向“交通+”`), but `交通事故` is a traffic accident, not that slogan's."""
    questions = ["洪江区24年矛盾纠纷化解率好多", "刑案破案率呢", "交通事故有冒有死人的"]
    *_, then = ask_in_turn(questions, built_index)
    assert "“交通”" not in then.searched and "未发生亡人交通事故" in then.answer


def test_where_a_document_gives_a_figure_names_no_thing_of_its_own(built_index):
    """`专栏里完成情况那栏写的多少`: the table and its column, of the 进出口总额 asked about before."""
    *_, then = ask_in_turn(["湘乡十三五规划定的进出口总额2020年目标是多少亿美元？", "专栏里完成情况那栏写的多少"], built_index)
    assert "进出口总额" in then.searched and "1.69" in then.answer


def test_a_follow_up_asking_what_a_thing_is_made_of_or_relies_on_asks_it_of_the_thing_before(built_index):
    *_, then = ask_in_turn(["湘乡十四五规划里那个城市外围保护环是干啥用的", "由哪几条路组成的"], built_index)
    assert "东梅公路" in then.answer
    *_, then = ask_in_turn(["洪江市电子元器件产业重点发展哪些产品", "靠哪几家龙头"], built_index)
    assert "立点科技" in then.answer


def test_this_clause_is_the_passage_the_answer_before_quoted(built_index):
    """`这一条最后说…` reads on in the clause the answer before quoted; `这条连接线` is a road, no clause."""
    questions = ["洪江市区域共进方案里雪峰山板块要打造什么", "支持哪个镇建设区域教育医疗次中心", "这一条最后说要通过发展化解什么矛盾？"]
    *_, then = ask_in_turn(questions, built_index)
    assert "雪峰山片区发展落差矛盾" in then.answer
    assert not _THIS_PASSAGE.search("这条连接线有多长")


def test_companies_asked_are_of_the_subject_before(built_index):
    """`洪江区去年新注册的湘商企业有多少家` names 企业 only as what it counts: `实际到位资金呢` asks the funds of that."""
    questions = ["洪江市今年湘商回归新注册企业目标几家", "到位资金要增长多少", "洪江区去年新注册的湘商企业有多少家", "实际到位资金呢"]
    *_, then = ask_in_turn(questions, built_index)
    assert "35亿元" in then.answer


def test_the_clause_of_a_number_is_the_one_beside_the_clause_quoted_before(built_index):
    """`第6条里说…` after an answer quoting clause 5 of 安全生产治本攻坚: clause 6 of the same list."""
    questions = ["洪江市安全守底行动方案里，安全生产治本攻坚部分的第5条是什么？", "它按照什么要求分行业建立“安全链”？"]
    *_, then = ask_in_turn([*questions, "第6条里说要选树一批什么企业？"], built_index)
    assert "安全生产标杆企业" in then.answer


def test_a_sibling_may_share_only_its_head_with_the_thing_before(built_index):
    """`健身圈呢` after `…城区的文化圈规划是多少分钟`: the 15-minute 健身圈; `高企呢` does not cut `高新技术企业` short."""
    *_, then = ask_in_turn(["湘乡城区的文化圈规划是多少分钟", "健身圈呢?"], built_index)
    assert "健身圈规划" in then.searched and "15分钟健身圈" in then.answer
    index, _ = built_index
    (query,) = in_context("高企呢", ["湘乡市 到2025年高新技术企业要达到多少家？"], index)
    assert "高企业" not in query


def test_which_asked_of_no_noun_is_of_the_noun_asked_before(built_index):
    """`还有哪所提质改造了` after `…新建了哪所九年制学校`: which school; `大班额呢` then asks it of those schools."""
    index, _ = built_index
    (query,) = in_context("还有哪所提质改造了?", ["湘乡十三五期间新建了哪所九年制学校?"], index)
    assert "哪所学校" in query
    questions = ["湘乡十三五期间新建了哪所九年制学校?", "还有哪所提质改造了?", "大班额呢?"]
    *_, then = ask_in_turn(questions, built_index)
    assert "大班额全部清零" in then.answer


def test_the_kind_a_follow_up_asks_members_of_is_no_thing_of_its_own(built_index):
    """`都查哪些病` after the newborn screening asks which diseases that screening covers: 病 is what is listed."""
    questions = ["2024年洪江市给多少个新生儿做免费筛查?", "都查哪些病?"]
    *_, then = ask_in_turn(questions, built_index)
    assert "新生儿" in then.searched and "听力障碍" in then.answer


def test_who_leads_is_asked_of_the_task_not_of_the_year_or_figure_asked_before(built_index):
    """`这个哪个部门牵头` after `23年实际增长了多少` asks who leads the retail-sales task: not in 2023, which no document
    gives, nor of how much it grew."""
    questions = ["洪江市24年社会消费品零售总额要增长多少", "23年实际增长了多少", "这个哪个部门牵头"]
    *_, then = ask_in_turn(questions, built_index)
    assert "2023" not in then.searched and not then.refused and "市商务局牵头" in then.answer


def test_what_was_actually_done_is_not_asked_of_the_target_asked_before(built_index):
    """`湘乡2020年实际是多少` after `2025年目标呢` and `那湘乡呢`: 湘乡's 2020 per-capita GDP as done (6.2万元), no target."""
    questions = ["洪江区2020年人均GDP多少", "2025年目标呢", "那湘乡呢", "湘乡2020年实际是多少"]
    *_, then = ask_in_turn(questions, built_index)
    assert "目标" not in then.searched and "6.2万元" in then.answer


def test_an_ordinal_points_into_the_list_named_before_its_brackets_and_by_the_kind_it_names(built_index):
    """`最后一个板块呢` after `两城(黔城镇、安江镇)两带(…)四板块(安江主城区、…、清江湖)`: the last of the list in the
    brackets after 四板块 (the 两带 list ends just before that name), asked as a 板块, not as one of the 两城."""
    questions = ["洪江市区域共进方案里的“两城两带四板块”，两城和四板块分别是哪些", "最后一个板块呢,要打造成什么?"]
    *_, then = ask_in_turn(questions, built_index)
    assert "清江湖板块" in then.searched and "两城" not in then.searched
    said = "16、战略定位。努力将洪江建设成全国知名旅游目的地城市、中国南方康养度假胜地、县域绿色循环经济示范区。[1]"
    second = _ORDINAL.search("第二个定位里的康养指什么")
    assert _nth_listed(second, "洪江区的战略定位是哪几个", said) == "中国南方康养度假胜地", "`16、` numbers a clause"


def test_an_ordinal_points_into_the_list_named_by_the_words_of_the_question_not_by_its_quote_marks(built_index):
    """`第三块` after `“四板块”具体指哪些`: the third of the four in brackets after 四板块, not of `塑造多元、开放、高效、
    优质的“两城…`, which only shares a `的“` with the question besides one word."""
    questions = ["洪江市区域发展格局中说的“四板块”具体指哪些", "第三块的定位是建成啥"]
    *_, then = ask_in_turn(questions, built_index)
    assert "雪峰山" in then.searched and "高效" not in then.searched


def test_an_ordinal_led_in_by_an_older_lists_name_points_into_that_list(built_index):
    """`特色产业里的最后一个呢` after `主导产业里的第一个依托哪些企业和园区` (whose answer lists companies and parks): the
    last of the 3 特色 industries the first answer listed, asked what was asked of the first 主导 one."""
    questions = ["湘乡“4+3”产业体系是哪4个主导产业和哪3个特色产业", "主导产业里的第一个主要依托哪些企业和园区", "特色产业里的最后一个呢"]
    *_, then = ask_in_turn(questions, built_index)
    assert "电子信息" in then.searched and "依托" in then.searched and "中部电力" not in then.searched


def test_a_follow_up_asking_a_figure_of_its_own_no_longer_asks_where_the_thing_is(built_index):
    """`这条产业链2024年规模工业总产值要到多少` after `…生物基新材料产业的园中园建在哪个片区`: the chain's output, not its
    place."""
    questions = ["洪江市生物基新材料产业的园中园建在哪个片区", "这条产业链2024年规模工业总产值要到多少"]
    *_, then = ask_in_turn(questions, built_index)
    assert "哪个片区" not in then.searched and "3.6亿元" in then.answer


def test_what_a_term_means_is_asked_in_no_year_and_of_no_change(built_index):
    """`三公经费具体指的是什么` after `洪江区2024年三公经费下降了多少`: the glossary's meaning, not the 2024 drop."""
    questions = ["洪江区2024年三公经费下降了多少", "三公经费具体指的是什么"]
    *_, then = ask_in_turn(questions, built_index)
    assert "2024" not in then.searched and "下降" not in then.searched and "公务接待费" in then.answer


def test_an_ordinal_points_into_the_list_that_has_such_a_member_and_counted_its_kind(built_index):
    """After `这七个保障分别是什么` and `第五个保障里的“四项清单”是哪四项`, `第六个呢` cannot be of the four: it is the
    sixth 保障; `最后一个保障` names the kind the seven were counted by."""
    questions = ["洪江区规划专栏9里有个企业权益“七个保障”专项行动,这七个保障分别是什么?", "第五个保障里提到的“四项清单”是哪四项?"]
    *_, sixth, last = ask_in_turn([*questions, "第六个呢,要设立一个什么机构?", "最后一个保障,要求由谁来落实优化营商环境的主体责任?"], built_index)
    assert "营商环境投诉举报中心" in sixth.answer
    assert "有关单位主要负责人" in last.answer and "保障政策措施落地落实" in last.searched


def test_an_ordinal_past_the_end_of_one_list_of_a_sentence_points_into_the_one_that_long(built_index):
    """`第四个依托哪个园区` after the `4+3` sentence (`以A、B、C、D4大产业为主导,以E、F、G3大产业为特色`) and a turn on
    one of them: the fourth of the four, 绿色建材, not nothing because the three featured ones fit the question better."""
    questions = ["湘乡说的4+3产业体系是哪些", "医疗器械那块靠哪些龙头企业", "第四个依托哪个园区"]
    *_, then = ask_in_turn(questions, built_index)
    assert "绿色建材" in then.searched and "韶峰南方绿色建材产业园" in then.answer


def test_the_other_side_is_asked_in_the_word_the_answer_before_used(built_index):
    """`城里的呢` after `城市低保标准从…提高到…,农村低保标准…`: 城市低保, not 城镇低保 (which a 两癌 check names)."""
    *_, then = ask_in_turn(["洪江市农村低保今年提到好多", "城里的呢"], built_index)
    assert "城市低保" in then.searched and "700元/月" in then.answer


def test_a_member_asked_by_its_role_is_the_one_the_answer_before_gave_that_role(built_index):
    """`主导的那个` after `…形成了以化工新材料为主导,以生物医药为特色的一主一特产业格局`: 化工新材料."""
    *_, then = ask_in_turn(["洪江区工业的“一主一特”产业格局是什么", "主导的那个到2025年总产值要达到多少"], built_index)
    assert "化工新材料" in then.searched and "75.6亿元" in then.answer


def test_what_else_is_asked_without_its_also(built_index):
    """`还有哪所提质改造了` after `…新建了哪所九年制学校`: which other 学校, its `还有` no word the answer must hold."""
    *_, then = ask_in_turn(["湘乡十三五期间新建了哪所九年制学校?", "还有哪所提质改造了?"], built_index)
    assert "还有" not in then.searched and "芙蓉学校完成提质改造" in then.answer


def test_a_numbered_slogan_the_lexicon_holds_a_word_of_is_a_thing_of_its_own(built_index):
    """`两项补贴这次提到多少` after questions about 人社 services names its own thing, whole: 补贴 is a lexicon word,
    but `两项补贴` is what the documents quote, so the turn is not asked of the services before it."""
    questions = ["洪江市民生可感行动里，就业用工社保“三合一”数字服务覆盖村（社区）要到多少？", "人社政务服务三合一事项不少于多少项"]
    questions.append("两项补贴这次提到多少")
    *_, subsidy = ask_in_turn(questions, built_index)
    assert "三合一" not in subsidy.searched and "90元/月/人" in subsidy.answer


def test_then_and_now_say_when_not_what_the_answer_must_hold(built_index):
    """`那以前要多久` after `…新生儿参保那个一件事 现在多久能办完`: 以前 and 现在 say which time is asked, no word of the
    passage (`办结时间从60天缩至30分钟`), which answers both."""
    questions = ["洪江区城乡居民养老保险待遇提到多少了", "还有新生儿参保那个一件事 现在多久能办完", "哦 那以前要多久"]
    *_, before = ask_in_turn(questions, built_index)
    assert not before.refused and "60天" in before.answer


def test_a_quoted_term_asked_of_itself_is_not_kept_for_the_next_thing(built_index):
    """`孤儿的呢?散居那种` after `残疾人那两项补贴涨了没`: “两项补贴” was what the turn before asked of, not where 孤儿
    belongs, so the orphans' allowance is searched without it; `3个特色产业呢` after `“4+3”…主导产业是哪些` keeps “4+3”."""
    questions = ["洪江市农村低保2024年提到多少了", "嗯 残疾人那两项补贴涨了没", "孤儿的呢?散居那种"]
    *_, orphans = ask_in_turn(questions, built_index)
    assert "两项补贴" not in orphans.searched and "1150元/月" in orphans.answer
    *_, special = ask_in_turn(["湘乡“4+3”产业体系里四大主导产业是哪几个", "3个特色产业呢"], built_index)
    assert "4+3" in special.searched


def test_an_ordinal_led_in_by_its_own_list_replaces_the_list_the_turn_before_named(built_index):
    """`特色产业里的最后一个呢?` after `主导产业里的第一个,主要依托哪些企业和园区?`: what was asked of the first 主导产业
    is asked of the last 特色产业, and searched as that, not as `主导产业里的电子信息`."""
    questions = [
        "湘乡市十四五规划里的“4+3”现代产业新体系,分别是哪4个主导产业和哪3个特色产业?",
        "主导产业里的第一个,主要依托哪些企业和园区?",
        "特色产业里的最后一个呢?",
    ]
    *_, last = ask_in_turn(questions, built_index)
    assert "特色产业里的电子信息" in last.searched and "主导产业" not in last.searched


def test_moving_to_another_place_asks_of_the_thing_before_and_an_answer_without_it_is_refused(built_index):
    """`洪江区那边是多少` after `洪江市…新增千兆端口多少个`: 洪江区's documents set no 千兆端口 target, and a sentence of
    theirs that never names it (`新增返乡创业主体30个`) is no answer. Where the other place does state the thing, in
    other words (`我区就诊率提高到90%左右` for 湘乡's `市域就诊率`), it still answers."""
    questions = ["洪江市24年打算新建多少个5G基站", "新增千兆端口多少个", "洪江区那边是多少"]
    *_, elsewhere = ask_in_turn(questions, built_index)
    assert elsewhere.refused
    *_, visits = ask_in_turn(["湘乡十三五末市域就诊率达到多少？", "洪江区十四五末的目标呢？"], built_index)
    assert not visits.refused and "90%" in visits.answer
    # a sentence that shares only the plan's frame (`“十四五”时期…是湘乡市开启…的第一个五年规划期`) holds too little of
    # `工业总产值` to be about it
    *_, output = ask_in_turn(["洪江区十四五末工业总产值目标多少", "那湘乡市呢"], built_index)
    assert output.refused


def test_inside_it_asks_of_the_thing_before_but_what_is_said_inside_it_asks_of_the_text(built_index):
    """`里头算民生实事的有几户` after `…无障碍改造，今年搞多少户` is of those households (`民生实事70户`), as `其中…` is;
    `里头说的两新是啥意思` asks what a term the text says means, not something of the thing before."""
    questions = ["洪江市24年两癌免费检查给多少人做", "重度残疾人家里做无障碍改造，今年搞多少户", "里头算民生实事的有几户"]
    *_, among = ask_in_turn(questions, built_index)
    assert not among.refused and "民生实事70户" in among.answer
    questions = ["洪江区24年给企业新增减税降费退税多少钱", "25年帮企业争取奖补资金的目标多少", "里头说的两新是啥意思"]
    *_, meaning = ask_in_turn(questions, built_index)
    assert not meaning.refused and "大规模设备更新和消费品以旧换新" in meaning.answer


def test_a_bare_ordinal_moves_only_an_ordinal_that_named_a_member_before():
    """`第三个呢？` re-asks `…的第一个着力方向是什么？` of the third; a quarter, a five-year plan or a chapter named by its
    number is no member of a list to move along."""
    from chatbot.answer import _ordinal_moved

    def moved(previous: str, asked: str = "第三个呢？") -> str | None:
        return _ordinal_moved(asked, _ORDINAL.search(asked), previous)

    assert moved("洪江市改革攻坚行动的第一个着力方向是什么？") == "洪江市改革攻坚行动的第三个着力方向是什么？"
    assert moved("专栏5里第四项是什么", "最后一个是啥") == "专栏5里最后一个是什么"
    for previous in ("2024年第一季度GDP增长多少", "第十四个五年规划GDP目标是多少", "第三章讲什么"):
        assert moved(previous) is None
    assert moved("洪江市改革攻坚行动的第一个着力方向是什么？", "第三个里要督促哪两个项目？") is None


def test_a_thing_of_another_place_is_asked_what_it_is_as_the_member_before_was(built_index):
    """`湘乡的发展战略呢` after `第一个是什么` (a strategic position of 洪江区): what 湘乡's 发展战略 is, as `是什么`
    asks of a term; not `什么…发展战略`, which finds a sentence merely naming some 发展战略."""
    *_, then = ask_in_turn(["洪江区十四五的三个战略定位是什么？", "第一个是什么", "湘乡的发展战略呢"], built_index)
    assert then.answer.startswith("【湘乡市 · (五)发展战略】坚定实施“文化立市、工业强市”发展战略。[1]")


def test_a_thing_named_alone_that_the_answer_before_gave_a_quoted_name_is_asked_of_that_line(built_index):
    """`古商城核心景区呢` after `以古商城核心景区为“聚焦点”,沅巫两水沿岸为“主轴线”…`: the line before, which names
    the scenic area with what it is called, answers it; not a project lighting that area up."""
    first, then = ask_in_turn(["洪江区空间布局中嵩云山国家森林公园是什么定位？", "古商城核心景区呢？"], built_index)
    assert "以古商城核心景区为“聚焦点”" in first.answer
    assert "以古商城核心景区为“聚焦点”" in then.answer.splitlines()[0]


def test_it_after_a_time_stands_for_the_thing_before(built_index):
    """`2025年它还要建什么` after `“芳华年代”项目现在怎么样了`: 它 is that project, though a time comes before it."""
    *_, then = ask_in_turn(["洪江区“芳华年代”项目现在怎么样了？", "2025年它还要建什么？"], built_index)
    assert not then.refused and "芳华年代工业文旅大道二期" in then.answer


def test_a_follow_up_to_a_question_of_several_parts_is_asked_of_the_part_it_repeats(built_index):
    """`湘乡呢 多少个村` after `洪江市一共多少个行政村 科技特派员都覆盖没`: of the villages (the first part, whose 村 it
    repeats), not of the envoys the last part asked about; a follow-up repeating nothing stays with the last part."""
    from chatbot.answer import _part_repeated

    index, _ = built_index
    parts = ["洪江市 一共多少个行政村", "洪江市 科技特派员都覆盖没"]
    assert _part_repeated("湘乡呢 多少个村", parts, index) == parts[0]
    assert _part_repeated("湘乡呢", parts, index) is None
    _, then = ask_in_turn(["洪江市一共多少个行政村 科技特派员都覆盖没", "湘乡呢 多少个村"], built_index)
    assert "297个行政村" in then.answer.splitlines()[0]


def test_the_figure_of_a_thing_named_alone_is_asked_as_the_thing_alone(built_index):
    """`羊的数字呢` after the pigs a plan raises: `羊呢`, the sheep's figure of that sentence."""
    _, then = ask_in_turn(["洪江市八大行动里今年生猪出栏目标多少", "羊的数字呢"], built_index)
    assert not then.refused and "羊出栏达6.5万头" in then.answer.splitlines()[0]


def test_a_kind_of_document_the_place_before_has_none_of_is_the_one_the_conversation_read(built_index):
    """`报告里的“两重”是什么` after turns moving from 洪江区's report to 洪江市, which has plans but no report: the report
    read before defines it; 洪江市's plans are not searched for it."""
    *_, then = ask_in_turn(["洪江区2024年三公经费降了多少", "洪江市呢", "报告里的“两重”是什么"], built_index)
    assert "洪江市" not in then.searched
    assert then.answer.startswith("【洪江区 · 名词解释】“两重”(P14):国家重大战略实施和重点领域安全能力建设。[1]")


def test_the_county_town_asked_after_a_township_is_no_longer_that_townships(built_index):
    """`城里的初中有没有结对帮扶` after a township's school: the county town's junior schools (初中, which jieba tags a
    localizer, named as the thing asked), not the township's."""
    _, then = ask_in_turn(["洪江市岩垅乡中心学校2024年有什么建设？", "城里的初中有没有结对帮扶？"], built_index)
    assert "岩垅乡" not in then.searched
    assert "市芙蓉中学(完全中学)实施初中结对帮扶" in then.answer.splitlines()[0]


def test_what_was_searched_reads_without_the_pointing_word_of_the_follow_up(built_index):
    """`那个机场什么时候能建成？` is shown as searched for `湘乡市 机场什么时候能建成？`: the 那个 that points back goes
    whole, leaving no stray `个` before the thing."""
    *_, then = ask_in_turn(["湘乡市规划里要建机场吗", "那个机场什么时候能建成？"], built_index)
    assert then.searched == "湘乡市 机场什么时候能建成？"
