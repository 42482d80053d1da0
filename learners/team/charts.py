"""Charts drawn on the server as SVG, in the DSFR colours: no JavaScript, no CDN, no package.

Each chart is an image (`role="img"`) named by its `<title>` and described by its `<desc>`
(`aria-labelledby`); the page shows a text summary and the data table next to it (RGAA 1.3:
an alternative to complex images). Values are printed beside the bars, so colour is never the
only carrier of information.
"""

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

BLUE_FRANCE = "#000091"
GREY_TEXT = "#161616"
GREY_AXIS = "#666666"
GREY_TRACK = "#eeeeee"
FONT = "Marianne, arial, sans-serif"


@dataclass(frozen=True)
class Datum:
    label: str
    value: float
    display: str  # the value as printed ("75 %", "12")


def _truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _frame(chart_id: str, title: str, description: str, width: int, height: int, body: str):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="campus-chart" id="{id}" role="img" '
        'aria-labelledby="{id}-titre {id}-desc" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" font-family="{font}" focusable="false">'
        '<title id="{id}-titre">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id,
        w=width,
        h=height,
        font=FONT,
        title=title,
        desc=description,
        body=mark_safe(body),  # noqa: S308 - built below from escaped parts only
    )


def horizontal_bars(
    *, chart_id: str, title: str, description: str, data: list[Datum], maximum: float = 100
) -> SafeString:
    """One bar per datum (e.g. completion rate per path), labels on the left, values printed."""
    width, label_width, value_width, bar_height, gap, top = 720, 280, 60, 22, 10, 8
    bar_area = width - label_width - value_width
    height = top * 2 + max(1, len(data)) * (bar_height + gap)
    parts = []
    for index, datum in enumerate(data):
        y = top + index * (bar_height + gap)
        length = 0 if maximum <= 0 else bar_area * max(0.0, min(datum.value, maximum)) / maximum
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" '
            f'font-size="13" fill="{GREY_TEXT}">{escape(_truncate(datum.label, 38))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar_area}" height="{bar_height}" '
            f'fill="{GREY_TRACK}"/>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{BLUE_FRANCE}"/>'
            f'<text x="{label_width + bar_area + 6}" y="{y + bar_height * 0.7:.1f}" '
            f'font-size="13" font-weight="bold" fill="{GREY_TEXT}">{escape(datum.display)}</text>'
        )
    return _frame(chart_id, title, description, width, height, "".join(parts))


def columns(*, chart_id: str, title: str, description: str, data: list[Datum]) -> SafeString:
    """One column per datum (e.g. completions per month), values printed above the columns."""
    width, height, left, bottom, top = 720, 260, 36, 40, 24
    plot_height = height - top - bottom
    slot = (width - left) / max(1, len(data))
    column_width = slot * 0.6
    maximum = max([datum.value for datum in data] + [1])
    baseline = top + plot_height
    parts = [
        f'<line x1="{left}" y1="{baseline}" x2="{width}" y2="{baseline}" '
        f'stroke="{GREY_AXIS}" stroke-width="1"/>'
    ]
    for index, datum in enumerate(data):
        x = left + index * slot + (slot - column_width) / 2
        column_height = plot_height * datum.value / maximum
        parts.append(
            f'<rect x="{x:.1f}" y="{baseline - column_height:.1f}" width="{column_width:.1f}" '
            f'height="{column_height:.1f}" fill="{BLUE_FRANCE}"/>'
            f'<text x="{x + column_width / 2:.1f}" y="{baseline - column_height - 6:.1f}" '
            f'text-anchor="middle" font-size="13" font-weight="bold" fill="{GREY_TEXT}">'
            f"{escape(datum.display)}</text>"
            f'<text x="{x + column_width / 2:.1f}" y="{baseline + 18}" text-anchor="middle" '
            f'font-size="12" fill="{GREY_TEXT}">{escape(datum.label)}</text>'
        )
    return _frame(chart_id, title, description, width, height, "".join(parts))
