"""Cases against their target: where each bar of the report's chart goes.

The chart is inline SVG drawn by templates/chart.html: it needs no script and no file from
elsewhere, so it works under the console's strict Content-Security-Policy and prints as it
looks. The arithmetic stays here, where it can be read and tested as numbers; the template
only writes them out. The same figures are always given as a table next to the chart, for
screen readers and for anyone who cannot tell the colours apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Sequence, Tuple

from bot.web.console.records import KIND_LABELS, TargetFigures


class Series(NamedTuple):
    label: str
    attribute: str  # of TargetFigures
    colour: str  # each has at least 4.5:1 contrast on white


SERIES: Tuple[Series, ...] = (
    Series("Completed within target", "completed_in_target", "#1b5e20"),
    Series("Completed late", "completed_late", "#8a4b00"),
    Series("Open and overdue", "open_overdue", "#b71c1c"),
)

WIDTH = 640
LABEL_WIDTH = 190
BAR_AREA = 380
BAR_HEIGHT = 14
BAR_GAP = 4
GROUP_GAP = 16
LEGEND_HEIGHT = 28
KEY_SPACING = 200
KEY_SIZE = 12
GROUP_HEIGHT = len(SERIES) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP


@dataclass(frozen=True)
class Key:
    """One series in the legend across the top: a swatch and the series' name after it."""

    x: int
    colour: str
    label: str
    y: int = 4
    size: int = KEY_SIZE

    @property
    def text_x(self) -> int:
        return self.x + self.size + 4

    @property
    def text_y(self) -> int:
        return self.y + self.size - 2


@dataclass(frozen=True)
class Bar:
    """One figure: a bar as long as its share of the largest, with its number after it (a zero
    still shows its number, so it reads as zero, not missing)."""

    y: int
    length: int
    colour: str
    label: str
    value: int
    x: int = LABEL_WIDTH
    height: int = BAR_HEIGHT

    @property
    def text_x(self) -> int:
        return self.x + self.length + 6

    @property
    def text_y(self) -> int:
        return self.y + self.height - 3


@dataclass(frozen=True)
class Group:
    """The bars of one kind of case, under its name."""

    name: str
    name_y: int
    bars: Tuple[Bar, ...]


@dataclass(frozen=True)
class TargetChart:
    keys: Tuple[Key, ...]
    groups: Tuple[Group, ...]
    width: int = WIDTH

    @property
    def height(self) -> int:
        return LEGEND_HEIGHT + len(self.groups) * GROUP_HEIGHT


def target_chart(figures: Sequence[TargetFigures]) -> TargetChart:
    """The chart of `figures`, one group of bars per kind of case, scaled to the largest figure."""
    largest = max([getattr(f, series.attribute) for f in figures for series in SERIES] + [0])

    def bar(y: int, series: Series, value: int) -> Bar:
        length = 0 if largest == 0 else round(BAR_AREA * value / largest)
        return Bar(y, length, series.colour, series.label, value)

    groups = []
    for index, f in enumerate(figures):
        top = LEGEND_HEIGHT + index * GROUP_HEIGHT
        bars = tuple(
            bar(top + n * (BAR_HEIGHT + BAR_GAP), series, getattr(f, series.attribute))
            for n, series in enumerate(SERIES)
        )
        groups.append(Group(KIND_LABELS[f.kind], top + BAR_HEIGHT + 2, bars))
    keys = tuple(Key(n * KEY_SPACING, series.colour, series.label) for n, series in enumerate(SERIES))
    return TargetChart(keys, tuple(groups))
