"""Exceptions for tool problems (exit 2). Catalog problems are findings, not exceptions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One reason the input cannot be used, with where it is."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class GovkitError(Exception):
    """Unusable input, usage or environment: the CLI prints it and exits 2."""

    exit_code = 2


class InputError(GovkitError):
    """One or more input files cannot be read as what they should be."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str, line: int, column: int, message: str) -> InputError:
        return cls([Problem(path, line, column, message)])
