"""The SKP document and the evaluation document (PermenPANRB 6/2022 forms;
domain.md 5.2): their content for the print pages and the same as A4 PDFs.
No HTTP here.

Both open with the header table of the three people (pegawai yang dinilai,
pejabat penilai kinerja, atasan pejabat penilai kinerja) as frozen on the SKP,
then the work results (A. Utama, B. Tambahan) and the seven BerAKHLAK values.
The evaluation adds the realisation and feedback, the two ratings with their
justifications, the predikat from the matrix and, after an objection, the
original result beside the decided one. A document not yet agreed (SKP) or not
yet rated (evaluation) is marked KONSEP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from xml.sax.saxutils import escape

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from performance.models import (
    BehaviourExpectation,
    Checkpoint,
    Feedback,
    Indicator,
    Objection,
    PlannedResult,
    Realisation,
    Skp,
    UnitResult,
)
from performance.rules import BEHAVIOUR_GUIDE, BerakhlakValue, OrgRating
from positions.decree import long_date

PLACE = "Sawahlunto"
GOVERNMENT = "PEMERINTAH KOTA SAWAHLUNTO"
DRAFT_MARK = "KONSEP"
BLANK = "—"
PEOPLE = (
    ("employee", "PEGAWAI YANG DINILAI"),
    ("appraiser", "PEJABAT PENILAI KINERJA"),
    ("superior", "ATASAN PEJABAT PENILAI KINERJA"),
)
PERSON_FIELDS = (
    ("name", "Nama"),
    ("nip", "NIP"),
    ("rank", "Pangkat/Gol. Ruang"),
    ("position", "Jabatan"),
    ("unit", "Unit Kerja"),
)
SKP_HEADER = (
    "No",
    "Rencana Hasil Kerja Pimpinan yang Diintervensi",
    "Rencana Hasil Kerja",
    "Aspek",
    "Indikator Kinerja Individu",
    "Target",
)
EVALUATION_HEADER = (
    *SKP_HEADER,
    "Realisasi Berdasarkan Bukti Dukung",
    "Umpan Balik Berkelanjutan Berdasarkan Bukti Dukung",
)
# The realisation shown on the annual document: the annual one, else the latest.
REALISATION_ORDER = (
    Checkpoint.ANNUAL,
    Checkpoint.TW4,
    Checkpoint.TW3,
    Checkpoint.TW2,
    Checkpoint.TW1,
)


@dataclass(frozen=True)
class Row:
    """One indicator line; the RHK cells only on its first indicator (`span`
    lines, 0 on the following ones)."""

    number: str
    parent: str
    rhk: str
    aspect: str
    indicator: str
    target: str
    span: int
    realisation: str = ""
    feedback: str = ""


@dataclass(frozen=True)
class Section:
    letter: str
    title: str
    rows: list[Row]


@dataclass(frozen=True)
class Value:
    number: int
    label: str
    guide: tuple[str, ...]
    expectation: str
    feedback: str = ""


@dataclass(frozen=True)
class Signature:
    role: str
    name: str
    nip: str


@dataclass
class Document:
    skp: Skp
    title_lines: list[str]
    period_line: str
    people: list[tuple[str, dict]]
    person_fields: tuple = PERSON_FIELDS
    approach: str = ""
    sections: list[Section] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    signed_on: str = ""
    is_draft: bool = False
    draft_mark: str = DRAFT_MARK
    place: str = PLACE

    @property
    def people_rows(self) -> list[tuple[str, list[str]]]:
        """(label, one value per person) for the header table."""
        return [
            (label, [person.get(key) or BLANK for _title, person in self.people])
            for key, label in self.person_fields
        ]


def _day(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value else None


def _people(skp: Skp) -> list[tuple[str, dict]]:
    header = skp.header or {}
    return [(title, header.get(key) or {}) for key, title in PEOPLE]


def _signature(skp: Skp, key: str, role: str) -> Signature:
    person = (skp.header or {}).get(key) or {}
    return Signature(
        role, person.get("name") or "(......................)", person.get("nip", "")
    )


def _period_line(skp: Skp) -> str:
    period = skp.period
    return (
        f"PERIODE PENILAIAN: {long_date(period.start_date).upper()} SD "
        f"{long_date(period.end_date).upper()}"
    )


def _results(skp: Skp) -> list[PlannedResult]:
    """The RHK with their cascade parent, indicators and realisations (3 queries)."""
    return list(
        PlannedResult.objects.filter(skp=skp)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("realisations", queryset=Realisation.objects.all())
                ),
            )
        )
    )


def _realisation(indicator: Indicator) -> str:
    by_checkpoint = {r.checkpoint: r for r in indicator.realisations.all()}
    for checkpoint in REALISATION_ORDER:
        if checkpoint in by_checkpoint:
            found = by_checkpoint[checkpoint]
            return f"{found.text} ({found.get_checkpoint_display()})"
    return ""


def _feedback_text(items: list[Feedback]) -> str:
    return "; ".join(f"{f.given_on:%d-%m-%Y}: {f.text}" for f in items)


def _sections(
    results: list[PlannedResult], feedback: dict[int, list[Feedback]] | None = None
) -> list[Section]:
    sections = []
    for letter, kind in (
        ("A", PlannedResult.Kind.MAIN),
        ("B", PlannedResult.Kind.ADDITIONAL),
    ):
        rows = []
        of_kind = [r for r in results if r.kind == kind]
        for number, rhk in enumerate(of_kind, start=1):
            indicators = list(rhk.indicators.all()) or [None]
            for index, indicator in enumerate(indicators):
                first = index == 0
                rows.append(
                    Row(
                        number=str(number) if first else "",
                        parent=(rhk.parent.text if rhk.parent else BLANK)
                        if first
                        else "",
                        rhk=rhk.text if first else "",
                        aspect=indicator.get_aspect_display() if indicator else "",
                        indicator=indicator.text if indicator else "",
                        target=indicator.target if indicator else "",
                        span=len(indicators) if first else 0,
                        realisation=_realisation(indicator) if indicator else "",
                        feedback=_feedback_text((feedback or {}).get(rhk.pk, []))
                        if first
                        else "",
                    )
                )
        title = "UTAMA" if kind == PlannedResult.Kind.MAIN else "TAMBAHAN"
        sections.append(Section(letter, title, rows))
    return sections


def _values(skp: Skp, feedback: dict[str, list[Feedback]] | None = None) -> list[Value]:
    expectations = dict(
        BehaviourExpectation.objects.filter(skp=skp).values_list("value", "text")
    )
    return [
        Value(
            number=number,
            label=str(label),
            guide=tuple(str(line) for line in BEHAVIOUR_GUIDE[value]),
            expectation=expectations.get(value, ""),
            feedback=_feedback_text((feedback or {}).get(value, [])),
        )
        for number, (value, label) in enumerate(BerakhlakValue.choices, start=1)
    ]


def skp_context(skp: Skp) -> dict:
    """The SKP document: header, work results, behaviour, signatures."""
    agreed_on = max(
        (d for d in (skp.employee_agreed_at, skp.appraiser_agreed_at) if d),
        default=None,
    )
    document = Document(
        skp=skp,
        title_lines=[
            "SASARAN KINERJA PEGAWAI",
            f"PENDEKATAN HASIL KERJA {skp.get_approach_display().upper()}",
            GOVERNMENT,
        ],
        period_line=_period_line(skp),
        people=_people(skp),
        approach=skp.get_approach_display(),
        sections=_sections(_results(skp)),
        values=_values(skp),
        signatures=[
            _signature(skp, "employee", "Pegawai yang Dinilai"),
            _signature(skp, "appraiser", "Pejabat Penilai Kinerja"),
        ],
        signed_on=long_date(_day(agreed_on) if skp.is_agreed else None),
        is_draft=not skp.is_agreed,
    )
    return {"doc": document, "skp": skp, "version": skp.version}


def evaluation_context(skp: Skp) -> dict:
    """The annual evaluation document: the SKP with realisation and feedback, the
    ratings, the predikat and, after an objection, the original result too.
    `skp` comes with its evaluation and objection selected."""
    evaluation = getattr(skp, "evaluation", None)
    objection: Objection | None = (
        getattr(evaluation, "objection", None) if evaluation else None
    )
    feedback = list(Feedback.objects.filter(skp=skp).order_by("given_on", "pk"))
    by_rhk: dict[int, list[Feedback]] = {}
    by_value: dict[str, list[Feedback]] = {}
    for item in feedback:
        if item.rhk_id:
            by_rhk.setdefault(item.rhk_id, []).append(item)
        else:
            by_value.setdefault(item.value, []).append(item)
    org_rating = (
        UnitResult.objects.filter(period_id=skp.period_id, unit_id=skp.unit_id)
        .values_list("org_rating", flat=True)
        .first()
        if skp.unit_id
        else None
    )
    signatures = [
        _signature(skp, "appraiser", "Pejabat Penilai Kinerja"),
        _signature(skp, "employee", "Pegawai yang Dinilai"),
    ]
    decided = objection is not None and objection.status == Objection.Status.DECIDED
    if decided:
        signatures.append(_signature(skp, "superior", "Atasan Pejabat Penilai Kinerja"))
    document = Document(
        skp=skp,
        title_lines=[
            "EVALUASI KINERJA PEGAWAI",
            f"PENDEKATAN HASIL KERJA {skp.get_approach_display().upper()}",
            GOVERNMENT,
        ],
        period_line=f"{_period_line(skp)} · PERIODE: TAHUNAN",
        people=_people(skp),
        approach=skp.get_approach_display(),
        sections=_sections(_results(skp), by_rhk),
        values=_values(skp, by_value),
        signatures=signatures,
        signed_on=long_date(_day(evaluation.rated_at) if evaluation else None),
        is_draft=evaluation is None,
    )
    return {
        "doc": document,
        "skp": skp,
        "evaluation": evaluation,
        "objection": objection if decided else None,
        "org_rating": OrgRating(org_rating).label if org_rating else BLANK,
        "work_results_rating": (
            evaluation.get_work_results_rating_display() if evaluation else BLANK
        ),
        "work_results_justification": (
            evaluation.work_results_justification if evaluation else ""
        ),
        "behaviour_rating": (
            evaluation.get_behaviour_rating_display() if evaluation else BLANK
        ),
        "behaviour_justification": (
            evaluation.behaviour_justification if evaluation else ""
        ),
        "predikat": evaluation.get_predikat_display() if evaluation else BLANK,
    }


def filename(skp: Skp, kind: str) -> str:
    name = slugify((skp.header.get("employee") or {}).get("name", "")) or skp.pk
    return f"{kind}-{skp.period.year}-{name}.pdf"


# ---------------------------------------------------------------- PDF


def _pdf(ctx: dict, evaluation: bool) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    doc: Document = ctx["doc"]
    pagesize = landscape(A4) if evaluation else A4
    width = pagesize[0] - 24 * mm
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=11)
    title = ParagraphStyle(
        "title", parent=base, alignment=TA_CENTER, fontName="Helvetica-Bold"
    )
    cell = ParagraphStyle("cell", parent=base, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold")
    bold = ParagraphStyle("bold", parent=base, fontName="Helvetica-Bold")

    def p(text: str, style=cell) -> Paragraph:
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    grid = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    shaded = ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef"))

    story: list = []
    if doc.is_draft:
        story.append(p(doc.draft_mark, title))
    story += [p(line, title) for line in doc.title_lines]
    story += [p(doc.period_line, title), Spacer(1, 4 * mm)]

    # The people.
    people = [[p("", head)] + [p(t, head) for t, _person in doc.people]]
    for label, values in doc.people_rows:
        people.append([p(label, cell)] + [p(value, cell) for value in values])
    person_width = (width - 32 * mm) / len(doc.people)
    table = Table(people, colWidths=[32 * mm] + [person_width] * len(doc.people))
    table.setStyle(TableStyle([*grid, shaded]))
    story += [table, Spacer(1, 4 * mm)]
    if evaluation:
        story += [
            p(f"CAPAIAN KINERJA ORGANISASI: {ctx['org_rating']}", bold),
            Spacer(1, 3 * mm),
        ]

    # The work results.
    story.append(p("HASIL KERJA", bold))
    headers = EVALUATION_HEADER if evaluation else SKP_HEADER
    fractions = (
        (0.04, 0.14, 0.15, 0.07, 0.15, 0.09, 0.18, 0.18)
        if evaluation
        else (0.05, 0.2, 0.24, 0.1, 0.26, 0.15)
    )
    for section in doc.sections:
        rows = [[p(h, head) for h in headers]]
        spans = []
        for row in section.rows:
            line = [
                row.number,
                row.parent,
                row.rhk,
                row.aspect,
                row.indicator,
                row.target,
            ]
            if evaluation:
                line += [row.realisation, row.feedback]
            rows.append([p(value) for value in line])
            if row.span > 1:
                top, bottom = len(rows) - 1, len(rows) - 2 + row.span
                spans += [("SPAN", (c, top), (c, bottom)) for c in (0, 1, 2)]
                if evaluation:
                    spans.append(("SPAN", (7, top), (7, bottom)))
        if not section.rows:
            rows.append([p(BLANK)] + [""] * (len(headers) - 1))
        table = Table(
            rows, colWidths=[f * width for f in fractions], repeatRows=1, hAlign="LEFT"
        )
        table.setStyle(TableStyle([*grid, shaded, *spans]))
        story += [
            Spacer(1, 2 * mm),
            p(f"{section.letter}. {section.title}", bold),
            table,
        ]
    if evaluation:
        story += [
            Spacer(1, 2 * mm),
            p(f"RATING HASIL KERJA: {ctx['work_results_rating']}", bold),
        ]
        if ctx["work_results_justification"]:
            story.append(p(f"Alasan: {ctx['work_results_justification']}", base))

    # The behaviour.
    story += [Spacer(1, 4 * mm), p("PERILAKU KERJA", bold), Spacer(1, 2 * mm)]
    behaviour_headers = [
        "No",
        "Perilaku Kerja (BerAKHLAK)",
        "Ekspektasi Khusus Pimpinan",
    ]
    behaviour_fractions = [0.05, 0.55, 0.4]
    if evaluation:
        behaviour_headers.append("Umpan Balik Berkelanjutan")
        behaviour_fractions = [0.04, 0.4, 0.28, 0.28]
    rows = [[p(h, head) for h in behaviour_headers]]
    for value in doc.values:
        guide = "\n".join(f"- {line}" for line in value.guide)
        line = [str(value.number), f"{value.label}\n{guide}", value.expectation]
        if evaluation:
            line.append(value.feedback)
        rows.append([p(text) for text in line])
    table = Table(
        rows, colWidths=[f * width for f in behaviour_fractions], repeatRows=1
    )
    table.setStyle(TableStyle([*grid, shaded]))
    story.append(table)
    if evaluation:
        story += [
            Spacer(1, 2 * mm),
            p(f"RATING PERILAKU KERJA: {ctx['behaviour_rating']}", bold),
        ]
        if ctx["behaviour_justification"]:
            story.append(p(f"Alasan: {ctx['behaviour_justification']}", base))
        story += [
            Spacer(1, 3 * mm),
            p(f"PREDIKAT KINERJA PEGAWAI: {ctx['predikat']}", bold),
        ]
        objection = ctx["objection"]
        if objection is not None:
            story.append(
                p(
                    "Ditetapkan atas keberatan pegawai pada "
                    f"{long_date(_day(objection.decided_at))} "
                    f"(keputusan: {objection.get_decision_display()}): "
                    f"{objection.decision_reason}. Hasil semula: rating hasil kerja "
                    f"{objection.get_original_work_results_rating_display()}, rating "
                    "perilaku kerja "
                    f"{objection.get_original_behaviour_rating_display()}, predikat "
                    f"{objection.get_original_predikat_display()}.",
                    base,
                )
            )

    # Signatures.
    blocks = []
    for index, signature in enumerate(doc.signatures):
        lines = [
            f"{doc.place}, {doc.signed_on}" if index == 0 else "",
            f"{signature.role},",
        ]
        blocks.append(
            [p(line, base) for line in lines]
            + [Spacer(1, 16 * mm), p(signature.name, bold), p(f"NIP {signature.nip}")]
        )
    signature_table = Table(
        [blocks], colWidths=[width / len(blocks)] * len(blocks), hAlign="CENTER"
    )
    signature_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(KeepTogether([Spacer(1, 8 * mm), signature_table]))

    def on_page(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(
            pagesize[0] - 12 * mm, 8 * mm, f"Halaman {canvas.getPageNumber()}"
        )
        if doc.is_draft:
            canvas.setFillColor(colors.Color(0.75, 0.75, 0.75, alpha=0.35))
            canvas.setFont("Helvetica-Bold", 90)
            canvas.translate(pagesize[0] / 2, pagesize[1] / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, 0, doc.draft_mark)
        canvas.restoreState()

    buffer = BytesIO()
    name = (doc.skp.header.get("employee") or {}).get("name", "")
    SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=15 * mm,
        title=f"{doc.title_lines[0].title()} {doc.skp.period.year} {name}",
        author="BKPSDM Kota Sawahlunto",
    ).build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def skp_pdf(skp: Skp) -> bytes:
    return _pdf(skp_context(skp), evaluation=False)


def evaluation_pdf(skp: Skp) -> bytes:
    return _pdf(evaluation_context(skp), evaluation=True)
