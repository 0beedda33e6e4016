"""The release folder is replaced whole or not at all, and never one govkit did not write."""

from __future__ import annotations

import errno
import faulthandler
import hashlib
import time
import zipfile
from pathlib import Path

import pytest

from govkit import api
from govkit.errors import GovkitError
from govkit.export import build, release, writer, ziparchive
from tests.export.builders import ENVIRON


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def export(root: Path, out: Path, **options: object) -> None:
    api.export(root, out=out, allow_dirty=True, environ=ENVIRON, **options)  # type: ignore[arg-type]


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.govkit"))


def test_a_new_release_replaces_the_previous_one_whole(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    export(small, out)
    (small / "catalog/finance/budget/budget-1403.csv").write_text("programme,approved\nroads,1\n")
    export(small, out)
    assert "roads,1\n" in (out / "datasets/budget/data/budget-1403.csv").read_text()
    assert leftovers(out) == []
    assert oct(out.stat().st_mode & 0o777) == "0o755"
    assert oct((out / "manifest.json").stat().st_mode & 0o777) == "0o644"


@pytest.mark.parametrize("stage", ["copy", "compress"])
def test_a_disk_full_midway_leaves_the_previous_release(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    out = tmp_path / "release"
    export(small, out)
    before = snapshot(out)
    calls = {"n": 0}
    original = writer._copy if stage == "copy" else ziparchive.compress

    def full_disk(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:  # the first file is written, the second fills the disk
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(*args, **kwargs)  # type: ignore[operator]

    if stage == "copy":
        monkeypatch.setattr(writer, "_copy", full_disk)
    else:
        monkeypatch.setattr(ziparchive, "compress", full_disk)
    with pytest.raises(GovkitError, match="No space left on device") as raised:
        export(small, out)
    assert f"{out} is unchanged" in str(raised.value)
    assert snapshot(out) == before
    assert leftovers(out) == []


def big_budget(root: Path) -> None:
    """Make the budget table much larger than a pipe's buffer."""
    rows = "".join(f"programme-{i:07d},{i}\n" for i in range(200_000))
    (root / "catalog/finance/budget/budget-1403.csv").write_text("programme,approved\n" + rows)


@pytest.mark.parametrize(
    ("stage", "reason"), [("reader", "No space left on device"), ("writer", "Input/output error")]
)
def test_a_table_whose_writer_or_reader_fails_ends_the_export_without_waiting(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str, reason: str
) -> None:
    """DuckDB writes into a pipe read by the compressor: when either side stops, the other
    must not wait for it forever. (A hang here ends the test run, with a traceback.)"""
    big_budget(small)
    out = tmp_path / "release"
    export(small, out)
    before = snapshot(out)
    if stage == "reader":
        original_compress = ziparchive.compress

        def reader_fails(*args: object, **kwargs: object) -> object:
            if args[4] is not None:  # a table, written through a pipe: fail before reading
                raise OSError(errno.ENOSPC, "No space left on device")
            return original_compress(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(ziparchive, "compress", reader_fails)
    else:
        original_copy = writer._copy

        def writer_fails(*args: object, **kwargs: object) -> object:
            original_copy(*args, **kwargs)  # type: ignore[arg-type]
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(writer, "_copy", writer_fails)
    faulthandler.dump_traceback_later(120, exit=True)
    try:
        with pytest.raises(GovkitError, match=reason):
            export(small, out)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_large_table_is_released_whole(small: Path, tmp_path: Path) -> None:
    big_budget(small)
    out = tmp_path / "release"
    export(small, out)
    source = (small / "catalog/finance/budget/budget-1403.csv").read_bytes()
    assert (out / "datasets/budget/data/budget-1403.csv").read_bytes() == source


def test_leftovers_of_a_killed_export_go_with_the_next_one(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    export(small, out)
    stale = tmp_path / ".release.govkit-newabc123"
    (stale / "datasets").mkdir(parents=True)
    export(small, out)
    assert leftovers(out) == []


def test_a_release_moved_aside_by_a_killed_swap_is_put_back(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    export(small, out)
    before = snapshot(out)
    aside = tmp_path / ".release.govkit-oldxyz"
    aside.mkdir()
    out.rename(aside / "release")
    with release.staged(out):
        assert snapshot(out) == before  # put back before anything else happens
        assert [name for name in leftovers(out) if "-old" in name] == []


def test_the_swap_without_renameat2(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(release, "_exchange", lambda first, second: False)
    out = tmp_path / "release"
    export(small, out)
    export(small, out)
    assert (out / "manifest.json").is_file()
    assert leftovers(out) == []


def test_an_empty_folder_may_be_the_destination(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    export(small, out)
    assert (out / "manifest.json").is_file()


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        ("file", "exists and is a file"),
        ("foreign", "is a folder govkit did not write"),
        ("symlink", "is a symbolic link"),
    ],
)
def test_destinations_that_are_refused(
    small: Path, tmp_path: Path, prepare: str, message: str
) -> None:
    out = tmp_path / "out"
    if prepare == "file":
        out.write_text("not a folder")
    elif prepare == "foreign":
        out.mkdir()
        (out / "thesis.docx").write_text("precious")
    else:
        (tmp_path / "elsewhere").mkdir()
        out.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(GovkitError, match=message):
        export(small, out)
    if prepare == "foreign":
        assert (out / "thesis.docx").read_text() == "precious"


@pytest.mark.parametrize("inside", ["catalog/out", "schemas", "policies/x", ".", ".."])
def test_the_catalog_is_never_a_destination(small: Path, inside: str) -> None:
    with pytest.raises(GovkitError, match=r"inside the catalog|would replace the catalog root"):
        export(small, small / inside)


def test_a_folder_beside_the_catalog_files_is_fine(small: Path) -> None:
    export(small, small / "dist")
    assert (small / "dist/manifest.json").is_file()


def test_no_permission_to_write(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, whom file modes do not stop: refuse where the release goes.
    original = release.tempfile.mkdtemp

    def refuse(suffix: str | None = None, prefix: str | None = None, dir: str | None = None) -> str:
        if dir is not None and Path(dir) == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return original(suffix, prefix, dir)

    monkeypatch.setattr(release.tempfile, "mkdtemp", refuse)
    with pytest.raises(GovkitError, match=r"cannot write the release in .*: Permission denied"):
        export(small, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_progress_is_told_of_each_table_validated_and_written(small: Path, tmp_path: Path) -> None:
    seen: list[str] = []
    export(small, tmp_path / "release", progress=seen.append, cache=tmp_path / "cache")
    assert sorted(seen) == [
        "budget/budget-1403",
        "budget/budget-1403 written",
        "grants/grants-1403",
        "grants/grants-1403 written",
    ]


def test_one_core_is_enough(small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One compressing thread, busy with a table's pipe, never blocks the rest of the
    release. (A hang here ends the test run, with a traceback.)"""
    big_budget(small)
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    faulthandler.dump_traceback_later(120, exit=True)
    try:
        export(small, tmp_path / "release")
    finally:
        faulthandler.cancel_dump_traceback_later()
    source = (small / "catalog/finance/budget/budget-1403.csv").read_bytes()
    assert (tmp_path / "release/datasets/budget/data/budget-1403.csv").read_bytes() == source


def test_a_table_that_fails_before_it_is_written_ends_the_export_without_waiting(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The compressor is already reading the table's pipe; a failure before DuckDB starts
    must still end it. (A hang here ends the test run, with a traceback.)"""
    out = tmp_path / "release"
    export(small, out)
    before = snapshot(out)

    def no_space(*_args: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build, "table_for", no_space)
    faulthandler.dump_traceback_later(120, exit=True)
    try:
        with pytest.raises(GovkitError, match="No space left on device"):
            export(small, out)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_compressor_slower_than_the_writer_still_gets_the_whole_table(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB is never held back by the compressor (it would keep what it cannot write in
    memory); the compressor reads the file as it grows, at its own pace."""
    big_budget(small)
    original = ziparchive.deflate_block

    def slow(block: bytes, primer: bytes, last: bool) -> bytes:
        time.sleep(0.05)
        return original(block, primer, last)

    monkeypatch.setattr(ziparchive, "deflate_block", slow)
    monkeypatch.setattr(writer, "CHUNK", 1 << 12)  # many small reads, most while DuckDB writes
    export(small, tmp_path / "release")
    source = (small / "catalog/finance/budget/budget-1403.csv").read_bytes()
    release_dir = tmp_path / "release"
    assert (release_dir / "datasets/budget/data/budget-1403.csv").read_bytes() == source
    with zipfile.ZipFile(release_dir / "datasets/budget.zip") as archive:
        assert archive.read("budget/data/budget-1403.csv") == source
