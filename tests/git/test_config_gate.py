"""The change gate on the configuration: govkit.yaml, the units, the catalog's packs, the waivers.

Each test builds a base and a head commit in a real repository and compares the
trees git gives for them (`compare_config`), or the base commit with the working
tree, as `govkit ci` reads a merge request.
"""

from __future__ import annotations

import datetime as dt

import pytest

from govkit import api
from govkit.catalog.loader import load_config
from govkit.catalog.tree import FileTree
from govkit.diff.config import compare_config
from govkit.errors import InputError
from govkit.findings import FailOn, Finding, Severity
from govkit.gitio import Repository
from govkit.policy import library, waivers
from govkit.ruleset import RuleSet
from tests.git.conftest import TODAY, GitRepo
from tests.policy.packs import pack, rule

CONFIG = "govkit.yaml"
UNITS = "catalog/units.yaml"
WAIVERS = "policies/waivers.yaml"
COMPLAINTS = "catalog/services/complaints.yaml"

LEVELS = """\
access_levels:
  - {id: public, pod: public, eu: PUBLIC}
  - {id: restricted-public, pod: restricted public, eu: RESTRICTED}
  - {id: internal}
  - {id: confidential}
  - {id: classified}
"""


def compared(repo: GitRepo, *, working_tree: bool = False) -> list[Finding]:
    """The configuration's changes from the commit before the last to the last (or to the
    working tree)."""
    with Repository(repo.root) as repository:
        base_ref = "HEAD" if working_tree else "HEAD~1"
        base = repository.tree(repository.resolve(base_ref))
        if working_tree:
            return compare_config(base, FileTree(repo.root), dt.date.fromisoformat(TODAY))
        head = repository.tree(repository.resolve("HEAD"))
        return compare_config(base, head, dt.date.fromisoformat(TODAY))


def only(findings: list[Finding], code: str) -> Finding:
    (found,) = [finding for finding in findings if finding.code == code]
    return found


def where(finding: Finding) -> tuple[str, int, int]:
    return finding.location.path, finding.location.line, finding.location.column


def with_levels(repo: GitRepo, levels: str = LEVELS) -> GitRepo:
    repo.write(CONFIG, (repo.root / CONFIG).read_text(encoding="utf-8") + levels)
    repo.commit("spell out the access levels")
    return repo


# -- govkit.yaml ----------------------------------------------------------------------------


def test_an_unchanged_configuration_reports_nothing(repo: GitRepo) -> None:
    repo.edit(COMPLAINTS, "R/P1M", "R/P3M")
    repo.commit("complaints quarterly")

    assert compared(repo) == []


def test_a_catalog_created_in_the_change_has_nothing_to_compare(repo: GitRepo) -> None:
    repo.git("rm", "-q", "-r", "--cached", ".")
    repo.commit("empty", stage=False)
    repo.commit("the catalog again")

    assert compared(repo) == []


def test_export_level_moved_to_confidential_is_an_error(repo: GitRepo) -> None:
    repo.write(CONFIG, (repo.root / CONFIG).read_text() + "export:\n  level: confidential\n")
    repo.commit("release everything")

    found = only(compared(repo), "GK521")

    assert found.severity is Severity.ERROR
    assert where(found) == (CONFIG, repo.line_of(CONFIG, "level: confidential"), 10)
    assert "export.level is 'confidential' (was 'public')" in found.message
    assert "also releases 'restricted-public', 'internal', 'confidential'" in found.message
    assert "record the committee's decision in govkit.yaml `approvals`" in found.message


def test_export_level_made_stricter_is_information(repo: GitRepo) -> None:
    repo.write(CONFIG, (repo.root / CONFIG).read_text() + "export:\n  level: public\n")
    repo.commit("say the default")
    repo.edit(CONFIG, "level: public", "level: internal")
    repo.commit("internal release")
    repo.edit(CONFIG, "level: internal", "level: public")
    repo.commit("back to public")

    (found,) = compared(repo)

    assert (found.code, found.message) == (
        "GK522",
        "export.level changed from 'internal' to 'public'",
    )


