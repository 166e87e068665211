"""The scale benchmark's look-alike documents: other places, other figures, the same years and structure."""

from __future__ import annotations

import re

from eval.bench_scale import copy_hits, county_names, lookalike
from eval.metrics import QAItem
from ingest import bundled_corpus

REPORT = next(p for p in bundled_corpus() if p.name.startswith("004_")).read_text(encoding="utf-8")


def test_a_look_alike_renames_every_bundled_place_and_shifts_every_figure_but_the_years():
    copy = lookalike("洪江区到2025年GDP达到55亿元,增长6.5%;洪江新区与湘乡市、怀化市", "洪江区", 2)
    names = county_names(2)
    assert copy == (
        f"{names['洪江区']}到2025年GDP达到57亿元,增长8.5%;{names['洪江区'][:-1]}新区与{names['湘乡市']}、{names['怀化市']}"
    )


def test_look_alikes_of_a_real_report_differ_from_it_and_from_each_other_in_places_and_figures_only():
    first, second = lookalike(REPORT, "洪江区", 1), lookalike(REPORT, "洪江区", 2)
    assert len({REPORT, first, second}) == 3
    assert "洪江" not in first and "洪江" not in second
    dates = re.compile(r"20\d{2}年|\d{1,2}月|\d{1,2}日")
    assert dates.findall(first) == dates.findall(REPORT) == dates.findall(second)  # `2024年12月17日` stays a date

    def bare(text: str, places: set[str]) -> str:
        for place in sorted(places, key=len, reverse=True):
            text = text.replace(place, "")
        return re.sub(r"[\d.]+", "", text)

    originals = {*county_names(1), "洪江"}
    copies = {*county_names(1).values(), county_names(1)["洪江区"][:-1]}
    assert bare(first, copies) == bare(REPORT, originals)  # the structure and the wording around them stay


def test_every_copy_has_county_names_of_its_own():
    names = [set(county_names(copy).values()) for copy in range(1, 101)]
    assert all(a.isdisjoint(b) for i, a in enumerate(names) for b in names[i + 1 :])


def test_a_look_alikes_own_copy_of_a_definition_counts_apart_only_for_a_question_naming_no_place():
    item = QAItem("g", "“两新”指的是什么？", ["大规模设备更新"], "definition", doc="004_x.txt", evidence="“两新”(P14):大规模设备更新")
    places = {"004_x.txt": "洪江区"}
    copy_text = lookalike("“两新”(P14):大规模设备更新和消费品以旧换新。", "洪江区", 62)
    assert "(P76)" in copy_text
    cited = [{"doc": "004_x_copy062.txt", "text": copy_text}]
    assert copy_hits(item, cited, places, places_asked=[])
    assert not copy_hits(item, cited, places, places_asked=["洪江区"])  # asked of 洪江区: another county is wrong
    assert not copy_hits(item, [{"doc": "004_x_copy061.txt", "text": copy_text}], places, places_asked=[])
    assert not copy_hits(item, [{"doc": "001_y_copy062.txt", "text": copy_text}], places, places_asked=[])
