"""The README's commands are the ones CI runs, so a newcomer copies what was tested."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    """The README's shell blocks, in order: install and serve, install and test, the fast tests."""
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)]


def pins() -> dict[str, str]:
    """`constraints.txt` as package → pinned version."""
    lines = (ROOT / "constraints.txt").read_text().splitlines()
    return dict(line.split("==") for line in lines if "==" in line)


def test_ci_installs_and_tests_exactly_as_the_readme_says():
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    steps = [step.strip() for step in readme_commands()[1].split("&&")]
    *install, test = steps
    for step in install:
        assert step in ci or step.replace("pip install", "pip install -q", 1) in ci, step
    assert "export HF_HUB_OFFLINE=1" in ci and test.removeprefix("HF_HUB_OFFLINE=1 ") in ci


def test_both_readme_installs_go_through_the_pinned_constraints():
    serve, tests = readme_commands()[:2]
    for command in (serve, tests):
        assert "pip install -c constraints.txt -e " in command
    gradio = tuple(int(part) for part in pins()["gradio"].split(".")[:2])
    assert gradio >= (6, 16), "earlier 6.x releases carry published path-traversal and SSRF advisories"


def test_every_pinned_package_installs_on_the_oldest_python_the_readme_names():
    """Debian 12's python3 is 3.11.2: a pin needing 3.11.5 made the README's install fail there."""
    from importlib.metadata import PackageNotFoundError, metadata

    from packaging.specifiers import SpecifierSet

    requires = re.search(r'requires-python = "(.+?)"', (ROOT / "pyproject.toml").read_text()).group(1)
    oldest = re.search(r">=\s*([\d.]+)", requires).group(1)
    assert f"Python ≥ {oldest}" in (ROOT / "README.md").read_text()
    floor = oldest if oldest.count(".") == 2 else f"{oldest}.0"
    refused = []
    for name in pins():
        try:
            needs = metadata(name).get("Requires-Python")
        except PackageNotFoundError:
            continue  # pinned for an extra this environment did not install
        if needs and floor not in SpecifierSet(needs):
            refused.append(f"{name} needs Python {needs}")
    assert not refused, f"pins that refuse Python {floor}: {refused}"
