"""A policy rule too costly to evaluate is a finding naming the rule, found at once."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.conftest import run_cli
from tests.hostile.conftest import ENTRY

PACK = """\
metadata:
  id: local
  title: {en: Local rules}
  version: 1.0.0
  law:
    id: local-guideline
    title: {en: Local guideline}
    articles:
      - {id: "1", title: {en: Keywords}}
rules:
  - code: LC001
    name: keywords-differ
    title: {en: Keywords differ}
    severity: error
    citation: {law: local-guideline, article: "1"}
    scope: dataset
    assert: >-
      dataset.keywords.all(a, dataset.keywords.all(b,
      dataset.keywords.all(c, a != '' || b != '' || c != '')))
    message: "'{{ dataset.id }}' has a blank keyword"
    tests:
      pass:
        - dataset: {keywords: [a, b]}
      fail:
        - dataset: {keywords: ['']}
"""


def test_nested_comprehensions_over_a_long_list_are_refused_by_rule(catalog: Path) -> None:
    (catalog / "policies").mkdir(exist_ok=True)
    (catalog / "policies" / "local.yaml").write_text(PACK, encoding="utf-8")
    with (catalog / "govkit.yaml").open("a", encoding="utf-8") as config:
        config.write("policies: [local]\n")
    entry = catalog / ENTRY
    keywords = ", ".join(f"k{i}" for i in range(600))  # 600^3 steps: minutes
    entry.write_text(entry.read_text().replace("resources:", f"keywords: [{keywords}]\nresources:"))

    start = time.perf_counter()
    outcome = run_cli("check", "--root", str(catalog), "--no-scan", "--format", "json")

    assert time.perf_counter() - start < 10
    assert outcome.exit_code == 1, outcome.stderr
    messages = [f["message"] for f in json.loads(outcome.stdout)["findings"]]
    assert any("LC001" in m and "too costly" in m for m in messages), messages
