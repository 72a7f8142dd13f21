"""The Indeks Kepuasan Masyarakat of PermenPANRB 14/2017 (domain.md 8.1), as pure
functions.

    NRR per element  = sum of its scores / respondents          (4 decimals)
    mean NRR         = sum of the nine NRR / 9, i.e. weight 1/9 (4 decimals)
    IKM              = mean NRR x 25                            (2 decimals)

Only the IKM is rounded to what is published; the intermediate values keep the
4 decimals the regulation's worked examples carry. Arithmetic is `Decimal` with
ROUND_HALF_UP because that is how the published reports and the spreadsheets
that check them round (Excel's ROUND, PostgreSQL's round(numeric)): binary
floats cannot hold 91.475 and `round()` would publish 91.47 where the
regulation's example says 91.48, and half-even would move an IKM that ends in
...5 down across a band boundary.

The band is read from the IKM on its conversion scale (88.31, 76.61, 65.00),
not from the NRR column of the regulation's table, whose own bounds
(3.5324 vs 88.31 / 25 = 3.5324, 3.064 vs 76.60 / 25 = 3.064) do not meet
without a gap.

The nine elements are stored by name, not by position, so the display order
(setting COMMUNITY_SKM_ELEMENTS) can change without reinterpreting stored
answers. The IKM is an unweighted mean, so the order never changes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

FOUR_PLACES = Decimal("0.0001")
TWO_PLACES = Decimal("0.01")
CONVERSION = Decimal(25)
SCORES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Element:
    """One unsur of the questionnaire: `code` names the stored score column."""

    code: str
    label: str
    question: str

    @property
    def field(self) -> str:
        return f"score_{self.code}"


# In the regulation's order (domain.md 8.1). Items 8 and 9 are in the order
# domain.md lists them; some applications swap them and the source is
# unverified, hence the setting.
ELEMENTS: dict[str, Element] = {
    e.code: e
    for e in (
        Element(
            "requirements",
            _("Persyaratan"),
            _("Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        ),
        Element(
            "procedure",
            _("Sistem, Mekanisme, dan Prosedur"),
            _("Bagaimana kemudahan prosedur pelayanan di unit ini?"),
        ),
        Element(
            "time",
            _("Waktu Penyelesaian"),
            _("Bagaimana kecepatan waktu dalam memberikan pelayanan?"),
        ),
        Element(
            "cost",
            _("Biaya/Tarif"),
            _("Bagaimana kewajaran biaya/tarif dalam pelayanan?"),
        ),
        Element(
            "product",
            _("Produk Spesifikasi Jenis Pelayanan"),
            _(
                "Bagaimana kesesuaian produk pelayanan antara yang tercantum dalam "
                "standar pelayanan dengan hasil yang diberikan?"
            ),
        ),
        Element(
            "competence",
            _("Kompetensi Pelaksana"),
            _("Bagaimana kompetensi/kemampuan petugas dalam pelayanan?"),
        ),
        Element(
            "behaviour",
            _("Perilaku Pelaksana"),
            _(
                "Bagaimana perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"
            ),
        ),
        Element(
            "complaints",
            _("Penanganan Pengaduan, Saran dan Masukan"),
            _("Bagaimana penanganan pengaduan, saran, dan masukan di unit ini?"),
        ),
        Element(
            "facilities",
            _("Sarana dan Prasarana"),
            _("Bagaimana kualitas sarana dan prasarana pelayanan?"),
        ),
    )
}
DEFAULT_ORDER = tuple(ELEMENTS)

SCORE_LABELS = {
    1: _("Tidak baik"),
    2: _("Kurang baik"),
    3: _("Baik"),
    4: _("Sangat baik"),
}


def elements() -> list[Element]:
    """The nine elements in the configured order (COMMUNITY_SKM_ELEMENTS)."""
    order = list(getattr(settings, "COMMUNITY_SKM_ELEMENTS", None) or DEFAULT_ORDER)
    if sorted(order) != sorted(DEFAULT_ORDER):
        raise ImproperlyConfigured(
            "COMMUNITY_SKM_ELEMENTS must list each of these once: "
            + ", ".join(DEFAULT_ORDER)
        )
    return [ELEMENTS[code] for code in order]


def min_respondents() -> int:
    return int(settings.COMMUNITY_SKM_MIN_RESPONDENTS)


# ---------------------------------------------------------------- bands


@dataclass(frozen=True)
class Band:
    """Mutu pelayanan (A-D) and kinerja unit pelayanan for an IKM."""

    grade: str
    label: str
    lower: Decimal  # lowest IKM of the band, inclusive

    @property
    def css(self) -> str:
        return {"A": "success", "B": "primary", "C": "warning", "D": "danger"}[
            self.grade
        ]


BANDS = (
    Band("A", _("Sangat Baik"), Decimal("88.31")),
    Band("B", _("Baik"), Decimal("76.61")),
    Band("C", _("Kurang Baik"), Decimal("65.00")),
    Band("D", _("Tidak Baik"), Decimal("25.00")),
)


def band_for(ikm: Decimal) -> Band:
    """The band of a published (2-decimal) IKM; 88.30 is B, 88.31 is A."""
    ikm = Decimal(ikm).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return next((b for b in BANDS if ikm >= b.lower), BANDS[-1])


# ---------------------------------------------------------------- formula


def nrr(total: int | Decimal, respondents: int) -> Decimal:
    """Nilai rata-rata of one element, to 4 decimals."""
    if respondents <= 0:
        raise ValueError("NRR needs at least one respondent")
    return (Decimal(total) / Decimal(respondents)).quantize(
        FOUR_PLACES, rounding=ROUND_HALF_UP
    )


def mean_nrr(nrrs: Sequence[Decimal]) -> Decimal:
    """Σ NRR x 1/9 (the NRR tertimbang total), to 4 decimals."""
    if len(nrrs) != len(ELEMENTS):
        raise ValueError(f"expected {len(ELEMENTS)} NRR, got {len(nrrs)}")
    return (sum(nrrs, Decimal(0)) / Decimal(len(nrrs))).quantize(
        FOUR_PLACES, rounding=ROUND_HALF_UP
    )


def ikm_from_nrr(nrrs: Sequence[Decimal]) -> Decimal:
    """The IKM, rounded once, at the end, to 2 decimals."""
    return (mean_nrr(nrrs) * CONVERSION).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Result:
    """A unit's SKM result for a period. While fewer than the minimum answered,
    `is_public` is False and the figures stay unpublished (None)."""

    respondents: int
    nrr: dict[str, Decimal] | None
    ikm: Decimal | None
    band: Band | None
    minimum: int

    @property
    def is_public(self) -> bool:
        return self.ikm is not None

    def nrr_rows(self) -> list[tuple[Element, Decimal]]:
        """(element, NRR) in the configured order; empty while unpublished."""
        if self.nrr is None:
            return []
        return [(e, self.nrr[e.code]) for e in elements()]


def result_from_totals(
    totals: Mapping[str, int], respondents: int, *, minimum: int | None = None
) -> Result:
    """The result from the per-element score sums; hidden below the minimum."""
    minimum = min_respondents() if minimum is None else minimum
    if respondents < max(minimum, 1):
        return Result(respondents, None, None, None, minimum)
    nrrs = {code: nrr(totals[code], respondents) for code in ELEMENTS}
    ikm = ikm_from_nrr(list(nrrs.values()))
    return Result(respondents, nrrs, ikm, band_for(ikm), minimum)


def result_from_scores(
    answers: Iterable[Mapping[str, int]], *, minimum: int | None = None
) -> Result:
    """The result from raw answers ({element code: score} each)."""
    totals = dict.fromkeys(ELEMENTS, 0)
    respondents = 0
    for answer in answers:
        respondents += 1
        for code in ELEMENTS:
            score = answer[code]
            if score not in SCORES:
                raise ValueError(f"score {score!r} for {code} is not 1-4")
            totals[code] += score
    return result_from_totals(totals, respondents, minimum=minimum)
