"""govkit's own rules about policy evaluation: a rule that failed, a waiver that lapsed.

Declared here, away from the CEL machinery, so listing rules stays cheap.
"""

from __future__ import annotations

from govkit.findings import Severity
from govkit.rules import declare

RULE_ERROR = declare(
    "GK401",
    "policy-rule-error",
    Severity.ERROR,
    """A policy rule could not be evaluated on this entry.

    The rule's expression failed here (it read a key the entry does not have,
    compared values of different types, or did not return true or false), so
    whether the entry complies is unknown. Every other entry is still checked.

    Fix: the rule is at fault, not the entry: guard optional keys with
    `has(...)` in the pack (the message names the rule and its file), and add
    a test case shaped like this entry.
    """,
)

EXPIRED_WAIVER = declare(
    "GK402",
    "expired-waiver",
    Severity.ERROR,
    """A waiver in `policies/waivers.yaml` has expired.

    Waivers are temporary by design: the committee accepts a finding for at
    most 180 days while it is fixed. Past its expiry a waiver suppresses
    nothing, so the finding it covered is reported again, and this error says
    the decision has lapsed.

    Fix: fix what the waiver covered and remove the waiver, or record a new
    committee decision (new `reference`, `approved` and `expires`).
    """,
)

FUTURE_WAIVER = declare(
    "GK403",
    "future-waiver",
    Severity.ERROR,
    """A waiver in `policies/waivers.yaml` is approved on a day after today.

    A decision cannot be recorded before it is taken; a waiver dated in the
    future (a typo, or `9999-01-01` to make it last) would otherwise be live
    today and for as long as its expiry allows. Until its approval date comes
    it suppresses nothing, and this error says why.

    Fix: give the waiver the date the committee decided (`approved`), and an
    `expires` at most 180 days after it.
    """,
)
