"""Server-side SVG charts of the reform indicators: pure functions from plain
Python data to geometry, each drawn by its template under templates/reform/.

The CSP forbids inline styles and scripts, so every template draws SVG with
presentation attributes only (fill, stroke, x, y, points, ...). The geometry is
worked out here in viewBox units, rounded to two decimals; the templates print
the numbers with `|unlocalize` (the Indonesian locale writes a decimal comma).
Labels meant for reading (value labels, the aria-label summary) are formatted
here in the language active at build time.

Colours come from the Okabe-Ito palette (safe for the common colour-vision
deficiencies); series of a line chart also differ by dash pattern and marker
shape, and neighbouring stack segments alternate between dark and light, so the
charts still read when printed in greyscale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from performance import rules

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
# Lines on white: yellow is too faint for a line, so it is left out.
LINE_COLOURS = tuple(
    OKABE_ITO[c]
    for c in (
        "blue",
        "vermillion",
        "bluish_green",
        "reddish_purple",
        "black",
        "orange",
        "sky_blue",
    )
)
LINE_DASHES = ("", "8 4", "2 4", "10 4 2 4")
MARKERS = ("circle", "square", "triangle", "diamond")
# Stack segments: neighbours alternate dark / light (greyscale luminance).
STACK_COLOURS = tuple(
    OKABE_ITO[c]
    for c in (
        "blue",
        "yellow",
        "vermillion",
        "sky_blue",
        "black",
        "orange",
        "bluish_green",
        "reddish_purple",
    )
)
PYRAMID_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["orange"])
# Five steps of one hue (ColorBrewer Blues), light to dark: monotone in
# lightness, so it survives greyscale and colour-vision deficiencies.
NINEBOX_STEPS = ("#EFF3FF", "#BDD7E7", "#6BAED6", "#3182BD", "#08519C")
# Lower bound (share of the total, %) of each step above the first.
NINEBOX_BOUNDS = (0.0, 10.0, 20.0, 35.0)
EMPTY_TRACK = "#E9ECEF"
GRID = "#CED4DA"
MIN_TEXT_SHARE = 8.0  # narrower stack segments show no in-bar text


# ---------------------------------------------------------------- helpers


def _r(value: float) -> float:
    return round(value, 2) + 0.0  # no "-0.0"


def _pt(x: float, y: float) -> str:
    return f"{_r(x):g},{_r(y):g}"


def number(value: float | None, decimals: int = 1) -> str:
    """A figure as a reader sees it in the active language (decimal comma in
    Indonesian), rounded half up to at most `decimals`, without trailing zeros."""
    if value is None:
        return "—"
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    if exact == exact.to_integral_value():
        return formats.number_format(int(exact), use_l10n=True)
    exact = exact.normalize()
    return formats.number_format(exact, -exact.as_tuple().exponent, use_l10n=True)


def with_unit(value: float | None, unit: str) -> str:
    if value is None or not unit:
        return number(value)
    if unit == "%":
        return f"{number(value)}%"
    return f"{number(value)} {unit}"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink(hex_colour: str) -> str:
    """Black or white text, whichever contrasts more with the fill (WCAG)."""
    lum = _luminance(hex_colour)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


def nice_max(value: float, steps: int = 4) -> float:
    """The smallest round top of an axis of `steps` equal intervals that holds
    `value`: the interval is 1, 2, 2.5 or 5 x 10^k (73.4 -> 20 x 4 = 80)."""
    if value <= 0:
        return 1.0
    raw = value / steps
    exp = math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * 10.0**exp
        if step * steps >= value - 1e-9:
            return round(step * steps, 10)
    return round(10 * 10.0**exp * steps, 10)  # pragma: no cover


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- line chart


@dataclass(frozen=True)
class Tick:
    value: float
    y: float
    label: str


@dataclass(frozen=True)
class XLabel:
    x: float
    label: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    value: float
    title: str  # e.g. "Keterisian (%) 2025: 72,5%" (the <title> child)
    points: str = ""  # a polygon's points; empty: draw a circle at (x, y)


@dataclass
class Series:
    name: str
    colour: str
    dash: str  # stroke-dasharray ("" = solid)
    marker: str  # circle | square | triangle | diamond
    lines: list[str] = field(default_factory=list)  # polyline points, >= 2 each
    dots: list[Dot] = field(default_factory=list)

    @property
    def swatch(self) -> str:
        """The marker's polygon in the 28x14 legend swatch ("" = a circle)."""
        return _marker_points(self.marker, 14, 7, 4.5)


