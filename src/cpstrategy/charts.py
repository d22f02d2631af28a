"""Geometry for the report's small inline SVG charts: where the lines, dots and labels go.

Pure arithmetic on numbers the report has already worked out: no rule lives here, and no markup
either (`rendering.chart_svg` draws the SVG, escaping every label; the stylesheet styles it). A
board report has a chart for every success measure: the pieces are read-only msgspec Structs,
quick to define and to build.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import msgspec


class Dot(msgspec.Struct, frozen=True):
    x: float
    y: float


class Label(msgspec.Struct, frozen=True):
    x: float
    y: float
    text: str
    anchor: str = "middle"  # SVG text-anchor


class Series(msgspec.Struct, frozen=True):
    points: str  # an SVG `points` list: "x,y x,y ..."
    dots: tuple[Dot, ...]
    kind: str  # CSS class: "actual", "planned", "target"


class Chart(msgspec.Struct, frozen=True):
    """One small chart: a text alternative, series to draw, axes and labels."""

    width: int
    height: int
    label: str  # the text alternative, read instead of the picture
    series: tuple[Series, ...]
    labels: tuple[Label, ...]
    axes: str  # an SVG path for the axes ("" for none)
    grid: tuple[float, ...]  # y positions of light horizontal guides


def _fmt(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _points(dots: Sequence[Dot]) -> str:
    return " ".join(
        f"{d.x:.1f}".removesuffix(".0") + "," + f"{d.y:.1f}".removesuffix(".0") for d in dots
    )  # _fmt, written out: a large report has 100,000 coordinates


class _Frame:
    """Maps dates and values onto a plot area inside a width x height box."""

    def __init__(self, width: int, height: int, left: int, right: int, top: int, bottom: int,
                 x_range: tuple[date, date], y_range: tuple[float, float]) -> None:  # fmt: skip
        self.x0, self.x1 = left, width - right
        self.y0, self.y1 = height - bottom, top  # SVG y grows downwards
        self.d0, self.d1 = x_range
        self.v0, self.v1 = y_range

    def x(self, day: date) -> float:
        span = (self.d1 - self.d0).days or 1
        return round(self.x0 + (self.x1 - self.x0) * (day - self.d0).days / span, 1)

    def y(self, value: float) -> float:
        span = (self.v1 - self.v0) or 1.0
        return round(self.y0 - (self.y0 - self.y1) * (value - self.v0) / span, 1)

    def dot(self, day: date, value: float) -> Dot:
        return Dot(self.x(day), self.y(value))

    def dots(self, points: Sequence[tuple[date, float]]) -> tuple[Dot, ...]:
        """`dot` for each point, with the same arithmetic worked out in one loop."""
        x0, width, d0, days = self.x0, self.x1 - self.x0, self.d0, (self.d1 - self.d0).days or 1
        y0, height, v0, values = self.y0, self.y0 - self.y1, self.v0, (self.v1 - self.v0) or 1.0
        return tuple(
            Dot(round(x0 + width * (day - d0).days / days, 1),
                round(y0 - height * (value - v0) / values, 1))
            for day, value in points
        )  # fmt: skip

    @property
    def axes(self) -> str:
        return f"M{self.x0} {self.y1}V{self.y0}H{self.x1}"


def trajectory_chart(
    label: str,
    actual: Sequence[tuple[date, int]],
    total: int,
    start: date,
    end: date | None,
    stop: date,
    month_label: str,
    first_label: str,
    last_label: str,
) -> Chart:
    """Actions complete at each month end up to `stop` (the as-of date, or the end if sooner),
    beside the straight line to all complete by `end`; the x axis runs to `end` when there is
    one."""
    width, height = 320, 150
    last_day = max(end or stop, stop, start)
    top = max(total, 1)
    frame = _Frame(width, height, 34, 14, 12, 30, (start, last_day), (0.0, float(top)))
    dots = frame.dots(actual)
    series = [Series(_points(dots), dots[-1:], "actual")] if dots else []
    if end is not None and end > start:
        line = (frame.dot(start, 0), frame.dot(end, total))
        series.insert(0, Series(_points(line), (), "planned"))
    labels = (
        Label(frame.x0 - 5, frame.y(0) + 4, "0", "end"),
        Label(frame.x0 - 5, frame.y(top) + 4, str(top), "end"),
        Label(frame.x0, height - 10, first_label, "start"),
        Label(frame.x1, height - 10, last_label, "end"),
        *(
            [Label(min(dots[-1].x, frame.x1 - 40), height - 10, month_label, "middle")]
            if dots and frame.x0 + 60 < dots[-1].x < frame.x1 - 60
            else []
        ),
    )
    return Chart(width, height, label, tuple(series), labels, frame.axes, (frame.y(top),))


def indicator_chart(
    label: str,
    values: Sequence[tuple[date, float]],
    target: float | None,
) -> Chart | None:
    """A sparkline of an indicator's figures and its target (dashed); None without figures."""
    if not values:
        return None
    width, height = 150, 48
    # Drawn in units of the largest figure: the shape is the same, and no figure, however large,
    # can overflow the arithmetic (1.7e308 - -1.7e308 is infinity).
    scale = max(abs(v) for _, v in values) or 1.0
    if target is not None:
        scale = max(scale, abs(target))
        target = target / scale
    values = [(day, value / scale) for day, value in values]
    numbers = [v for _, v in values] + ([target] if target is not None else [])
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.15 or max(abs(high) * 0.1, 1.0)
    first, last = values[0][0], values[-1][0]
    if first == last:  # one figure: draw it in the middle
        first, last = (
            date.fromordinal(first.toordinal() - 1),
            date.fromordinal(last.toordinal() + 1),
        )
    frame = _Frame(width, height, 6, 6, 6, 6, (first, last), (low - pad, high + pad))
    dots = frame.dots(values)
    series = []
    if target is not None:
        y = frame.y(target)
        series.append(Series(_points((Dot(frame.x0, y), Dot(frame.x1, y))), (), "target"))
    series.append(Series(_points(dots), dots, "actual"))
    return Chart(width, height, label, tuple(series), (), "", ())
