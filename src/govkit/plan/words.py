"""The plan's words in the current language: quadrants, blocks, next actions, titles."""

from __future__ import annotations

from govkit.i18n import N_, _, current, day, join
from govkit.plan.build import Action, Block, BlockKind, Quadrant, Row
from govkit.reporters.escape import safe

QUADRANTS = {
    Quadrant.publish_now: N_("publish now"),
    Quadrant.build_pipeline: N_("build the pipeline"),
    Quadrant.legal_review: N_("legal review"),
    Quadrant.later: N_("later"),
}
_BLOCKS = {
    BlockKind.no_data: N_("no entry in the catalog holds it"),
    BlockKind.not_published: N_("'{dataset}' is {status}, not published"),
    BlockKind.past_target: N_("'{dataset}' was planned for {day}"),
    BlockKind.not_public: N_("'{dataset}' is {level}"),
    BlockKind.partial_release: N_("partial release ({cites}): redact {fields}; publish {publish}"),
    BlockKind.exempt_whole: N_("'{dataset}' is withheld whole ({cites})"),
    BlockKind.missing_columns: N_("'{dataset}' lacks the columns {fields}"),
    BlockKind.below_openness: N_("'{dataset}' lacks {fields}"),
    BlockKind.overdue: N_("'{dataset}' was due by {day}"),
}
_ACTIONS = {
    Action.add_candidate: N_(
        "Find the unit that holds it and add a candidate entry that fulfils it"
    ),
    Action.plan: N_("Assess '{dataset}' and plan it: status planned, with a target date"),
    Action.build: N_("Build the pipeline of '{dataset}' and publish it by {day}"),
    Action.replan: N_("Publish '{dataset}', or record a new target date (it was {day})"),
    Action.partial_release: N_(
        "Publish '{dataset}' at {level} with {fields} redacted and the rest as it is "
        "(partial disclosure)"
    ),
    Action.legal_review: N_(
        "Legal review of '{dataset}': which exemption covers which part? Publish the rest"
    ),
    Action.add_columns: N_("Add {fields} to the Table Schema of '{dataset}'"),
    Action.open_up: N_("Publish '{dataset}' with {fields}"),
    Action.update: N_("Publish the update of '{dataset}' due by {day}"),
}
_STATUSES = {"candidate": N_("a candidate"), "planned": N_("planned")}
_OPENNESS = {
    "a machine-readable format": N_("a machine-readable format"),
    "an open format (not xlsx)": N_("an open format (not xlsx)"),
    "an open licence": N_("an open licence"),
}


def quadrant(value: Quadrant) -> str:
    return _(QUADRANTS[value])


def title(texts: dict[str, str]) -> str:
    """A bilingual title in the language spoken, else English, else the first given."""
    return safe(texts.get(current()) or texts.get("en") or next(iter(texts.values()), ""))


def block(value: Block) -> str:
    return _(_BLOCKS[value.kind]).format(**_values(value))


def action(row: Row) -> str:
    values = _values(row.action_block) if row.action_block else {}
    values.setdefault("dataset", safe(row.datasets[0]) if row.datasets else "")
    return _(_ACTIONS[row.action]).format(**{"day": "", "level": "", "fields": "", **values})


def _values(value: Block) -> dict[str, str]:
    fields = [_(_OPENNESS[f]) if f in _OPENNESS else safe(f) for f in value.fields]
    return {
        "dataset": safe(value.dataset or ""),
        "fields": join(fields),
        "publish": join([safe(f) for f in value.publish]) if value.publish else _("the rest"),
        "level": safe(value.level or ""),
        "status": _(_STATUSES[value.level]) if value.level in _STATUSES else "",
        "day": day(value.day) if value.day else "—",
        "cites": join(list(value.cites)) if value.cites else _("no exemption recorded"),
    }
