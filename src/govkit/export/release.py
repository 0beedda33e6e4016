"""The release folder, replaced whole or not at all.

A release is built in a staging folder next to the destination (same file
system, so the final rename is atomic), every file and folder fsynced, and
then swapped into place: on Linux with one `renameat2(RENAME_EXCHANGE)`, so
the destination is never missing even for an instant; elsewhere the old
folder is moved aside first, and restored if the export dies in between. A
killed or failed export leaves the previous release as it was; its leftovers
(`.NAME.govkit-*` next to the destination) are removed by the next export,
which holds a lock on the parent folder while it works.

The destination must be a folder govkit made (it has `manifest.json`), an
empty folder, or nothing: an export never replaces a folder it did not write.
One named by `export.out` in govkit.yaml must also lie inside the catalog root
(whoever can change that file could otherwise point a plain `govkit export`
at any folder of the machine it runs on); `--out DIR` may be anywhere.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from govkit.catalog.lint import OUT_FIX, export_out_reason
from govkit.catalog.loader import CONFIG_FILE, Entry
from govkit.catalog.models import Config
from govkit.catalog.tree import FileTree
from govkit.errors import GovkitError, InputError

MANIFEST = "manifest.json"
FILE_MODE = 0o644
FOLDER_MODE = 0o755
_STAGING, _ASIDE = "new", "old"
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def configured_destination(root: Path, config: Entry[Config]) -> Path:
    """The folder `export.out` names under `root`; exit 2 at its position in govkit.yaml when
    it is not a folder inside the root (the one on disk: symbolic links are looked for there,
    whichever commit is released)."""
    out = config.model.export.out
    reason = export_out_reason(out, FileTree(root))
    if reason is not None:
        at = config.document.locate("/export/out")
        raise InputError.at(
            CONFIG_FILE,
            at.line,
            at.column,
            f"export.out '{out}' {reason}; {OUT_FIX}",
        )
    return root / out


def check_destination(out: Path, root: Path, content: list[Path]) -> None:
    """Refuse a destination that is not a release folder, or lies where it must not:
    inside the catalog's own folders, or over the catalog root or a folder above it."""
    target = out.absolute()
    for place in content:
        if _inside(target, place) or _inside(place, target):
            raise GovkitError(
                f"--out {out} is inside the catalog ({place.name}/); choose a folder outside "
                "catalog/, schemas/ and policies/ (the default is dist/ under the root)"
            )
    if _inside(root, target):
        raise GovkitError(f"--out {out} would replace the catalog root {root}; choose another")
    kind = _kind(target)
    if kind == "symlink":
        raise GovkitError(f"--out {out} is a symbolic link; govkit never follows one")
    if kind == "other":
        raise GovkitError(f"--out {out} exists and is a file, not a folder")
    if kind == "folder" and not _is_release(target):
        raise GovkitError(
            f"--out {out} is a folder govkit did not write (it has no {MANIFEST}); "
            "an export replaces its whole destination, so choose a new or empty folder"
        )


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A staging folder that becomes `out` when the block ends without an error."""
    target = out.absolute()
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot_write(parent, error) from None
    with _locked(parent):
        _clean_leftovers(target)
        try:
            staging = Path(tempfile.mkdtemp(prefix=_prefix(target, _STAGING), dir=parent))
        except OSError as error:
            raise _cannot_write(parent, error) from None
        try:
            yield staging
            _settle(staging)
            _swap(staging, target)
        finally:
            # After a swap `staging` holds the previous release; either way it goes.
            shutil.rmtree(staging, ignore_errors=True)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _settle(staging: Path) -> None:
    """Fixed modes (the staging folder is private), everything on disk, deepest first."""
    for folder, subfolders, names in os.walk(staging, topdown=False):
        for name in names:
            path = Path(folder) / name
            os.chmod(path, FILE_MODE)
            fsync_file(path)
        for name in subfolders:
            os.chmod(Path(folder) / name, FOLDER_MODE)
        _fsync_folder(Path(folder))
    os.chmod(staging, FOLDER_MODE)


def _swap(staging: Path, target: Path) -> None:
    if _kind(target) == "missing":
        os.replace(staging, target)
    elif not _exchange(staging, target):
        aside = Path(tempfile.mkdtemp(prefix=_prefix(target, _ASIDE), dir=target.parent))
        os.replace(target, aside / "release")
        os.replace(staging, target)
        os.replace(aside / "release", staging)  # removed by the caller
        aside.rmdir()
    _fsync_folder(target.parent)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False where it is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _clean_leftovers(target: Path) -> None:
    """Remove what killed exports left; first put back a release that was moved aside."""
    leftovers = sorted(target.parent.glob(_prefix(target, "") + "*"))
    if _kind(target) == "missing":
        for aside in (p for p in leftovers if p.name.startswith(_prefix(target, _ASIDE))):
            if (aside / "release").is_dir():
                os.replace(aside / "release", target)
                break
    for leftover in leftovers:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One export at a time per destination folder's parent."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prefix(target: Path, role: str) -> str:
    return f".{target.name}.govkit-{role}"


def _kind(path: Path) -> str:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "missing"
    if stat.S_ISLNK(mode):
        return "symlink"
    return "folder" if stat.S_ISDIR(mode) else "other"


def _is_release(folder: Path) -> bool:
    """A folder this tool wrote (a manifest that says so), or an empty one."""
    if not any(folder.iterdir()):
        return True
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "govkit" in manifest


def _inside(path: Path, folder: Path) -> bool:
    resolved, base = _resolved(path), _resolved(folder)
    return resolved == base or base in resolved.parents


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _cannot_write(folder: Path, error: OSError) -> GovkitError:
    return GovkitError(f"cannot write the release in {folder}: {error.strerror or error}")
