"""The reform charts' geometry, worked by hand from the layout constants of
sawahlunto_asn/reform/charts.py, and their templates under the Indonesian locale.

Line chart: viewBox 600x300, plot area x 56..588 (532 wide), y 16..264 (248 high);
an x sits at the middle of its band (532 / n wide).
Stacked bars: the track runs x 0..600.
Pyramid: margins 56, gutter 80: each half is (600 - 2*56 - 80) / 2 = 204 wide,
the left bars end at x 260, the right bars start at x 340.
Nine-box: grid from (112, 8), cells 160 wide: columns at x 112, 272, 432 and rows
(top to bottom) at y 8, 168, 328.
"""

from __future__ import annotations

import itertools
import re

import pytest
from django.template.loader import render_to_string
from django.utils.translation import override

from performance import rules
from sawahlunto_asn.reform import charts

# ---------------------------------------------------------------- line chart


def test_a_half_share_sits_at_the_middle_of_the_plot_height():
    chart = charts.line_chart("t", "Tren", ["2024", "2025"], [("A", [50, 100])])
    assert chart.y_max == 100  # "%" by default
    mid = chart.top + chart.plot_height / 2  # 16 + 248 / 2
    assert mid == 140
    first, second = chart.series[0].dots
    assert (first.y, second.y) == (140, 16)  # 100 % at the top
    # Two bands of 532 / 2 = 266: centres at 56 + 133 and 56 + 399.
    assert (first.x, second.x) == (189, 455)
    assert chart.series[0].lines == ["189,140 455,16"]


def test_ticks_split_the_axis_in_four_with_the_gridlines_evenly_spaced():
    chart = charts.line_chart("t", "Tren", ["2025"], [("A", [10])])
    assert [t.value for t in chart.ticks] == [0, 25, 50, 75, 100]
    assert [t.y for t in chart.ticks] == [264, 202, 140, 78, 16]  # 248 / 4 = 62
    assert [t.label for t in chart.ticks] == ["0%", "25%", "50%", "75%", "100%"]


def test_x_positions_are_the_centres_of_equal_bands():
    chart = charts.line_chart(
        "t", "T", ["2022", "2023", "2024", "2025"], [("A", [1, 2, 3, 4])]
    )
    # 532 / 4 = 133 per band: 56 + 66.5 + 133 i.
    assert [(x.x, x.label) for x in chart.xs] == [
        (122.5, "2022"),
        (255.5, "2023"),
        (388.5, "2024"),
        (521.5, "2025"),
    ]


def test_none_breaks_a_series_into_two_polylines_and_every_known_value_has_a_dot():
    chart = charts.line_chart(
        "t", "T", ["1", "2", "3", "4", "5"], [("A", [10, 20, None, 40, 50])]
    )
    series = chart.series[0]
    assert len(series.lines) == 2
    assert [len(line.split()) for line in series.lines] == [2, 2]
    assert len(series.dots) == 4
    # The second line starts at the 4th x: 56 + 3.5 * 532 / 5 = 428.4.
    assert series.lines[1].startswith("428.4,")


def test_a_lone_year_draws_no_line_but_a_dot():
    chart = charts.line_chart("t", "T", ["1", "2", "3"], [("A", [None, 30, None])])
    series = chart.series[0]
    assert series.lines == []
    assert [(d.x, d.value) for d in series.dots] == [(322, 30)]  # 56 + 1.5 * 532 / 3
    assert not chart.is_empty


def test_series_differ_by_colour_dash_and_marker():
    chart = charts.line_chart(
        "t", "T", ["1"], [("A", [1]), ("B", [2]), ("C", [3]), ("D", [4])]
    )
    assert len({s.colour for s in chart.series}) == 4
    assert len({s.dash for s in chart.series}) == 4
    assert [s.marker for s in chart.series] == [
        "circle",
        "square",
        "triangle",
        "diamond",
    ]
    # A circle is drawn from its centre; other markers are polygons around it.
    assert chart.series[0].dots[0].points == ""
    square = chart.series[1].dots[0]
    assert len(square.points.split()) == 4


