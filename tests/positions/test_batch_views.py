from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from positions.models import Move, RotationBatch
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.positions.factories import EmployeeFactory, PlacementFactory, PositionFactory

pytestmark = pytest.mark.django_db
TMT = date(2025, 7, 1)


@pytest.fixture
def clients(role_groups, client_for):
    from django.test import Client

    def login(role):
        client = Client()
        client.force_login(UserFactory(role=role))
        return client

    return {
        "hr": login(roles.HR),
        "reviewer": login(roles.REVIEWER),
        "ppk": login(roles.PPK),
        "employee": client_for("employee"),
        "citizen": client_for("citizen"),
    }


@pytest.fixture
def seats():
    a = PositionFactory(needs=1, code="BKAD-01", field="KEUANGAN")
    b = PositionFactory(needs=1, code="DUKCAPIL-01", field="PELAYANAN_PUBLIK")
    x = EmployeeFactory(name="Rahmat Keuangan", birth_date=date(1985, 5, 10))
    y = EmployeeFactory(name="Sari Layanan", birth_date=date(1986, 6, 11))
    PlacementFactory(employee=x, position=a, start_date=date(2020, 1, 1))
    PlacementFactory(employee=y, position=b, start_date=date(2020, 1, 1))
    return a, b, x, y


def post(client, name, pk, **data):
    return client.post(reverse(f"positions:{name}", args=[pk]), data, follow=True)


def test_a_batch_walks_from_draft_to_executed_through_the_roles(clients, seats):
    a, b, x, y = seats
    hr = clients["hr"]
    response = hr.post(
        reverse("positions:batch_create"),
        {"title": "Gerbong Juli 2025", "effective_date": "2025-07-01"},
    )
    batch = RotationBatch.objects.get()
    assert response["Location"] == reverse("positions:batch_detail", args=[batch.pk])
    post(
        hr,
        "batch_move_add",
        batch.pk,
        nip=x.nip,
        kind="ROTASI",
        to_position="DUKCAPIL-01",
        reason="Memperluas pengalaman pelayanan",
    )
    page = post(
        hr,
        "batch_move_add",
        batch.pk,
        nip=y.nip,
        kind="ROTASI",
        to_position="BKAD-01",
        reason="Penyegaran",
    )
    html = page.content.decode()
    assert "rumpun baru" in html  # the finance officer goes to front-line service
    assert html.count('data-testid="error"') == 0

    # The reviewer cannot see a draft; nobody but HR submits.
    assert (
        clients["reviewer"]
        .get(reverse("positions:batch_detail", args=[batch.pk]))
        .status_code
        == 404
    )
    post(hr, "batch_transition", batch.pk, action="submit")
    batch.refresh_from_db()
    assert batch.status == "SUBMITTED"
    assert not batch.is_editable
    refused = post(hr, "batch_move_remove", batch.moves.first().pk)
    assert "tidak dapat diubah" in refused.content.decode()

    review = clients["reviewer"].get(reverse("positions:batch_detail", args=[batch.pk]))
    moves = list(batch.moves.order_by("pk"))
    for move in moves:
        assert f'name="rec-{move.pk}"' in review.content.decode()
    refused = post(
        clients["reviewer"],
        "batch_transition",
        batch.pk,
        action="recommend",
        minutes_number="BA/07/TPK/2025",
        minutes_date="2025-06-10",
    )
    assert "Isi rekomendasi Tim untuk setiap perpindahan" in refused.content.decode()
    post(
        clients["reviewer"],
        "batch_transition",
        batch.pk,
        action="recommend",
        minutes_number="BA/07/TPK/2025",
        minutes_date="2025-06-10",
        **{f"rec-{move.pk}": "SETUJU" for move in moves},
    )
    approving = clients["ppk"].get(reverse("positions:batch_detail", args=[batch.pk]))
    assert approving.content.decode().count("Disetujui Tim") == 2
    post(clients["ppk"], "batch_transition", batch.pk, action="approve")
    post(
        hr,
        "batch_transition",
        batch.pk,
        action="decree",
        decree_number="800/12/2025",
        decree_date="2025-06-20",
        decree_signatory="Wali Kota Sawahlunto",
    )
    batch.refresh_from_db()
    assert batch.status == "DECREED"
    done = post(hr, "batch_execute", batch.pk)
    html = done.content.decode()
    assert "dilaksanakan" in html
    # A carried-out batch is not re-checked against the register it changed.
    assert 'data-testid="error"' not in html
    assert "Ditetapkan SK → <strong>Dilaksanakan</strong>" in html
    assert x.placements.get(end_date__isnull=True).position == b
    assert y.placements.get(end_date__isnull=True).position == a


