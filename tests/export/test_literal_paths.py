"""A resource's `path` names one file, literally: whatever characters it holds, govkit reads
that file and no other, never a glob's matches, never `~` or `$VAR` expanded, never through
a symbolic link. Each catalog is a real git repository; the data is read by DuckDB."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from govkit import api
from govkit.findings import Report, Severity
from tests.export.builders import ENVIRON, csv, dataset, write_catalog
from tests.export.conftest import commit_all, git

PUBLIC_FIELDS = [{"name": "item", "type": "string", "constraints": {"pattern": "open-.*"}}]
SECRET_FIELDS = [{"name": "person", "type": "string"}]
OPEN_ROWS = csv(["item"], [["open-1"], ["open-2"]])
SECRET = "CONFIDENTIAL-PERSON-7"  # noqa: S105 - a canary, not a password


def catalog(root: Path, public_path: str, extra: Sequence[dict[str, Any]] = ()) -> Path:
    """A public dataset `open` reading `public_path`, and whatever `extra` adds."""
    entry = dataset("open", "public", [_resource("open", public_path)])
    datasets = [entry, *extra]
    schemas = {"open": {"fields": PUBLIC_FIELDS}, "people": {"fields": SECRET_FIELDS}}
    data = {"open": OPEN_ROWS, "people": csv(["person"], [[SECRET]])}
    return write_catalog(root, datasets, schemas, data)


def _resource(name: str, path: str) -> dict[str, Any]:
    return {"name": name, "path": path, "schema": f"{name}.schema.yaml", "format": "csv"}


def people(path: str) -> dict[str, Any]:
    return dataset("people", "confidential", [_resource("people", path)])


def commit_before_the_datasets(root: Path) -> None:
    """A first commit of the configuration alone: `ci` against it sees every dataset added."""
    git(root, "init", "-q")
    git(root, "add", "govkit.yaml", "catalog/units.yaml")
    git(root, "commit", "-q", "-m", "the catalog before the datasets")


def released_bytes(out: Path) -> bytes:
    """Every byte of the release, the members of its zips decompressed."""
    found = []
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        found.append(path.read_bytes())
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                found.extend(archive.read(name) for name in archive.namelist())
    return b"\n".join(found)


def shown(report: Report) -> str:
    return "\n".join(f"{f.code} {f.location.path} {f.message}" for f in report.findings)


def errors(report: Report) -> list[str]:
    return [f"{f.code} {f.message}" for f in report.findings if f.severity is Severity.ERROR]


def released_csv(out: Path) -> str:
    return (out / "datasets/open/data/open.csv").read_text(encoding="utf-8")


def test_a_file_named_like_a_glob_is_read_alone_not_its_confidential_neighbours(
    tmp_path: Path,
) -> None:
    root = catalog(tmp_path / "city", "secret/*.csv", [people("secret/people.csv")])
    commit_before_the_datasets(root)
    commit_all(root, "the datasets", date="2025-02-01T10:00:00+03:30")
    for report in (api.validate(root=root), api.ci("HEAD~1", root=root)):
        assert errors(report) == []
        assert SECRET not in shown(report)
    for ref in (None, "HEAD"):
        out = tmp_path / f"out-{ref}"
        result = api.export(root, out=out, ref=ref, environ=ENVIRON)
        assert result.written, errors(result.report)
        assert released_csv(out) == "item\nopen-1\nopen-2\n"
        assert SECRET.encode() not in released_bytes(out)


# Each name is the resource's path; the decoy is what a glob or an expansion would read.
LITERAL_NAMES = {
    "star": ("d/a*b.csv", "d/aXb.csv"),
    "question": ("d/a?b.csv", "d/aXb.csv"),
    "brackets": ("d/[ab].csv", "d/a.csv"),
    "braces": ("d/{a,b}.csv", "d/a.csv"),
    "double-star": ("d/**/x.csv", "d/y/x.csv"),
    "tilde-inside": ("d/a~b.csv", None),
    "tilde-folder": ("d/~/x.csv", None),
    "dollar": ("d/a$b.csv", None),
    "home-variable": ("$HOME/x.csv", None),
    "newline": ("d/a\nb.csv", None),
}


@pytest.mark.parametrize(("path", "decoy"), LITERAL_NAMES.values(), ids=list(LITERAL_NAMES))
def test_a_name_with_special_characters_reads_exactly_that_file(
    tmp_path: Path, path: str, decoy: str | None
) -> None:
    root = catalog(tmp_path / "city", path)
    if decoy is not None:
        target = root / "catalog" / decoy
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(csv(["item"], [[SECRET]]), encoding="utf-8")
    # What `$HOME` or `~` would expand to holds the secret too.
    (tmp_path / "home").mkdir(exist_ok=True)
    (tmp_path / "home/x.csv").write_text(csv(["item"], [[SECRET]]), encoding="utf-8")
    commit_all(root)
    report = api.validate(root=root)
    assert errors(report) == []
    assert SECRET not in shown(report)
    out = tmp_path / "out"
    result = api.export(root, out=out, environ=ENVIRON)
    assert result.written, errors(result.report)
    assert released_csv(out) == "item\nopen-1\nopen-2\n"
    assert SECRET.encode() not in released_bytes(out)


@pytest.mark.parametrize("path", ["~/x.csv", "d/a\\b.csv"], ids=["home", "backslash"])
def test_a_name_govkit_refuses_is_never_read(tmp_path: Path, path: str) -> None:
    root = catalog(tmp_path / "city", path)
    (tmp_path / "home").mkdir(exist_ok=True)
    (tmp_path / "home/x.csv").write_text(csv(["item"], [[SECRET]]), encoding="utf-8")
    commit_all(root)
    report = api.validate(root=root)
    assert [f.code for f in report.findings if f.severity is Severity.ERROR] == ["GK105"]
    out = tmp_path / "out"
    api.export(root, out=out, environ=ENVIRON, force_reason="see what leaks")
    assert SECRET.encode() not in released_bytes(out)


def _link_to_git_config(root: Path) -> tuple[Path, bytes]:
    git(root, "config", "remote.origin.url", "https://steward:TOKEN-CANARY-9@git.example.org/c")
    return Path("../../.git/config"), b"TOKEN-CANARY-9"


def _link_to_passwd(_root: Path) -> tuple[Path, bytes]:
    return Path("/etc/passwd"), b"root:"


LINKS = {"git-config": _link_to_git_config, "passwd": _link_to_passwd}


@pytest.mark.parametrize("link", LINKS.values(), ids=list(LINKS))
@pytest.mark.parametrize(
    ("path", "literal"), [("d/[x].csv", True), ("d/x*.csv", False)], ids=["beside", "alone"]
)
def test_a_glob_that_matches_a_symlink_reads_nothing_of_its_target(
    tmp_path: Path, link: Any, path: str, literal: bool
) -> None:
    """The glob's only match is a link (to the repository's credentials, to /etc/passwd): with
    a regular file of that literal name the file is read; without one the path is missing.
    Either way nothing of the link's target is read or echoed."""
    root = catalog(tmp_path / "city", path)
    if not literal:
        (root / "catalog" / path).unlink()
    commit_before_the_datasets(root)
    target, canary = link(root)
    (root / "catalog/d/x.csv").symlink_to(target)
    commit_all(root, "the dataset", date="2025-02-01T10:00:00+03:30")
    validated = api.validate(root=root)
    checked = api.ci("HEAD~1", root=root)
    for report in (validated, checked):
        assert canary.decode() not in shown(report)
        assert "/etc/passwd" not in shown(report)
    out = tmp_path / "out"
    result = api.export(root, out=out, environ=ENVIRON, force_reason="see what leaks")
    assert canary not in released_bytes(out)
    assert canary.decode() not in shown(result.report)
    if literal:
        assert errors(validated) == []
        assert released_csv(out) == "item\nopen-1\nopen-2\n"
    else:
        assert "GK106" in {f.code for f in validated.findings}
