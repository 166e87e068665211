"""The scale benchmark's look-alike documents: other places, other figures, the same years and structure."""

from __future__ import annotations

import re

from eval.bench_scale import county_names, lookalike
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
