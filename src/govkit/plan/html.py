"""The plan as one self-contained HTML page: the priority × feasibility quadrant.

Inline CSS, inline SVG and one small inline script; no network, no font or CDN. The
page is right-to-left (`dir="rtl"`) when the language spoken is Persian. Every catalog
value is HTML-escaped; the script only reads the page it is in.
"""

from __future__ import annotations

from html import escape

from govkit.i18n import N_, _, current, day, number
from govkit.plan import words
from govkit.plan.build import Plan, Quadrant, Row

_LEAD = N_(
    "Priority × feasibility: what to publish now, what needs a pipeline, what needs a "
    "legal review, what can wait."
)
_AXES, _FEASIBILITY, _PRIORITY = N_("priority × feasibility"), N_("feasibility"), N_("priority")
_NOTHING, _MET = N_("nothing"), N_("Obligation items met")
_RTL = frozenset({"fa", "ar", "he", "ur"})
_ORDER = (Quadrant.publish_now, Quadrant.build_pipeline, Quadrant.legal_review, Quadrant.later)
_COLOURS = {
    Quadrant.publish_now: "#1b7f3b",
    Quadrant.build_pipeline: "#1f5fa8",
    Quadrant.legal_review: "#a8521f",
    Quadrant.later: "#6b6b6b",
}
_STYLE = """
body{font-family:Vazirmatn,Tahoma,"Segoe UI",system-ui,sans-serif;margin:2rem;color:#1d1d1d}
h1{font-size:1.4rem} h2{font-size:1.1rem;margin:0 0 .5rem}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin:1rem 0}
.quadrant{border:2px solid;border-radius:.5rem;padding:.75rem}
.quadrant ol{margin:0;padding-inline-start:1.5rem}
.quadrant li{margin:.25rem 0}
.score{font-variant-numeric:tabular-nums;font-weight:bold}
.action{color:#444;font-size:.9rem}
svg{max-width:36rem;display:block;margin:1rem 0}
svg text{font-size:11px}
table{border-collapse:collapse;margin-top:1rem} td,th{border:1px solid #ccc;padding:.3rem .5rem}
code{font-family:ui-monospace,monospace;direction:ltr;unicode-bidi:isolate}
"""
# Counts what the page drew, for whoever reads it (and the headless browser test).
_SCRIPT = """
(function () {
  var items = document.querySelectorAll("[data-item]");
  var marks = document.querySelectorAll("svg [data-mark]");
  document.body.setAttribute("data-rendered", items.length + ":" + marks.length);
})();
"""


def render_html(plan: Plan) -> str:
    language = current()
    direction = "rtl" if language in _RTL else "ltr"
    heading = _("Publication plan of {root} as of {day}").format(
        root=plan.root, day=day(plan.today)
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language)}" dir="{direction}">',
        '<head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        f"<title>{escape(heading)}</title><style>{_STYLE}</style></head>",
        f"<body><h1>{escape(heading)}</h1>",
        f"<p>{escape(_(_LEAD))}</p>",
        _scatter(plan, rtl=direction == "rtl"),
        '<div class="grid">',
        *(_quadrant(plan, quadrant) for quadrant in _ORDER),
        "</div>",
        _met(plan),
        f"<script>{_SCRIPT}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _scatter(plan: Plan, *, rtl: bool) -> str:
    """Priority up, feasibility along the reading direction; the threshold lines split it."""
    width, height, pad = 480, 320, 36
    inner_w, inner_h = width - 2 * pad, height - 2 * pad

    def x(feasibility: float) -> float:
        along = feasibility if not rtl else 1 - feasibility
        return pad + along * inner_w

    def y(priority: float) -> float:
        return pad + (1 - priority / 100) * inner_h

    high = plan.settings.high_priority
    shapes = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(_(_AXES))}">',
        f'<rect x="{pad}" y="{pad}" width="{inner_w}" height="{inner_h}" fill="#fafafa" '
        'stroke="#999"/>',
        f'<line x1="{pad}" x2="{width - pad}" y1="{y(high):.1f}" y2="{y(high):.1f}" '
        'stroke="#999" stroke-dasharray="4"/>',
        f'<line x1="{x(0.5):.1f}" x2="{x(0.5):.1f}" y1="{pad}" y2="{height - pad}" '
        'stroke="#999" stroke-dasharray="4"/>',
        f'<text x="{width / 2}" y="{height - 8}" text-anchor="middle">'
        f"{escape(_(_FEASIBILITY))}</text>",
        f'<text x="12" y="{height / 2}" transform="rotate(-90 12 {height / 2})" '
        f'text-anchor="middle">{escape(_(_PRIORITY))}</text>',
    ]
    for rank, row in enumerate(plan.rows, 1):
        cx, cy = x(row.signals.feasibility), y(row.priority)
        label = f"{rank}. {row.id} ({row.score:.1f})"
        shapes.append(
            f'<circle data-mark="{escape(row.id)}" cx="{cx:.1f}" cy="{cy:.1f}" r="6" '
            f'fill="{_COLOURS[row.quadrant]}" fill-opacity="0.8"><title>{escape(label)}</title>'
            f'</circle><text x="{cx + 8:.1f}" y="{cy + 4:.1f}">{number(rank)}</text>'
        )
    shapes.append("</svg>")
    return "\n".join(shapes)


def _quadrant(plan: Plan, quadrant: Quadrant) -> str:
    rows = [(rank, row) for rank, row in enumerate(plan.rows, 1) if row.quadrant is quadrant]
    colour = _COLOURS[quadrant]
    items = "".join(_item(rank, row) for rank, row in rows)
    listed = f"<ol>{items}</ol>" if items else f"<p>{escape(_(_NOTHING))}</p>"
    return (
        f'<section class="quadrant" data-quadrant="{quadrant.value}" style="border-color:{colour}">'
        f'<h2 style="color:{colour}">{escape(words.quadrant(quadrant))} ({number(len(rows))})</h2>'
        f"{listed}</section>"
    )


def _item(rank: int, row: Row) -> str:
    blocks = "; ".join(escape(words.block(b)) for b in row.blocks)
    return (
        f'<li value="{rank}" data-item="{escape(row.id)}">'
        f'<span class="score">{row.score:.1f}</span> '
        f"<code>{escape(row.id)}</code> {escape(words.title(row.title))}"
        f'<div class="action">{blocks}</div>'
        f'<div class="action">→ {escape(words.action(row))}</div></li>'
    )


def _met(plan: Plan) -> str:
    if not plan.met:
        return ""
    rows = "".join(
        f"<tr><td><code>{escape(m.id)}</code></td><td>{escape(words.title(m.title))}</td>"
        f"<td>{escape(', '.join(m.datasets))}</td>"
        f"<td>{escape(day(m.due) if m.due else '—')}</td></tr>"
        for m in plan.met
    )
    head = "".join(
        f"<th>{escape(t)}</th>" for t in (_("item"), _("title"), _("datasets"), _("next due"))
    )
    return f"<h2>{escape(_(_MET))}</h2><table><tr>{head}</tr>{rows}</table>"
