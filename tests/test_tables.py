"""专栏 tables flattened one cell per line come back as rows that name indicator and column."""

from __future__ import annotations

from ingest.tables import align

HONGJIANG_QU = "000_ec6e4d95486ab7b0.txt"
XIANGXIANG = "001_0e369cfbaccd2f2f.txt"


def row(doc, box, indicator):
    return next(c for c in doc.chunks if c.kind == "table_row" and c.locator.endswith(f"{box} · {indicator}"))


def test_table_row_keeps_indicator_and_year(parsed):
    gdp = row(parsed[HONGJIANG_QU], "专栏2", "地区生产总值增长(%)")
    assert gdp.text == "专栏2 “十四五”经济社会发展主要指标 | 经济发展 | 地区生产总值增长(%) | 2020年: 3.6 | 2025年: 6.5 | 属性: 预期性"
    assert gdp.table_status == "inferred"  # its empty 年均增速 cell was missing


def test_full_row_fills_every_column(parsed):
    r = row(parsed[HONGJIANG_QU], "专栏2", "全员劳动生产率增长(%)")
    assert "2020年: 5.35 | 2025年: 7.86 | 年均增速[累计]: [7] | 属性: 预期性" in r.text
    assert r.table_status == "exact"


def test_grouped_header_columns_are_named_by_group(parsed):
    r = row(parsed[HONGJIANG_QU], "专栏1", "地区生产总值(亿元)")
    assert "“十三五”规划目标 2020年: 50" in r.text
    assert "预计完成情况 2020年: 40.3" in r.text
    assert "预计完成情况 年均增长(%): 3.5" in r.text


def test_bracketed_cumulative_values_go_to_rate_columns(parsed):
    r = row(parsed[HONGJIANG_QU], "专栏1", "万元GDP能耗下降(%)")
    assert "“十三五”规划目标 年均增长(%): [15]" in r.text
    assert "预计完成情况 年均增长(%): [17.7]" in r.text


def test_a_figure_the_text_states_as_growth_goes_to_the_growth_columns(parsed):
    # The row is `11 | 预期性 | 6.6` under 2020年 / 年均增长 twice; the plan's review says 规模工业增加值年均增长6.6%.
    r = row(parsed[HONGJIANG_QU], "专栏1", "规模工业增加值(亿元)")
    assert "预计完成情况 年均增长(%): 6.6" in r.text
    assert "“十三五”规划目标 年均增长(%): 11" in r.text  # target and actual sides are filled alike
    assert "2020年" not in r.text
    # A share the review states as a level (比重提升至61.8%) stays under 2020年.
    assert "预计完成情况 2020年: 61.8" in row(parsed[HONGJIANG_QU], "专栏1", "高新技术产业增加值占规模工业增加值比重(%)").text


def test_align_places_a_stated_rate_only_under_a_rate_column():
    columns = ["目标 2020年", "目标 年均增长(%)", "属性", "完成 2020年", "完成 年均增长(%)"]
    assert align(columns, ["11", "预期性", "6.6"])[0][0] == ("目标 2020年", "11")
    assert align(columns, ["11", "预期性", "6.6"], frozenset({"6.6"}))[0] == (
        ("目标 年均增长(%)", "11"),
        ("属性", "预期性"),
        ("完成 年均增长(%)", "6.6"),
    )


def test_unit_column_and_missing_unit(parsed):
    doc = parsed[XIANGXIANG]
    assert "单位: 亿元 | 2020: 500.24 | 2025: 750 | 属性: 预期性" in row(doc, "专栏2", "地区生产总值").text
    patents = row(doc, "专栏2", "每万人口高价值发明专利拥有量")
    assert "2020: 1.27 | 2025: 1.5" in patents.text
    assert "单位" not in patents.text


def test_sub_rows_carry_their_parent_indicator(parsed):
    r = row(parsed[XIANGXIANG], "专栏2", "居民人均可支配收入 城镇(元)")
    assert "2020: 39897 | 2025: 61133" in r.text


def test_unalignable_row_is_kept_verbatim_and_marked(parsed):
    verbatim = [c for d in parsed.values() for c in d.chunks if c.table_status == "verbatim"]
    assert verbatim, "some real rows cannot be aligned"
    for c in verbatim:
        assert "未能对齐的原始单元格" in c.text


def test_align_refuses_to_guess_between_equal_choices():
    assert align(["2020年", "2025年"], ["3"]) == ((), "verbatim")
    assert align(["2020年", "2025年", "属性"], ["1", "2", "预期性"])[1] == "exact"
