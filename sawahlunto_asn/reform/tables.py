"""The indicator families as tables: one shape for the page, the xlsx export and
the open data. A column has a stable code (the open data's `indikator`) and a
label; a row names its unit and holds one cell per column.

The public variants (`public_tables`) hold aggregates only, under the
REFORM_MIN_GROUP rule: a unit with fewer people than the minimum shows no
employee figure ("< N"); a count of 1..N-1 people in any cell is shown as "< N";
when that leaves a single hidden cell in a distribution (or a single hidden unit
among its siblings), the next smallest is hidden too, so that no hidden figure
can be worked back from a total; a share is shown only on a base of at least N.
Appraisal figures stop at the unit level (shares and counts per unit, never a
person).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from performance import rules
from sawahlunto_asn.reform.indicators import (
    AGE_BANDS,
    PREDIKATS,
    UnitIndicators,
)

FAMILIES = (
    "workforce",
    "profile",
    "golongan",
    "education",
    "rotation",
    "competency",
    "appraisal",
    "public",
)


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    # People counted in this cell (subject to the minimum group on public pages),
    # the base of a share (code of the count column), or neither.
    people: bool = False
    share_of: str = ""
    distribution: str = ""  # cells of one distribution share a name


@dataclass
class Row:
    code: str
    name: str
    cells: list
    hidden: bool = False  # the whole unit under the minimum group


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    row_label: str = ""  # the first column's heading ("Unit" when empty)
    # A chart of this table's numbers (visuals.py) and the template drawing it.
    chart: object | None = None
    chart_template: str = ""

    @property
    def bars(self) -> list[Bar]:
        return chart_bars(self)


def minimum() -> int:
    return int(settings.REFORM_MIN_GROUP)


def hidden_label() -> str:
    return f"< {minimum()}"


def _name(scope: UnitIndicators) -> tuple[str, str]:
    if scope.unit is None:
        return "KOTA", _("Kota Sawahlunto")
    return scope.unit.code, scope.unit.name


def _keys(scopes: list[UnitIndicators], attr: str) -> list[str]:
    """The profile's keys in the indicators' order (the first scope holds the
    others, so its order leads)."""
    keys: dict[str, None] = {}
    for s in scopes:
        keys.update(dict.fromkeys(getattr(s.workforce, attr)))
    return list(keys)


def _table(key: str, title: str, columns: list[Column], scopes, values) -> Table:
    table = Table(key, title, columns)
    for scope in scopes:
        code, name = _name(scope)
        table.rows.append(Row(code, name, values(scope)))
    return table


def build_tables(scopes: list[UnitIndicators]) -> dict[str, Table]:
    """Every family's table for the given scopes (one row each)."""
    max_years = settings.ROTATION_MAX_YEARS
    jp = settings.COMPETENCY_JP_YEARLY_MINIMUM
    golongan, education = _keys(scopes, "golongan"), _keys(scopes, "education")
    predikat_labels = dict(rules.Predikat.choices)
    tables = [
        _table(
            "workforce",
            _("Kebutuhan dan keterisian jabatan"),
            [
                Column("kebutuhan", _("Kebutuhan (ABK)")),
                Column("terisi", _("Terisi (definitif)"), people=True),
                Column("persen_terisi", _("Keterisian (%)")),
                Column("kosong", _("Kosong")),
                Column("pensiun_12_bulan", _("Pensiun ≤ 12 bulan"), people=True),
                Column("pensiun_24_bulan", _("Pensiun ≤ 24 bulan"), people=True),
            ],
            scopes,
            lambda s: [
                s.workforce.needs,
                s.workforce.filled,
                s.workforce.fill_share,
                s.workforce.vacant,
                s.workforce.retiring_12,
                s.workforce.retiring_24,
            ],
        ),
        _table(
            "profile",
            _("Profil pegawai: jenis kelamin dan usia"),
            [Column("pegawai", _("Pegawai"), people=True)]
            + [
                Column("laki_laki", _("Laki-laki"), people=True, distribution="jk"),
                Column("perempuan", _("Perempuan"), people=True, distribution="jk"),
            ]
            + [
                Column(
                    f"usia_{band_code(b)}",
                    _("Usia %(b)s") % {"b": b},
                    people=True,
                    distribution="usia",
                )
                for b in AGE_BANDS
            ],
            scopes,
            lambda s: (
                [
                    s.workforce.filled,
                    s.workforce.gender.get("1", 0),
                    s.workforce.gender.get("2", 0),
                ]
                + [s.workforce.age.get(b, 0) for b in AGE_BANDS]
            ),
        ),
        _table(
            "golongan",
            _("Profil pegawai: golongan"),
            [
                Column(
                    "golongan_tanpa" if g == "-" else f"golongan_{_slug(g)}",
                    g if g != "-" else _("Tanpa golongan"),
                    people=True,
                    distribution="golongan",
                )
                for g in golongan
            ],
            scopes,
            lambda s: [s.workforce.golongan.get(g, 0) for g in golongan],
        ),
        _table(
            "education",
            _("Profil pegawai: pendidikan"),
            [
                Column(
                    f"pendidikan_{_slug(e)}",
                    e if e != "-" else _("Tidak tercatat"),
                    people=True,
                    distribution="pendidikan",
                )
                for e in education
            ],
            scopes,
            lambda s: [s.workforce.education.get(e, 0) for e in education],
        ),
        _table(
            "rotation",
            _("Rotasi"),
            [
                Column(
                    "pegawai_dalam_jabatan", _("Pegawai dalam jabatan"), people=True
                ),
                Column(
                    "melewati_batas_rotasi",
                    _("Melewati %(n)s tahun") % {"n": max_years},
                    people=True,
                ),
                Column(
                    "persen_melewati_batas",
                    _("Melewati batas (%)"),
                    share_of="pegawai_dalam_jabatan",
                ),
                Column("perpindahan", _("Perpindahan dilaksanakan"), people=True),
                Column(
                    "memperluas_pengalaman", _("Memperluas pengalaman"), people=True
                ),
                Column(
                    "persen_memperluas",
                    _("Memperluas pengalaman (%)"),
                    share_of="perpindahan",
                ),
            ],
            scopes,
            lambda s: [
                s.rotation.posts,
                s.rotation.overdue,
                s.rotation.overdue_share,
                s.rotation.moves,
                s.rotation.widening,
                s.rotation.widening_share,
            ],
        ),
        _table(
            "competency",
            _("Pengembangan kompetensi"),
            [
                Column("pegawai", _("Pegawai"), people=True),
                Column("memenuhi_jp", _("Memenuhi %(n)s JP") % {"n": jp}, people=True),
                Column("persen_memenuhi_jp", _("Memenuhi (%)"), share_of="pegawai"),
                Column(
                    "ikut_sosialisasi_reformasi",
                    _("Mengikuti sosialisasi reformasi"),
                    people=True,
                ),
                Column(
                    "persen_sosialisasi_reformasi",
                    _("Terjangkau sosialisasi (%)"),
                    share_of="pegawai",
                ),
            ],
            scopes,
            lambda s: [
                s.competency.employees,
                s.competency.meeting,
                s.competency.meeting_share,
                s.competency.socialised,
                s.competency.socialised_share,
            ],
        ),
        _table(
            "appraisal",
            _("Penilaian kinerja"),
            [
                Column("skp", _("SKP"), people=True),
                Column("dinilai", _("Dinilai"), people=True),
                Column("persen_dinilai", _("Dinilai (%)"), share_of="skp"),
                Column(
                    "dinilai_tepat_waktu",
                    _("Dinilai tepat waktu (≤ %(n)s hari setelah periode)")
                    % {"n": settings.REFORM_APPRAISAL_DUE_DAYS},
                    people=True,
                ),
                Column(
                    "persen_dinilai_tepat_waktu",
                    _("Tepat waktu (%)"),
                    share_of="skp",
                ),
            ]
            + [
                Column(
                    f"persen_{p.lower()}",
                    _("%(p)s (%%)") % {"p": predikat_labels[p]},
                    share_of="dinilai",
                    distribution="predikat",
                )
                for p in PREDIKATS
            ]
            + [
                Column("predikat_organisasi", _("Predikat organisasi")),
                Column("pola_distribusi", _("Sesuai pola distribusi")),
                Column("keberatan", _("Keberatan"), people=True),
                Column("keberatan_belum_diputus", _("Belum diputus"), people=True),
                Column("keberatan_tetap", _("Tetap"), people=True),
                Column("keberatan_diubah", _("Diubah"), people=True),
            ],
            scopes,
            lambda s: (
                [
                    s.appraisal.skps,
                    s.appraisal.rated,
                    s.appraisal.rated_share,
                    s.appraisal.on_time,
                    s.appraisal.on_time_share,
                ]
                + [s.appraisal.predikat_share(p) for p in PREDIKATS]
                + [
                    str(dict(rules.OrgRating.choices).get(s.appraisal.org_rating, ""))
                    if s.appraisal.org_rating
                    else None,
                    (
                        _("Ya")
                        if not s.appraisal.breaches
                        else _("Tidak: %(b)s") % {"b": " ".join(s.appraisal.breaches)}
                    )
                    if s.appraisal.org_rating
                    else None,
                    s.appraisal.objections,
                    s.appraisal.objections_pending,
                    s.appraisal.objections_kept,
                    s.appraisal.objections_changed,
                ]
            ),
        ),
        _table(
            "public",
            _("Pelayanan publik"),
            [
                Column("pengaduan", _("Pengaduan dan masukan"), people=True),
                Column("dijawab", _("Dijawab"), people=True),
                Column("dijawab_tepat_waktu", _("Tepat waktu"), people=True),
                Column("persen_tepat_waktu", _("Tepat waktu (%)"), share_of="dijawab"),
                Column("ikm_unit", _("IKM unit")),
                Column("mutu_unit", _("Mutu")),
                Column("unit_ber_ikm", _("Unit dengan IKM")),
                Column("ikm_rata_rata", _("Rata-rata IKM")),
                Column("mutu_rata_rata", _("Mutu rata-rata")),
            ],
            scopes,
            lambda s: [
                s.public.feedback,
                s.public.answered,
                s.public.on_time,
                s.public.on_time_share,
                s.public.ikm,
                s.public.band or None,
                s.public.ikm_units,
                s.public.ikm_mean,
                s.public.mean_band or None,
            ],
        ),
    ]
    return {t.key: t for t in tables}


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # a percentage, None when hidden or not available
    shown: str  # the cell as the table shows it

    @property
    def width(self) -> float:
        """The bar's length out of 100 (an overfilled unit stops at the edge)."""
        return min(max(self.value or 0.0, 0.0), 100.0)


