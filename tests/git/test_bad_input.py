"""Issue 5's bad-input list, each in a real repository: unknown ref, a ref that looks like an
option, a shallow clone, a detached HEAD, no repository, no git on PATH, dubious ownership, a
dirty working tree, a file valid at one ref and broken at the other, binary and symlink blobs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from govkit import api
from govkit.errors import GovkitError
from tests.conftest import run_cli
from tests.git.conftest import GitRepo, make_repo

BUDGET = "catalog/finance/budget.yaml"
COMPLAINTS = "catalog/services/complaints.yaml"


def codes(outcome_stdout: str) -> list[str]:
    return [finding["code"] for finding in json.loads(outcome_stdout)["findings"]]


# -- refs ---------------------------------------------------------------------------------


def test_unknown_ref_is_exit_2_with_its_name(repo: GitRepo) -> None:
    outcome = run_cli("diff", "no-such-branch", "--root", str(repo.root))

    assert outcome.exit_code == 2
    assert outcome.stdout == ""
    assert "unknown git ref 'no-such-branch'" in outcome.stderr


def test_unknown_remote_branch_says_how_to_fetch_it(repo: GitRepo) -> None:
    outcome = run_cli("ci", "--base", "origin/main", "--root", str(repo.root))

    assert outcome.exit_code == 2
    assert "git fetch origin main" in outcome.stderr


@pytest.mark.parametrize("command", ["diff", "ci"])
def test_a_ref_that_looks_like_an_option_is_never_an_option(
    repo: GitRepo, tmp_path: Path, command: str
) -> None:
    trap = tmp_path / "written-by-git"
    ref = f"--output={trap}"
    args = ["diff", "--root", str(repo.root), "--", ref] if command == "diff" else []
    args = args or ["ci", f"--base={ref}", "--root", str(repo.root)]

    outcome = run_cli(*args)

    assert outcome.exit_code == 2
    assert f"unknown git ref '{ref}'" in outcome.stderr
    assert "never starts with '-'" in outcome.stderr
    assert not trap.exists()


def test_the_library_refuses_option_refs_too(repo: GitRepo, tmp_path: Path) -> None:
    trap = tmp_path / "x"
    for ref in (f"--output={trap}", "-p", "--all", "HEAD\n--output=/tmp/y"):
        with pytest.raises(GovkitError, match="ref"):
            api.diff(ref, root=repo.root)
    assert not trap.exists()


# -- shallow clones and detached HEADs -----------------------------------------------------


@pytest.fixture
def shallow(repo: GitRepo, tmp_path: Path) -> GitRepo:
    repo.edit(COMPLAINTS, "access_level: internal", "access_level: confidential")
    repo.commit("tighten complaints")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
        check=True,
        capture_output=True,
    )
    return GitRepo(clone)


def test_shallow_clone_without_the_base_says_how_to_fetch_it(
    shallow: GitRepo, repo: GitRepo
) -> None:
    for args in (["diff", "HEAD~1"], ["ci", "--base", repo.shas[0]]):
        outcome = run_cli(*args, "--root", str(shallow.root))

        assert outcome.exit_code == 2, args
        assert "shallow clone" in outcome.stderr
        assert "fetch the base: `git fetch --deepen=100 origin`" in outcome.stderr
        assert "fetch-depth: 0" in outcome.stderr


def test_shallow_clone_with_its_base_works(shallow: GitRepo) -> None:
    outcome = run_cli("ci", "--base", "origin/main", "--root", str(shallow.root))

    assert outcome.exit_code == 0, outcome.stderr
    assert "All checks passed." in outcome.stdout


def test_detached_head_is_just_a_commit(repo: GitRepo) -> None:
    repo.edit(BUDGET, "license: CC-BY-4.0", "license: CC0-1.0")
    repo.commit("relicense budget")
    repo.git("checkout", "-q", "--detach", "HEAD")

    diffed = run_cli("diff", "main~1", "--root", str(repo.root), "-f", "json")
    gated = run_cli("ci", "--base", "main~1", "--root", str(repo.root), "-f", "json")
    logged = run_cli("log", "budget", "--root", str(repo.root))

    assert diffed.exit_code == 0, diffed.stderr
    assert codes(diffed.stdout) == ["GK514"]
    assert gated.exit_code == 0, gated.stderr
    assert "GK514" in codes(gated.stdout)
    assert logged.exit_code == 0, logged.stderr
    assert "HEAD (" in logged.stdout


# -- the environment ---------------------------------------------------------------------------


def test_no_repository_is_exit_2(tmp_path: Path) -> None:
    root = tmp_path / "loose"
    make_repo(root)
    shutil.rmtree(root / ".git")

    for args in (["diff", "HEAD"], ["ci", "--base", "main"], ["log", "budget"]):
        outcome = run_cli(*args, "--root", str(root))

        assert outcome.exit_code == 2, args
        assert "is not inside a git repository" in outcome.stderr
        assert "Traceback" not in outcome.stderr


def test_no_git_on_path_is_exit_2(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = repo.root.parent / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))

    outcome = run_cli("diff", "HEAD", "--root", str(repo.root))

    assert outcome.exit_code == 2
    assert "git is not installed or not on PATH" in outcome.stderr


def test_dubious_ownership_says_how_to_trust_the_repository(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # git's own switch for testing the ownership check without another user account.
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")

    outcome = run_cli("diff", "HEAD", "--root", str(repo.root))

    assert outcome.exit_code == 2
    assert "dubious ownership" in outcome.stderr
    assert "git config --global --add safe.directory" in outcome.stderr


def test_git_runs_no_program_the_repository_config_names(repo: GitRepo, tmp_path: Path) -> None:
    """A cloned repository's config is the proposer's: an fsmonitor hook there would run code
    on every `git diff` against the working tree. govkit turns it off (and pager, prompts)."""
    marker = tmp_path / "hook-ran"
    hook = tmp_path / "fsmonitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    repo.git("config", "core.fsmonitor", str(hook))
    repo.git("config", "core.pager", "false")
    repo.edit(BUDGET, "license: CC-BY-4.0", "license: CC0-1.0")

    outcome = run_cli("diff", "HEAD", "--root", str(repo.root), "-f", "json")

    assert outcome.exit_code == 0, outcome.stderr
    assert codes(outcome.stdout) == ["GK514"]
    assert not marker.exists()


# -- the working tree -----------------------------------------------------------------------------


def test_dirty_working_tree_is_diffed_and_a_commit_diff_says_what_it_read(
    repo: GitRepo,
) -> None:
    repo.edit(BUDGET, "license: CC-BY-4.0", "license: CC0-1.0")
    repo.commit("relicense budget")
    repo.edit(BUDGET, "unit: finance", "unit: services")  # not committed
    repo.write("catalog/services/new.yaml", "id: new\n")  # untracked, and incomplete

    with_tree = json.loads(run_cli("diff", "HEAD", "--root", str(repo.root), "-f", "json").stdout)
    commits = run_cli("diff", "HEAD~1", "HEAD", "--root", str(repo.root), "-f", "json")
    between = json.loads(commits.stdout)

    assert [f["code"] for f in with_tree["findings"]] == ["GK515", "GK520"]
    assert with_tree["refs"]["head"] == f"working tree (HEAD {repo.shas[-1][:7]})"
    assert [f["code"] for f in between["findings"]] == ["GK514"]
    assert between["refs"]["head_commit"] == repo.shas[-1]
    assert between["refs"]["base_commit"] == repo.shas[-2]
    assert between["refs"]["not_read"] == "2 uncommitted catalog file(s) of the working tree"
    assert f"compared HEAD~1 ({repo.shas[-2][:7]}) with HEAD" in commits.stderr


# -- files broken at one ref -------------------------------------------------------------------


def test_a_file_broken_at_head_is_reported_with_its_ref_and_the_rest_still_diffed(
    repo: GitRepo,
) -> None:
    repo.write(BUDGET, "id: budget\ntitle: [unclosed\n")
    repo.edit(COMPLAINTS, "access_level: internal", "access_level: confidential")
    repo.commit("break budget, tighten complaints")

    outcome = run_cli("diff", "HEAD~1", "HEAD", "--root", str(repo.root), "-f", "json")
    report = json.loads(outcome.stdout)

    assert outcome.exit_code == 1  # GK520 is an error: the change cannot be judged
    broken, tightened = report["findings"]
    assert (broken["code"], broken["path"], broken["line"]) == ("GK520", BUDGET, 3)
    assert f"cannot be read at HEAD ({repo.shas[-1][:7]}): invalid YAML" in broken["message"]
    assert (tightened["code"], tightened["dataset"]) == ("GK505", "complaints")


def test_a_file_broken_at_base_is_a_warning_and_not_an_addition(repo: GitRepo) -> None:
    good = (repo.root / BUDGET).read_text(encoding="utf-8")
    repo.write(BUDGET, good.replace("access_level: public", "access_level: publik"))
    repo.commit("a typo in budget's level")  # valid YAML, invalid entry (no such level)
    repo.edit(BUDGET, "access_level: publik", "access_level: public")
    repo.write("catalog/finance/broken.yaml", "id: broken\n\tbad: tab\n")
    repo.commit("fix the typo")

    report = json.loads(
        run_cli("diff", "HEAD~1", "HEAD", "--root", str(repo.root), "-f", "json").stdout
    )
    back = json.loads(
        run_cli("diff", "HEAD", "HEAD~1", "--root", str(repo.root), "-f", "json").stdout
    )

    found = {(f["code"], f["path"]) for f in report["findings"]}
    assert ("GK520", "catalog/finance/broken.yaml") in found
    assert not any(code in ("GK501", "GK502") for code, _ in found)
    assert ("GK519", "catalog/finance/broken.yaml") in {
        (f["code"], f["path"]) for f in back["findings"]
    }


def test_a_broken_govkit_yaml_at_base_stops_the_diff_naming_the_ref(repo: GitRepo) -> None:
    config = (repo.root / "govkit.yaml").read_text(encoding="utf-8")
    repo.write("govkit.yaml", "govkit: [\n")
    repo.commit("break the config")
    repo.write("govkit.yaml", config)
    repo.commit("repair the config")

    outcome = run_cli("diff", "HEAD~1", "--root", str(repo.root))

    assert outcome.exit_code == 2
    assert f"govkit.yaml:2:1: at HEAD~1 ({repo.shas[1][:7]}): invalid YAML" in outcome.stderr


# -- blobs that are not plain files --------------------------------------------------------------


def test_binary_and_symlink_blobs_are_read_as_what_they_are(repo: GitRepo) -> None:
    repo.write("catalog/finance/logo.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    os.symlink("../../govkit.yaml", repo.root / "catalog/finance/alias.yaml")
    os.symlink("/etc", repo.root / "catalog/outside")
    repo.commit("a binary entry and two links")

    report = json.loads(run_cli("diff", "HEAD~1", "--root", str(repo.root), "-f", "json").stdout)
    committed = json.loads(
        run_cli("diff", "HEAD~1", "HEAD", "--root", str(repo.root), "-f", "json").stdout
    )

    for found in (report, committed):
        messages = {f["path"]: (f["code"], f["message"]) for f in found["findings"]}
        assert messages["catalog/finance/logo.yaml"][0] == "GK520"
        assert "not valid UTF-8 (byte 0x89)" in messages["catalog/finance/logo.yaml"][1]
        assert messages["catalog/finance/alias.yaml"][0] == "GK520"
        assert "symbolic link" in messages["catalog/finance/alias.yaml"][1]
