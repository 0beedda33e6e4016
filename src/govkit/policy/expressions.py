"""CEL for policy rules: every expression compiled once when its pack loads, then evaluated.

The CEL library parses but does not type-check, so checks happen here at
compile time: the variables an expression reads must exist in its rule's
scope (a misspelt `datset` is an error when the pack loads, not a finding on
every dataset), names bound by macros (`e` in `exemptions.all(e, ...)`) are
told apart from context variables, and every named function must be one CEL
or govkit has. Whether a result is boolean is checked when the pack loads by
evaluating the rule on its test cases (`govkit.policy.cases`).

Converting Python data into CEL values costs about a microsecond per node, so
one `Bindings` context serves a whole run: config, today and the functions are
converted once, and each dataset, resource and field is bound as evaluation
reaches it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from govkit.diff.tableschema import breaking_changes
from govkit.policy.celib import cel
from govkit.policy.models import Scope

SCOPE_VARIABLES: Mapping[Scope, tuple[str, ...]] = {
    Scope.dataset: ("dataset", "unit", "config", "today"),
    Scope.resource: ("dataset", "unit", "resource", "config", "today"),
    Scope.field: ("dataset", "unit", "resource", "field", "config", "today"),
    Scope.change: ("before", "after", "config", "today"),
}
FUNCTIONS = ("level_rank", "publishable", "add_period", "breaking_changes")
# The named functions of the CEL library govkit uses (operators are `_+_`, `@in`...).
CEL_FUNCTIONS = frozenset(
    {
        "size", "matches", "startsWith", "endsWith", "contains",
        "int", "uint", "double", "string", "bytes", "type", "dyn",
        "timestamp", "duration", "getFullYear", "getMonth", "getDate", "getDayOfMonth",
        "getDayOfWeek", "getDayOfYear", "getHours", "getMinutes", "getSeconds",
        "getMilliseconds",
    }
)  # fmt: skip

# Names that macros bind: `list.all(e, ...)`, `.exists`, `.exists_one`, `.map`, `.filter`.
_BINDER = re.compile(
    r"\.\s*(?:all|exists_one|exists|map|filter)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,"
)
_CEL_ERROR = re.compile(r"<input>:(\d+):(\d+): ([^\n]*)")
_TEMPLATE = re.compile(r"\{\{(.*?)\}\}", re.S)
_PERIOD = re.compile(
    r"^(?:R[0-9]*/)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
    r"(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$"
)


class ExpressionError(Exception):
    """An expression that cannot be used; `offset` is where in its text, when known."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class EvaluationError(Exception):
    """An expression failed on one context, or did not return true or false."""


# CEL's library counts no cost and holds the GIL while it runs (so Ctrl-C waits for it):
# comprehensions nested over the same long list would run for hours. Before a rule is
# evaluated, its nesting is weighed against the longest list bound.
MAX_STEPS = 2_000_000
_MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
_CALLEE = re.compile(r"\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")


def comprehension_depth(source: str) -> int:
    """How deeply the comprehension macros (`all`, `exists`, `map`...) nest, read from the
    text with its string literals skipped."""
    stack: list[bool] = []
    deepest = index = 0
    while index < len(source):
        char = source[index]
        if char in "'\"":
            index = _after_string(source, index)
            continue
        if char == "(":
            callee = _CALLEE.search(source, max(0, index - 64), index)  # a macro name is short
            stack.append(callee is not None and callee.group(1) in _MACROS)
            deepest = max(deepest, sum(stack))
        elif char == ")" and stack:
            stack.pop()
        index += 1
    return deepest


def _after_string(source: str, start: int) -> int:
    quote = source[start] * 3 if source.startswith(source[start] * 3, start) else source[start]
    index = start + len(quote)
    while index < len(source):
        if source[index] == "\\":
            index += 2
        elif source.startswith(quote, index):
            return index + len(quote)
        else:
            index += 1
    return index


