"""Questions about a document's outline are answered from its headings, which no passage's text repeats."""

from __future__ import annotations

from chatbot import answer
from chatbot.outline import answer_outline
from tests.test_conversation import ask_in_turn

PLAN = "000_ec6e4d95486ab7b0.txt"  # 洪江区's five-year plan


def test_which_chapter_speaks_of_a_subject_is_the_chapter_whose_heading_says_it(built_index):
    index, settings = built_index
    result = answer("洪江区十四五规划纲要里专门讲文旅产业的是第几章？", index, settings)
    assert not result.refused and "第三章 加快文旅产业转型升级" in result.answer
    cited = result.citations[0]
    assert cited.doc == PLAN and cited.kind == "heading" and cited.quotes == (cited.text,)
    assert "第八章 推进绿色发展" in answer("湘乡市的规划里,讲绿色发展的是第几章?", index, settings).answer


def test_a_subject_a_section_heading_names_is_answered_with_its_chapter_and_section(built_index):
    index, settings = built_index
    result = answer("洪江区规划里讲就业的是哪一章", index, settings)
    assert "第八章 改善人民生活品质,建设幸福洪江 · 第一节 健全有利于更充分更高质量就业的促进机制" in result.answer


def test_a_titled_box_is_found_by_its_title(built_index):
    index, settings = built_index
    result = answer("洪江区规划里“文旅引领重大项目建设计划”是第几个专栏？", index, settings)
    assert "专栏3文旅引领重大项目建设计划" in result.answer


def test_a_numbered_part_asked_by_name_is_its_heading(built_index):
    index, settings = built_index
    assert "第七章 坚持绿色发展,建设美丽洪江" in answer("洪江区十四五规划第七章的标题是什么?", index, settings).answer
    assert "专栏12洪江区国土绿化4大工程" in answer("洪江区规划专栏12是什么", index, settings).answer


def test_what_a_chapter_says_is_no_outline_question(built_index):
    """`第十章说要形成…什么效应` asks the text of chapter 10, not its heading."""
    index, _ = built_index
    assert answer_outline("洪江区规划第十章说要形成同时发力、同向发力的什么效应？", index) is None
    assert answer_outline("洪江区规划里讲月球基地的是第几章？", index) is None, "no heading speaks of it"


def test_a_follow_up_reads_this_chapter_as_the_one_the_answer_before_named(built_index):
    questions = ["洪江区十四五规划第七章的标题是什么?", "这一章的第一节讲的是什么?"]
    *_, then = ask_in_turn(questions, built_index)
    assert "第一节 优化“三生”空间,构建国土空间开发新格局" in then.answer
    *_, then = ask_in_turn(["洪江区十四五规划纲要里专门讲文旅产业的是第几章？", "这一章开头说旅游布局是围绕什么展开的？"], built_index)
    assert "三山两水一古城" in then.answer


def test_a_table_group_asked_as_a_whole_lists_its_rows_each_cited(built_index):
    index, settings = built_index
    result = answer("湘乡十三五规划主要指标表里，民生改善类有几项？", index, settings)
    assert "四、民生改善(12项)（表中列有12项）" in result.answer
    assert len(result.citations) == 12 and all(c.kind == "table_row" for c in result.citations)
    assert all("民生改善" in c.text and c.quotes[0] in c.text for c in result.citations)


def test_which_rows_of_a_group_bear_an_attribute_asked_after_it(built_index):
    *_, then = ask_in_turn(["湘乡十三五规划主要指标表里，民主法治类包括哪两个指标？", "这两个里哪个是约束性的？"], built_index)
    assert "社会安全指数实现程度" in then.answer and "城乡居民依法自治达标率" not in then.answer


def test_a_row_of_a_group_asked_for_its_figure_is_no_group_question(built_index):
    index, _ = built_index
    assert answer_outline("湘乡十三五规划主要指标表里，民生改善类的城镇登记失业率目标多少？", index) is None


def test_the_items_a_box_counts_are_its_numbered_headings_each_cited(built_index):
    """`“七个保障”都保障哪些`: 专栏9 names the count and holds exactly seven numbered items."""
    index, settings = built_index
    result = answer("洪江区十四五规划里企业权益“七个保障”都保障哪些", index, settings)
    assert "专栏9开展企业权益“七个保障”专项行动：" in result.answer and "7、保障政策措施落地落实。" in result.answer
    assert len(result.citations) == 7 and all(c.quotes[0] in c.text for c in result.citations)


def test_a_section_counting_what_its_tasks_serve_is_no_list_of_them(built_index):
    """`(二)推动四大板块协调发展` heads four tasks; the four 板块 are named elsewhere, and one member is not the list:
    `第二个` is the second heading alone."""
    index, _ = built_index
    assert answer_outline("洪江市“两城两带四板块”里四板块是哪四块？", index) is None
    _, second, _, _ = answer_outline("洪江区七个保障的第二个是什么", index)
    assert second.endswith("专栏9开展企业权益“七个保障”专项行动 · 2、保障公正监管。[1]") and "1、" not in second


