"""The charts of the reform pages, each drawn from the table shown beside it
(so a chart never shows a number its table does not, the public pages'
suppression included), and the tables that exist for a chart (the pyramid and
the 9-box). The geometry is charts.py's."""

from __future__ import annotations

from django.utils.translation import gettext as _

from performance import rules
from sawahlunto_asn.reform import charts
from sawahlunto_asn.reform.indicators import (
    COARSE_BAND,
    PREDIKATS,
    PYRAMID_BANDS,
    UnitIndicators,
    share,
)
from sawahlunto_asn.reform.tables import (
    Column,
    Row,
    Table,
    hidden_label,
    suppress_cells,
)

# The shares drawn as lines over the years (codes of the trend table).
TREND_LINES = (
    "persen_terisi",
    "persen_memenuhi_jp",
    "persen_sosialisasi",
    "persen_dinilai_tepat_waktu",
    "persen_tepat_waktu",
)
GENDERS = (("1", "laki_laki"), ("2", "perempuan"))


def _number(cell) -> float | None:
    return float(cell) if isinstance(cell, (int, float)) else None


def attach_trend_chart(table: Table) -> None:
    codes = [c.code for c in table.columns]
    series = [
        (
            str(table.columns[codes.index(code)].label),
            [_number(row.cells[codes.index(code)]) for row in table.rows],
        )
        for code in TREND_LINES
        if code in codes
    ]
    table.chart = charts.line_chart(
        "trend-line",
        _("Tren indikator utama (%)"),
        [row.name for row in table.rows],
        series,
    )
    table.chart_template = "reform/chart_line.html"


HIDDEN = "TERSEMBUNYI"
HIDDEN_COLOUR = "#ADB5BD"


def attach_predikat_chart(table: Table) -> None:
    """The predikat distribution of each row as a 100 % stacked bar. On the
    public page the shares hidden in the table are drawn as one grey segment,
    the rest of 100 %: their sum is no secret (the shown shares give it), and
    the table already hides at least two of them or none."""
    codes = [c.code for c in table.columns]
    labels = dict(rules.Predikat.choices)
    index = {p: codes.index(f"persen_{p.lower()}") for p in PREDIKATS}
    rows, any_hidden = [], False
    for row in table.rows:
        cells = [row.cells[index[p]] for p in PREDIKATS]
        values = [_number(c) for c in cells]
        hidden = None
        if any(c == hidden_label() for c in cells):
            any_hidden = True
            hidden = round(max(100.0 - sum(v or 0.0 for v in values), 0.0), 1)
        rows.append((row.name, [*values, hidden]))
    categories = [(p, labels[p]) for p in PREDIKATS]
    if any_hidden:
        categories.append(
            (HIDDEN, _("Disembunyikan (%(h)s orang)") % {"h": hidden_label()})
        )
    table.chart = charts.stacked_bars(
        "appraisal-stacked",
        _("Sebaran predikat kinerja"),
        categories,
        [(name, values[: len(categories)]) for name, values in rows],
        colours={HIDDEN: HIDDEN_COLOUR},
    )
    table.chart_template = "reform/chart_stacked.html"


def pyramid_table(scope: UnitIndicators, name: str) -> Table:
    """Employees per five-year age band and gender, oldest first (the order the
    pyramid reads top down)."""
    table = Table(
        "pyramid",
        _("Piramida usia pegawai: %(u)s") % {"u": name},
        [
            Column("laki_laki", _("Laki-laki"), people=True),
            Column("perempuan", _("Perempuan"), people=True),
        ],
        row_label=_("Kelompok usia"),
    )
    for band in reversed(PYRAMID_BANDS):
        counts = scope.workforce.pyramid.get(band, {})
        table.rows.append(Row(band, band, [counts.get(g, 0) for g, _code in GENDERS]))
    return table


def attach_pyramid_chart(table: Table) -> None:
    youngest_first = list(reversed(table.rows))
    table.chart = charts.pyramid(
        "pyramid",
        table.title,
        [row.name for row in youngest_first],
        (str(table.columns[0].label), [_count(r.cells[0]) for r in youngest_first]),
        (str(table.columns[1].label), [_count(r.cells[1]) for r in youngest_first]),
        hidden_label=hidden_label(),
    )
    table.chart_template = "reform/chart_pyramid.html"


def _count(cell) -> int | None:
    return cell if isinstance(cell, int) else None


def ninebox_table(scope: UnitIndicators, name: str) -> Table:
    """The evaluated employees per talent box (9 down to 1), and those without a
    potential for the period yet."""
    kinerja = dict(rules.Rating.choices)
    potential = dict(rules.Potential.choices)
    where = {box: pair for pair, box in rules.BOXES.items()}
    boxes = scope.appraisal.boxes
    # Shares of the mapped employees, as the grid shows them.
    total = sum(n for box, n in boxes.items() if box)
    table = Table(
        "ninebox",
        _("Pemetaan talenta (9-box): %(u)s") % {"u": name},
        [
            Column("kinerja", _("Kinerja")),
            Column("potensi", _("Potensi")),
            Column("pegawai", _("Pegawai"), people=True),
            Column("persen", _("Dari yang terpetakan (%)"), share_of="pegawai"),
        ],
        row_label=_("Kotak"),
    )
    for box in range(9, 0, -1):
        axis, level = where[box]
        n = boxes.get(box, 0)
        table.rows.append(
            Row(
                str(box),
                _("Kotak %(n)s") % {"n": box},
                [kinerja[axis], potential[level], n, share(n, total)],
            )
        )
    table.rows.append(
        Row("0", _("Belum ada potensi"), [None, None, boxes.get(0, 0), None])
    )
    return table


def attach_ninebox_chart(table: Table) -> None:
    counts = {int(row.code): row.cells[2] for row in table.rows if row.code != "0"}
    table.chart = charts.ninebox("ninebox", table.title, counts)
    table.chart_template = "reform/chart_ninebox.html"


def public_pyramid(scope: UnitIndicators, name: str) -> Table:
    """The city's pyramid for the public: a cell of 1..N-1 people is hidden, and
    so is one more wherever a total the page publishes (a gender, an age group
    of the profile table) would give a single hidden cell away."""
    table = pyramid_table(scope, name)
    values = {
        (band, g): table.rows[i].cells[j]
        for i, band in enumerate(reversed(PYRAMID_BANDS))
        for j, g in enumerate(("1", "2"))
    }
    groups = [[(band, g) for band in PYRAMID_BANDS] for g in ("1", "2")]
    for coarse in dict.fromkeys(COARSE_BAND.values()):
        groups.append(
            [(b, g) for b in PYRAMID_BANDS if COARSE_BAND[b] == coarse for g in "12"]
        )
    hidden = suppress_cells(values, groups)
    for i, band in enumerate(reversed(PYRAMID_BANDS)):
        table.rows[i].cells = [
            hidden_label() if (band, g) in hidden else values[(band, g)]
            for g in ("1", "2")
        ]
    return table
