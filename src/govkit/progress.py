"""What a progress callback is told: the key of a resource whose work is done, as a string
(so a plain `Callable[[str], None]` such as `list.append` keeps working), carrying how far
the whole run is, for a display that wants to say more."""

from __future__ import annotations


class Step(str):
    """`resource` finished `phase` (`validated`, `written`) after reading `rows` rows from
    a file of `size` bytes; it is the `done`-th of `total` in this phase."""

    resource: str
    phase: str
    rows: int | None
    size: int | None
    done: int
    total: int | None

    def __new__(
        cls,
        text: str,
        *,
        resource: str,
        phase: str,
        rows: int | None = None,
        size: int | None = None,
        done: int = 1,
        total: int | None = None,
    ) -> Step:
        step = super().__new__(cls, text)
        step.resource, step.phase, step.rows, step.size = resource, phase, rows, size
        step.done, step.total = done, total
        return step
