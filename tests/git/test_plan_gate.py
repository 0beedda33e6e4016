"""`govkit ci` gates what a catalog owes: a merge request that leaves an obligation
unfulfilled or removes a column an obligation requires fails; one that touches something
else passes, although it reads only the entries it changed."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.git.conftest import TODAY, GitRepo

PACK = """\
metadata:
  id: local
  title: {en: Local duties}
  version: 1.0.0
  source: {title: {en: The committee's charter}}
items:
  - id: local-budget
    title: {en: The budget}
    source: {ref: art. 1}
    columns:
      - {concept: programme}
      - {concept: approved}
"""


def with_obligations(repo: GitRepo) -> None:
    repo.write("obligations/local.yaml", PACK)
    repo.edit("govkit.yaml", "policies:", "obligations: [local]\npolicies:")
    repo.edit("catalog/finance/budget.yaml", "access_level: public\n",
              "access_level: public\nfulfils: [local-budget]\n")  # fmt: skip
    repo.commit("the budget fulfils the local duty")
    repo.git("checkout", "-q", "-b", "change")


def gate(repo: GitRepo) -> tuple[int, list[tuple[str, str]]]:
    outcome = run_cli("ci", "--base", "main", "--root", str(repo.root), "--today", TODAY,
                      "-f", "json", "--no-cache")  # fmt: skip
    records = json.loads(outcome.stdout)["findings"]
    return outcome.exit_code, [(r["code"], r["path"]) for r in records if r["code"] < "GK8"
                               and r["code"] >= "GK7"]  # fmt: skip


def test_an_unrelated_change_passes(repo: GitRepo) -> None:
    with_obligations(repo)
    repo.edit("catalog/services/complaints.yaml", "R/P1M", "R/P3M")
    repo.commit("complaints every quarter")
    assert gate(repo) == (0, [])


def test_a_change_that_unfulfils_an_obligation_fails(repo: GitRepo) -> None:
    with_obligations(repo)
    repo.edit("catalog/finance/budget.yaml", "fulfils: [local-budget]\n", "")
    repo.commit("the budget no longer says what it fulfils")
    assert gate(repo) == (1, [("GK702", "govkit.yaml")])


def test_a_change_that_removes_a_required_column_fails(repo: GitRepo) -> None:
    with_obligations(repo)
    repo.edit("schemas/budget.schema.yaml", "  - {name: approved", "  - {name: allotted")
    repo.edit("catalog/finance/budget/budget-1405.csv", "programme,approved", "programme,allotted")
    repo.commit("approved renamed")
    code, found = gate(repo)
    assert code == 1
    assert ("GK705", "catalog/finance/budget.yaml") in found


def test_a_pack_that_asks_for_a_new_column_fails_the_entries_that_fulfil_it(
    repo: GitRepo,
) -> None:
    with_obligations(repo)
    repo.edit("obligations/local.yaml", "      - {concept: approved}\n",
              "      - {concept: approved}\n      - {concept: spent}\n")  # fmt: skip
    repo.commit("the duty asks for what was spent")
    assert gate(repo) == (1, [("GK705", "catalog/finance/budget.yaml")])
