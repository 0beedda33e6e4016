"""The rules of CKAN's default `package_create` schema, for the payloads govkit writes.

CKAN validates in Python (ckan/logic/schema.py `default_create_package_schema`)
rather than by a published schema file; these are the constants and patterns of
its validators, copied from https://github.com/ckan/ckan at commit
2dbe2c18f65ec75798c3667dd412c2320ac44ab0 (ckan/logic/validators.py:
`name_validator`, `tag_length_validator`, `tag_name_validator`;
ckan/model/tag.py, ckan/model/package.py: the lengths; ckan/model/license.py:
the default licence register).
"""

from __future__ import annotations

import re
from typing import Any

NAME = re.compile(r"[a-z0-9_\-]*$")
NAME_LENGTH = (2, 100)
TAG = re.compile(r"[\w \-.]*$", re.UNICODE)
TAG_LENGTH = (2, 100)
VERSION_MAX = 100
# The ids of ckan/model/license.py's default register.
LICENCES = frozenset(
    {
        "notspecified", "odc-pddl", "odc-odbl", "odc-by", "cc-zero", "cc-by", "cc-by-sa",
        "gfdl", "other-open", "other-pd", "other-at", "uk-ogl", "cc-nc", "other-nc",
        "other-closed",
    }
)  # fmt: skip
# Keys of the package itself, which an extra may not repeat.
CORE_KEYS = frozenset(
    {
        "id", "name", "title", "author", "author_email", "maintainer", "maintainer_email",
        "license_id", "notes", "url", "version", "state", "type", "owner_org", "private",
        "tags", "extras", "resources", "groups",
    }
)  # fmt: skip


def package_problems(payload: dict[str, Any]) -> list[str]:
    """What `package_create` would reject in `payload` (empty: accepted)."""
    problems = []
    name = payload.get("name")
    if not isinstance(name, str) or not NAME.match(name) or not _within(name, NAME_LENGTH):
        problems.append(f"name {name!r}: lowercase a-z, 0-9, '-', '_', 2 to 100 characters")
    for tag in payload.get("tags", []):
        value = tag.get("name")
        if not isinstance(value, str) or not TAG.match(value) or not _within(value, TAG_LENGTH):
            problems.append(f"tag {value!r}: letters, digits, ' ', '-', '_', '.', 2 to 100")
    licence = payload.get("license_id")
    if licence is not None and licence not in LICENCES:
        problems.append(f"license_id {licence!r} is not in CKAN's licence register")
    version = payload.get("version")
    if version is not None and (not isinstance(version, str) or len(version) > VERSION_MAX):
        problems.append(f"version {version!r}: a string of at most {VERSION_MAX} characters")
    if not isinstance(payload.get("private", False), bool):
        problems.append("private: a boolean")
    for extra in payload.get("extras", []):
        key, value = extra.get("key"), extra.get("value")
        if not isinstance(key, str) or not isinstance(value, str) or key in CORE_KEYS:
            problems.append(f"extra {key!r}: a string key, not a package key, and a string")
    for resource in payload.get("resources", []):
        if not isinstance(resource.get("url"), str):
            problems.append(f"resource {resource.get('name')!r}: a url")
    return problems


def _within(text: str, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= len(text) <= bounds[1]
