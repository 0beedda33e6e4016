"""`govkit log DATASET`: the access timeline from git history, with pinned authors and dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govkit import api
from tests.conftest import run_cli
from tests.git.conftest import GitRepo

BUDGET = "catalog/finance/budget.yaml"
MOVED = "catalog/finance/city-budget.yaml"
APPROVAL = '  - {ref: "1404/120", date: 2025-01-03, decision: publish}\nresources:'


@pytest.fixture
def history(repo: GitRepo) -> GitRepo:
    """budget: created public (1), withdrawn by Ali (2), published again with an approval (3),
    moved to another file (4), a resource kept back (5), broken (6), repaired (7)."""
    repo.edit(BUDGET, "access_level: public", "access_level: internal")
    repo.commit("withdraw budget", author="ali")
    repo.edit(BUDGET, "access_level: internal", "access_level: public")
    repo.edit(BUDGET, "resources:", APPROVAL)
    repo.commit("publish budget again")
    repo.git("mv", BUDGET, MOVED)
    repo.commit("rename the entry")
    repo.edit(MOVED, "    format: csv\n", "    format: csv\n    access_level: confidential\n")
    repo.commit("keep the file back")
    good = (repo.root / MOVED).read_text(encoding="utf-8")
    repo.write(MOVED, good.replace("access_level: public", "access_level: [public"))
    repo.commit("a typo")
    repo.write(MOVED, good)
    repo.commit("fix the typo")
    return repo


def test_the_timeline_of_a_dataset(history: GitRepo) -> None:
    timeline = api.log("budget", root=history.root)

    assert timeline.path == MOVED
    rows = [(e.commit, e.date[:10], e.author[:4], e.change, e.old, e.new) for e in timeline.events]
    shas = history.shas
    assert rows == [
        (shas[0], "2025-01-01", "Sara", "created", None, "public"),
        (shas[1], "2025-01-02", "Ali ", "withdrawn", "public", "internal"),
        (shas[2], "2025-01-03", "Sara", "published", "internal", "public"),
        (shas[4], "2025-01-05", "Sara", "withdrawn", "public", "confidential"),
        (shas[5], "2025-01-06", "Sara", "unreadable", None, None),
    ]
    assert timeline.events[0].approvals == ("1403/512 (2025-01-01, publish)",)
    assert timeline.events[2].approvals == ("1404/120 (2025-01-03, publish)",)
    assert timeline.events[1].approvals == ()
    assert timeline.events[3].resource == "budget-1405"
    assert timeline.events[0].path == BUDGET  # the name it had then
    assert "invalid YAML" in (timeline.events[4].note or "")


def test_log_as_text(history: GitRepo) -> None:
    outcome = run_cli("log", "budget", "--root", str(history.root))

    assert outcome.exit_code == 0, outcome.stderr
    lines = outcome.stdout.splitlines()
    assert lines[0] == (
        f"Access history of 'budget' ({MOVED}), commits up to HEAD ({history.shas[-1][:7]})"
    )
    assert lines[2].split() == ["date", "commit", "author", "change", "level", "approvals"]
    withdrawn = lines[4]
    assert withdrawn.startswith(f"2025-01-02  {history.shas[1][:7]}  Ali Rezaei <")
    assert "withdrawn" in withdrawn
    assert "public → internal" in withdrawn
    assert "withdrawn budget-1405" in lines[6]


def test_log_as_json_and_markdown(history: GitRepo) -> None:
    as_json = json.loads(run_cli("log", "budget", "--root", str(history.root), "-f", "json").stdout)
    markdown = run_cli("log", "budget", "--root", str(history.root), "-f", "markdown").stdout

    assert as_json["command"] == "log"
    assert as_json["head_commit"] == history.shas[-1]
    assert as_json["events"][2]["approvals"] == ["1404/120 (2025-01-03, publish)"]
    assert markdown.startswith("### Access history of 'budget'")
    assert "| 2025-01-03 |" in markdown


def test_log_by_path_of_a_removed_entry(repo: GitRepo) -> None:
    repo.git("rm", "-q", BUDGET)
    repo.commit("remove budget")

    outcome = run_cli("log", "budget", "--root", str(repo.root))
    by_path = api.log(BUDGET, root=repo.root)

    assert outcome.exit_code == 2
    assert "give the path its entry had" in outcome.stderr
    assert [e.change for e in by_path.events] == ["created", "removed"]


def test_log_refuses_sarif(repo: GitRepo) -> None:
    outcome = run_cli("log", "budget", "--root", str(repo.root), "-f", "sarif")

    assert outcome.exit_code == 2
    assert "'sarif' is not one of 'text', 'json', 'markdown'" in outcome.stderr


def test_a_shallow_clone_says_the_history_starts_at_its_boundary(
    history: GitRepo, tmp_path: Path
) -> None:
    clone = tmp_path / "shallow"
    history.git("clone", "-q", "--depth", "3", f"file://{history.root}", str(clone))

    timeline = api.log("budget", root=clone)

    first = timeline.events[0]
    assert first.change == "history-starts"  # not "created" by whoever made the boundary
    assert first.commit == history.shas[-3]
    assert first.new == "public"
    assert "shallow" in (first.note or "")
    assert all(event.change != "created" for event in timeline.events)
