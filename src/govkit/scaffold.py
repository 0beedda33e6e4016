"""`govkit init`: scaffold a new catalog repository from the template shipped in the wheel.

The template under `govkit/templates/init/` is copied verbatim, but for
`@GOVKIT_VERSION@`, which becomes this govkit's version (the CI workflow pins
the version the catalog was made with). A new folder is
built in a private temporary folder beside the target and renamed into place,
so the target either appears complete or not at all. An existing folder gets
one file at a time (each written atomically), and on any error the files and
folders this run created are removed again. A user's file is never overwritten.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import suppress
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from govkit import __version__
from govkit.atomic import umask, write_atomic
from govkit.errors import GovkitError


def template_files() -> dict[str, bytes]:
    """The template's files by relative POSIX path, sorted, read from the installed package."""
    root = resources.files("govkit") / "templates" / "init"
    version = __version__.encode("ascii")
    return {
        path: content.replace(b"@GOVKIT_VERSION@", version)
        for path, content in sorted(_walk(root, PurePosixPath()))
    }


def init_catalog(target: Path, *, force: bool = False) -> list[str]:
    """Create a catalog repository at `target`; return the relative paths written, sorted.

    `target` must not exist, or be an empty folder. With `force`, a non-empty
    folder is accepted too, as long as no template file would overwrite (or
    write through a symbolic link onto) something already there.
    """
    files = template_files()
    non_empty = _existing_folder(target)
    if non_empty is None:
        _create_new(target, files)
        return list(files)
    if non_empty and not force:
        raise GovkitError(
            f"{target} is not empty; give `govkit init` a new or empty folder, or pass "
            "--force to add the scaffold's files next to what is there "
            "(existing files are never overwritten)"
        )
    _refuse_conflicts(target, files)
    _add_files(target, files)
    return list(files)


def _walk(folder: Traversable, prefix: PurePosixPath) -> Iterator[tuple[str, bytes]]:
    for item in folder.iterdir():
        relative = prefix / item.name
        if item.is_dir():
            yield from _walk(item, relative)
        else:
            yield relative.as_posix(), item.read_bytes()


def _existing_folder(target: Path) -> bool | None:
    """None when `target` does not exist, else whether the folder there is non-empty."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        raise GovkitError(f"cannot use {target}: {error.strerror}") from None
    if stat.S_ISLNK(mode):
        raise GovkitError(
            f"{target} is a symbolic link, which govkit does not follow; "
            "pass the folder it points to, or a new folder name"
        )
    if not stat.S_ISDIR(mode):
        raise GovkitError(
            f"{target} exists and is not a folder; choose a new folder name for the catalog"
        )
    with os.scandir(target) as entries:
        # A fresh `git init` leaves only .git: still a folder to scaffold into.
        return any(entry.name != ".git" for entry in entries)


def _refuse_conflicts(target: Path, files: dict[str, bytes]) -> None:
    """Refuse, before writing anything, if any template path is already taken."""
    conflicts = sorted({c for relative in files for c in _conflicts(target, relative)})
    if conflicts:
        listed = "\n".join(f"  {c}" for c in conflicts)
        raise GovkitError(
            f"{target}: the scaffold would overwrite or write through what is there:\n"
            f"{listed}\nmove these away and run again, or init into a new folder; "
            "govkit never overwrites your files"
        )


def _conflicts(target: Path, relative: str) -> Iterator[str]:
    """What blocks writing `relative` under `target`: existing file, link or non-folder."""
    parts = PurePosixPath(relative).parts
    path = target
    for depth, part in enumerate(parts, start=1):
        path = path / part
        shown = PurePosixPath(*parts[:depth]).as_posix()
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return
        if stat.S_ISLNK(mode):
            yield f"{shown} is a symbolic link"
            return
        if depth == len(parts):
            yield f"{shown} already exists"
        elif not stat.S_ISDIR(mode):
            yield f"{shown} is not a folder"
            return


def _create_new(target: Path, files: dict[str, bytes]) -> None:
    """Build the whole tree beside `target`, then rename it into place in one step."""
    # Absolute, so `a/b/..`-style names cannot make the staging folder land elsewhere.
    target = Path(os.path.abspath(target))
    created: list[Path] = []
    staging: Path | None = None
    try:
        created = _make_folders(target.parent)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        for relative, content in files.items():
            _write_new(staging / relative, content)
        # mkdtemp makes a private (0700) folder; a repository gets the user's usual mode.
        os.chmod(staging, 0o777 & ~umask())
        os.replace(staging, target)
    except BaseException as error:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        _remove_folders(created)
        if isinstance(error, OSError):
            raise _cannot_write(target, error) from error
        raise


def _add_files(target: Path, files: dict[str, bytes]) -> None:
    """Write each file atomically into an existing folder; undo this run's writes on error."""
    written: list[Path] = []
    created: list[Path] = []
    try:
        for relative, content in files.items():
            path = target / relative
            created.extend(_make_folders(path.parent))
            if os.path.lexists(path):  # appeared since the conflict check
                raise GovkitError(f"{target}: {relative} already exists; it was not overwritten")
            write_atomic(path, content)
            written.append(path)
    except BaseException as error:
        for path in written:
            path.unlink(missing_ok=True)
        _remove_folders(created)
        if isinstance(error, OSError):
            raise _cannot_write(target, error) from error
        raise


def _write_new(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as handle:
        handle.write(content)
        handle.flush()
        # Flushed before the rename, so a crash cannot publish a tree of empty files.
        os.fsync(handle.fileno())


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing ancestors; return those created, outermost first."""
    missing: list[Path] = []
    while not os.path.lexists(folder):
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    created: list[Path] = []
    try:
        for path in reversed(missing):
            path.mkdir()
            created.append(path)
    except BaseException:
        _remove_folders(created)
        raise
    return created


def _remove_folders(created: list[Path]) -> None:
    """Remove folders this run created, innermost first, if they are empty again."""
    for folder in reversed(created):
        with suppress(OSError):
            folder.rmdir()


def _cannot_write(target: Path, error: OSError) -> GovkitError:
    where = f" ({error.filename})" if error.filename else ""
    reason = error.strerror or str(error)
    return GovkitError(f"cannot create the catalog at {target}: {reason}{where}")
