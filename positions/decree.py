"""The SK (surat keputusan) of a rotation batch: the decree texts, its attachment
listing the moves, and the same document as an A4 PDF. No HTTP here.

The document follows the form of an Indonesian regional decree: heading
(KEPUTUSAN ... NOMOR ... TENTANG ...), considerations (Menimbang, Mengingat),
decisions (MEMUTUSKAN / Menetapkan, KESATU ...), signature block, then the
attachment table. A batch without a decree number is a draft and is marked KONSEP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.text import slugify

from positions.models import Move, RotationBatch

PLACE = "Sawahlunto"
DEFAULT_SIGNATORY = "WALI KOTA SAWAHLUNTO"
DRAFT_MARK = "KONSEP"
SUBJECT = (
    "PEMINDAHAN/ROTASI PEGAWAI NEGERI SIPIL DI LINGKUNGAN PEMERINTAH KOTA SAWAHLUNTO"
)
BLANK_NUMBER = "...."
BLANK_DATE = ".................."
SIGNATURE_BLANK = "(......................................)"
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ATTACHMENT_HEADER = (
    "No",
    "Nama",
    "NIP",
    "Pangkat/Gol",
    "Jabatan lama",
    "Jabatan baru",
    "TMT",
)


def long_date(day: date | None) -> str:
    """1 Juli 2025, independent of the active language."""
    if day is None:
        return BLANK_DATE
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def suggest_decree_number(batch: RotationBatch, sequence: int | str) -> str:
    """The decree number from settings.ROTATION_DECREE_NUMBER_PATTERN: {seq} is the
    running number, {year} the year of the decree date (else of the TMT)."""
    year = (batch.decree_date or batch.effective_date).year
    return settings.ROTATION_DECREE_NUMBER_PATTERN.format(seq=sequence, year=year)


@dataclass(frozen=True)
class DecreeRow:
    number: int
    name: str
    nip: str
    rank: str
    old_position: str
    new_position: str
    tmt: str


def position_label(position) -> str:
    if position is None:
        return "—"
    return f"{position.title}, {position.unit.name}"


def decree_rows(batch: RotationBatch) -> list[DecreeRow]:
    """One row per move, read in a single query."""
    moves = (
        Move.objects.filter(batch=batch)
        .select_related("employee__rank", "from_position__unit", "to_position__unit")
        .order_by("id")
    )
    tmt = batch.effective_date.strftime("%d-%m-%Y")
    return [
        DecreeRow(
            number=index,
            name=move.employee.full_name,
            nip=move.employee.nip_display,
            rank=str(move.employee.rank) if move.employee.rank else "—",
            old_position=position_label(move.from_position),
            new_position=position_label(move.to_position),
            tmt=tmt,
        )
        for index, move in enumerate(moves, start=1)
    ]


def decree_context(batch: RotationBatch) -> dict:
    """Everything the print page and the PDF show; one query (the moves) once the
    batch is in hand, whatever the number of moves."""
    rows = decree_rows(batch)
    is_draft = not batch.decree_number
    number = batch.decree_number or suggest_decree_number(batch, BLANK_NUMBER)
    signatory = (batch.decree_signatory or DEFAULT_SIGNATORY).upper().rstrip(" ,")
    tmt = long_date(batch.effective_date)
    if batch.minutes_number:
        minutes = (
            f"Berita Acara Tim Penilai Kinerja Pegawai Negeri Sipil Nomor "
            f"{batch.minutes_number}"
            + (
                f" tanggal {long_date(batch.minutes_date)}"
                if batch.minutes_date
                else ""
            )
        )
    else:
        minutes = "rekomendasi Tim Penilai Kinerja Pegawai Negeri Sipil"
    considerations = [
        "bahwa dalam rangka pembinaan karier, penyegaran dan peningkatan kinerja "
        "organisasi di lingkungan Pemerintah Kota Sawahlunto, dipandang perlu "
        "melakukan pemindahan Pegawai Negeri Sipil dalam jabatan;",
        f"bahwa berdasarkan {minutes}, Pegawai Negeri Sipil yang namanya tercantum "
        "dalam Lampiran Keputusan ini dipandang memenuhi syarat untuk dipindahkan;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf "
        "b, perlu menetapkan Keputusan Wali Kota tentang Pemindahan/Rotasi Pegawai "
        "Negeri Sipil di Lingkungan Pemerintah Kota Sawahlunto;",
    ]
    legal_bases = [
        "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
        "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri "
        "Sipil sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun "
        "2020, khususnya Pasal 190 dan Pasal 191;",
    ]
    notes = []
    if batch.pertek_number:
        notes.append(
            f"Pertimbangan teknis Badan Kepegawaian Negara Nomor {batch.pertek_number}"
            + (f" tanggal {long_date(batch.pertek_date)}" if batch.pertek_date else "")
            + "."
        )
    decisions = [
        (
            "KESATU",
            "Memindahkan Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran "
            "Keputusan ini dari jabatan lama ke jabatan baru sebagaimana tercantum "
            f"dalam Lampiran tersebut, sejumlah {len(rows)} orang.",
        ),
        (
            "KEDUA",
            "Pemindahan sebagaimana dimaksud dalam Diktum KESATU berlaku terhitung "
            f"mulai tanggal {tmt}.",
        ),
        ("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ]
    return {
        "batch": batch,
        "rows": rows,
        "is_draft": is_draft,
        "draft_mark": DRAFT_MARK,
        "number": number,
        "title_lines": [
            "KEPUTUSAN WALI KOTA SAWAHLUNTO",
            f"NOMOR {number}",
            "TENTANG",
            SUBJECT,
        ],
        "preamble": "DENGAN RAHMAT TUHAN YANG MAHA ESA",
        "authority": "WALI KOTA SAWAHLUNTO,",
        "considerations": considerations,
        "legal_bases": legal_bases,
        "notes": notes,
        "enactment": f"KEPUTUSAN WALI KOTA TENTANG {SUBJECT}.",
        "decisions": decisions,
        "tmt": tmt,
        "place": PLACE,
        "decree_date": long_date(batch.decree_date),
        "signatory": signatory,
        "signature_name": SIGNATURE_BLANK,
        "attachment_title": "DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN",
        "attachment_header": ATTACHMENT_HEADER,
    }


def decree_filename(batch: RotationBatch) -> str:
    if batch.decree_number:
        return f"SK-{slugify(batch.decree_number)}.pdf"
    return f"konsep-SK-usulan-{batch.pk}.pdf"


# ---------------------------------------------------------------- PDF


def decree_pdf(batch: RotationBatch) -> bytes:
    """The SK with its attachment as an A4 PDF."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    ctx = decree_context(batch)
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=10, leading=13)
    center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)
    title = ParagraphStyle("title", parent=center, fontName="Helvetica-Bold")
    body = ParagraphStyle("body", parent=base, alignment=TA_JUSTIFY)
    cell = ParagraphStyle("cell", parent=base, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold")

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(escape(text), style)

    story: list = []
    if ctx["is_draft"]:
        story.append(p(ctx["draft_mark"], title))
    story += [p(line, title) for line in ctx["title_lines"]]
    story += [Spacer(1, 3 * mm), p(ctx["preamble"], title), Spacer(1, 2 * mm)]
    story += [p(ctx["authority"], title), Spacer(1, 4 * mm)]

    def labelled(label: str, items: list[str], marker) -> Table:
        data = [
            [p(label if i == 0 else ""), p(":" if i == 0 else ""), p(marker(i)), p(t)]
            for i, t in enumerate(items)
        ]
        table = Table(data, colWidths=[28 * mm, 4 * mm, 8 * mm, None])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return table

    story.append(
        labelled("Menimbang", ctx["considerations"], lambda i: f"{'abcdefgh'[i]}.")
    )
    story.append(labelled("Mengingat", ctx["legal_bases"], lambda i: f"{i + 1}."))
    if ctx["notes"]:
        story.append(labelled("Memperhatikan", ctx["notes"], lambda i: ""))
    story += [Spacer(1, 4 * mm), p("MEMUTUSKAN:", title), Spacer(1, 2 * mm)]
    decisions = [[p("Menetapkan"), p(":"), p(ctx["enactment"])]] + [
        [p(label), p(":"), p(text)] for label, text in ctx["decisions"]
    ]
    table = Table(decisions, colWidths=[28 * mm, 4 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story.append(table)

    def signature() -> KeepTogether:
        lines = [
            f"Ditetapkan di {ctx['place']}",
            f"pada tanggal {ctx['decree_date']}",
            f"{ctx['signatory']},",
        ]
        block = Table(
            [["", p(line, base)] for line in lines]
            + [["", Spacer(1, 22 * mm)], ["", p(ctx["signature_name"], base)]],
            colWidths=[None, 75 * mm],
        )
        return KeepTogether([Spacer(1, 6 * mm), block])

    story.append(signature())

    # The attachment, on its own pages.
    story.append(PageBreak())
    lamp = [
        ("LAMPIRAN", "KEPUTUSAN WALI KOTA SAWAHLUNTO"),
        ("NOMOR", ctx["number"]),
        ("TANGGAL", ctx["decree_date"]),
    ]
    lamp_table = Table(
        [["", p(a, cell), p(":", cell), p(b, cell)] for a, b in lamp],
        colWidths=[None, 20 * mm, 4 * mm, 62 * mm],
    )
    lamp_table.setStyle(
        TableStyle(
            [
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    story += [lamp_table, Spacer(1, 4 * mm), p(ctx["attachment_title"], title)]
    story.append(Spacer(1, 3 * mm))

    rows = [[p(h, head) for h in ctx["attachment_header"]]]
    for row in ctx["rows"]:
        rows.append(
            [
                p(str(row.number), cell),
                p(row.name, cell),
                p(row.nip, cell),
                p(row.rank, cell),
                p(row.old_position, cell),
                p(row.new_position, cell),
                p(row.tmt, cell),
            ]
        )
    if not ctx["rows"]:
        rows.append([p("—", cell)] + [""] * 6)

    doc_width = A4[0] - 24 * mm
    widths = (0.05, 0.17, 0.19, 0.13, 0.2, 0.2, 0.11)
    attachment = Table(rows, colWidths=[w * doc_width for w in widths], repeatRows=1)
    attachment.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(attachment)
    story.append(signature())

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(
            A4[0] - 12 * mm, 8 * mm, f"Halaman {canvas.getPageNumber()}"
        )
        if ctx["is_draft"]:
            canvas.setFillColor(colors.Color(0.75, 0.75, 0.75, alpha=0.35))
            canvas.setFont("Helvetica-Bold", 90)
            canvas.translate(A4[0] / 2, A4[1] / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, 0, ctx["draft_mark"])
        canvas.restoreState()

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Keputusan Wali Kota Sawahlunto Nomor {ctx['number']}",
        author="BKPSDM Kota Sawahlunto",
        subject=SUBJECT.title(),
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