@dataclass(frozen=True)
class Expression:
    source: str
    program: cel.Program
    variables: frozenset[str]
    depth: int = 0
    """How deeply comprehensions nest in it (`comprehension_depth`)."""

    def check_cost(self, longest: int) -> None:
        """EvaluationError, before it runs, when its nested comprehensions over lists of up
        to `longest` items could take more than MAX_STEPS steps."""
        if self.depth > 1 and longest**self.depth > MAX_STEPS:
            raise EvaluationError(
                f"`{_short(self.source)}` is too costly to evaluate: {self.depth} nested "
                f"comprehensions over lists of up to {longest:,} items, more than "
                f"{MAX_STEPS:,} steps; nest them less deeply"
            )

    def evaluate(self, context: cel.Context) -> Any:
        try:
            return self.program.execute(context)
        except Exception as error:  # the library raises KeyError, TypeError, RuntimeError...
            raise EvaluationError(f"`{_short(self.source)}` failed: {_reason(error)}") from None

    def holds(self, context: cel.Context) -> bool:
        """The expression's value, which must be true or false (called per entry: kept flat)."""
        try:
            value = self.program.execute(context)
        except Exception as error:
            raise EvaluationError(f"`{_short(self.source)}` failed: {_reason(error)}") from None
        if value is True or value is False:
            return value
        raise EvaluationError(
            f"`{_short(self.source)}` returned {cel_type(value)}, not true or false"
        )


