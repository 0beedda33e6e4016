"""The versioned JSON report of DESIGN §3: the records as they are, for machines.

No escaping here: JSON encodes control characters itself, and consumers need
the exact text (the human-facing reporters escape for their own media).
"""

from __future__ import annotations

import json

from govkit.findings import Report
from govkit.reporters import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