@pytest.mark.parametrize(
    ("value", "top"),
    [
        # 73.4 / 4 = 18.35 -> an interval of 20 -> 80 (not 100: the top is four
        # round intervals, 1 / 2 / 2.5 / 5 x 10^k, not a round number itself).
        (73.4, 80),
        (80, 80),
        (100, 100),  # 4 x 25
        (101, 200),  # 4 x 50
        (7, 8),  # 4 x 2
        (0.9, 1),  # 4 x 0.25
        (0, 1),
    ],
)
def test_nice_max(value, top):
    assert charts.nice_max(value) == top


def test_a_non_percentage_axis_tops_at_the_nice_maximum():
    chart = charts.line_chart("t", "IKM", ["2025"], [("A", [73.4])], unit="")
    assert chart.y_max == 80
    assert [t.label for t in chart.ticks] == ["0", "20", "40", "60", "80"]
    # 73.4 / 80 of 248 above the bottom: 264 - 227.54 = 36.46.
    assert chart.series[0].dots[0].y == 36.46


def test_a_value_beyond_the_axis_is_drawn_at_its_edge():
    chart = charts.line_chart("t", "T", ["2025"], [("A", [104])])
    dot = chart.series[0].dots[0]
    assert dot.y == chart.top
    assert dot.value == 104


def test_a_line_chart_without_values_is_empty():
    assert charts.line_chart("t", "T", ["2025"], [("A", [None])]).is_empty
    assert charts.line_chart("t", "T", [], []).is_empty


# ---------------------------------------------------------------- stacked bars

CATS = [("s1", "S1"), ("s2", "S2"), ("sma", "SMA")]


def test_stacked_segments_follow_each_other_and_fill_the_track():
    chart = charts.stacked_bars("e", "Pendidikan", CATS, [("Kota", [50, 30, 20])])
    row = chart.rows[0]
    assert [(s.code, s.x, s.width) for s in row.segments] == [
        ("s1", 0, 300),
        ("s2", 300, 180),
        ("sma", 480, 120),
    ]
    assert [s.text for s in row.segments] == ["50%", "30%", "20%"]
    assert not row.empty


def test_a_row_summing_to_101_still_ends_at_the_track_end():
    with override("id"):
        chart = charts.stacked_bars("e", "T", CATS, [("Kota", [50.5, 30, 20.5])])
    segments = chart.rows[0].segments
    for before, after in itertools.pairwise(segments):
        assert after.x == pytest.approx(before.x + before.width)
    last = segments[-1]
    assert last.x + last.width == pytest.approx(chart.track_x + chart.track_width)
    assert sum(s.width for s in segments) == pytest.approx(600)
    # 50.5 / 101 of 600 = 300; the text keeps the value as given.
    assert segments[0].width == 300
    assert segments[0].text == "50,5%"


def test_narrow_segments_have_no_text_and_zero_segments_are_left_out():
    chart = charts.stacked_bars("e", "T", CATS, [("X", [7.9, 92.1, 0])])
    narrow, wide = chart.rows[0].segments
    assert narrow.text == ""
    assert wide.text != ""
    # 7.9 % of 600 = 47.4.
    assert (narrow.width, wide.x) == (47.4, 47.4)
    chart = charts.stacked_bars("e", "T", CATS, [("X", [8, 92, None])])
    assert chart.rows[0].segments[0].text == "8%"


def test_a_row_without_values_is_an_empty_track():
    chart = charts.stacked_bars(
        "e",
        "T",
        CATS,
        [("A", [None, None, None]), ("B", [0, 0, None]), ("C", [100, 0, 0])],
    )
    assert [r.empty for r in chart.rows] == [True, True, False]
    assert chart.rows[0].segments == []
    assert not chart.is_empty
    # Rows stack downwards: label line 18, bar 24, gap 12.
    assert [(r.y, r.bar_y) for r in chart.rows] == [(0, 18), (54, 72), (108, 126)]
    all_empty = charts.stacked_bars("e", "T", CATS, [("A", [None, None, None])])
    assert all_empty.is_empty


