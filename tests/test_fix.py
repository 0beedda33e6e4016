"""`govkit fix`: the mechanical fixes of real files in a catalog, previewed as a diff, written
all at once, never touching what a value means.

Run with GOVKIT_UPDATE_GOLDENS=1 to rewrite tests/golden/fix/ after an intended change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govkit import api
from govkit.errors import InputError
from govkit.yamlio import load_yaml
from tests.conftest import run_cli

GOLDEN = Path(__file__).parent / "golden" / "fix" / "budget.diff"
UPDATE = os.environ.get("GOVKIT_UPDATE_GOLDENS") == "1"
YEH, KAF = "\u064a", "\u0643"  # Arabic; Persian are \u06cc and \u06a9
CSV = "catalog/finance/budget/budget-1405.csv"
ENTRY = "catalog/finance/budget.yaml"
SCHEMA = "schemas/budget.schema.yaml"

# A quoted cell holds the delimiter and a doubled quote; line ends are CRLF; the header and the
# `note` field (type any) are not to be touched.
DATA = (
    "programme,approved,note\r\n"
    f'roads,۱۲۰۰۰۰۰۰۰۰,"keep {YEH}, and ""this"""\r\n'
    f'"پار{KAF}ها",٤٥٠٠٠٠٠٠٠,\r\n'
    "lights,300,plain\r\n"
)
SCHEMA_YAML = (
    "fields:\n"
    "  - {name: programme, type: string, title: برنامه, constraints: {required: true}}\n"
    "  - {name: approved, type: integer, title: اعتبار مصوب, constraints: {minimum: 0}}\n"
    "  - name: note\n"
    "    type: any\n"
    "    description: |\n"
    "      kept as it is   \n"
    "primaryKey: [programme]\n"
)


@pytest.fixture
def untidy(catalog: Path) -> Path:
    (catalog / CSV).write_bytes(DATA.encode("utf-8"))
    (catalog / SCHEMA).write_text(SCHEMA_YAML, encoding="utf-8")
    entry = (catalog / ENTRY).read_text(encoding="utf-8")
    entry = entry.replace("بودجه مصوب,", f"بودجه مصوب سالانه {YEH}   ,").replace(
        "unit: finance", "unit: finance  "
    )
    (catalog / ENTRY).write_text(entry, encoding="utf-8")
    return catalog


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_diff_preview_matches_the_golden_file_and_writes_nothing(untidy: Path) -> None:
    before = snapshot(untidy)
    outcome = run_cli("fix", "--diff", "--root", str(untidy))
    assert outcome.exit_code == 1
    if UPDATE:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(outcome.stdout, encoding="utf-8")
    assert outcome.stdout == GOLDEN.read_text(encoding="utf-8")
    assert outcome.stderr == (
        "Would fix 2 numbers with Persian digits, 2 values with Arabic letters, "
        "1 line ending in spaces in 2 files; run `govkit fix` to apply.\n"
    )
    assert snapshot(untidy) == before


def test_applying_fixes_the_cells_and_nothing_else(untidy: Path) -> None:
    outcome = run_cli("fix", "--root", str(untidy))
    assert outcome.exit_code == 0
    assert outcome.stderr.startswith("Fixed 2 numbers with Persian digits")
    assert (untidy / CSV).read_bytes().decode("utf-8") == (
        "programme,approved,note\r\n"
        f'roads,1200000000,"keep {YEH}, and ""this"""\r\n'
        '"پارکها",450000000,\r\n'
        "lights,300,plain\r\n"
    )
    entry = load_yaml((untidy / ENTRY).read_bytes(), ENTRY).data
    assert entry["title"]["fa"] == "بودجه مصوب سالانه ی"
    assert "  \n" not in (untidy / ENTRY).read_text(encoding="utf-8")
    # The literal block keeps its trailing spaces: they are its content.
    assert (untidy / SCHEMA).read_text(encoding="utf-8") == SCHEMA_YAML
    again = run_cli("fix", "--diff", "--root", str(untidy))
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "Nothing to fix.\n")
    assert run_cli("validate", "--root", str(untidy), "--no-cache").exit_code == 0


def test_a_field_name_with_an_arabic_letter_is_left_alone(catalog: Path) -> None:
    schema = (catalog / SCHEMA).read_text(encoding="utf-8")
    (catalog / SCHEMA).write_text(
        schema.replace("title: برنامه", f"title: برنامه{KAF}").replace(
            "{name: approved,", f"{{name: approved{YEH},"
        )
        + "  \n",
        encoding="utf-8",
    )
    result = api.fix(catalog, apply=True)
    fixed = load_yaml((catalog / SCHEMA).read_bytes(), SCHEMA).data
    assert fixed["fields"][1]["name"] == f"approved{YEH}"
    # The letters are fixed file-wide or not at all, so the title keeps its Kaf too.
    assert fixed["fields"][0]["title"] == f"برنامه{KAF}"
    assert result.counts == {"trailing-spaces": 1}


def test_a_legacy_encoding_that_cannot_hold_the_fix_is_skipped(catalog: Path) -> None:
    entry = (catalog / ENTRY).read_text(encoding="utf-8")
    (catalog / ENTRY).write_text(entry + "    encoding: windows-1256\n", encoding="utf-8")
    (catalog / CSV).write_bytes(f"programme,approved\n{YEH}ard,1\n".encode("cp1256"))
    before = (catalog / CSV).read_bytes()
    result = api.fix(catalog, apply=True)
    assert [(s.path, s.reason) for s in result.skipped] == [
        (CSV, "windows-1256 cannot hold Persian ی and ک; re-encode it as utf-8 first")
    ]
    assert (catalog / CSV).read_bytes() == before


def test_a_refused_write_leaves_every_file_byte_identical(
    untidy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up while the second of two files is staged: neither is replaced, and
    no temp file is left behind."""
    import errno  # noqa: PLC0415

    from govkit import atomic  # noqa: PLC0415

    before = snapshot(untidy)
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        if len(synced) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    outcome = run_cli("fix", "--root", str(untidy))
    assert outcome.exit_code == 2
    assert "No space left on device" in outcome.stderr
    assert len(synced) == 2
    assert snapshot(untidy) == before


def test_the_api_reports_what_it_would_fix(untidy: Path) -> None:
    result = api.fix(untidy)
    assert not result.applied
    assert result.files == (ENTRY, CSV)
    assert result.changes == 5
    (untidy / ENTRY).write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError):
        api.fix(untidy)
