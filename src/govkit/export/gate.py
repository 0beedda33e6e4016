"""The export gate: the one judgment (`govkit.pipeline`) on what a release holds.

A release is refused while the judgment has errors about anything it would
hold: lint, the packs (waivers apply), release readiness, the personal data
of every released resource (its values read), and every data error of the
released resources. Findings about what is withheld do not stop it; findings
that belong to no dataset (govkit.yaml, a broken entry whose level is
unknown) do, since they may concern anything. `govkit check --level L` and
`govkit ci` run the same stages, so they fail where this gate would refuse.
`--force --reason` releases anyway: the errors stay in the report,
suppressed, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from govkit.catalog.loader import CONFIG_FILE, Catalog
from govkit.export import codes
from govkit.export.provenance import Source
from govkit.export.selection import Selection
from govkit.findings import Finding, Location, Severity
from govkit.pipeline import Data, Judging, Judgment, Options, Scope, blocking
from govkit.rules import Violation


@dataclass(frozen=True)
class Checked:
    """The gate without the data: lint, packs and personal data, which take a moment; the
    data's validation, which takes as long as reading it, follows (`with_data`)."""

    judging: Judging
    gate: Judgment
    source: Source

    @property
    def selection(self) -> Selection:
        assert self.judging.selection is not None  # noqa: S101 - an export always selects
        return self.judging.selection

    def with_data(self, scratch: Path) -> Judgment:
        """The gate with the released data validated; a commit's files are copied to
        `scratch` as they are needed."""
        source = self.source
        return self.judging.with_data(
            self.gate, source.data_root(scratch), lambda path: source.local_path(path, scratch)
        )


def check_gate(
    catalog: Catalog, *, loaded: Sequence[Finding], source: Source, options: Options
) -> Checked:
    """Judge the release of `options.level` from `catalog`, its data still to come."""
    options = replace(options, policies=True, data=Data.RELEASED)
    judging = Judging(catalog, loaded, options, Scope(release=True))
    judged = judging.metadata()
    assert judging.selection is not None  # noqa: S101 - the level was checked by the caller
    judged = judged.plus(judging.settle(_uncommitted(judging.selection, source)))
    return Checked(judging, judged, source)


def forced(gate: Judgment, reason: str) -> Judgment:
    """The gate's errors suppressed by `--force`, with one warning that records it."""
    reason = reason.strip()
    by = f"--force: {reason}"
    suppressed = tuple(replace(f, suppressed_by=by) if blocking(f) else f for f in gate.findings)
    message = (
        f"released despite {gate.errors} error{'s' if gate.errors != 1 else ''}, "
        f"with --force: {reason}"
    )
    warning = codes.FORCED.finding(Violation(message, Location(CONFIG_FILE)))
    kept = tuple(t for t in gate.tallies if t.severity is not Severity.ERROR)
    return replace(gate, findings=(*suppressed, warning), tallies=kept)


def _uncommitted(selection: Selection, source: Source) -> Iterable[Finding]:
    for choice in selection.resources:
        if not source.is_committed(choice.data_path):
            commit = source.commit.short if source.commit else "HEAD"
            message = (
                f"{choice.data_path} is not in commit {commit}; commit it, or pass --allow-dirty"
            )
            violation = Violation(
                message, Location(choice.data_path), choice.dataset.id, choice.resource.name
            )
            yield codes.NOT_COMMITTED.finding(violation)
