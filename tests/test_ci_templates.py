"""The GitLab CI template in docs/ci runs `govkit ci` on merge requests the way docs/ci.md says."""

from __future__ import annotations

from pathlib import Path

import yaml

TEMPLATE = Path(__file__).parents[1] / "docs" / "ci" / "gitlab-ci.yml"
BASE = '--base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"'


def test_gitlab_template_gates_merge_requests_with_full_history() -> None:
    jobs = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))

    gate = jobs["govkit-ci"]
    assert gate["variables"]["GIT_DEPTH"] == "0"
    assert gate["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert any("install" in step and "git" in step for step in gate["before_script"])
    first, readable, exit_step = gate["script"]
    assert first.startswith(f"govkit ci {BASE} --format junit --output govkit-junit.xml")
    assert readable == f"govkit ci {BASE} --fail-on never"
    assert exit_step == 'exit "${status:-0}"'
    assert gate["artifacts"]["reports"]["junit"] == "govkit-junit.xml"
    assert jobs["govkit-check"]["script"] == ["govkit check"]
