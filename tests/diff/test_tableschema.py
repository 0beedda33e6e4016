"""Table Schema changes judged for consumers: each kind of change, breaking or compatible."""

from __future__ import annotations

from typing import Any

import pytest

from govkit.diff.tableschema import breaking_changes, compare_schemas

AMOUNT = {"name": "amount", "type": "integer", "constraints": {"minimum": 0, "maximum": 100}}
TITLE = {"name": "title", "type": "string"}


def kinds(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    changes = compare_schemas({"fields": old}, {"fields": new})
    return [(change.kind, change.breaking) for change in changes]


def with_constraints(**constraints: Any) -> dict[str, Any]:
    return {"name": "amount", "type": "integer", "constraints": constraints}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param([AMOUNT, TITLE], [AMOUNT], [("removed", True)], id="field removed"),
        pytest.param([AMOUNT], [AMOUNT, TITLE], [("added", False)], id="field added"),
        pytest.param(
            [AMOUNT, TITLE],
            [AMOUNT, {"name": "heading", "type": "string"}],
            [("renamed", True)],
            id="field renamed",
        ),
        pytest.param(
            [TITLE], [{"name": "title", "type": "integer"}], [("type", True)], id="type changed"
        ),
        pytest.param(
            [{"name": "mail", "type": "string"}],
            [{"name": "mail", "type": "string", "format": "email"}],
            [("format", True)],
            id="format changed",
        ),
        pytest.param([AMOUNT, TITLE], [TITLE, AMOUNT], [("reordered", True)], id="reordered"),
    ],
)
def test_field_list_changes(
    old: list[dict[str, Any]], new: list[dict[str, Any]], expected: list[tuple[str, bool]]
) -> None:
    assert kinds(old, new) == expected


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ({}, {"required": True}, "tightened"),
        ({"required": True}, {}, "loosened"),
        ({"required": True}, {"required": False}, "loosened"),
        ({"unique": False}, {"unique": True}, "tightened"),
        ({"maximum": 100}, {"maximum": 50}, "tightened"),
        ({"maximum": 100}, {"maximum": 500}, "loosened"),
        ({"minimum": 0}, {"minimum": 1}, "tightened"),
        ({"minimum": 1}, {"minimum": 0.5}, "loosened"),
        ({"minimum": "2024-01-01"}, {"minimum": "2025-01-01"}, "tightened"),
        ({"maxLength": 10}, {}, "loosened"),
        ({}, {"pattern": "[A-Z]+"}, "tightened"),
        ({"pattern": "[A-Z]+"}, {"pattern": "[a-z]+"}, "tightened"),
        ({"pattern": "[A-Z]+"}, {}, "loosened"),
        ({"enum": ["a", "b", "c"]}, {"enum": ["a", "b"]}, "tightened"),
        ({"enum": ["a", "b"]}, {"enum": ["a", "b", "c"]}, "loosened"),
        ({"enum": ["a", "b"]}, {"enum": ["a", "c"]}, "tightened"),
        ({"maximum": 10}, {"maximum": "ten"}, "tightened"),
    ],
)
def test_constraints(old: dict[str, Any], new: dict[str, Any], kind: str) -> None:
    (change,) = compare_schemas(
        {"fields": [with_constraints(**old)]}, {"fields": [with_constraints(**new)]}
    )
    assert change.kind == kind
    assert change.breaking is (kind == "tightened")


def test_primary_key_change_is_breaking() -> None:
    old = {"fields": [AMOUNT, TITLE], "primaryKey": ["amount"]}
    new = {"fields": [AMOUNT, TITLE], "primaryKey": ["amount", "title"]}

    (change,) = compare_schemas(old, new)

    assert (change.kind, change.breaking) == ("primary-key", True)
    assert change.detail == "primary key changed from [amount] to [amount, title]"


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        (None, "personal", "sensitivity-added"),
        ("none", "special", "sensitivity-added"),
        ("personal", None, "sensitivity-removed"),
        ("personal", "none", "sensitivity-removed"),
        ("personal", "commercial", "sensitivity-removed"),
    ],
)
def test_sensitivity_tags_are_their_own_kind(old: str | None, new: str | None, kind: str) -> None:
    def field(tag: str | None) -> dict[str, Any]:
        return {"name": "mobile", "type": "string", **({"sensitivity": tag} if tag else {})}

    (change,) = compare_schemas({"fields": [field(old)]}, {"fields": [field(new)]})

    assert change.kind == kind
    assert not change.breaking
    assert change.sensitivity


def test_where_each_change_points() -> None:
    old = {"fields": [AMOUNT, TITLE]}
    new = {"fields": [with_constraints(minimum=0, maximum=50), {"name": "extra", "type": "string"}]}

    changes = {change.kind: change for change in compare_schemas(old, new)}

    assert changes["tightened"].new_pointer == "/fields/0/constraints/maximum"
    assert changes["renamed"].old_pointer == "/fields/1"
    assert changes["renamed"].new_pointer == "/fields/1"


def test_unchanged_and_malformed_schemas_have_no_changes() -> None:
    assert compare_schemas({"fields": [AMOUNT]}, {"fields": [AMOUNT]}) == []
    assert compare_schemas({"fields": "nonsense"}, {"fields": [None, 3]}) == []


@pytest.mark.parametrize("junk", [None, 3, "fields", {"a": 1}, [None, {"name": 5}]])
def test_breaking_changes_never_raises(junk: Any) -> None:
    assert breaking_changes(junk, [AMOUNT]) == []
    assert isinstance(breaking_changes([AMOUNT], junk), list)


def test_breaking_changes_lists_only_what_breaks() -> None:
    assert breaking_changes([AMOUNT, TITLE], [AMOUNT]) == ["field 'title' removed"]
    assert breaking_changes([AMOUNT], [AMOUNT, TITLE]) == []