def test_stack_colours_come_from_the_palette_with_readable_text():
    chart = charts.stacked_bars("e", "T", CATS, [("A", [40, 30, 30])])
    assert [c.colour for c in chart.categories] == ["#0072B2", "#F0E442", "#D55E00"]
    # White on the dark blue, black on yellow and on vermillion (WCAG contrast).
    assert [s.ink for s in chart.rows[0].segments] == ["#FFFFFF", "#000000", "#000000"]


# ---------------------------------------------------------------- pyramid

BANDS = ["<25", "25-29", "30-34"]


def test_the_left_bar_of_the_maximum_spans_the_half_width_leftwards():
    chart = charts.pyramid(
        "p", "Usia", BANDS, ("Laki-laki", [3, 10, 4]), ("Perempuan", [5, 2, 7])
    )
    assert (chart.half_width, chart.left_axis, chart.right_axis) == (204, 260, 340)
    assert chart.scale_max == 10
    # The oldest band is drawn first (at the top).
    assert [b.label for b in chart.bands] == ["30-34", "25-29", "<25"]
    assert [b.y for b in chart.bands] == [32, 60, 88]
    _top, middle, bottom = chart.bands
    assert (middle.left.x, middle.left.width) == (56, 204)
    assert middle.left.x + middle.left.width == chart.left_axis
    # 5 of 10: half of 204, from the right axis.
    assert (bottom.right.x, bottom.right.width) == (340, 102)
    assert bottom.right.label_x == 446  # 340 + 102 + 4
    assert (middle.left.label_x, middle.left.anchor) == (52, "end")


def test_both_sides_share_the_larger_sides_scale():
    chart = charts.pyramid("p", "Usia", ["a"], ("L", [10]), ("P", [12]))
    band = chart.bands[0]
    assert band.right.width == 204
    assert band.left.width == 170  # 10 / 12 of 204
    assert band.left.x == 90


def test_a_suppressed_band_has_no_bar_and_shows_the_hidden_label():
    chart = charts.pyramid(
        "p", "Usia", BANDS, ("L", [3, None, 4]), ("P", [5, 2, None]), hidden_label="< 5"
    )
    top, middle, _bottom = chart.bands
    assert (middle.left.width, middle.left.label) == (0, "< 5")
    assert middle.left.label_x == 256  # beside the axis
    assert (top.right.width, top.right.label) == (0, "< 5")
    with override("id"):
        html = render_to_string("reform/chart_pyramid.html", {"chart": chart})
    assert html.count("&lt; 5</text>") == 2
    assert "<title>L, 25-29" not in html  # no bar, so no bar title
    assert "<title>L, 30-34: 4</title>" in html


def test_a_pyramid_without_counts_is_empty():
    assert charts.pyramid(
        "p", "U", BANDS, ("L", [None] * 3), ("P", [None] * 3)
    ).is_empty
    assert charts.pyramid("p", "U", BANDS, ("L", [0] * 3), ("P", [0] * 3)).is_empty


# ---------------------------------------------------------------- nine-box

KINERJA_COLUMN = {
    "DI_BAWAH_EKSPEKTASI": 0,
    "SESUAI_EKSPEKTASI": 1,
    "DI_ATAS_EKSPEKTASI": 2,
}
POTENTIAL_ROW_FROM_TOP = {"TINGGI": 0, "MENENGAH": 1, "RENDAH": 2}


def test_box_9_is_top_right_and_box_1_bottom_left():
    chart = charts.ninebox("n", "Talenta", {9: 1, 1: 1})
    assert (chart.box(9).x, chart.box(9).y) == (432, 8)
    assert (chart.box(1).x, chart.box(1).y) == (112, 328)
    assert (chart.box(5).x, chart.box(5).y) == (272, 168)


