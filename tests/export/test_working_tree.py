"""In a git repository the working tree is read as git sees it (`git ls-files`): a submodule's
content and ignored files are not part of the catalog, so linting and releasing the working
tree of a clean commit gives what `--ref` of that commit gives. Outside git, every file under
the root is the catalog, as before."""

from __future__ import annotations

from pathlib import Path

from govkit import api
from govkit.catalog.tree import FileTree, Kind
from tests.export.builders import ENVIRON, csv, dataset, dump, resource, write_catalog
from tests.export.conftest import commit_all, git

FIELDS = {"fields": [{"name": "item", "type": "string"}]}
SUBMODULE_ROWS = "SUBMODULE-ONLY-ROW"


def city(root: Path) -> Path:
    entry = dataset("open", "public", [resource("open", "open")])
    schemas = {"open": FIELDS, "extra": FIELDS}
    return write_catalog(root, [entry], schemas, {"open": csv(["item"], [["open-1"]])})


def extra_repository(root: Path) -> Path:
    """A repository of its own holding one more public dataset, laid out as a catalog folder."""
    entry = dataset("extra", "public", [resource("extra", "extra")])
    files = {
        "finance/extra.yaml": dump(entry),
        "finance/extra/extra.csv": csv(["item"], [[SUBMODULE_ROWS]]),
    }
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    commit_all(root, "the extra dataset")
    return root


def with_submodule(tmp_path: Path) -> Path:
    root = city(tmp_path / "city")
    commit_all(root)
    extra = extra_repository(tmp_path / "extra")
    allow = ("-c", "protocol.file.allow=always")
    git(root, *allow, "submodule", "add", "-q", str(extra), "catalog/sub")
    commit_all(root, "add a submodule", date="2025-02-01T10:00:00+03:30")
    return root


def released(out: Path) -> list[str]:
    return sorted(path.name for path in (out / "datasets").iterdir() if path.is_dir())


def test_a_submodule_under_catalog_is_not_part_of_the_working_tree(tmp_path: Path) -> None:
    root = with_submodule(tmp_path)
    tree = FileTree(root)
    assert not [path for path in tree.files("catalog", (".yaml",)) if "sub/" in path]
    assert tree.kind("catalog/sub") is Kind.OTHER
    assert tree.kind("catalog/sub/finance/extra.yaml") is Kind.MISSING
    assert not [f for f in api.lint(root).findings if f.dataset == "extra"]


def test_the_working_tree_and_its_commit_release_the_same_datasets(tmp_path: Path) -> None:
    root = with_submodule(tmp_path)
    outs = {ref: tmp_path / f"out-{ref}" for ref in (None, "HEAD")}
    for ref, out in outs.items():
        result = api.export(root, out=out, ref=ref, environ=ENVIRON)
        assert result.written, [f.message for f in result.report.findings]
    assert released(outs[None]) == released(outs["HEAD"]) == ["open"]
    for out in outs.values():
        everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
        assert SUBMODULE_ROWS.encode() not in everything


def test_an_ignored_entry_is_not_part_of_the_working_tree(tmp_path: Path) -> None:
    root = city(tmp_path / "city")
    (root / ".gitignore").write_text("catalog/finance/ignored.yaml\n", encoding="utf-8")
    commit_all(root)
    ignored = dataset("ignored", "public", [resource("open", "open")])
    (root / "catalog/finance/ignored.yaml").write_text(dump(ignored), encoding="utf-8")
    assert "catalog/finance/ignored.yaml" not in FileTree(root).files("catalog", (".yaml",))
    assert not [f for f in api.lint(root).findings if f.dataset == "ignored"]
    out = tmp_path / "out"
    assert api.export(root, out=out, environ=ENVIRON).written
    assert released(out) == ["open"]


def test_an_untracked_entry_git_does_not_ignore_is_seen_before_it_is_committed(
    tmp_path: Path,
) -> None:
    root = city(tmp_path / "city")
    commit_all(root)
    (root / "catalog/finance/new.yaml").write_text("id: new\n", encoding="utf-8")
    assert "catalog/finance/new.yaml" in FileTree(root).files("catalog", (".yaml",))


def test_an_ignored_data_file_is_named_as_such(tmp_path: Path) -> None:
    root = city(tmp_path / "city")
    (root / ".gitignore").write_text("*.csv\n", encoding="utf-8")
    commit_all(root)
    [finding] = [f for f in api.lint(root).findings if f.code == "GK106"]
    assert "ignored by git" in finding.message


def test_outside_git_every_file_under_the_root_is_the_catalog(tmp_path: Path) -> None:
    root = city(tmp_path / "city")
    (root / "catalog/finance/ignored.yaml").write_text("id: ignored\n", encoding="utf-8")
    (root / ".gitignore").write_text("catalog/finance/ignored.yaml\n", encoding="utf-8")
    assert "catalog/finance/ignored.yaml" in FileTree(root).files("catalog", (".yaml",))
