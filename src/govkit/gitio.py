"""Git, read only: verified refs, a commit's tree as a catalog `Tree`, changed paths, history.

The only module that imports git. GitPython is imported on first use, so
`govkit --help` does not pay for it. Every git command runs in the environment
below: no prompt, no pager, no optional index writes, no lazy fetch from a
promisor remote, every transport refused, no fsmonitor, hooks pointed at
nothing. Reading a catalog therefore never opens a connection or runs code
that the repository names. Refs are verified once with `rev-parse --verify
--end-of-options` and used as commit ids after that, so a ref can never be
read as an option (`--output=/tmp/x` is an unknown ref, not a file written).
Nothing here asks for the current branch: a detached HEAD is just a commit.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from govkit.catalog.tree import Kind, check_size
from govkit.errors import GovkitError

if TYPE_CHECKING:
    import git

# Where a catalog's own files are; changes elsewhere in the repository do not concern govkit.
CATALOG_PATHS = ("govkit.yaml", "catalog", "schemas", "policies", "obligations")
MIN_GIT = (2, 24)  # --end-of-options
FETCH_BASE = (
    "fetch the base: `git fetch --deepen=100 origin` or `git fetch --unshallow`, "
    "or in GitHub Actions give actions/checkout `fetch-depth: 0`"
    " (GitLab CI: GIT_DEPTH: 0)"
)
_ENVIRONMENT = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_LITERAL_PATHSPECS": "1",
    "LC_ALL": "C",
    "LANGUAGE": "C",
}
_CONFIG = (
    ("protocol.allow", "never"),
    ("core.fsmonitor", "false"),
    ("core.hooksPath", os.devnull),
    ("log.showSignature", "false"),
    ("diff.relative", "false"),
)
_LINK_MODE = 0o120000
_CHUNK = 1 << 20
_MODES = {"040000": Kind.DIRECTORY, "120000": Kind.SYMLINK, "160000": Kind.OTHER}


@dataclass(frozen=True)
class Commit:
    """A ref as the user wrote it and the commit it resolved to."""

    ref: str
    sha: str

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def label(self) -> str:
        """`origin/main (1a2b3c4)`, or the short id alone when the ref was an id."""
        return self.short if self.sha.startswith(self.ref) else f"{self.ref} ({self.short})"


@dataclass(frozen=True)
class ChangedPath:
    """A catalog file that differs between two snapshots; paths are relative to the catalog root.

    `status` is git's letter: A added, D deleted, M modified, R renamed, T type changed.
    """

    status: str
    path: str
    old_path: str | None = None

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.path,) if self.old_path is None else (self.old_path, self.path)


@dataclass(frozen=True)
class Revision:
    """One commit in a file's history, with the file's path at that commit."""

    sha: str
    date: str
    author: str
    email: str
    path: str


class Repository:
    """The git repository holding a catalog root (which may be a folder inside it)."""

    def __init__(self, root: Path) -> None:
        git_module = _import_git()
        self.root = root
        self.top = _toplevel(git_module, root)
        self.prefix = _prefix(self.top, root)
        self._errors = git_module.GitCommandError
        self._repo: git.Repo = git_module.Repo(self.top)
        self._repo.git.update_environment(**_environment())

    def __enter__(self) -> Repository:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the `cat-file` processes GitPython keeps for reading objects."""
        self._repo.close()

    # -- refs -------------------------------------------------------------------------------

    def resolve(self, ref: str) -> Commit:
        """The commit a ref names, or a usage error that says what to do."""
        if not ref.strip() or any(char in ref for char in "\x00\n\r"):
            raise GovkitError(f"'{ref}' is not a git ref")
        sha = self._try("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        if not sha:
            raise GovkitError(self._unknown_ref(ref))
        return Commit(ref, sha.strip())

    @functools.cached_property
    def _head(self) -> Commit:
        sha = self._try("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        if not sha:
            raise GovkitError(f"the repository at {self.top} has no commits yet; commit first")
        return Commit("HEAD", sha.strip())

    def head(self) -> Commit:
        """HEAD as a commit: a branch or a detached HEAD alike (read once)."""
        return self._head

    def merge_base(self, base: Commit, head: Commit) -> Commit:
        """Where `head` branched off `base`: what a merge request's changes are measured from."""
        sha = self._try("merge-base", "--end-of-options", base.sha, head.sha)
        if sha:
            return Commit(f"merge-base of {base.ref} and {head.ref}", sha.strip())
        if self.shallow:
            raise GovkitError(
                f"{base.label} and {head.label} have no common commit in this shallow clone; "
                + FETCH_BASE
            )
        raise GovkitError(f"{base.label} and {head.label} share no history; pick another --base")

    @property
    def shallow(self) -> bool:
        return self._run("rev-parse", "--is-shallow-repository").strip() == "true"

    def shallow_boundary(self) -> frozenset[str]:
        """The commits of a shallow clone whose parents were not fetched (none if complete)."""
        listed = Path(self._run("rev-parse", "--git-path", "shallow").strip())
        listed = listed if listed.is_absolute() else Path(self._repo.working_dir) / listed
        try:
            return frozenset(listed.read_text(encoding="ascii").split())
        except OSError:
            return frozenset()

    def _unknown_ref(self, ref: str) -> str:
        self._check_version()  # an old git refuses --end-of-options: say that instead
        message = f"unknown git ref '{ref}': no commit of that name in {self.top}"
        if ref.startswith("-"):
            return message + " (a ref never starts with '-')"
        if self.shallow:
            return (
                f"{message}; this is a shallow clone, so it may not have been fetched: {FETCH_BASE}"
            )
        if "/" in ref:
            remote, _, branch = ref.partition("/")
            return f"{message}; if it is a remote branch, fetch it: git fetch {remote} {branch}"
        return message

    # -- trees and changes --------------------------------------------------------------------

    def tree(self, commit: Commit) -> GitTree:
        return GitTree(self, commit)

    def changed(self, base: Commit, head: Commit | None) -> list[ChangedPath]:
        """Catalog files that differ from `base` in `head`, or in the working tree when None.

        Against the working tree, untracked (not ignored) catalog files count as added,
        so a new entry is seen before it is committed.
        """
        specs = self._pathspecs()
        if head is not None:
            listing = self._run(
                "diff-tree", "-r", "-z", "-M", "--name-status", "--no-commit-id",
                base.sha, head.sha, "--", *specs,
            )  # fmt: skip
            return self._parse_changes(listing)
        listing = self._run(
            "diff", "--no-ext-diff", "--no-textconv", "--no-relative", "--no-color",
            "-z", "-M", "--name-status", base.sha, "--", *specs,
        )  # fmt: skip
        untracked = self._run("ls-files", "-z", "--others", "--exclude-standard", "--", *specs)
        added = [ChangedPath("A", path) for path in self._catalog_paths(untracked.split("\0"))]
        return self._parse_changes(listing) + added

    def dirty(self, head: Commit) -> list[ChangedPath]:
        """Catalog files of the working tree that differ from `head` (uncommitted work)."""
        return self.changed(head, None)

    def history(self, path: str, head: Commit) -> list[Revision]:
        """Commits reachable from `head` that touched a catalog file, newest first, following
        renames; each with the file's path at that commit."""
        listing = self._run(
            "log", "--follow", "-M", "--no-color", "--no-show-signature", "-z", "--name-status",
            "--format=%x1e%H%x1f%aI%x1f%an%x1f%ae", "--end-of-options", head.sha,
            "--", self._full(path),
        )  # fmt: skip
        return list(self._parse_history(listing, path))

    def read_at(self, commit: str, relative: str) -> bytes | None:
        """A catalog file's bytes at a commit, None where it does not exist there; a link or a
        folder is refused, as the loader refuses them."""
        try:
            item = self._repo.commit(commit).tree.join(self._full(relative))
        except KeyError:
            return None
        if item.type != "blob":
            raise IsADirectoryError(errno.EISDIR, f"is a {item.type}, not a file")
        if item.mode == _LINK_MODE:
            raise OSError(errno.ELOOP, "is a symbolic link, which govkit does not follow")
        data: bytes = item.data_stream.read()
        return data

    def blob(self, sha: str, limit: int | None = None) -> bytes:
        stream = self._repo.odb.stream(bytes.fromhex(sha))
        check_size(int(stream.size), limit)
        data: bytes = stream.read()
        return data

    def copy_blob(self, sha: str, target: Path) -> None:
        """Write a blob to `target` a chunk at a time: memory stays flat for any size."""
        stream = self._repo.odb.stream(bytes.fromhex(sha))
        try:
            with target.open("wb") as writer:
                while chunk := stream.read(_CHUNK):
                    writer.write(chunk)
        except Exception:
            # A blob read part way (a full disk) leaves git's `cat-file --batch` stream
            # inside the object: the next read would take the rest of it for a header.
            while stream.read(_CHUNK):
                pass
            raise

    def tags_at(self, commit: Commit) -> list[str]:
        """The tags that name `commit` (annotated ones too), the highest version first: the
        order is govkit's, whatever git's `versionsort` settings say."""
        listing = self._run("tag", "--points-at", commit.sha)
        return sorted((name for name in listing.splitlines() if name), key=_version, reverse=True)

    def commit_time(self, commit: Commit) -> int:
        """The committer's time, in seconds since 1970 (what `git log --format=%ct` says)."""
        return int(self._repo.commit(commit.sha).committed_date)

    def ls_tree(self, commit: Commit) -> str:
        specs = [self.prefix] if self.prefix else []
        return self._run("ls-tree", "-r", "-t", "-z", "--full-tree", commit.sha, "--", *specs)

    def relative(self, path: str) -> str | None:
        """A repository path as the catalog root sees it; None if it lies outside the root."""
        if not self.prefix:
            return path
        return path[len(self.prefix) + 1 :] if path.startswith(self.prefix + "/") else None

    def _full(self, relative: str) -> str:
        return f"{self.prefix}/{relative}" if self.prefix else relative

    def _pathspecs(self) -> list[str]:
        return [self._full(name) for name in CATALOG_PATHS]

    def _catalog_paths(self, paths: list[str]) -> Iterator[str]:
        for path in paths:
            relative = self.relative(path) if path else None
            if relative is not None:
                yield relative

    def _parse_changes(self, listing: str) -> list[ChangedPath]:
        tokens = [token for token in listing.split("\0") if token]
        changes: list[ChangedPath] = []
        index = 0
        while index < len(tokens):
            status = tokens[index][:1]
            if status in "RC":
                old, new = self.relative(tokens[index + 1]), self.relative(tokens[index + 2])
                index += 3
                changes.extend(_renamed(status, old, new))
                continue
            path = self.relative(tokens[index + 1])
            index += 2
            if path is not None:
                changes.append(ChangedPath(status, path))
        return changes

    def _parse_history(self, listing: str, path: str) -> Iterator[Revision]:
        current = path
        for record in listing.split("\x1e"):
            header, _, rest = record.partition("\0")
            fields = header.split("\x1f")
            if len(fields) != 4:
                continue
            tokens = [token for token in rest.strip("\n").split("\0") if token.strip()]
            if tokens:  # the path at this commit: the new name of a rename, else the only one
                current = self.relative(tokens[-1].strip()) or current
            sha, date, author, email = fields
            yield Revision(sha, date, author, email, current)
            if tokens and tokens[0].startswith("R") and len(tokens) >= 3:
                current = self.relative(tokens[1].strip()) or current

    # -- running git -------------------------------------------------------------------------

    def _check_version(self) -> None:
        version = tuple(self._repo.git.version_info[:2])
        if version < MIN_GIT:
            found = ".".join(str(part) for part in version)
            raise GovkitError(f"git {found} is too old; govkit needs git 2.24 or newer")

    def _run(self, *args: str) -> str:
        try:
            output: str = self._repo.git.execute(["git", *args], strip_newline_in_stdout=False)
        except self._errors as error:
            raise GovkitError(_explain(error.stderr, " ".join(args[:1]), self.top)) from None
        return output

    def _try(self, *args: str) -> str | None:
        """Output of a command whose failure is an answer (an unknown ref), not an error."""
        try:
            output: str = self._repo.git.execute(["git", *args])
        except self._errors as error:
            if "dubious ownership" in str(error.stderr):
                raise GovkitError(_explain(error.stderr, args[0], self.top)) from None
            return None
        return output


class GitTree:
    """A catalog root inside a commit's tree: the `Tree` the loader reads, never the working
    directory. Symbolic links (mode 120000) are reported as links and never followed;
    submodules are neither files nor folders; a path below a link is a link."""

    def __init__(self, repository: Repository, commit: Commit) -> None:
        self.repository = repository
        self.commit = commit
        self._entries = _entries(repository, repository.ls_tree(commit))

    @property
    def label(self) -> str:
        return self.commit.label

    def kind(self, relative: str) -> Kind:
        entry = self._entries.get(relative.strip("/"))
        if entry is not None:
            return _MODES.get(entry[0], Kind.FILE)
        if not relative.strip("/"):
            return Kind.DIRECTORY
        parent = relative.rpartition("/")[0]
        return Kind.SYMLINK if parent and self.kind(parent) is Kind.SYMLINK else Kind.MISSING

    def read(self, relative: str, limit: int | None = None) -> bytes:
        return self.repository.blob(self._blob(relative), limit)

    def copy_to(self, relative: str, target: Path) -> None:
        """Write a file of the commit to `target` without holding it in memory."""
        self.repository.copy_blob(self._blob(relative), target)

    def _blob(self, relative: str) -> str:
        kind = self.kind(relative)
        if kind is Kind.FILE:
            return self._entries[relative][1]
        if kind is Kind.SYMLINK:
            raise OSError(errno.ELOOP, "is a symbolic link, which govkit does not follow")
        if kind is Kind.MISSING:
            raise FileNotFoundError(errno.ENOENT, f"not in commit {self.commit.short}")
        raise IsADirectoryError(errno.EISDIR, f"is a {kind.value}, not a file")

    def files(self, folder: str, suffixes: tuple[str, ...]) -> list[str]:
        below = folder.rstrip("/") + "/"
        return sorted(
            path
            for path, (mode, _) in self._entries.items()
            if path.startswith(below)
            and path.endswith(suffixes)
            and _MODES.get(mode, Kind.FILE) in (Kind.FILE, Kind.SYMLINK)
        )


def seen_files(root: Path, *, ignored: bool = False) -> frozenset[str] | None:
    """The paths below `root` that git sees, relative to it: tracked files and untracked ones
    that are not ignored (with `ignored`, ignored ones too). A submodule or a nested
    repository is one path, never its content. None outside a git repository or without
    git: then there is nothing to see the files as. One `git ls-files` for the whole root."""
    program = shutil.which("git")
    if program is None:
        return None
    others = ["--others"] if ignored else ["--others", "--exclude-standard"]
    try:
        # A fixed command without the repository's words in it; GitPython would cost more to
        # import than the listing takes, and lint runs on every commit.
        done = subprocess.run(  # noqa: S603
            [program, "ls-files", "-z", "--cached", *others],
            cwd=root,
            env={**os.environ, **_environment()},
            capture_output=True,
            check=False,
        )
    except OSError as error:
        raise GovkitError(f"cannot run git in {root}: {error.strerror}") from None
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace")
        if "not a git repository" in stderr:
            return None
        raise GovkitError(_explain(stderr, "ls-files", root))
    listed = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return frozenset(path for path in listed if path)


def _version(tag: str) -> tuple[tuple[int, int | str], ...]:
    """`v1.10.0` after `v1.9.2`: numbers compare as numbers, the rest as text."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", tag)
    )


def _entries(repository: Repository, listing: str) -> dict[str, tuple[str, str]]:
    """`ls-tree -r -t -z` output as catalog-relative path -> (mode, object id)."""
    entries: dict[str, tuple[str, str]] = {}
    for record in listing.split("\0"):
        meta, tab, path = record.partition("\t")
        if not tab:
            continue
        mode, _, rest = meta.partition(" ")
        relative = repository.relative(path)
        if relative:
            entries[relative] = (mode, rest.rpartition(" ")[2])
    return entries


def _renamed(status: str, old: str | None, new: str | None) -> list[ChangedPath]:
    """A rename seen from the catalog root: in, out of, or within it."""
    if old is not None and new is not None:
        return [ChangedPath("R" if status == "R" else "A", new, old if status == "R" else None)]
    if new is not None:
        return [ChangedPath("A", new)]
    return [ChangedPath("D", old)] if old is not None and status == "R" else []


def _import_git() -> Any:
    if shutil.which("git") is None:
        raise GovkitError(
            "git is not installed or not on PATH; govkit reads commits with the git command "
            "(install git, e.g. `apt-get install git`, and run again)"
        )
    try:
        import git  # noqa: PLC0415 - GitPython is only needed by the commands that read git
    except ImportError as error:
        raise GovkitError(f"cannot use git: {error}") from None
    return git


def _environment() -> dict[str, str]:
    """The variables every git command runs with; config is passed by GIT_CONFIG_COUNT,
    after any the caller already set, so ours win."""
    count = int(os.environ.get("GIT_CONFIG_COUNT", "0") or 0)
    variables = dict(_ENVIRONMENT)
    for offset, (key, value) in enumerate(_CONFIG):
        variables[f"GIT_CONFIG_KEY_{count + offset}"] = key
        variables[f"GIT_CONFIG_VALUE_{count + offset}"] = value
    variables["GIT_CONFIG_COUNT"] = str(count + len(_CONFIG))
    return variables


def _toplevel(git_module: Any, root: Path) -> Path:
    runner = git_module.Git(str(root))
    runner.update_environment(**_environment())
    try:
        top = runner.execute(["git", "rev-parse", "--show-toplevel"])
    except git_module.GitCommandError as error:
        raise GovkitError(_explain(error.stderr, "rev-parse", root)) from None
    except git_module.GitCommandNotFound:
        raise GovkitError("git is not installed or not on PATH") from None
    return Path(str(top).strip())


def _prefix(top: Path, root: Path) -> str:
    try:
        relative = root.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise GovkitError(f"{root} is not inside the git repository at {top}") from None
    return "" if relative == "." else relative


def _explain(stderr: Any, command: str, where: Path) -> str:
    """git's failure as a message that says what to do."""
    text = str(stderr or "").strip().removeprefix("stderr:").strip().strip("'").strip()
    if "dubious ownership" in text:
        return (
            f"git refuses to read the repository at {where}: it belongs to another user "
            '("dubious ownership"). If you trust it, mark it safe and run again: '
            f"git config --global --add safe.directory {where}"
        )
    if "not a git repository" in text:
        return (
            f"{where} is not inside a git repository; comparing refs needs the catalog's "
            "git history (run govkit in a clone, or `git init` and commit first)"
        )
    first = next((line for line in text.splitlines() if line.strip()), "failed")
    return f"git {command} failed: {first.removeprefix('fatal: ')}"