def test_every_box_sits_where_performance_rules_boxes_puts_it():
    chart = charts.ninebox("n", "Talenta", dict.fromkeys(range(1, 10), 1))
    assert len(rules.BOXES) == 9
    for (kinerja, potential), box in rules.BOXES.items():
        cell = chart.box(box)
        assert cell.box == box
        assert cell.x == 112 + 160 * KINERJA_COLUMN[kinerja], box
        assert cell.y == 8 + 160 * POTENTIAL_ROW_FROM_TOP[potential], box


def test_the_fill_darkens_with_the_share():
    # Total 54: 40 -> 74 %, 10 -> 18.5 %, 3 -> 5.6 %, 1 -> 1.9 %, the rest 0.
    chart = charts.ninebox("n", "T", {5: 40, 8: 10, 9: 3, 2: 1, 1: 0})
    assert chart.total == 54
    steps = {c.box: c.step for c in chart.cells}
    assert steps == {1: 0, 2: 1, 3: 0, 4: 0, 5: 4, 6: 0, 7: 0, 8: 2, 9: 1}
    assert chart.box(5).fill == charts.NINEBOX_STEPS[4]
    assert chart.box(5).ink == "#FFFFFF"  # white on the darkest blue
    assert chart.box(1).ink == "#000000"
    with override("id"):
        assert (
            charts.ninebox("n", "T", {5: 40, 8: 10, 9: 3, 2: 1}).box(8).share_label
            == "(18,5%)"
        )
    # 20 % exactly is still the middle step; above 35 % the darkest.
    assert charts.ninebox("n", "T", {1: 1, 2: 4}).box(1).step == 2
    assert charts.ninebox("n", "T", {1: 36, 2: 64}).box(1).step == 4


def test_nine_box_levels_come_from_the_rating_and_potential_choices():
    chart = charts.ninebox("n", "T", {9: 2})
    assert [c.label for c in chart.columns] == [
        str(rules.Rating.DI_BAWAH_EKSPEKTASI.label),
        str(rules.Rating.SESUAI_EKSPEKTASI.label),
        str(rules.Rating.DI_ATAS_EKSPEKTASI.label),
    ]
    assert [r.label for r in chart.rows] == ["Rendah", "Menengah", "Tinggi"]
    # Bottom to top: the row of "Rendah" is the lowest (largest y).
    assert [r.position for r in chart.rows] == [408, 248, 88]


def test_a_suppressed_box_shows_the_hidden_label():
    chart = charts.ninebox("n", "T", {9: 6, 1: None}, hidden_label="< 5")
    assert chart.box(1).count_label == "< 5"
    assert chart.box(1).step == 0
    assert chart.box(3).count_label == "0"
    assert charts.ninebox("n", "T", {}).is_empty
    assert charts.ninebox("n", "T", {1: None, 2: 0}).is_empty


# ---------------------------------------------------------------- templates

NUMERIC = re.compile(
    r'\s(x|y|x1|x2|y1|y2|cx|cy|r|dy|width|height|viewBox|points|transform)="([^"]*)"'
)


def _built():
    return {
        "line": (
            "reform/chart_line.html",
            charts.line_chart(
                "tren",
                "Tren keterisian",
                ["2023", "2024", "2025"],
                [("Keterisian", [70.5, None, 85.25]), ("JP", [40, 42.5, 44])],
            ),
        ),
        "stacked": (
            "reform/chart_stacked.html",
            charts.stacked_bars(
                "pendidikan",
                "Pendidikan",
                CATS,
                [("Kota", [50.5, 30, 20.5]), ("Dinas", [None, None, None])],
            ),
        ),
        "pyramid": (
            "reform/chart_pyramid.html",
            charts.pyramid(
                "piramida",
                "Piramida usia",
                BANDS,
                ("Laki-laki", [3, 7, None]),
                ("Perempuan", [5, 2, 9]),
                hidden_label="< 5",
            ),
        ),
        "ninebox": (
            "reform/chart_ninebox.html",
            charts.ninebox("talenta", "Matriks talenta", {9: 3, 5: 7, 1: None}),
        ),
    }


