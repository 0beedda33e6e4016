"""The plan's score: a weighted mean of five signals, each between 0 and 1 (docs/plan.md).

    priority = 100 · (w_r·R + w_o·O + w_p·P + w_d·D) / (w_r + w_o + w_p + w_d)
    score    = 100 · (w_r·R + w_o·O + w_p·P + w_d·D + w_f·F) / (w_r + w_o + w_p + w_d + w_f)

R rent-generating (0 or 1), O oversight (low 0, medium 0.5, high 1), P public interest
((1-5) - 1) / 4, D demand (pieces of evidence / `demand_cap`, at most 1), F feasibility
((1-5) - 1) / 4, and 0 where there is no data yet and no assessment. The weights are
`plan.weights` of govkit.yaml; nothing else weighs.
"""

from __future__ import annotations

from dataclasses import dataclass

from govkit.catalog.models import Oversight, Priority, ScoreWeights

OVERSIGHT = {Oversight.low: 0.0, Oversight.medium: 0.5, Oversight.high: 1.0}


@dataclass(frozen=True)
class Signals:
    rent_generating: float
    oversight: float
    public_interest: float
    demand: float
    feasibility: float

    def priority(self, weights: ScoreWeights) -> float:
        """The score without feasibility: how much it matters (the quadrant's vertical axis)."""
        parts = (
            (weights.rent_generating, self.rent_generating),
            (weights.oversight, self.oversight),
            (weights.public_interest, self.public_interest),
            (weights.demand, self.demand),
        )
        return _mean(parts)

    def score(self, weights: ScoreWeights) -> float:
        parts = (
            (weights.rent_generating, self.rent_generating),
            (weights.oversight, self.oversight),
            (weights.public_interest, self.public_interest),
            (weights.demand, self.demand),
            (weights.feasibility, self.feasibility),
        )
        return _mean(parts)


def signals(
    priority: Priority | None,
    *,
    rent_generating: bool,
    oversight: bool,
    evidence: int,
    demand_cap: int,
    has_data: bool,
) -> Signals:
    """The signals of an item or entry: the item's flags raise the entry's assessment, an
    unassessed entry counts as the format's defaults (and GK708 says so)."""
    assessed = priority or Priority()
    feasibility = (assessed.feasibility - 1) / 4 if priority or has_data else 0.0
    return Signals(
        rent_generating=1.0 if rent_generating or assessed.rent_generating else 0.0,
        oversight=1.0 if oversight else OVERSIGHT[assessed.oversight],
        public_interest=(assessed.public_interest - 1) / 4,
        demand=min(1.0, evidence / demand_cap),
        feasibility=feasibility,
    )


def _mean(parts: tuple[tuple[float, float], ...]) -> float:
    total = sum(weight for weight, _ in parts)
    if total == 0:
        return 0.0
    return round(100 * sum(weight * value for weight, value in parts) / total, 1)
