"""The SK of a rotation batch: decree texts, the PDF and the print-friendly page."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from positions.decree import decree_context, decree_pdf, suggest_decree_number
from positions.models import Move, Rank, RotationBatch
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.helpers import assert_constant_queries
from tests.positions.factories import EmployeeFactory, PositionFactory

pytestmark = pytest.mark.django_db
TMT = date(2025, 7, 1)
NUMBER = "800.1.3.3/45/BKPSDM-SWL/2025"


@pytest.fixture
def people(role_groups):
    return {
        "hr": UserFactory(role=roles.HR),
        "reviewer": UserFactory(role=roles.REVIEWER),
        "ppk": UserFactory(role=roles.PPK),
        "employee": UserFactory(role=roles.EMPLOYEE),
        "citizen": UserFactory(role=roles.CITIZEN),
    }


def add_moves(batch, count: int) -> list[Move]:
    rank = Rank.objects.filter(scheme="PNS").order_by("ordinal").last()
    moves = []
    for _ in range(count):
        employee = EmployeeFactory()
        employee.rank = rank
        employee.save()
        moves.append(
            Move.objects.create(
                batch=batch,
                employee=employee,
                from_position=PositionFactory(),
                to_position=PositionFactory(
                    title=f"Kepala Subbagian Umum dan Kepegawaian {employee.pk}"
                ),
                kind="ROTASI",
                reason="Penyegaran",
            )
        )
    return moves


def make_batch(user, status="DECREED", moves=2, **fields):
    if status in ("DECREED", "EXECUTED"):
        fields = {
            "decree_number": NUMBER,
            "decree_date": date(2025, 6, 20),
            "decree_signatory": "Wali Kota Sawahlunto",
            **fields,
        }
    batch = RotationBatch.objects.create(
        title="Gerbong Juli",
        effective_date=TMT,
        status=status,
        created_by=user,
        **fields,
    )
    add_moves(batch, moves)
    return batch


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, whitespace collapsed so wrapped cells read as one line."""
    reader = PdfReader(BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def squash(html: str) -> str:
    return " ".join(html.split())


def assert_lists_every_move(text: str, batch) -> None:
    moves = batch.moves.select_related("employee", "from_position", "to_position")
    for move in moves:
        assert move.employee.full_name in text
        assert move.employee.nip_display in text
        assert move.from_position.title in text
        assert move.to_position.title in text


def test_the_pdf_lists_every_move_and_the_number(people):
    batch = make_batch(people["hr"])
    data = decree_pdf(batch)
    assert data.startswith(b"%PDF")
    pages = pdf_pages(data)
    text = " ".join(pages)
    assert_lists_every_move(text, batch)
    assert f"NOMOR {NUMBER}" in text
    assert "KONSEP" not in text
    # Heading, considerations and decisions on the first page, the form of an SK.
    first = pages[0]
    for words in (
        "KEPUTUSAN WALI KOTA SAWAHLUNTO",
        "TENTANG PEMINDAHAN/ROTASI PEGAWAI NEGERI SIPIL",
        "Menimbang",
        "Mengingat",
        "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
        "Peraturan Pemerintah Nomor 11 Tahun 2017",
        "Pasal 190 dan Pasal 191",
        "MEMUTUSKAN",
        "Menetapkan",
        "KESATU",
        "KEDUA",
        "1 Juli 2025",
        "KETIGA",
        "Ditetapkan di Sawahlunto",
        "pada tanggal 20 Juni 2025",
        "WALI KOTA SAWAHLUNTO,",
    ):
        assert words in first, words
    assert "LAMPIRAN" in text
    assert "01-07-2025" in text


def test_a_long_attachment_runs_over_pages_and_keeps_every_move(people):
    batch = make_batch(people["hr"], moves=40)
    pages = pdf_pages(decree_pdf(batch))
    attachment = [page for page in pages if "Jabatan lama" in page]
    assert len(attachment) >= 2, "the header row repeats on every attachment page"
    assert_lists_every_move(" ".join(pages), batch)
    numbers = re.findall(r"\b(\d{1,2}) ", " ".join(attachment))
    assert {str(n) for n in range(1, 41)} <= set(numbers)


def test_a_batch_without_a_number_is_a_draft(people):
    batch = make_batch(people["hr"], status="APPROVED")
    context = decree_context(batch)
    assert context["is_draft"]
    text = " ".join(pdf_pages(decree_pdf(batch)))
    assert "KONSEP" in text
    assert "NOMOR 800.1.3.3/..../BKPSDM-SWL/2025" in text
    assert_lists_every_move(text, batch)
    client = Client()
    client.force_login(people["hr"])
    page = client.get(reverse("positions:batch_decree", args=[batch.pk]))
    assert 'data-testid="decree-draft"' in page.content.decode()


def test_the_number_follows_the_pattern_in_settings(people, settings):
    batch = make_batch(people["hr"], status="APPROVED", moves=0)
    assert suggest_decree_number(batch, 7) == "800.1.3.3/7/BKPSDM-SWL/2025"
    settings.ROTATION_DECREE_NUMBER_PATTERN = "821.2/{seq}/BKPSDM/{year}"
    assert suggest_decree_number(batch, 12) == "821.2/12/BKPSDM/2025"
    batch.decree_date = date(2026, 1, 5)
    assert suggest_decree_number(batch, 1) == "821.2/1/BKPSDM/2026"
    assert decree_context(batch)["number"] == "821.2/..../BKPSDM/2026"


def test_the_print_page_shows_the_same_decree(people):
    batch = make_batch(people["hr"], moves=3)
    client = Client()
    client.force_login(people["hr"])
    response = client.get(reverse("positions:batch_decree", args=[batch.pk]))
    assert response.status_code == 200
    html = squash(response.content.decode())
    assert_lists_every_move(html, batch)
    for words in (f"NOMOR {NUMBER}", "Menimbang", "Mengingat", "MEMUTUSKAN", "KETIGA"):
        assert words in html
    assert "KONSEP" not in html
    assert "style=" not in html
    assert "<script>" not in html
    assert reverse("positions:batch_decree_pdf", args=[batch.pk]) in html


def test_the_pdf_view_answers_inline(people):
    batch = make_batch(people["hr"])
    client = Client()
    client.force_login(people["hr"])
    response = client.get(reverse("positions:batch_decree_pdf", args=[batch.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert "SK-80013345bkpsdm-swl2025.pdf" in disposition
    assert_lists_every_move(" ".join(pdf_pages(response.content)), batch)


@pytest.mark.parametrize("name", ["batch_decree", "batch_decree_pdf"])
@pytest.mark.parametrize(
    ("persona", "submitted", "draft"),
    [
        ("hr", 200, 200),
        ("reviewer", 200, 404),
        ("ppk", 200, 404),
        ("employee", 403, 403),
        ("citizen", 403, 403),
    ],
)
def test_who_may_read_the_decree(people, name, persona, submitted, draft):
    sent = make_batch(people["hr"], status="SUBMITTED", moves=1)
    kept = make_batch(people["hr"], status="DRAFT", moves=1)
    returned = make_batch(people["hr"], status="RETURNED", moves=1)
    client = Client()
    client.force_login(people[persona])
    assert client.get(reverse(f"positions:{name}", args=[sent.pk])).status_code == (
        submitted
    )
    for batch in (kept, returned):
        url = reverse(f"positions:{name}", args=[batch.pk])
        assert client.get(url).status_code == draft


@pytest.mark.parametrize("name", ["batch_decree", "batch_decree_pdf"])
def test_anonymous_users_are_sent_to_login(people, name):
    batch = make_batch(people["hr"], moves=1)
    url = reverse(f"positions:{name}", args=[batch.pk])
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_print_page_query_count_does_not_grow_with_the_moves(people):
    batch = make_batch(people["hr"], moves=0)
    client = Client()
    client.force_login(people["hr"])
    url = reverse("positions:batch_decree", args=[batch.pk])

    def get():
        assert client.get(url).status_code == 200

    assert_constant_queries(lambda n: add_moves(batch, n), get, small=2, large=20)