def test_the_public_levels_pod_made_non_public_is_an_error(repo: GitRepo) -> None:
    with_levels(repo)
    repo.edit(CONFIG, "{id: public, pod: public,", "{id: public, pod: non-public,")
    repo.commit("public is not public-facing any more")

    found = only(compared(repo), "GK521")

    assert where(found) == (CONFIG, repo.line_of(CONFIG, "id: public, pod"), 23)
    assert "the 'public' level's pod changed from 'public' to 'non-public'" in found.message
    assert "no longer applies exemptions or redacts personal fields" in found.message


def test_a_pod_between_public_facing_values_is_information(repo: GitRepo) -> None:
    with_levels(repo)
    repo.edit(CONFIG, "{id: public, pod: public,", "{id: public, pod: restricted public,")
    repo.commit("public on conditions")

    assert [f.code for f in compared(repo)] == ["GK522"]


def test_a_level_removed_renamed_or_moved_ahead_is_an_error(repo: GitRepo) -> None:
    with_levels(repo)
    repo.edit(CONFIG, "  - {id: internal}\n  - {id: confidential}\n", "  - {id: confidential}\n")
    repo.commit("no internal level")
    removed = only(compared(repo), "GK521")
    repo.edit(CONFIG, "{id: confidential}", "{id: secret}")
    repo.commit("confidential is secret")
    renamed = only(compared(repo), "GK521")
    renamed_at = repo.line_of(CONFIG, "{id: secret}")
    repo.edit(
        CONFIG,
        "  - {id: secret}\n  - {id: classified}\n",
        "  - {id: classified}\n  - {id: secret}\n",
    )
    repo.commit("classified before secret")
    moved = only(compared(repo), "GK521")

    assert removed.message.startswith("access level 'internal' removed (it was level 3 of 5")
    assert where(removed) == (CONFIG, repo.line_of(CONFIG, "access_levels:"), 1)
    assert renamed.message.startswith("access level 'confidential' renamed 'secret'")
    assert where(renamed)[1] == renamed_at
    assert moved.message.startswith("access level 'classified' now ranks more open than 'secret'")
    assert where(moved)[1] == repo.line_of(CONFIG, "{id: classified}")


def test_a_level_added_is_information(repo: GitRepo) -> None:
    with_levels(repo)
    repo.edit(CONFIG, "  - {id: internal}\n", "  - {id: internal}\n  - {id: partners}\n")
    repo.commit("a level for partners")

    (found,) = compared(repo)

    assert (found.code, found.message) == ("GK522", "access level 'partners' added")
    assert where(found)[1] == repo.line_of(CONFIG, "{id: partners}")


def test_a_pack_dropped_names_the_change_rules_it_took_along(repo: GitRepo) -> None:
    repo.edit(CONFIG, "policies: [ir-foi, access-levels, governance]", "policies: [ir-foi]")
    repo.commit("fewer packs")

    dropped = [f for f in compared(repo) if f.code == "GK521"]

    assert [f.message.split(":")[0] for f in dropped] == [
        "policy pack 'access-levels' is no longer enabled",
        "policy pack 'governance' is no longer enabled",
    ]
    assert "change rules AL006, AL007 judged pass unchecked" in dropped[0].message
    assert "change rules GV010, GV011 judged" in dropped[1].message
    assert {where(f) for f in dropped} == {(CONFIG, repo.line_of(CONFIG, "policies:"), 1)}


def test_a_pack_enabled_is_information(repo: GitRepo) -> None:
    repo.edit(CONFIG, "governance]", "governance, freshness]")
    repo.commit("freshness too")

    (found,) = compared(repo)

    assert (found.code, found.message) == ("GK522", "policy pack 'freshness' enabled")


APPROVED = 'approvals:\n  - {ref: "1404/300", date: 2025-05-20, decision: release}\n'


def test_an_approval_new_in_the_change_allows_the_loosening(repo: GitRepo) -> None:
    repo.edit(CONFIG, "policies: [ir-foi, access-levels, governance]", "policies: [ir-foi]")
    repo.write(CONFIG, (repo.root / CONFIG).read_text() + APPROVED)
    repo.commit("fewer packs, by decision 1404/300")

    found = compared(repo)

    assert {f.code for f in found} == {"GK522"}
    assert all(f.message.endswith("(approved: decision 1404/300 of 2025-05-20)") for f in found)


