"""`govkit export` end to end: exit codes, streams, every report format, and the bad inputs of
the issue (each with a clear message, exit 1 or 2, and the previous release untouched)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from govkit.export import build
from tests.conftest import run_cli
from tests.export.builders import EPOCH, HASH_KEY


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("GOVKIT_HASH_KEY", HASH_KEY)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def export(root: Path, out: Path, *args: str) -> tuple[int, str, str]:
    outcome = run_cli(
        "export", "--root", str(root), "--out", str(out), "--allow-dirty", "--no-cache", *args
    )
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.fixture
def released(small: Path, tmp_path: Path) -> Path:
    """A first release, for the bad inputs to leave untouched."""
    out = tmp_path / "release"
    code, _, stderr = export(small, out)
    assert code == 0, stderr
    return out


def test_a_release_reports_on_stdout_and_sums_up_on_stderr(small: Path, tmp_path: Path) -> None:
    code, stdout, stderr = export(small, tmp_path / "out")
    assert code == 0
    assert "GK601 info released as datasets/grants/data/grants-1403.csv: 3 rows" in stdout
    assert "GK602 info 'plan' is withheld: 'classified' data is never exported" in stdout
    assert stderr.startswith("govkit: released 2 resources at 'public' to ")
    assert "2023-11-14T22:13:20Z" in stderr


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif", "markdown"])
def test_a_dry_run_reports_in_every_format_and_writes_nothing(
    small: Path, tmp_path: Path, fmt: str
) -> None:
    code, stdout, stderr = export(small, tmp_path / "out", "--dry-run", "--format", fmt)
    assert code == 0, stderr
    for expected in ("GK601", "GK602", "GK603", "GK604", "grants-1403", "budget-notes"):
        assert expected in stdout, expected
    assert "dry run: would release 2 resources" in stderr
    assert not (tmp_path / "out").exists()


def test_the_json_report_lists_released_and_withheld(small: Path, tmp_path: Path) -> None:
    _, stdout, _ = export(small, tmp_path / "out", "--dry-run", "--format", "json")
    report = json.loads(stdout)
    assert report["command"] == "export"
    withheld = {(f["dataset"], f["resource"]) for f in report["findings"] if f["code"] == "GK603"}
    assert withheld == {("budget", "budget-notes")}


def test_data_that_fails_validation_refuses_the_release(small: Path, released: Path) -> None:
    before = snapshot(released)
    data = small / "catalog/finance/budget/budget-1403.csv"
    data.write_text("programme,approved\nroads,lots\n")
    code, stdout, stderr = export(small, released)
    assert code == 1
    assert "catalog/finance/budget/budget-1403.csv:2:2 GK211 error" in stdout
    assert "export refused: 1 error in what would be released; nothing was written" in stderr
    assert snapshot(released) == before
    # The release is written while the data is validated: what was written is gone.
    assert [p.name for p in released.parent.iterdir() if ".govkit-" in p.name] == []
    assert "GK601" not in stdout


def test_force_releases_anyway_and_records_why(small: Path, released: Path) -> None:
    (small / "catalog/finance/budget/budget-1403.csv").write_text(
        "programme,approved\nroads,lots\n"
    )
    code, stdout, _ = export(small, released, "--force", "--reason", "ticket 1403/77")
    assert code == 0
    assert "(suppressed by --force: ticket 1403/77)" in stdout
    assert "GK607 warning released despite 1 error, with --force: ticket 1403/77" in stdout
    manifest = json.loads((released / "manifest.json").read_text())
    assert manifest["release"]["forced"] == "ticket 1403/77"
    package = json.loads((released / "datasets/budget/datapackage.json").read_text())
    assert package["_govkit"]["release"]["forced"] == "ticket 1403/77"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--force"], "--force needs --reason TEXT"),
        (["--force", "--reason", "  "], "--force needs --reason TEXT"),
        (["--reason", "why"], "--reason is the reason for --force"),
        (["--level", "secret"], "unknown access level 'secret'"),
        (["--level", "classified"], "'classified' data is never exported"),
    ],
)
def test_usage_errors_exit_2(small: Path, released: Path, args: list[str], message: str) -> None:
    before = snapshot(released)
    code, stdout, stderr = export(small, released, *args)
    assert (code, stdout) == (2, "")
    assert message in stderr
    assert snapshot(released) == before


@pytest.mark.parametrize(
    ("epoch", "message"),
    [
        ("0", "SOURCE_DATE_EPOCH=0 (1970-01-01) is almost always a value that was never set"),
        ("yesterday", "SOURCE_DATE_EPOCH='yesterday' is not a number of seconds"),
        ("-5", "SOURCE_DATE_EPOCH='-5' is not a number of seconds"),
        ("99999999999", "after 2107-12-31"),
    ],
)
def test_unusable_source_date_epoch(
    small: Path, released: Path, monkeypatch: pytest.MonkeyPatch, epoch: str, message: str
) -> None:
    before = snapshot(released)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code, _, stderr = export(small, released)
    assert code == 2
    assert message in stderr
    assert snapshot(released) == before


def test_a_time_before_1980_is_clamped(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    code, _, _ = export(small, tmp_path / "out")
    assert code == 0
    with zipfile.ZipFile(tmp_path / "out/catalog.zip") as bundle:
        assert {i.date_time for i in bundle.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    manifest = json.loads((tmp_path / "out/manifest.json").read_text())
    assert manifest["release"]["created"] == "1980-01-01T00:00:00Z"


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("catalog/finance/out", "is inside the catalog (catalog/)"),
        ("file", "exists and is a file, not a folder"),
    ],
)
def test_bad_destinations_exit_2(small: Path, tmp_path: Path, where: str, message: str) -> None:
    out = small / where if "/" in where else tmp_path / where
    if where == "file":
        out.write_text("x")
    code, _, stderr = export(small, out)
    assert code == 2
    assert message in stderr


def test_a_missing_hash_key_exits_2(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOVKIT_HASH_KEY")
    code, _, stderr = export(small, tmp_path / "out")
    assert code == 2
    assert (
        "grants/grants-1403.national_id is hashed on export, and GOVKIT_HASH_KEY is not set"
        in stderr
    )


def test_a_disk_full_midway_exits_2_and_keeps_the_release(
    small: Path, released: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno  # noqa: PLC0415

    before = snapshot(released)

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # By the module, not the dotted string: `govkit.export` names the function of the facade.
    monkeypatch.setattr(build, "write_zip", full)
    code, _, stderr = export(small, released)
    assert code == 2
    assert "No space left on device" in stderr
    assert "is unchanged" in stderr
    assert snapshot(released) == before


def test_the_command_is_listed_and_documented() -> None:
    outcome = run_cli("export", "--help")
    assert outcome.exit_code == 0
    for option in ("--level", "--out", "--ref", "--dry-run", "--force", "--reason",
                   "--allow-dirty", "--escape-formulas"):  # fmt: skip
        assert option in outcome.stdout
