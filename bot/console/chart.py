"""Cases against their target, drawn as an inline SVG bar chart.

Inline SVG needs no script and no file from elsewhere, so it works under the console's strict
Content-Security-Policy and prints as it looks. The same figures are always given as a table
next to it, for screen readers and for anyone who cannot tell the colours apart.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from bot.console.markup import Html, join, render
from bot.console.records import KIND_LABELS, TargetFigures

# (label, attribute of TargetFigures, fill colour); each colour has at least 4.5:1 contrast on white.
SERIES: Tuple[Tuple[str, str, str], ...] = (
    ("Completed within target", "completed_in_target", "#1b5e20"),
    ("Completed late", "completed_late", "#8a4b00"),
    ("Open and overdue", "open_overdue", "#b71c1c"),
)

WIDTH = 640
LABEL_WIDTH = 190
BAR_AREA = 380
BAR_HEIGHT = 14
BAR_GAP = 4
GROUP_GAP = 16
LEGEND_HEIGHT = 28


def _group_height() -> int:
    return len(SERIES) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP


def _bar(y: int, value: int, largest: int, label: str, colour: str) -> Html:
    """One bar with its number after it; a zero still shows its number, so it reads as zero, not missing."""
    length = 0 if largest == 0 else round(BAR_AREA * value / largest)
    return render(
        '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"><title>{label}: {value}</title></rect>'
        '<text x="{tx}" y="{ty}" font-size="12">{value}</text>',
        x=LABEL_WIDTH,
        y=y,
        w=length,
        h=BAR_HEIGHT,
        fill=colour,
        label=label,
        value=value,
        tx=LABEL_WIDTH + length + 6,
        ty=y + BAR_HEIGHT - 3,
    )


def _group(index: int, figures: TargetFigures, largest: int) -> Html:
    """The three bars of one kind of case, under its name."""
    top = LEGEND_HEIGHT + index * _group_height()
    bars: List[Html] = [
        _bar(top + n * (BAR_HEIGHT + BAR_GAP), getattr(figures, attribute), largest, label, colour)
        for n, (label, attribute, colour) in enumerate(SERIES)
    ]
    name = render(
        '<text x="0" y="{y}" font-size="13">{name}</text>', y=top + BAR_HEIGHT + 2, name=KIND_LABELS[figures.kind]
    )
    return join([name, *bars])


def _legend() -> Html:
    """A key across the top: a swatch and the series name."""
    items = [
        render(
            '<rect x="{x}" y="4" width="12" height="12" fill="{fill}"></rect>'
            '<text x="{tx}" y="14" font-size="12">{label}</text>',
            x=n * 200,
            tx=n * 200 + 16,
            fill=colour,
            label=label,
        )
        for n, (label, _, colour) in enumerate(SERIES)
    ]
    return join(items)


def target_chart(figures: Sequence[TargetFigures], title: str) -> Html:
    """The chart; `title` is read out by screen readers and shown as a tooltip."""
    largest = max([getattr(f, attribute) for f in figures for _, attribute, _ in SERIES] + [0])
    height = LEGEND_HEIGHT + len(figures) * _group_height()
    body = join([_legend(), *[_group(i, f, largest) for i, f in enumerate(figures)]])
    return render(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="target-chart-title" '
        'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart">'
        '<title id="target-chart-title">{title}</title>{body}</svg>',
        width=WIDTH,
        height=height,
        title=title,
        body=body,
    )


def target_table(figures: Sequence[TargetFigures], caption: str) -> Html:
    """The chart's figures as a table, one row per kind of case."""
    header = join(render('<th scope="col">{label}</th>', label=label) for label, _, _ in SERIES)
    rows = join(
        render(
            '<tr><th scope="row">{kind}</th>{cells}</tr>',
            kind=KIND_LABELS[f.kind],
            cells=join(
                render('<td class="number">{value}</td>', value=getattr(f, attribute)) for _, attribute, _ in SERIES
            ),
        )
        for f in figures
    )
    return render(
        '<table class="figures"><caption>{caption}</caption>'
        '<thead><tr><th scope="col">Kind of case</th>{header}</tr></thead><tbody>{rows}</tbody></table>',
        caption=caption,
        header=header,
        rows=rows,
    )