@pytest.mark.parametrize(
    ("approval", "why"),
    [
        ('{ref: "1404/300", date: 2025-07-01, decision: release}', "dated after today"),
        ('{ref: "1404/300", date: 2025-05-20, decision: withhold}', "a decision to withhold"),
    ],
)
def test_an_approval_that_does_not_count(repo: GitRepo, approval: str, why: str) -> None:
    repo.write(CONFIG, (repo.root / CONFIG).read_text() + "export: {level: internal}\n")
    repo.write(CONFIG, (repo.root / CONFIG).read_text() + f"approvals:\n  - {approval}\n")
    repo.commit(why)

    assert "GK521" in {f.code for f in compared(repo)}, why


def test_an_approval_already_there_does_not_count_again(repo: GitRepo) -> None:
    repo.write(CONFIG, (repo.root / CONFIG).read_text() + APPROVED)
    repo.commit("an old decision")
    repo.write(CONFIG, (repo.root / CONFIG).read_text() + "export: {level: internal}\n")
    repo.commit("internal release on the old decision")

    assert {f.code for f in compared(repo)} == {"GK521"}


def test_export_settings_are_information(repo: GitRepo) -> None:
    repo.write(
        CONFIG,
        (repo.root / CONFIG).read_text()
        + "export:\n  out: release\n  formats: [datapackage]\n  normalize: [digits]\n",
    )
    repo.commit("other release settings")

    found = compared(repo)

    assert {f.code for f in found} == {"GK522"}
    assert [f.message for f in found] == [
        "export.out changed from dist to release",
        "export.formats changed from ['datapackage', 'data.json', 'dcat', 'ckan'] "
        "to ['datapackage']",
        "export.normalize changed from ['digits', 'letters'] to ['digits']",
    ]
    assert where(found[0]) == (CONFIG, repo.line_of(CONFIG, "out: release"), 8)


def test_the_working_tree_is_compared_with_the_base_as_ci_reads_it(repo: GitRepo) -> None:
    repo.write(CONFIG, (repo.root / CONFIG).read_text() + "export:\n  level: internal\n")

    assert [f.code for f in compared(repo, working_tree=True)] == ["GK521"]


# -- units ----------------------------------------------------------------------------------


def test_a_unit_removed_is_a_warning_and_a_new_steward_information(repo: GitRepo) -> None:
    repo.write(
        UNITS,
        """\
units:
  - id: finance
    name: {fa: معاونت مالی, en: Finance}
    steward: {name: Nima Karimi, email: n.karimi@example.org}
""",
    )
    repo.commit("services merged away, finance has a new steward")

    found = compared(repo)

    removed, steward = only(found, "GK525"), only(found, "GK526")
    assert removed.severity is Severity.WARNING
    assert removed.message.startswith("unit 'services' removed (it was at line 5 at base)")
    assert where(removed) == (UNITS, 1, 1)
    assert steward.message == (
        "steward of unit 'finance' changed from Sara Ahmadi <s.ahmadi@example.org> "
        "to Nima Karimi <n.karimi@example.org>"
    )
    assert where(steward) == (UNITS, 4, 14)


# -- the catalog's own packs ----------------------------------------------------------------


def test_a_rule_of_a_local_pack_removed_or_weakened_is_a_warning(repo: GitRepo) -> None:
    repo.edit(CONFIG, "governance]", "governance, local]")
    repo.write("policies/local.yaml", pack(rule(), rule("LC002", "second")))
    repo.commit("a local pack")
    repo.write("policies/local.yaml", pack(rule(severity="warning", assertion="true")))
    repo.commit("a local pack, relaxed")

    found = [f for f in compared(repo) if f.code == "GK524"]

    assert [f.message for f in found] == [
        "rule LC001 of pack 'local': `assert` changed; severity lowered from error to warning; "
        "check it is no looser",
        "rule LC002 removed from pack 'local' (it was at line 22 at base): it no longer "
        "judges the catalog",
    ]
    assert [where(f) for f in found] == [
        ("policies/local.yaml", repo.line_of("policies/local.yaml", "- code: LC001"), 5),
        ("policies/local.yaml", repo.line_of("policies/local.yaml", "rules:"), 1),
    ]


