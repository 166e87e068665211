"""Shared fixtures: the real seed documents, parsed once, and one real index built from them."""

from __future__ import annotations

import pytest

from ingest import CORPUS, load

SEEDS = {
    "hongjiang_qu_plan": "000_ec6e4d95486ab7b0.txt",
    "xiangxiang_plan": "001_0e369cfbaccd2f2f.txt",
    "hongjiang_shi_actions": "002_93159679ea96d36f.txt",
    "hongjiang_shi_region": "003_2fdff5521dc10afd.txt",
    "hongjiang_qu_report": "004_cfdaae2226e367c1.txt",
}


@pytest.fixture(scope="session")
def parsed():
    """Every seed document parsed, keyed by file name."""
    return {name: load(CORPUS / name) for name in SEEDS.values()}


@pytest.fixture(scope="session")
def built_index(tmp_path_factory):
    """A real index of the bundled corpus with the offline USE embedder."""
    from chatbot import Settings
    from index import Index, build_index
    from ingest import bundled_corpus

    home = tmp_path_factory.mktemp("home")
    settings = Settings(home=home)
    build_index(bundled_corpus(), settings.index_home, settings.embedder)
    return Index.open(settings.index_home, settings.embedder), settings
