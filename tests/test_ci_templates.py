"""The GitLab CI template in docs/ci runs `govkit ci` on merge requests the way docs/ci.md says."""

from __future__ import annotations

from pathlib import Path

import yaml

from govkit import __version__

TEMPLATE = Path(__file__).parents[1] / "docs" / "ci" / "gitlab-ci.yml"
BASE = '--base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"'


def test_gitlab_template_gates_merge_requests_with_full_history() -> None:
    jobs = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))

    gate = jobs["govkit-ci"]
    assert gate["variables"]["GIT_DEPTH"] == "0"
    assert gate["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert any("install" in step and "git" in step for step in gate["before_script"])
    # One run: the findings in the job log and the JUnit report for the widget.
    assert gate["script"] == [f"govkit ci {BASE} --junit-xml govkit-junit.xml"]
    assert gate["artifacts"]["reports"]["junit"] == "govkit-junit.xml"
    check = jobs["govkit-check"]
    assert check["script"] == ["govkit check --level public --junit-xml govkit-junit.xml"]


def test_gitlab_template_pins_the_govkit_version_it_installs() -> None:
    jobs = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))

    for job in jobs.values():
        assert job["variables"]["GOVKIT_VERSION"] == __version__
        assert 'pip install --quiet "govkit==$GOVKIT_VERSION"' in job["before_script"]