def test_a_built_in_packs_id_in_the_catalog_is_reported_and_the_built_in_used(
    repo: GitRepo,
) -> None:
    own = pack(rule("AL901", "nothing-asked", assertion="true"), pack_id="access-levels")
    repo.write("policies/access-levels.yaml", own)
    repo.commit("our own access levels, without AL006")
    tree = FileTree(repo.root)
    config = load_config(tree)

    enabled = library.enabled_packs(tree, config)

    for report in (api.lint(repo.root), api.check(repo.root, today=dt.date(2025, 6, 1))):
        (found,) = [f for f in report.findings if f.code == "GK523"]
        assert found.severity is Severity.ERROR
        assert where(found) == ("policies/access-levels.yaml", 2, 7)
        assert "the built-in pack is used and this file is ignored" in found.message
    assert library.builtin_pack("access-levels") in enabled
    codes = {r.code for p in enabled for r in p.rules}
    assert "AL006" in codes
    assert "AL901" not in codes


def test_ci_reports_a_shadowing_pack_and_a_loosening_it_would_have_hidden(
    repo: GitRepo,
) -> None:
    repo.git("checkout", "-q", "-b", "change")
    own = pack(rule("AL901", "nothing-asked", assertion="true"), pack_id="access-levels")
    repo.write("policies/access-levels.yaml", own)
    repo.edit("catalog/services/complaints.yaml", "access_level: internal", "access_level: public")
    repo.commit("our own access levels, and complaints published")

    report = api.ci("main", root=repo.root, today=dt.date.fromisoformat(TODAY))

    codes = {f.code for f in report.findings if f.severity is Severity.ERROR}
    assert {"GK523", "AL006"} <= codes


def test_ci_refuses_a_looser_export_level_without_an_approval(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "change")
    repo.write(CONFIG, (repo.root / CONFIG).read_text() + "export:\n  level: confidential\n")
    repo.commit("release everything")

    report = api.ci("main", root=repo.root, today=dt.date.fromisoformat(TODAY))

    (found,) = [f for f in report.findings if f.code == "GK521"]
    assert found.location.path == CONFIG
    assert report.failed(FailOn.ERROR)


def test_a_shadowing_file_that_is_not_yaml_is_still_only_reported(repo: GitRepo) -> None:
    repo.write("policies/access-levels.yaml", "rules: [\n")
    tree = FileTree(repo.root)

    (found,) = library.shadowed_packs(tree, load_config(tree))

    assert where(found) == ("policies/access-levels.yaml", 1, 1)


def test_a_copy_without_the_change_rules_no_longer_lets_a_loosening_through(
    repo: GitRepo,
) -> None:
    own = pack(rule("AL901", "nothing-asked", assertion="true"), pack_id="access-levels")
    repo.write("policies/access-levels.yaml", own)
    repo.edit(COMPLAINTS, "access_level: internal", "access_level: public")
    repo.commit("open complaints, and stop asking for approvals")

    report = api.diff("HEAD~1", "HEAD", root=repo.root, today=dt.date.fromisoformat(TODAY))

    assert "AL006" in {f.code for f in report.findings}


def test_a_file_holding_a_built_in_packs_id_under_another_name_is_refused(
    repo: GitRepo,
) -> None:
    repo.write("policies/levels.yaml", pack(pack_id="access-levels"))
    repo.edit(CONFIG, "governance]", "governance, levels]")
    tree = FileTree(repo.root)

    with pytest.raises(InputError, match="'access-levels' is a built-in pack's id"):
        library.enabled_packs(tree, load_config(tree))


# -- waivers --------------------------------------------------------------------------------


def waiver(expires: str = "2025-09-01", target: str = "{dataset: complaints}") -> str:
    return f"""\
  - id: complaints-draft
    rule: AL003
    target: {target}
    reason: {{en: Kept back while it is checked.}}
    approver: Transparency committee
    reference: "1404/200"
    approved: 2025-05-01
    expires: {expires}
"""


