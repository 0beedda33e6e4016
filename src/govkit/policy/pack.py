"""Load one policy pack: parse, check its shape and citations, compile every expression.

Anything wrong with a pack is a tool problem (exit 2) located at the pack's
`file:line:col`: a CEL syntax error or an unknown variable points into the
expression itself when it is written on one line. All of a pack's problems
are reported together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from govkit.catalog import structure
from govkit.errors import InputError, Problem
from govkit.findings import Citation, RuleInfo, Severity
from govkit.policy import cases
from govkit.policy.expressions import (
    SCOPE_VARIABLES,
    Expression,
    ExpressionError,
    Template,
    compile_expression,
    compile_template,
)
from govkit.policy.models import Law, LawArticle, Pack, PolicyRule, Scope
from govkit.yamlio import Position, YamlDocument, load_yaml

RESERVED_PREFIX = "GK"  # govkit's own code rules
T = TypeVar("T")


@dataclass(frozen=True)
class CompiledRule:
    """A pack's rule with its expressions compiled, ready to evaluate."""

    spec: PolicyRule
    law: Law
    pack_id: str
    pack_version: str
    path: str
    position: Position
    when: Expression
    assertion: Expression
    message: Template

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def severity(self) -> Severity:
        return self.spec.severity

    @property
    def scope(self) -> Scope:
        return self.spec.scope

    @property
    def citation(self) -> Citation:
        return Citation(self.spec.citation.law, self.spec.citation.article)

    def sources(self) -> list[str]:
        """The CEL text of every expression of the rule, its message's included."""
        parts = [self.when.source, self.assertion.source]
        return parts + [part.source for part in self.message.parts if isinstance(part, Expression)]

    @cached_property
    def info(self) -> RuleInfo:
        return RuleInfo(self.code, self.name, self.severity, _text(self.spec.title), self.doc)

    @property
    def doc(self) -> str:
        """The rule's documentation for `govkit explain`: title, why, the law's text, the CEL."""
        spec = self.spec
        lines = [_text(spec.title)]
        lines += [spec.title[lang] for lang in spec.title if spec.title[lang] != lines[0]]
        if spec.description:
            lines += ["", _text(spec.description)]
        if spec.fix:
            lines += ["", f"Fix: {_text(spec.fix)}"]
        lines += ["", f"Law: {_text(self.law.title)} ({self.law.id})", ""]
        for article in cited_articles(self.law, spec.citation.article):
            text = f": {_text(article.text)}" if article.text else ""
            lines.append(f"- Art. {article.id}, {_text(article.title)}{text}")
        lines += [
            "",
            f"Pack: {self.pack_id} {self.pack_version} ({self.path}); scope: {spec.scope.value}",
            "",
            f"    when:   {' '.join(spec.when.split())}",
            f"    assert: {' '.join(spec.assert_.split())}",
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class PolicyPack:
    path: str
    model: Pack
    rules: tuple[CompiledRule, ...]
    builtin: bool = False

    @property
    def id(self) -> str:
        return self.model.metadata.id


def load_pack(content: bytes, path: str, *, builtin: bool = False) -> PolicyPack:
    """Load and compile a pack, or raise one `InputError` listing every problem in it."""
    document = load_yaml(content, path)
    # A built-in pack ships with govkit and a test holds it to the JSON Schema: checking it
    # again on every run would cost more than the rest of loading it.
    shape = [] if builtin else list(structure.violations(document, "policy-pack"))
    if shape:
        raise InputError(
            Problem(path, v.location.line, v.location.column, v.message) for v in shape
        )
    model = Pack.model_validate(document.data)
    source = _Source(document, content.decode("utf-8-sig").split("\n"))
    problems = [*_law_problems(source, model), *_code_problems(source, model)]
    rules = []
    for index, spec in enumerate(model.rules):
        try:
            rules.append(_compile(source, index, spec, model))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    pack = PolicyPack(path, model, tuple(rules), builtin)
    problems = [source.problem(pointer, message) for pointer, message in cases.type_problems(pack)]
    if problems:
        raise InputError(problems)
    return pack


def cited_articles(law: Law, article: str) -> list[LawArticle]:
    """The articles a citation names: one article, or every numbered article of a range `a-b`."""
    exact = [a for a in law.articles if a.id == article]
    if exact:
        return exact
    ends = article.split("-")
    if len(ends) != 2 or not all(end.isdigit() for end in ends):
        return []
    declared = {a.id for a in law.articles}
    if not set(ends) <= declared:
        return []
    low, high = int(ends[0]), int(ends[1])
    return [a for a in law.articles if a.id.isdigit() and low <= int(a.id) <= high]


@dataclass(frozen=True)
class _Source:
    """A pack's document and raw lines, for positions inside one-line expressions."""

    document: YamlDocument
    lines: list[str]

    def problem(self, pointer: str, message: str, offset: int | None = None) -> Problem:
        at = self._inside(pointer, offset) if offset is not None else None
        at = at or self.document.locate(pointer)
        return Problem(self.document.path, at.line, at.column, message)

    def _inside(self, pointer: str, offset: int) -> Position | None:
        value = self.document.data
        for token in pointer.strip("/").split("/"):
            value = value[int(token)] if isinstance(value, list) else value[token]
        at = self.document.locate(pointer)
        if not isinstance(value, str) or "\n" in value or at.line > len(self.lines):
            return None
        rest = self.lines[at.line - 1][at.column - 1 :]
        if rest.startswith(value):
            return Position(at.line, at.column + offset)
        if rest[:1] in "'\"" and rest[1:].startswith(value):
            return Position(at.line, at.column + 1 + offset)
        return None


def _law_problems(source: _Source, model: Pack) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, article in enumerate(model.metadata.law.articles):
        if article.id in seen:
            pointer = f"/metadata/law/articles/{index}/id"
            yield source.problem(pointer, f"article '{article.id}' is declared twice")
        seen.add(article.id)


def _code_problems(source: _Source, model: Pack) -> Iterator[Problem]:
    law = model.metadata.law
    codes: set[str] = set()
    names: set[str] = set()
    for index, rule in enumerate(model.rules):
        base = f"/rules/{index}"
        if rule.code.startswith(RESERVED_PREFIX):
            yield source.problem(
                f"{base}/code", f"rule code '{rule.code}': codes starting GK are govkit's own"
            )
        if rule.code in codes:
            yield source.problem(f"{base}/code", f"rule code '{rule.code}' is used twice")
        if rule.name in names:
            yield source.problem(f"{base}/name", f"rule name '{rule.name}' is used twice")
        codes.add(rule.code)
        names.add(rule.name)
        if rule.citation.law != law.id:
            yield source.problem(
                f"{base}/citation/law",
                f"cites law '{rule.citation.law}', but this pack encodes '{law.id}'",
            )
        elif not cited_articles(law, rule.citation.article):
            known = ", ".join(a.id for a in law.articles)
            yield source.problem(
                f"{base}/citation/article",
                f"article '{rule.citation.article}' is not among the law's articles ({known})",
            )


def _compile(source: _Source, index: int, spec: PolicyRule, model: Pack) -> CompiledRule:
    base = f"/rules/{index}"
    variables = SCOPE_VARIABLES[spec.scope]
    problems: list[Problem] = []

    def compiled(key: str, text: str, compile: Callable[..., T]) -> T | None:
        try:
            return compile(text, variables)
        except ExpressionError as error:
            where = f"{spec.code} `{key}`"
            problems.append(source.problem(f"{base}/{key}", f"{where}: {error}", error.offset))
            return None

    when = compiled("when", spec.when, compile_expression)
    assertion = compiled("assert", spec.assert_, compile_expression)
    message = compiled("message", spec.message, compile_template)
    if when is None or assertion is None or message is None:
        raise InputError(problems)
    metadata = model.metadata
    return CompiledRule(
        spec,
        metadata.law,
        metadata.id,
        metadata.version,
        source.document.path,
        source.document.locate(f"{base}/code"),
        when,
        assertion,
        message,
    )


def _text(text: dict[str, str] | None) -> str:
    """English where there is English (govkit's own output), else the first language."""
    if not text:
        return ""
    return text.get("en") or next(iter(text.values()))