def test_bad_move_input_gets_indonesian_messages(clients, seats):
    batch = RotationBatch.objects.create(
        title="x", effective_date=TMT, created_by=UserFactory()
    )
    html = post(
        clients["hr"],
        "batch_move_add",
        batch.pk,
        nip="123",
        kind="ROTASI",
        to_position="TIDAK-ADA",
        reason="r",
    ).content.decode()
    assert "Tidak ada pegawai aktif dengan NIP ini." in html
    assert "Kode jabatan tidak dikenal." in html
    assert not Move.objects.exists()


def test_wrong_roles_cannot_act(clients, seats):
    batch = RotationBatch.objects.create(
        title="x", effective_date=TMT, status="RECOMMENDED", created_by=UserFactory()
    )
    html = post(
        clients["hr"], "batch_transition", batch.pk, action="approve"
    ).content.decode()
    assert "tidak dapat dilakukan" in html
    batch.refresh_from_db()
    assert batch.status == "RECOMMENDED"
    for who in ("employee", "citizen"):
        assert clients[who].get(reverse("positions:batch_list")).status_code == 403
        assert (
            clients[who]
            .post(reverse("positions:batch_execute", args=[batch.pk]))
            .status_code
            == 403
        )


def test_list_and_detail_query_counts_are_constant(clients, seats):
    from tests.helpers import count_queries

    batch = RotationBatch.objects.create(
        title="x", effective_date=TMT, created_by=UserFactory()
    )
    url = reverse("positions:batch_detail", args=[batch.pk])

    def add(n, offset):
        for i in range(n):
            target = PositionFactory(needs=5)
            person = EmployeeFactory(
                birth_date=date(1980, 1 + i % 12, 1 + (i + offset) % 28)
            )
            PlacementFactory(
                employee=person,
                position=PositionFactory(needs=5),
                start_date=date(2019, 1, 1),
            )
            Move.objects.create(
                batch=batch,
                employee=person,
                kind="ROTASI",
                reason="r",
                from_position=person.placements.get().position,
                to_position=target,
            )

    add(2, 0)
    few = count_queries(lambda: clients["hr"].get(url))
    add(18, 3)
    assert count_queries(lambda: clients["hr"].get(url)) == few


@pytest.mark.parametrize(
    ("status", "shown"),
    [("DRAFT", False), ("SUBMITTED", False), ("APPROVED", False), ("DECREED", True)],
)
def test_employee_sees_a_move_only_once_the_sk_exists(
    client, role_groups, seats, status, shown
):
    a, b, x, _ = seats
    user = UserFactory(role=roles.EMPLOYEE)
    x.user = user
    x.save()
    batch = RotationBatch.objects.create(
        title="x",
        effective_date=TMT,
        status=status,
        decree_number="800/9/2025",
        created_by=UserFactory(),
    )
    Move.objects.create(
        batch=batch,
        employee=x,
        from_position=a,
        to_position=b,
        kind="ROTASI",
        reason="r",
    )
    client.force_login(user)
    html = client.get(
        reverse("positions:employee_detail", args=[x.pk])
    ).content.decode()
    assert ('data-testid="decreed-moves"' in html) == shown