def test_a_waiver_added_extended_or_widened_is_a_warning(repo: GitRepo) -> None:
    narrow = "{dataset: complaints, resource: complaints-1405}"
    repo.write(WAIVERS, "waivers:\n" + waiver(target=narrow))
    repo.commit("a waiver")
    added = only(compared(repo), "GK527")
    repo.write(WAIVERS, "waivers:\n" + waiver("2025-10-01"))
    repo.commit("a longer, wider waiver")
    widened = only(compared(repo), "GK527")
    repo.edit(WAIVERS, "while it is checked", "while the committee checks it")
    repo.commit("a better reason")
    reworded = compared(repo)

    assert added.severity is Severity.WARNING
    assert added.message == (
        "waiver 'complaints-draft' added: it suppresses AL003 on complaints/complaints-1405 "
        "until 2025-09-01 (decision 1404/200)"
    )
    assert where(added) == (WAIVERS, 2, 5)
    assert widened.message == (
        "waiver 'complaints-draft' extended from 2025-09-01 to 2025-10-01, now covers "
        "complaints instead of complaints/complaints-1405"
    )
    assert reworded == []


def test_a_waiver_removed_or_shortened_is_not_reported(repo: GitRepo) -> None:
    repo.write(WAIVERS, "waivers:\n" + waiver() + waiver().replace("complaints-draft", "other"))
    repo.commit("two waivers")
    repo.write(WAIVERS, "waivers:\n" + waiver("2025-07-01"))
    repo.commit("one, shorter")

    assert compared(repo) == []


def test_a_waiver_cannot_waive_the_report_of_a_waiver(repo: GitRepo) -> None:
    itself = waiver().replace("AL003", "waiver-widened").replace("complaints-draft", "quiet")
    repo.write(WAIVERS, "waivers:\n" + waiver() + itself)
    repo.commit("a waiver, and one that hides it")
    tree = FileTree(repo.root)
    packs = library.enabled_packs(tree, load_config(tree))
    rules = RuleSet.builtin().with_packs(packs)
    loaded = waivers.load_waivers(tree, dict(rules.infos))

    marked = waivers.apply_waivers(compared(repo), loaded, dt.date.fromisoformat(TODAY))

    assert [(f.code, f.suppressed_by) for f in marked] == [("GK527", None), ("GK527", None)]


def test_a_govkit_yaml_broken_at_the_base_says_at_which_ref(repo: GitRepo) -> None:
    repo.edit(CONFIG, "languages: [fa, en]", "languages: [fa, en")
    repo.commit("broken")
    repo.edit(CONFIG, "languages: [fa, en", "languages: [fa, en]")
    repo.commit("fixed")

    with pytest.raises(InputError) as caught:
        compared(repo)

    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (CONFIG, 5)  # where the flow ends
    assert problem.message.startswith("at HEAD~1 (")


def test_a_byte_for_byte_copy_of_a_built_in_pack_is_not_shadowing(repo: GitRepo) -> None:
    repo.write(
        "policies/access-levels.yaml",
        (library.builtin_folder() / "access-levels.yaml").read_bytes(),
    )

    assert [f for f in api.lint(repo.root).findings if f.code == "GK523"] == []


# -- the defaults of every run: select, ignore, fail_on ------------------------------------


def test_ignoring_narrowing_or_raising_fail_on_in_govkit_yaml_loosens_the_gate(
    repo: GitRepo,
) -> None:
    config = (repo.root / CONFIG).read_text(encoding="utf-8")
    repo.write(CONFIG, config + "fail_on: warning\n")
    repo.commit("warnings fail")
    repo.write(CONFIG, config + "ignore: [GK225]\nselect: [GK1, GK2]\n")
    repo.commit("check less")

    found = compared(repo)
    loosened = [f for f in found if f.code == "GK521"]
    assert sorted(f.location.pointer for f in loosened) == ["/fail_on", "/ignore/0", "/select"]
    ignored = next(f for f in loosened if f.location.pointer == "/ignore/0")
    assert ignored.message.startswith("ignore gained 'GK225'")


def test_a_stricter_fail_on_is_only_reported(repo: GitRepo) -> None:
    config = (repo.root / CONFIG).read_text(encoding="utf-8")
    repo.write(CONFIG, config + "fail_on: info\n")
    repo.commit("everything fails")

    (changed,) = compared(repo)
    assert (changed.code, changed.location.pointer) == ("GK522", "/fail_on")