# The one share per family drawn as a bar chart beside its table.
CHARTED = {"workforce": "persen_terisi", "competency": "persen_memenuhi_jp"}


def chart_bars(table: Table) -> list[Bar]:
    """Bars for the table's charted share column, one per row (empty: no chart)."""
    code = CHARTED.get(table.key)
    codes = [c.code for c in table.columns]
    if code not in codes:
        return []
    index = codes.index(code)
    bars = []
    for row in table.rows:
        cell = row.cells[index]
        value = float(cell) if isinstance(cell, (int, float)) else None
        bars.append(Bar(row.name, value, "—" if cell is None else str(cell)))
    return bars


# The trend's columns: code, label, the value, and for the public pages the
# people it stands for and the base of the share (None: not about people).
TREND_COLUMNS = (
    (
        "persen_terisi",
        _lazy("Keterisian (%)"),
        lambda s: s.workforce.fill_share,
        lambda s: (s.workforce.filled, s.workforce.filled),
    ),
    (
        "melewati_batas_rotasi",
        _lazy("Melewati batas rotasi"),
        lambda s: s.rotation.overdue,
        lambda s: (s.rotation.overdue, minimum()),
    ),
    (
        "persen_memperluas",
        _lazy("Perpindahan memperluas pengalaman (%)"),
        lambda s: s.rotation.widening_share,
        lambda s: (s.rotation.widening, s.rotation.moves),
    ),
    (
        "persen_memenuhi_jp",
        _lazy("Memenuhi JP (%)"),
        lambda s: s.competency.meeting_share,
        lambda s: (s.competency.meeting, s.competency.employees),
    ),
    (
        "persen_sosialisasi",
        _lazy("Terjangkau sosialisasi reformasi (%)"),
        lambda s: s.competency.socialised_share,
        lambda s: (s.competency.socialised, s.competency.employees),
    ),
    (
        "persen_dinilai",
        _lazy("Penilaian selesai (%)"),
        lambda s: s.appraisal.rated_share,
        lambda s: (s.appraisal.rated, s.appraisal.skps),
    ),
    (
        "persen_dinilai_tepat_waktu",
        _lazy("Penilaian tepat waktu (%)"),
        lambda s: s.appraisal.on_time_share,
        lambda s: (s.appraisal.on_time, s.appraisal.skps),
    ),
    (
        "persen_tepat_waktu",
        _lazy("Dijawab tepat waktu (%)"),
        lambda s: s.public.on_time_share,
        None,
    ),
    ("ikm_rata_rata", _lazy("Rata-rata IKM"), lambda s: s.public.ikm_mean, None),
)