def compile_expression(source: str, available: Collection[str]) -> Expression:
    """Compile CEL text, refusing syntax errors and variables the scope does not have."""
    try:
        program = cel.compile(source)
    except Exception as error:  # ValueError from the parser, with its own position
        message, offset = _syntax_error(source, str(error))
        raise ExpressionError(message, offset) from None
    _check_functions(source, program)
    used = set(program.variables()) - set(_BINDER.findall(source))
    unknown = sorted(used - set(available))
    if unknown:
        name = unknown[0]
        close = difflib.get_close_matches(name, available, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        found = re.search(rf"\b{re.escape(name)}\b", source)
        raise ExpressionError(
            f"unknown variable '{name}'; this rule's scope has {', '.join(available)}{hint}",
            found.start() if found else None,
        )
    return Expression(source, program, frozenset(used), comprehension_depth(source))


def _check_functions(source: str, program: cel.Program) -> None:
    named = {name for name in program.functions() if name[:1].isalpha()}
    unknown = sorted(named - CEL_FUNCTIONS - set(FUNCTIONS))
    if unknown:
        found = re.search(rf"\b{re.escape(unknown[0])}\s*\(", source)
        raise ExpressionError(
            f"unknown function '{unknown[0]}'; govkit adds {', '.join(FUNCTIONS)} to CEL's "
            "size, matches, startsWith, endsWith, contains, int, string... "
            "(docs/policy-packs.md)",
            found.start() if found else None,
        )


def _syntax_error(source: str, text: str) -> tuple[str, int | None]:
    found = _CEL_ERROR.search(text)
    if found is None:
        return f"not valid CEL: {text.splitlines()[0] if text else 'parse error'}", None
    line, column = int(found[1]), int(found[2])
    problem = re.sub(r" expecting \{.*\}$", "", found[3])  # the parser's token list is noise
    lines = source.split("\n")
    offset = sum(len(earlier) + 1 for earlier in lines[: line - 1]) + column - 1
    return f"not valid CEL: {problem}", min(offset, len(source))


@dataclass(frozen=True)
class Template:
    """A message with `{{ expression }}` parts, each compiled like a rule's expressions."""

    parts: tuple[str | Expression, ...]

    def render(self, context: cel.Context) -> str:
        pieces = []
        for part in self.parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            try:
                pieces.append(_display(part.evaluate(context)))
            except EvaluationError:
                pieces.append("?")  # the finding still says what is wrong
        return " ".join("".join(pieces).split())  # a message is one line, however it was folded


def compile_template(text: str, available: Collection[str]) -> Template:
    parts: list[str | Expression] = []
    end = 0
    for found in _TEMPLATE.finditer(text):
        parts.append(text[end : found.start()])
        try:
            parts.append(compile_expression(found[1].strip(), available))
        except ExpressionError as error:
            indent = len(found[1]) - len(found[1].lstrip())
            offset = found.start(1) + indent + (error.offset or 0)
            raise ExpressionError(f"in {{{{ }}}}: {error.message}", offset) from None
        end = found.end()
    parts.append(text[end:])
    return Template(tuple(part for part in parts if part != ""))


def _display(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_display(item) for item in value)
    return str(value)


def cel_type(value: Any) -> str:
    names = {str: "a string", int: "an int", float: "a double", list: "a list", dict: "a map"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _short(source: str) -> str:
    flat = " ".join(source.split())
    return flat if len(flat) <= 80 else flat[:77] + "..."


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"no key {error}; guard optional keys with has()"
    first = str(error).split(". ")[0].strip().rstrip(".")
    return first or type(error).__name__


# --------------------------------------------------------------------------- functions


def add_period(date: object, period: object) -> str | None:
    """`add_period('2025-01-31', 'R/P1M')` is '2025-02-28'; None (a CEL error later) if unreadable.

    Months and years keep the day of the month where it exists and clamp it
    otherwise; a time part (R/PT6H) rounds up to whole days. Never raises: the
    CEL library prints the traceback of a function that raises.
    """
    if not isinstance(date, str) or not isinstance(period, str):
        return None
    found = _PERIOD.match(period)
    try:
        start = dt.date.fromisoformat(date)
    except ValueError:
        return None
    if found is None or not any(found.groups()):
        return None
    years, months, weeks, days, hours, minutes, seconds = (int(g or 0) for g in found.groups())
    total_months = start.month - 1 + months + 12 * years
    year, month = start.year + total_months // 12, total_months % 12 + 1
    if not 1 <= year <= 9999:
        return None
    day = min(start.day, calendar.monthrange(year, month)[1])
    extra_days = 7 * weeks + days + math.ceil((hours * 3600 + minutes * 60 + seconds) / 86400)
    try:
        return (dt.date(year, month, day) + dt.timedelta(days=extra_days)).isoformat()
    except OverflowError:
        return None


def _level_functions(config: Mapping[str, Any]) -> dict[str, Callable[..., Any]]:
    # A test case may give any config: read it defensively, never raise from here.
    levels = config.get("access_levels")
    listed = levels if isinstance(levels, list) else []
    ranks = {level.get("id"): rank for rank, level in enumerate(listed) if isinstance(level, dict)}
    export = config.get("export")
    export_rank = ranks.get(export.get("level") if isinstance(export, dict) else "public", 0)

    def level_rank(level: object) -> int:
        """Position of a level in govkit.yaml's ordered list (0 is the most open); -1 if unknown."""
        return ranks.get(level, -1) if isinstance(level, str) else -1

    def publishable(level: object) -> bool:
        """True when a level is at most as strict as the export level (`export.level`)."""
        rank = level_rank(level)
        return 0 <= rank <= export_rank

    return {
        "level_rank": level_rank,
        "publishable": publishable,
        "add_period": add_period,
        "breaking_changes": _breaking_changes,
    }


def _breaking_changes(before: object, after: object) -> list[str]:
    """`breaking_changes(b, r)`: what breaks the data's consumers between two versions of a
    resource (their `fields`), as text; [] when nothing does. Never raises."""
    old = before.get("fields") if isinstance(before, dict) else None
    new = after.get("fields") if isinstance(after, dict) else None
    return breaking_changes(old, new)


class Bindings:
    """One CEL context for a run: config, today and functions converted once, the rest rebound."""

    def __init__(self, config: Mapping[str, Any], today: str) -> None:
        self.context = cel.Context(
            variables={"config": dict(config), "today": today},
            functions=_level_functions(config),
        )
        self._longest = {"config": _longest_list(config)}

    @property
    def longest(self) -> int:
        """The length of the longest list in any variable bound."""
        return max(self._longest.values(), default=0)

    def bind(self, name: str, value: Any) -> None:
        self.context.add_variable(name, value)
        self._longest[name] = _longest_list(value)


def _longest_list(value: Any) -> int:
    longest = 0
    pending = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            longest = max(longest, len(node))
            pending.extend(item for item in node if isinstance(item, (list, dict)))
        elif isinstance(node, Mapping):
            pending.extend(item for item in node.values() if isinstance(item, (list, dict)))
    return longest