@dataclass
class LineChart:
    key: str
    title: str
    unit: str
    width: float
    height: float
    left: float  # the plot area
    top: float
    right: float
    bottom: float
    y_max: float
    ticks: list[Tick]
    xs: list[XLabel]
    series: list[Series]
    summary: str

    @property
    def plot_height(self) -> float:
        return _r(self.bottom - self.top)

    @property
    def tick_x(self) -> float:
        """Right end of the tick labels."""
        return _r(self.left - 6)

    @property
    def x_tick_end(self) -> float:
        return _r(self.bottom + 5)

    @property
    def x_label_y(self) -> float:
        return _r(self.bottom + 22)

    @property
    def is_empty(self) -> bool:
        return not any(s.dots for s in self.series)


def _marker_points(marker: str, x: float, y: float, r: float) -> str:
    if marker == "square":
        r *= 0.9
        corners = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    elif marker == "triangle":
        r *= 1.2
        corners = [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
    elif marker == "diamond":
        r *= 1.25
        corners = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    else:
        return ""
    return " ".join(_pt(cx, cy) for cx, cy in corners)


LINE_WIDTH, LINE_HEIGHT = 600.0, 300.0
LINE_PLOT = (56.0, 16.0, 588.0, 264.0)  # left, top, right, bottom
MARKER_RADIUS = 4.5


def line_chart(
    key: str,
    title: str,
    x_labels: list[str],
    series: list[tuple[str, list[float | None]]],
    y_max: float | None = None,
    unit: str = "%",
) -> LineChart:
    """Lines of several series over evenly spaced categories (years, oldest
    first). Each x sits at the centre of its band of the plot width; a None value
    breaks its line, and every known value gets a marker, so a lone year still
    shows. The y axis runs from 0 to y_max: by default 100 for "%", else
    nice_max() of the data. Values outside the axis (an overfilled unit's 104 %)
    are drawn at its edge, as the bar chart does; the marker's title keeps the
    true value."""
    left, top, right, bottom = LINE_PLOT
    known = [v for _n, values in series for v in values if v is not None]
    if y_max is None:
        y_max = 100.0 if unit == "%" else nice_max(max(known, default=0.0))
    y_max = float(y_max) if y_max and y_max > 0 else 1.0
    height = bottom - top

    def y_of(value: float) -> float:
        return _r(bottom - min(max(value, 0.0), y_max) / y_max * height)

    ticks = [
        Tick(
            _r(y_max * i / 4),
            y_of(y_max * i / 4),
            number(y_max * i / 4, 2) + ("%" if unit == "%" else ""),
        )
        for i in range(5)
    ]
    n = len(x_labels)
    band = (right - left) / n if n else 0.0
    x_pos = [_r(left + (i + 0.5) * band) for i in range(n)]
    xs = [XLabel(x, str(label)) for x, label in zip(x_pos, x_labels, strict=False)]

    drawn, parts = [], []
    for i, (name, values) in enumerate(series):
        s = Series(
            name=str(name),
            colour=LINE_COLOURS[i % len(LINE_COLOURS)],
            dash=LINE_DASHES[i % len(LINE_DASHES)],
            marker=MARKERS[i % len(MARKERS)],
        )
        run: list[str] = []
        shown = []
        for j, value in enumerate(list(values)[:n]):
            if value is None:
                if len(run) > 1:
                    s.lines.append(" ".join(run))
                run = []
                continue
            x, y = x_pos[j], y_of(float(value))
            run.append(_pt(x, y))
            label = with_unit(value, unit)
            shown.append(f"{x_labels[j]} {label}")
            s.dots.append(
                Dot(
                    x,
                    y,
                    float(value),
                    f"{s.name}, {x_labels[j]}: {label}",
                    _marker_points(s.marker, x, y, MARKER_RADIUS),
                )
            )
        if len(run) > 1:
            s.lines.append(" ".join(run))
        drawn.append(s)
        parts.append(f"{s.name}: {', '.join(shown) if shown else _('tidak ada data')}")

    summary = _("%(title)s. Grafik garis per tahun: %(series)s.") % {
        "title": title,
        "series": "; ".join(parts),
    }
    return LineChart(
        key,
        str(title),
        unit,
        LINE_WIDTH,
        LINE_HEIGHT,
        left,
        top,
        right,
        bottom,
        y_max,
        ticks,
        xs,
        drawn,
        summary,
    )


# ---------------------------------------------------------------- stacked bars


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    colour: str


@dataclass(frozen=True)
class Segment:
    code: str
    label: str  # the category's
    x: float
    width: float
    value: float  # as given (not normalised)
    colour: str
    ink: str  # text colour on the segment
    text: str  # the in-bar label; "" when the segment is too narrow
    title: str

    @property
    def text_x(self) -> float:
        return _r(self.x + self.width / 2)


@dataclass
class StackRow:
    label: str  # clipped to fit the line; `name` holds the whole
    name: str
    y: float  # top of the row's label line
    bar_y: float
    segments: list[Segment]
    empty: bool  # no value: a grey track with "—"

    @property
    def text_y(self) -> float:
        return _r(self.bar_y + STACK_BAR / 2)


STACK_WIDTH = 600.0
STACK_TRACK = (0.0, 600.0)  # x, width
STACK_LABEL = 18.0  # height of the row's label line
STACK_BAR = 24.0
STACK_GAP = 12.0
STACK_ROW = STACK_LABEL + STACK_BAR + STACK_GAP


@dataclass
class StackedChart:
    key: str
    title: str
    width: float
    height: float
    track_x: float
    track_width: float
    bar_height: float
    categories: list[Category]
    rows: list[StackRow]
    summary: str
    empty_label: str = "—"

    @property
    def track_middle(self) -> float:
        return _r(self.track_x + self.track_width / 2)

    @property
    def is_empty(self) -> bool:
        return all(row.empty for row in self.rows)


def stacked_bars(
    key: str,
    title: str,
    categories: list[tuple[str, str]],
    rows: list[tuple[str, list[float | None]]],
    colours: dict[str, str] | None = None,
) -> StackedChart:
    """A 100 % stacked horizontal bar per row, one share per category in the
    order of `categories` ((code, label) pairs). The segments are normalised to
    the row's sum, so a row adding up to 101 because of rounding still ends at
    the track's end; the in-bar text shows the value as given, and only on a
    segment of at least MIN_TEXT_SHARE % of the track. A row without any value
    (all None or 0) is an empty grey track marked "—". `colours` overrides the
    palette for some category codes (a grey for "hidden", say)."""
    track_x, track_w = STACK_TRACK
    colours = colours or {}
    cats = [
        Category(
            str(code),
            str(label),
            colours.get(code, STACK_COLOURS[i % len(STACK_COLOURS)]),
        )
        for i, (code, label) in enumerate(categories)
    ]
    out, parts = [], []
    for r, (name, values) in enumerate(rows):
        name = str(name)
        y = _r(r * STACK_ROW)
        vals = [max(float(v), 0.0) if v is not None else 0.0 for v in values][
            : len(cats)
        ]
        total = sum(vals)
        segments = []
        shown = []
        if total > 0:
            cumulative = 0.0
            for cat, value in zip(cats, vals, strict=False):
                start = cumulative
                cumulative += value
                if value <= 0:
                    continue
                x0 = _r(track_x + start / total * track_w)
                x1 = _r(track_x + cumulative / total * track_w)
                label = with_unit(value, "%")
                shown.append(f"{cat.label} {label}")
                segments.append(
                    Segment(
                        cat.code,
                        cat.label,
                        x0,
                        _r(x1 - x0),
                        value,
                        cat.colour,
                        ink(cat.colour),
                        label if value / total * 100 >= MIN_TEXT_SHARE else "",
                        f"{name}, {cat.label}: {label}",
                    )
                )
        out.append(
            StackRow(
                _clip(name, 80), name, y, _r(y + STACK_LABEL), segments, total <= 0
            )
        )
        parts.append(f"{name}: {', '.join(shown) if shown else '—'}")
    summary = _("%(title)s. Diagram batang bertumpuk 100%%: %(rows)s.") % {
        "title": title,
        "rows": "; ".join(parts),
    }
    height = _r(max(len(rows) * STACK_ROW - STACK_GAP, STACK_BAR))
    return StackedChart(
        key,
        str(title),
        STACK_WIDTH,
        height,
        track_x,
        track_w,
        STACK_BAR,
        cats,
        out,
        summary,
    )


# ---------------------------------------------------------------- pyramid


@dataclass(frozen=True)
class PyramidBar:
    x: float
    width: float  # 0: no bar (zero or suppressed)
    value: int | None
    label: str  # the count, or the hidden label
    label_x: float
    anchor: str  # text-anchor of the label
    title: str


@dataclass(frozen=True)
class PyramidBand:
    label: str
    y: float  # top of the bars
    left: PyramidBar
    right: PyramidBar


PYRAMID_WIDTH = 600.0
PYRAMID_MARGIN = 56.0  # room for the value labels beyond the longest bar
PYRAMID_GUTTER = 80.0  # the band labels between the halves
PYRAMID_HEADER = 28.0
PYRAMID_ROW = 28.0
PYRAMID_BAR = 20.0


@dataclass
class PyramidChart:
    key: str
    title: str
    width: float
    height: float
    left_name: str
    right_name: str
    left_colour: str
    right_colour: str
    left_axis: float  # where the left bars start (they grow leftwards)
    right_axis: float
    half_width: float
    centre: float
    header_y: float
    bar_height: float
    bands: list[PyramidBand]  # top to bottom: the oldest band first
    scale_max: int
    summary: str

    @property
    def is_empty(self) -> bool:
        return self.scale_max <= 0

    @property
    def axis_top(self) -> float:
        return _r(self.header_y + 8)

    @property
    def left_header_x(self) -> float:
        return _r(self.left_axis - 24)

    @property
    def right_header_x(self) -> float:
        return _r(self.right_axis + 24)

    @property
    def swatch_y(self) -> float:
        return _r(self.header_y - 11)

    @property
    def left_swatch_x(self) -> float:
        return _r(self.left_axis - 16)

    @property
    def right_swatch_x(self) -> float:
        return _r(self.right_axis + 4)


def pyramid(
    key: str,
    title: str,
    bands: list[str],
    left: tuple[str, list[int | None]],
    right: tuple[str, list[int | None]],
    hidden_label: str = "—",
) -> PyramidChart:
    """A population pyramid. `bands` come youngest first and are drawn bottom-up
    (the last band at the top); left bars grow leftwards from the centre gutter,
    right bars rightwards, on one scale (the larger side's maximum). A None
    count is suppressed: no bar, and `hidden_label` (e.g. "< 5") in its place."""
    left_name, left_values = left
    right_name, right_values = right
    half = (PYRAMID_WIDTH - 2 * PYRAMID_MARGIN - PYRAMID_GUTTER) / 2
    left_axis = PYRAMID_MARGIN + half
    right_axis = left_axis + PYRAMID_GUTTER
    known = [v for v in list(left_values) + list(right_values) if v is not None]
    scale = max([int(v) for v in known] + [0])

    def bar(value, side: str, band: str, side_name: str) -> PyramidBar:
        width = _r(max(value, 0) / scale * half) if value is not None and scale else 0.0
        label = hidden_label if value is None else number(value)
        title_text = f"{side_name}, {band}: {label}"
        if side == "left":
            x = _r(left_axis - width)
            return PyramidBar(x, width, value, label, _r(x - 4), "end", title_text)
        return PyramidBar(
            _r(right_axis),
            width,
            value,
            label,
            _r(right_axis + width + 4),
            "start",
            title_text,
        )

    def at(values, i):
        values = list(values)
        return values[i] if i < len(values) else None

    drawn, parts = [], []
    n = len(bands)
    for row, i in enumerate(reversed(range(n))):
        band = str(bands[i])
        y = _r(PYRAMID_HEADER + row * PYRAMID_ROW + (PYRAMID_ROW - PYRAMID_BAR) / 2)
        lb = bar(at(left_values, i), "left", band, str(left_name))
        rb = bar(at(right_values, i), "right", band, str(right_name))
        drawn.append(PyramidBand(band, y, lb, rb))
    for i in range(n):
        parts.append(
            f"{bands[i]}: {left_name} {drawn[n - 1 - i].left.label}, "
            f"{right_name} {drawn[n - 1 - i].right.label}"
        )
    summary = _("%(title)s. Piramida, kelompok usia termuda lebih dulu: %(bands)s.") % {
        "title": title,
        "bands": "; ".join(parts),
    }
    return PyramidChart(
        key,
        str(title),
        PYRAMID_WIDTH,
        _r(PYRAMID_HEADER + n * PYRAMID_ROW + 4),
        str(left_name),
        str(right_name),
        PYRAMID_COLOURS[0],
        PYRAMID_COLOURS[1],
        _r(left_axis),
        _r(right_axis),
        _r(half),
        _r(left_axis + PYRAMID_GUTTER / 2),
        16.0,
        PYRAMID_BAR,
        drawn,
        scale,
        summary,
    )


# ---------------------------------------------------------------- nine-box

# The axes of the talent grid, low to high; which box sits where comes from
# performance.rules.BOXES.
KINERJA_LEVELS = (
    rules.Rating.DI_BAWAH_EKSPEKTASI,
    rules.Rating.SESUAI_EKSPEKTASI,
    rules.Rating.DI_ATAS_EKSPEKTASI,
)
POTENTIAL_LEVELS = (
    rules.Potential.RENDAH,
    rules.Potential.MENENGAH,
    rules.Potential.TINGGI,
)


def box_position(box: int) -> tuple[int, int]:
    """(column, row) of a box, both 0..2: column 0 = kinerja below expectation
    (left), row 0 = low potential (bottom)."""
    for (kinerja, potential), number_ in rules.BOXES.items():
        if number_ == box:
            return KINERJA_LEVELS.index(kinerja), POTENTIAL_LEVELS.index(potential)
    raise KeyError(box)


@dataclass(frozen=True)
class Cell:
    box: int
    column: int  # 0..2, left to right (kinerja)
    row: int  # 0..2, bottom to top (potensi)
    x: float
    y: float
    size: float
    count: int | None
    count_label: str
    share: float | None  # % of the known total
    share_label: str
    step: int  # 0..4, the fill's intensity
    fill: str
    ink: str
    label: str  # the caller's name for the box (clipped), may be ""
    title: str

    @property
    def centre_x(self) -> float:
        return _r(self.x + self.size / 2)

    @property
    def number_x(self) -> float:
        return _r(self.x + 10)

    @property
    def number_y(self) -> float:
        return _r(self.y + 22)

    @property
    def count_y(self) -> float:
        return _r(self.y + self.size / 2 + 8)

    @property
    def share_y(self) -> float:
        return _r(self.y + self.size / 2 + 30)

    @property
    def label_y(self) -> float:
        return _r(self.y + self.size - 12)


@dataclass(frozen=True)
class AxisLabel:
    position: float  # x of a column's centre, or y of a row's centre
    label: str


@dataclass(frozen=True)
class StepLegend:
    fill: str
    label: str


NINEBOX_WIDTH = 600.0
NINEBOX_GRID = (112.0, 8.0)  # x, y of the top-left corner
NINEBOX_CELL = 160.0


@dataclass
class NineBox:
    key: str
    title: str
    width: float
    height: float
    grid_x: float
    grid_y: float
    cell: float
    cells: list[Cell]  # by box number, 1..9
    columns: list[AxisLabel]  # kinerja levels, left to right
    rows: list[AxisLabel]  # potensi levels, bottom to top
    total: int
    summary: str
    steps: list[StepLegend]

    @property
    def grid_bottom(self) -> float:
        return _r(self.grid_y + 3 * self.cell)

    @property
    def column_label_y(self) -> float:
        return _r(self.grid_bottom + 20)

    @property
    def x_title_y(self) -> float:
        return _r(self.grid_bottom + 44)

    @property
    def x_title_x(self) -> float:
        return _r(self.grid_x + 1.5 * self.cell)

    @property
    def row_label_x(self) -> float:
        return _r(self.grid_x - 8)

    @property
    def y_title_y(self) -> float:
        return _r(self.grid_y + 1.5 * self.cell)

    @property
    def is_empty(self) -> bool:
        return not any(c.count for c in self.cells)

    def box(self, number_: int) -> Cell:
        return self.cells[number_ - 1]


def _step(share: float | None) -> int:
    """The fill's step for a share (%) of the total: 0 only for an empty box."""
    if not share:
        return 0
    return sum(1 for bound in NINEBOX_BOUNDS if share > bound)


def ninebox(
    key: str,
    title: str,
    counts: dict[int, int | None],
    labels: dict[int, str] | None = None,
    hidden_label: str = "—",
) -> NineBox:
    """The 3x3 talent grid: kinerja low -> high left to right, potensi low ->
    high bottom to top, each box where performance.rules.BOXES puts it. A cell
    shows its number and count (None: suppressed, `hidden_label`) and is filled
    darker the larger its share of the known total (five steps:
    0, up to 10 %, up to 20 %, up to 35 %, more)."""
    labels = labels or {}
    grid_x, grid_y = NINEBOX_GRID
    size = NINEBOX_CELL
    known = {b: int(c) for b, c in counts.items() if c is not None}
    total = sum(known.values())
    kinerja_names = dict(rules.Rating.choices)
    potential_names = dict(rules.Potential.choices)
    cells, parts = [], []
    for box in range(1, 10):
        column, row = box_position(box)
        count = counts.get(box, 0)
        count = None if count is None else int(count)
        exact = 100 * count / total if count is not None and total else None
        share_ = round(exact, 1) if exact is not None else None
        step = _step(exact) if count else 0
        fill = NINEBOX_STEPS[step]
        count_label = hidden_label if count is None else number(count)
        share_label = (
            f"({with_unit(share_, '%')})" if share_ is not None and count else ""
        )
        kinerja = str(kinerja_names[KINERJA_LEVELS[column]])
        potential = str(potential_names[POTENTIAL_LEVELS[row]])
        name = str(labels.get(box, ""))
        title_text = _("Kotak %(box)s (kinerja %(k)s, potensi %(p)s): %(n)s") % {
            "box": box,
            "k": kinerja.lower(),
            "p": potential.lower(),
            "n": count_label,
        }
        if share_label:
            title_text += f" {share_label}"
        parts.append(title_text)
        cells.append(
            Cell(
                box,
                column,
                row,
                _r(grid_x + column * size),
                _r(grid_y + (2 - row) * size),
                size,
                count,
                count_label,
                share_,
                share_label,
                step,
                fill,
                ink(fill),
                _clip(name, 24),
                title_text if not name else f"{title_text}. {name}",
            )
        )
    columns = [
        AxisLabel(_r(grid_x + (i + 0.5) * size), str(kinerja_names[level]))
        for i, level in enumerate(KINERJA_LEVELS)
    ]
    rows_ = [
        AxisLabel(_r(grid_y + (2 - i + 0.5) * size), str(potential_names[level]))
        for i, level in enumerate(POTENTIAL_LEVELS)
    ]
    steps = [
        StepLegend(NINEBOX_STEPS[0], "0"),
        StepLegend(NINEBOX_STEPS[1], "≤ 10%"),
        StepLegend(NINEBOX_STEPS[2], "≤ 20%"),
        StepLegend(NINEBOX_STEPS[3], "≤ 35%"),
        StepLegend(NINEBOX_STEPS[4], "> 35%"),
    ]
    summary = _("%(title)s. Matriks talenta 9 kotak, %(n)s pegawai: %(boxes)s.") % {
        "title": title,
        "n": number(total),
        "boxes": "; ".join(parts),
    }
    return NineBox(
        key,
        str(title),
        NINEBOX_WIDTH,
        _r(grid_y + 3 * size + 56),
        grid_x,
        grid_y,
        size,
        cells,
        columns,
        rows_,
        total,
        summary,
        steps,
    )