def trend_table(
    series: list[tuple[int, UnitIndicators]], public: bool = False
) -> Table:
    """Headline figures of one scope for each year, oldest first. On the public
    page a figure standing for 1..N-1 people, or a share of fewer than N, shows
    "< N"."""
    table = Table(
        "trend",
        _("Tren per tahun"),
        [Column(code, str(label)) for code, label, _v, _p in TREND_COLUMNS],
        row_label=_("Tahun"),
    )
    for year, s in series:
        cells = []
        for _code, _label, value, people in TREND_COLUMNS:
            cell = value(s)
            if public and people is not None and cell is not None:
                part, base = people(s)
                if _small(part) or base < minimum():
                    cell = hidden_label()
            cells.append(cell)
        table.rows.append(Row(str(year), str(year), cells))
    return table


# ---------------------------------------------------------------- public


# Columns that never leave the office (the pattern's wording names predikat
# groups of a unit; the organisation rating is the unit's, and may stay).
PRIVATE_COLUMNS = {"pola_distribusi"}


def public_tables(
    city: UnitIndicators, children: list[UnitIndicators]
) -> dict[str, Table]:
    """The transparency page's tables: the city and its perangkat daerah, each
    cell under the minimum-group rule."""
    scopes = [city, *children]
    residual = city.headcount - sum(s.headcount for s in scopes[1:])
    hidden = _hidden_units(scopes[1:], residual)
    tables = build_tables(scopes)
    for table in tables.values():
        keep = [i for i, c in enumerate(table.columns) if c.code not in PRIVATE_COLUMNS]
        table.columns = [table.columns[i] for i in keep]
        for row, scope in zip(table.rows, scopes, strict=True):
            row.cells = [row.cells[i] for i in keep]
            is_hidden = scope.unit is not None and scope.unit.pk in hidden
            # Citizens' feedback and the published IKM are not figures of the
            # unit's employees; they follow the cell rule only.
            if is_hidden and table.key != "public":
                row.hidden = True
                row.cells = [hidden_label()] * len(row.cells)
            else:
                row.cells = _suppress(table.columns, row.cells)
    return tables