def _render(kind: str) -> tuple[str, object]:
    with override("id"):
        template, chart = _built()[kind]
        return render_to_string(template, {"chart": chart}), chart


@pytest.mark.parametrize("kind", ["line", "stacked", "pyramid", "ninebox"])
def test_templates_draw_svg_without_inline_style_or_script(kind):
    html, chart = _render(kind)
    assert "<svg" in html
    assert "style=" not in html
    assert "<script" not in html
    assert f'data-testid="chart-{chart.key}"' in html
    assert f'<figcaption class="reform-chart-title">{chart.title}</figcaption>' in html
    assert 'role="img"' in html
    assert 'width="100%"' in html
    assert re.search(r'viewBox="0 0 600(\.0)? \d+(\.\d+)?"', html)
    # The chart's own SVG (legend swatches are small aria-hidden SVGs).
    label = re.search(r'role="img" aria-label="([^"]+)"', html)
    assert label is not None
    assert label.group(1).startswith(f"{chart.title}. ")


@pytest.mark.parametrize("kind", ["line", "stacked", "pyramid", "ninebox"])
def test_numbers_in_attributes_use_a_dot_under_the_indonesian_locale(kind):
    html, _chart = _render(kind)
    found = NUMERIC.findall(html)
    assert found
    fractional = 0
    for name, value in found:
        if name == "points":
            for pair in value.split():
                x, y = pair.split(",")  # exactly one comma: between x and y
                float(x), float(y)
                fractional += "." in pair
            continue
        for token in re.findall(r"-?[\d.,]+", value):
            assert "," not in token, (name, value)
            float(token)
            fractional += bool(re.search(r"\.\d*[1-9]", token))
    assert fractional  # some coordinate really had decimals to print


def test_readable_labels_use_the_decimal_comma():
    html, _chart = _render("line")
    assert "Keterisian, 2023: 70,5%" in html  # a dot's <title>
    assert "85,3%" in html  # 85.25 rounded half up
    html, _chart = _render("stacked")
    assert ">50,5%</text>" in html
    assert "—</text>" in html  # the empty row


def test_the_line_legend_shows_each_series_with_its_marker_and_dash():
    html, chart = _render("line")
    legend = html.split('class="reform-chart-legend', 1)[1]
    assert "Keterisian</li>" in legend
    assert "JP</li>" in legend
    assert f'stroke-dasharray="{chart.series[1].dash}"' in legend
    assert "<circle" in legend
    assert "<polygon" in legend


def test_the_ninebox_template_labels_the_axes():
    html, _chart = _render("ninebox")
    assert ">Kinerja &#8594;</text>" in html
    assert ">Potensi &#8594;</text>" in html
    assert ">Di atas ekspektasi</text>" in html
    assert ">Tinggi</text>" in html
    assert 'data-box="9"' in html


@pytest.mark.parametrize(
    ("template", "chart"),
    [
        (
            "reform/chart_line.html",
            charts.line_chart("a", "A", ["2025"], [("A", [None])]),
        ),
        (
            "reform/chart_stacked.html",
            charts.stacked_bars("b", "B", CATS, [("A", [None, 0, None])]),
        ),
        (
            "reform/chart_pyramid.html",
            charts.pyramid("c", "C", BANDS, ("L", [None] * 3), ("P", [None] * 3)),
        ),
        ("reform/chart_ninebox.html", charts.ninebox("d", "D", {})),
        ("reform/chart_line.html", None),
    ],
)
def test_an_empty_chart_renders_nothing(template, chart):
    with override("id"):
        assert render_to_string(template, {"chart": chart}).strip() == ""
