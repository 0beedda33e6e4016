"""Releases come from commits: dirty trees are refused, `--ref` reads the commit's tree, the
version is the tag or the commit, and the timestamp the commit's time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govkit import api
from govkit.errors import GovkitError
from govkit.export.build import ExportResult
from tests.export.builders import ENVIRON, HASH_KEY
from tests.export.conftest import commit_all, git

BUDGET = "catalog/finance/budget/budget-1403.csv"


def export(root: Path, out: Path, **options: object) -> ExportResult:
    environ = options.pop("environ", ENVIRON)
    return api.export(root, out=out, environ=environ, **options)  # type: ignore[arg-type]


def test_a_dirty_working_tree_is_refused(small_repo: Path, tmp_path: Path) -> None:
    (small_repo / BUDGET).write_text("programme,approved\nroads,1\n")
    (small_repo / "catalog/finance/new.yaml").write_text("id: new\n")
    with pytest.raises(GovkitError, match="uncommitted catalog changes") as raised:
        export(small_repo, tmp_path / "out")
    assert BUDGET in str(raised.value)
    assert "catalog/finance/new.yaml" in str(raised.value)
    assert not (tmp_path / "out").exists()


def test_allow_dirty_releases_the_working_tree_and_says_so(
    small_repo: Path, tmp_path: Path
) -> None:
    (small_repo / BUDGET).write_text("programme,approved\nroads,1\n")
    result = export(small_repo, tmp_path / "out", allow_dirty=True)
    assert "roads,1" in (tmp_path / "out/datasets/budget/data/budget-1403.csv").read_text()
    manifest = json.loads((tmp_path / "out/manifest.json").read_text())
    assert manifest["release"]["dirty"] is True
    assert result.release.commit == git(small_repo, "rev-parse", "HEAD")


def test_a_folder_outside_git_needs_allow_dirty(small: Path, tmp_path: Path) -> None:
    with pytest.raises(
        GovkitError, match="not in a git repository; a release is made from a commit"
    ):
        export(small, tmp_path / "out")
    assert export(small, tmp_path / "out", allow_dirty=True).written


def test_ref_reads_the_commit_not_the_working_tree(small_repo: Path, tmp_path: Path) -> None:
    first = git(small_repo, "rev-parse", "HEAD")
    (small_repo / BUDGET).write_text("programme,approved\nroads,99\n")
    commit_all(small_repo, "budget revised", date="2025-02-01T10:00:00+03:30")
    (small_repo / BUDGET).write_text("programme,approved\nroads,UNCOMMITTED\n")
    result = export(small_repo, tmp_path / "out", ref=first)
    data = (tmp_path / "out/datasets/budget/data/budget-1403.csv").read_text()
    assert data == "programme,approved\nroads,1200\nparks,800\n"
    assert result.release.commit == first
    assert result.release.version == first[:12]


def test_a_tag_is_the_version_and_the_commit_time_the_timestamp(
    small_repo: Path, tmp_path: Path
) -> None:
    git(small_repo, "tag", "v1.4.0")
    result = export(
        small_repo, tmp_path / "out", ref="v1.4.0", environ={"GOVKIT_HASH_KEY": HASH_KEY}
    )
    assert (result.release.version, result.release.tag) == ("v1.4.0", "v1.4.0")
    assert result.release.created == "2025-01-01T06:30:00Z"
    package = json.loads((tmp_path / "out/datasets/grants/datapackage.json").read_text())
    assert (package["version"], package["created"]) == ("v1.4.0", "2025-01-01T06:30:00Z")


def test_a_tag_on_the_released_commit_is_the_version_however_it_is_named(
    small_repo: Path, tmp_path: Path
) -> None:
    head = git(small_repo, "rev-parse", "HEAD")
    git(small_repo, "tag", "v1.9.0")
    git(small_repo, "tag", "-a", "-m", "release", "v1.10.0")  # annotated, a higher version
    assert export(small_repo, tmp_path / "by-sha", ref=head).release.version == "v1.10.0"
    assert export(small_repo, tmp_path / "head").release.version == "v1.10.0"


def test_a_dirty_tree_is_not_called_by_its_commits_tag(small_repo: Path, tmp_path: Path) -> None:
    git(small_repo, "tag", "v2.0.0")
    (small_repo / BUDGET).write_text("programme,approved\nroads,5\n")
    result = export(small_repo, tmp_path / "out", allow_dirty=True)
    assert result.release.tag is None
    assert result.release.version == git(small_repo, "rev-parse", "HEAD")[:12]


def test_a_large_committed_file_is_read_out_of_the_commit_whole(
    small_repo: Path, tmp_path: Path
) -> None:
    rows = "".join(f"programme-{i:07d},{i}\n" for i in range(150_000))  # ~3.5 MB: many chunks
    content = "programme,approved\n" + rows
    (small_repo / BUDGET).write_text(content)
    commit_all(small_repo, "a long budget", date="2025-03-01T10:00:00+03:30")
    tagged = git(small_repo, "rev-parse", "HEAD")
    (small_repo / BUDGET).write_text("programme,approved\nroads,1\n")
    commit_all(small_repo, "short again", date="2025-03-02T10:00:00+03:30")
    export(small_repo, tmp_path / "out", ref=tagged)
    assert (tmp_path / "out/datasets/budget/data/budget-1403.csv").read_text() == content


def test_an_unknown_ref_is_a_usage_error(small_repo: Path, tmp_path: Path) -> None:
    with pytest.raises(GovkitError, match="unknown git ref 'no-such-tag'"):
        export(small_repo, tmp_path / "out", ref="no-such-tag")


def test_a_data_file_git_ignores_is_withheld_as_from_the_commit(
    small_repo: Path, tmp_path: Path
) -> None:
    """The working tree is read as git sees it: an ignored data file is not there, as it is
    not in the commit, and the two releases are the same."""
    (small_repo / ".gitignore").write_text("*.csv\n")
    git(small_repo, "rm", "-q", "--cached", BUDGET)
    commit_all(small_repo, "stop tracking the data", date="2025-02-01T10:00:00+03:30")
    result = export(small_repo, tmp_path / "out")
    [withheld] = [f for f in result.report.findings if BUDGET in f.message]
    assert withheld.code == "GK603"
    assert "ignored by git" in withheld.message
    from_commit = export(small_repo, tmp_path / "out-head", ref="HEAD")
    assert [f.code for f in result.report.findings] == [f.code for f in from_commit.report.findings]


def test_a_symlinked_data_file_in_the_commit_is_never_followed(
    small_repo: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("programme,approved\nSECRET-OUTSIDE,1\n")
    (small_repo / BUDGET).unlink()
    (small_repo / BUDGET).symlink_to(secret)
    commit_all(small_repo, "link the data", date="2025-02-01T10:00:00+03:30")
    for ref in (None, "HEAD"):
        out = tmp_path / f"out-{ref}"
        result = export(small_repo, out, ref=ref, force_reason="see what leaks")
        released = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
        assert b"SECRET-OUTSIDE" not in released
        withheld = [f for f in result.report.findings if f.code == "GK603"]
        assert any("symbolic link" in f.message for f in withheld)


def test_allow_dirty_also_accepts_a_data_file_git_does_not_track(
    small_repo: Path, tmp_path: Path
) -> None:
    (small_repo / ".gitignore").write_text("*.csv\n")
    git(small_repo, "rm", "-q", "--cached", BUDGET)
    commit_all(small_repo, "stop tracking the data", date="2025-02-01T10:00:00+03:30")
    result = export(small_repo, tmp_path / "out", allow_dirty=True)
    assert result.written
    assert not [f for f in result.report.findings if f.code == "GK609"]