def test_how_many_parts_a_document_or_chapter_has_lists_them(built_index):
    index, settings = built_index
    chapters = answer("洪江区十四五规划一共有几章", index, settings)
    assert chapters.answer.startswith("【洪江区】共10章：") and "第十章 规划组织实施与保障措施" in chapters.answer
    sections = answer("洪江区规划第二章有几节", index, settings)
    assert sections.answer.startswith("【洪江区】共3节：") and "第三节 空间布局和发展目标" in sections.answer
    assert answer_outline("湘乡规划里讲就业的是第几章", index)[1].count("[") == 1, "第几章 asks which, not how many"


def test_a_subject_asked_after_the_part_finds_the_part_speaking_of_it(built_index):
    """`哪一章讲教育`: 湘乡's chapters are divided into `(二)健全现代教育体系`, not numbered sections."""
    index, settings = built_index
    result = answer("湘乡规划里哪一章讲教育", index, settings)
    assert "第九章 坚持以人为本,构建民生福祉新事业 · (二)健全现代教育体系" in result.answer
    assert "第三章" in answer("洪江区规划第三章叫什么名字", index, settings).answer


def test_an_indicators_table_asked_as_a_whole_lists_its_rows_or_groups(built_index):
    index, settings = built_index
    bound = answer("湘乡十三五指标完成情况表里约束性指标有几项", index, settings)
    assert "其中约束性指标9项" in bound.answer and all("属性: 约束性" in c.text for c in bound.citations)
    classes = answer("湘乡十四五规划主要指标有几大类", index, settings)
    assert "共分5类" in classes.answer and "五、安全保障(3项)" in classes.answer
    # one indicator's figure is no question of the whole table
    assert answer_outline("洪江区十四五指标表里，每千人口里三岁以下的婴幼儿托位数，2025年要达到几个？", index) is None


def test_a_member_asked_by_its_place_in_a_numbered_run_of_headings_is_that_heading(built_index):
    """`改革攻坚行动的第一个着力方向`: the run under the headings naming 改革攻坚行动 whose members are 着力…; `专栏5…中的
    第四项`: the fourth item of that box."""
    index, settings = built_index
    first = answer("洪江市改革攻坚行动的第一个着力方向是什么？", index, settings)
    assert first.answer.endswith("二、工作任务 · (一)着力降成本增效率[1]") and first.citations[0].kind == "heading"
    fourth = answer("洪江区十四五规划专栏5全域旅游品牌活动中的第四项是什么?", index, settings).answer
    assert "专栏5全域旅游品牌活动建设计划 · 4、“又见小城故事”沉浸式演艺" in fourth


def test_an_ordinal_whose_kind_no_member_of_a_run_names_is_not_answered_from_it(built_index):
    """`第一个改造工程`: the first item of 专栏5 (`1、“洪福洪江年”春节民俗文化活动`) names no 改造工程."""
    index, settings = built_index
    assert answer_outline("洪江区十四五专栏里第一个改造工程是哪？", index) is None
    # what is asked of a member is no question of which member it is
    assert answer_outline("洪江市改革攻坚行动的第一个着力方向是什么时候提出的？", index) is None
    assert answer_outline("洪江市改革攻坚行动的第一个着力方向是什么意思？", index) is None


def test_a_bare_ordinal_after_a_member_asked_by_its_place_asks_for_the_member_at_the_new_place(built_index):
    """No list was answered to count in: `第三个呢？` asks the question before of the third."""
    turns = ask_in_turn(["洪江市改革攻坚行动的第一个着力方向是什么？", "第三个呢？", "最后一个呢"], built_index)
    assert turns[1].searched == "洪江市 改革攻坚行动的第三个着力方向是什么？"
    assert turns[1].answer.endswith("(三)着力促投资稳增长[1]")
    assert turns[2].answer.endswith("(四)着力增活力强支撑[1]")


def test_a_run_is_of_the_kind_its_parent_heading_names_and_a_plan_or_box_number_counts_nothing(built_index):
    """`第一个发展定位`: the run under `(六)发展定位`, not the chapter's run of which `(六)发展定位` is one member; neither
    `十四五` (ten `四五`) nor `专栏5` (five `全域`) counts the members asked."""
    from chatbot.outline import counted

    index, settings = built_index
    first = answer("湘乡十四五第一个发展定位是什么？", index, settings).answer
    assert first.endswith("(六)发展定位 · 1.长株潭城市群重要节点。[1]")
    assert "2.长株潭产业发展集聚区" in answer("湘乡十四五的发展定位，第二条是什么？", index, settings).answer
    assert counted("湘乡十四五的发展定位") == set() and counted("专栏5全域旅游品牌活动") == set()
    assert counted("企业权益“七个保障”") == {(7, "保障")}


def test_the_words_for_what_a_document_does_and_for_any_list_name_no_run_of_headings(built_index):
    """`管委工作报告部署的五个方面工作中,第二个`: 部署 is what the report does, 方面 and 工作 a kind any list is of; the
    run is the report's five parts, which the title names by the rest."""
    index, settings = built_index
    second = answer("2025年洪江区管委工作报告部署的五个方面工作中，第二个是什么", index, settings).answer
    assert second.endswith("2025,我们扬帆起航、奋勇争先 · 二、全力拼搏抓项目,积蓄高质量发展新动力[1]")