def _hidden_units(children: list[UnitIndicators], residual: int = 0) -> set[int]:
    """Units under the minimum, and then the smallest others until the hidden
    ones together reach the minimum and are more than one: otherwise the city's
    total minus the units shown would give a hidden unit's (or a small group's)
    figures. `residual` is the people counted in the city but in none of the
    rows (e.g. seats of the root unit itself): a small residual is a hidden
    group too, so one row more is hidden to cover it."""
    hidden = {s.unit.pk: s.headcount for s in children if s.headcount < minimum()}
    if 0 < residual < minimum():
        hidden[0] = residual  # no unit has pk 0
    others = sorted(
        (s for s in children if s.unit.pk not in hidden), key=lambda s: s.headcount
    )
    while hidden and others and (len(hidden) == 1 or sum(hidden.values()) < minimum()):
        extra = others.pop(0)
        hidden[extra.unit.pk] = extra.headcount
    hidden.pop(0, None)
    return set(hidden)


def _small(value) -> bool:
    return isinstance(value, int) and 0 < value < minimum()


def _suppress(columns: list[Column], cells: list) -> list:
    hide = hidden_label()
    out = list(cells)
    by_code = {c.code: i for i, c in enumerate(columns)}
    for i, column in enumerate(columns):
        if column.people and _small(cells[i]):
            out[i] = hide
        elif column.share_of and cells[i] is not None:
            # A share on fewer than N people, or standing for 1..N-1 of them,
            # would give the hidden count away.
            base = cells[by_code[column.share_of]]
            too_few = not isinstance(base, int) or base < minimum()
            if too_few or _small(round(float(cells[i]) * base / 100)):
                out[i] = hide
    groups: dict[str, list[int]] = {}
    for i, column in enumerate(columns):
        if column.distribution:
            groups.setdefault(column.distribution, []).append(i)
    indexes = [i for group in groups.values() for i in group]
    values = {i: out[i] if isinstance(out[i], (int, float)) else 0 for i in indexes}
    already = {i for i in indexes if out[i] == hide}
    for i in suppress_cells(values, list(groups.values()), already):
        out[i] = hide
    return out


def suppress_cells(values: dict, groups: list[list], hidden: set | None = None) -> set:
    """The cells to hide: those `hidden` already, those of 1..N-1 people, then,
    until nothing changes, the smallest shown non-zero cell of any group (a
    set of cells whose total is published) that has exactly one hidden cell:
    otherwise the total minus the shown cells would give it away."""
    hidden = set(hidden or ()) | {k for k, v in values.items() if _small(v)}
    changed = True
    while changed:
        changed = False
        for group in groups:
            gone = [k for k in group if k in hidden]
            shown = [k for k in group if k not in hidden and values[k] > 0]
            if len(gone) == 1 and shown:
                hidden.add(min(shown, key=lambda k: (values[k], k)))
                changed = True
    return hidden


def band_code(band: str) -> str:
    """An age band as an indicator code: "<30" -> "di_bawah_30", "25-29" ->
    "25_29", "50+" -> "50_ke_atas"."""
    if band.startswith("<"):
        return f"di_bawah_{band[1:]}"
    if band.endswith("+"):
        return f"{band[:-1]}_ke_atas"
    return band.replace("-", "_")


def _slug(text: str) -> str:
    if text == "-":
        return "tidak_tercatat"
    return "".join(ch.lower() if ch.isalnum() else "_" for ch in text).strip("_")


__all__ = ["FAMILIES", "Table", "build_tables", "public_tables", "trend_table"]
