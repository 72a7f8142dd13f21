"""The team pages: my team, periods, employees without an appraiser, the unit
distribution with its lock, and the talent grid."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from performance import rules, services
from performance.models import Period, Skp, TalentPotential, UnitResult
from performance.views.team import skp_url
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.helpers import count_queries
from tests.performance.conftest import draft_skp, today
from tests.performance.factories import (
    RATINGS_FOR,
    EvaluationFactory,
    SkpFactory,
    TalentPotentialFactory,
)
from tests.positions.factories import PlacementFactory

pytestmark = pytest.mark.django_db

TEAM = reverse("performance:team")
PERIODS = reverse("performance:periods")
UNASSIGNED = reverse("performance:unassigned")
DISTRIBUTION = reverse("performance:distribution")
TALENT = reverse("performance:talent")
RATE = reverse("performance:distribution_rate")
LOCK = reverse("performance:distribution_lock")


def rated(employee, period, org, predikat="BAIK", *, unit=None, potential=None):
    """An evaluated SKP in the bidang appraised by the kabid (or in the other dinas
    by its head), past the services (as the factories do for bulk tests)."""
    other = unit == org.other
    skp = SkpFactory(
        period=period,
        employee=employee,
        unit=unit or org.bidang,
        position=org.other_staff_seat if other else org.staff_seat,
        appraiser=org.other_boss if other else org.kabid,
        superior=None if other else org.kadis,
    )
    work, behaviour = RATINGS_FOR[predikat]
    evaluation = EvaluationFactory(
        skp=skp, work_results_rating=work, behaviour_rating=behaviour
    )
    if potential:
        TalentPotentialFactory(period=period, employee=employee, level=potential)
    return evaluation


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# ---------------------------------------------------------------- who may open


@pytest.mark.parametrize(
    ("persona", "team", "periods", "unassigned", "distribution", "talent"),
    [
        ("hr_officer", 403, 200, 200, 200, 200),
        ("supervisor", 200, 403, 403, 200, 200),
        ("employee", 403, 403, 403, 403, 403),
        ("citizen", 403, 403, 403, 403, 403),
    ],
)
def test_who_may_open_the_pages(
    client_for, org, period, persona, team, periods, unassigned, distribution, talent
):
    client = client_for(persona)
    assert client.get(TEAM).status_code == team
    assert client.get(PERIODS).status_code == periods
    assert client.get(UNASSIGNED).status_code == unassigned
    assert client.get(DISTRIBUTION).status_code == distribution
    assert client.get(TALENT).status_code == talent


@pytest.mark.parametrize("url", [TEAM, PERIODS, UNASSIGNED, DISTRIBUTION, TALENT])
def test_anonymous_is_sent_to_login(client_for, url):
    response = client_for("anonymous").get(url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    ("persona", "status"), [("supervisor", 403), ("employee", 403), ("citizen", 403)]
)
def test_only_hr_writes_periods_potentials_and_locks(
    client_for, org, period, persona, status
):
    client = client_for(persona)
    posts = [
        (reverse("performance:period_open"), {"year": 2030}),
        (reverse("performance:period_close", args=[period.pk]), {}),
        (reverse("performance:unassigned_assign"), {"skp": 1}),
        (LOCK, {"period": period.pk, "unit": org.bidang.pk}),
        (reverse("performance:talent_compute"), {"period": period.pk}),
        (reverse("performance:talent_potential"), {"period": period.pk}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == status, url
    assert Period.objects.get(pk=period.pk).is_open
    assert not Period.objects.filter(year=2030).exists()


def test_the_pages_refuse_get_for_writes(client_for, org, period):
    assert client_for("hr_officer").get(LOCK).status_code == 405


# ---------------------------------------------------------------- my team


def test_my_team_lists_appraisees_and_what_waits(
    client_for, org, period, my_skp, supervisor
):
    page = html(client_for("supervisor").get(TEAM))
    assert "Dewi Lestari" in page
    assert "Yusuf Hakim" in page
    assert "Siti Aminah" not in page  # another dinas
    assert "Budi Atasan" not in page  # himself
    assert "Penilaian tahunan belum diberikan" in page  # the agreed SKP
    assert "SKP belum disusun" in page  # the colleague
    assert "2 menunggu tindakan Anda" in page
    if skp_url(my_skp.pk):
        assert skp_url(my_skp.pk) in page


def test_my_team_shows_an_skp_agreed_by_the_employee(client_for, org, period, employee):
    skp = draft_skp(org.me, period, employee)
    services.agree_skp(skp, by=employee)
    assert "SKP menunggu persetujuan Anda" in html(client_for("supervisor").get(TEAM))


def test_another_supervisor_sees_only_his_own_team(client_for, org, period, my_skp):
    page = html(client_for("other_supervisor").get(TEAM))
    assert "Siti Aminah" in page
    assert "Dewi Lestari" not in page


def test_the_superior_sees_the_objections_he_decides(
    client_for, org, period, my_skp, supervisor, employee
):
    from tests.performance.conftest import rate

    evaluation = rate(my_skp, supervisor)
    services.acknowledge_evaluation(evaluation, by=employee)
    services.file_objection(evaluation, by=employee, reasons="Capaian saya lebih.")
    page = html(client_for("head_user").get(TEAM))
    assert 'data-testid="to-decide"' in page
    assert "Dewi Lestari" in page
    assert "Menunggu penjelasan" in page
    # The appraiser sees that the objection waits for his explanation.
    assert "Keberatan menunggu penjelasan Anda" in html(
        client_for("supervisor").get(TEAM)
    )
    assert 'data-testid="to-decide"' not in html(client_for("supervisor").get(TEAM))


def test_my_team_without_an_open_period(client_for, org):
    assert "Belum ada periode penilaian" in html(client_for("supervisor").get(TEAM))


def test_an_unknown_year_is_not_found(client_for, org, period):
    assert client_for("supervisor").get(TEAM, {"tahun": 1999}).status_code == 404


# ---------------------------------------------------------------- periods


def test_hr_opens_and_closes_a_period(client_for, org, period):
    client = client_for("hr_officer")
    next_year = today().year + 1
    response = client.post(
        reverse("performance:period_open"), {"year": next_year}, follow=True
    )
    assert f"Periode {next_year} dibuka." in messages_of(response)
    again = client.post(
        reverse("performance:period_open"), {"year": next_year}, follow=True
    )
    assert f"Periode {next_year} sudah ada." in messages_of(again)
    client.post(reverse("performance:period_close", args=[period.pk]))
    assert not Period.objects.get(pk=period.pk).is_open
    page = html(client.get(PERIODS))
    assert str(next_year) in page
    assert "Ditutup" in page


# ---------------------------------------------------------------- unassigned


def test_hr_sees_who_has_no_appraiser_and_assigns_one(
    client_for, org, period, head_user
):
    client = client_for("hr_officer")
    page = html(client.get(UNASSIGNED))
    assert "Hendra Kepala" in page  # the kadis' seat has no supervisor
    assert "Jabatannya tidak memiliki jabatan atasan." in page
    assert "Dewi Lestari" not in page
    assert "Pegawai belum menyusun SKP." in page
    # HR starts the SKP of someone the chain gives no appraiser, then assigns one.
    started = client.post(
        reverse("performance:skp_create", args=[org.kadis.pk]), follow=True
    )
    assert any("SKP dibuat" in m for m in messages_of(started))
    skp = Skp.objects.get(employee=org.kadis, period=period)
    assert skp.appraiser is None
    response = client.post(
        reverse("performance:unassigned_assign"),
        {"skp": skp.pk, "appraiser_nip": org.other_boss.nip_display},
        follow=True,
    )
    assert any("ditetapkan sebagai pejabat penilai" in m for m in messages_of(response))
    skp.refresh_from_db()
    assert skp.appraiser == org.other_boss
    assert 'data-testid="assigned"' in html(client.get(UNASSIGNED))
    unknown = client.post(
        reverse("performance:unassigned_assign"),
        {"skp": skp.pk, "appraiser_nip": "123"},
        follow=True,
    )
    assert "Tidak ada pegawai aktif dengan NIP 123." in messages_of(unknown)
    # The unit filter narrows the list.
    narrowed = html(client.get(UNASSIGNED, {"unit": org.other.pk}))
    assert "Hendra Kepala" not in narrowed
    assert "Rina Lain" in narrowed


# ---------------------------------------------------------------- distribution


def test_the_unit_head_superior_rates_only_his_units(client_for, org, period):
    rated(org.me, period, org)
    client = client_for("head_user")
    page = html(client.get(DISTRIBUTION, {"tahun": period.year}))
    # The kadis rates one unit, the bidang, so it is shown straight away.
    assert "Bidang Pelayanan" in page
    assert 'name="org_rating"' in page
    client.post(
        RATE,
        {"period": period.pk, "unit": org.bidang.pk, "org_rating": "ISTIMEWA"},
    )
    result = UnitResult.objects.get(period=period, unit=org.bidang)
    assert result.org_rating == "ISTIMEWA"
    # Another unit: not his to see or rate.
    assert (
        client.get(DISTRIBUTION, {"tahun": period.year, "unit": org.other.pk})
    ).status_code == 404
    assert (
        client.post(
            RATE, {"period": period.pk, "unit": org.other.pk, "org_rating": "BAIK"}
        ).status_code
        == 404
    )
    # The kabid rates no unit; the xlsx is HR's.
    assert 'data-testid="no-units"' in html(client_for("supervisor").get(DISTRIBUTION))
    export = client.get(
        DISTRIBUTION, {"tahun": period.year, "unit": org.bidang.pk, "format": "xlsx"}
    )
    assert export.status_code == 404


def test_the_ppk_rates_the_units_whose_head_has_no_superior(client_for, org, period):
    ppk = UserFactory(username="walikota", role=roles.PPK)
    client = client_for("hr_officer")
    client.force_login(ppk)
    page = html(client.get(DISTRIBUTION, {"tahun": period.year}))
    assert "Dinas Kesehatan" in page
    assert "Dinas Pendidikan" in page
    assert (
        client.get(DISTRIBUTION, {"tahun": period.year, "unit": org.bidang.pk})
    ).status_code == 404


def test_the_distribution_flags_each_breach(client_for, org, period):
    rated(org.me, period, org, "BAIK")
    rated(org.colleague, period, org, "BAIK")
    services.set_org_rating(period, org.bidang, "BAIK", by=_user(org.kadis))
    page = html(
        client_for("hr_officer").get(
            DISTRIBUTION, {"tahun": period.year, "unit": org.bidang.pk}
        )
    )
    assert 'data-testid="breaches"' in page
    assert "Baik paling banyak 70%, ternyata 100%." in page
    assert "Harus ada pegawai dengan predikat" in page
    assert page.count("tidak sesuai</span>") == 3  # Baik, Butuh Perbaikan, Kurang


def _user(employee):
    return employee.user


def _lock(client, period, unit, reason=""):
    return client.post(
        LOCK, {"period": period.pk, "unit": unit.pk, "reason": reason}, follow=True
    )


def test_the_lock_is_refused_with_breaches_and_no_reason(client_for, org, period):
    rated(org.me, period, org, "BAIK")
    rated(org.colleague, period, org, "BAIK")
    services.set_org_rating(period, org.bidang, "BAIK", by=_user(org.kadis))
    client = client_for("hr_officer")
    response = _lock(client, period, org.bidang)
    shown = messages_of(response)
    assert any("catat alasannya" in m for m in shown)
    assert "Baik paling banyak 70%, ternyata 100%." in shown
    assert not UnitResult.objects.get(period=period, unit=org.bidang).is_locked
    # With a reason it is locked, and the reason is shown.
    response = _lock(client, period, org.bidang, "Unit kecil; dua pegawai saja.")
    result = UnitResult.objects.get(period=period, unit=org.bidang)
    assert result.is_locked
    assert result.lock_reason == "Unit kecil; dua pegawai saja."
    page = response.content.decode()
    assert 'data-testid="lock-reason"' in page
    assert "Kunci hasil unit" not in page


def test_the_lock_is_allowed_when_the_pattern_holds(client_for, org, period):
    rated(org.me, period, org, "BAIK")
    rated(org.colleague, period, org, "BUTUH_PERBAIKAN")
    services.set_org_rating(period, org.bidang, "BAIK", by=_user(org.kadis))
    client = client_for("hr_officer")
    page = html(client.get(DISTRIBUTION, {"tahun": period.year, "unit": org.bidang.pk}))
    assert 'data-testid="pattern-holds"' in page
    _lock(client, period, org.bidang)
    result = UnitResult.objects.get(period=period, unit=org.bidang)
    assert result.is_locked
    assert result.lock_reason == ""
    assert result.counts["BAIK"] == 1
    # Locked: the rating can no longer be changed from the page.
    page = html(
        client_for("head_user").get(
            DISTRIBUTION, {"tahun": period.year, "unit": org.bidang.pk}
        )
    )
    assert 'name="org_rating"' not in page


def test_the_lock_waits_for_the_org_rating(client_for, org, period):
    rated(org.me, period, org)
    response = _lock(client_for("hr_officer"), period, org.bidang, "alasan")
    assert "Capaian kinerja organisasi unit ini belum ditetapkan." in messages_of(
        response
    )


def test_hr_lists_rated_units_and_exports_a_unit(client_for, org, period):
    rated(org.me, period, org, "BAIK")
    rated(org.colleague, period, org, "SANGAT_BAIK")
    services.set_org_rating(period, org.bidang, "ISTIMEWA", by=_user(org.kadis))
    client = client_for("hr_officer")
    page = html(client.get(DISTRIBUTION))  # the latest period with a rated unit
    assert 'data-testid="unit-results"' in page
    assert "Bidang Pelayanan" in page
    response = client.get(
        DISTRIBUTION, {"tahun": period.year, "unit": org.dinas.pk, "format": "xlsx"}
    )
    assert (
        f"hasil-kinerja-{org.dinas.code}-{period.year}.xlsx"
        in (response["Content-Disposition"])
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {r[1]: r[7] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows == {"Dewi Lestari": "Baik", "Yusuf Hakim": "Sangat Baik"}


# ---------------------------------------------------------------- talent grid


def test_hr_sees_the_grid_for_the_city_and_a_unit(client_for, org, period):
    rated(org.me, period, org, "SANGAT_BAIK", potential="TINGGI")  # box 9
    rated(org.colleague, period, org, "BAIK", potential="RENDAH")  # box 2
    rated(org.outsider, period, org, "BAIK", unit=org.other)  # no potential yet
    client = client_for("hr_officer")
    page = html(client.get(TALENT))
    assert 'data-testid="box-9">1<' in page
    assert 'data-testid="box-2">1<' in page
    assert "1 pegawai belum memiliki potensi" in page
    assert "Siap promosi" in page  # box 9's follow-up
    listed = html(client.get(TALENT, {"kotak": 9}))
    assert 'data-testid="box-list"' in listed
    assert "Sangat Baik" in listed
    unit_page = html(client.get(TALENT, {"unit": org.other.pk}))
    assert 'data-testid="box-9">0<' in unit_page
    # The grid is drawn as domain.md 7: 4 7 9 / 2 5 8 / 1 3 6.
    order = [int(part.split('"')[0]) for part in page.split('data-box="')[1:]]
    assert order == [4, 7, 9, 2, 5, 8, 1, 3, 6]
    export = client.get(TALENT, {"format": "xlsx"})
    sheet = load_workbook(BytesIO(export.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2]) for r in rows] == [
        (9, "Dewi Lestari"),
        (2, "Yusuf Hakim"),
        (None, "Siti Aminah"),
    ]
    assert rows[0][7] == "Diisi BKPSDM"
    assert rows[0][8] == "Rapat komite talenta"


def test_a_supervisor_sees_his_team_in_the_grid(client_for, org, period):
    rated(org.me, period, org, "SANGAT_BAIK", potential="MENENGAH")  # box 7
    rated(org.outsider, period, org, "BAIK", unit=org.other, potential="TINGGI")
    client = client_for("supervisor")
    page = html(client.get(TALENT, {"unit": org.other.pk}))
    assert 'data-testid="box-7">1<' in page
    assert 'data-testid="box-8">0<' in page  # the outsider is not his
    assert "Siti Aminah" not in page
    assert 'name="unit"' not in page
    assert client.get(TALENT, {"format": "xlsx"}).status_code == 404


def test_hr_sets_and_computes_potentials(client_for, org, period):
    from tests.competency.factories import AssessmentFactory

    rated(org.me, period, org, "BAIK")
    rated(org.colleague, period, org, "BAIK")
    AssessmentFactory(employee=org.colleague, level=5)
    client = client_for("hr_officer")
    response = client.post(
        reverse("performance:talent_potential"),
        {
            "period": period.pk,
            "nip": org.me.nip,
            "level": "TINGGI",
            "source_text": "Rapat komite talenta 2026",
        },
        follow=True,
    )
    assert "Potensi Dewi Lestari dicatat." in messages_of(response)
    refused = client.post(
        reverse("performance:talent_potential"),
        {
            "period": period.pk,
            "nip": org.colleague.nip,
            "level": "RENDAH",
            "source_text": "x",
        },
        follow=True,
    )
    assert any("asesmen kompetensi" in m for m in messages_of(refused))
    client.post(reverse("performance:talent_compute"), {"period": period.pk})
    levels = dict(
        TalentPotential.objects.filter(period=period).values_list(
            "employee_id", "source"
        )
    )
    assert levels == {org.me.pk: "BKPSDM", org.colleague.pk: "ASESMEN"}
    page = html(client.get(TALENT, {"tahun": period.year}))
    assert 'data-testid="box-8">2<' in page


# ---------------------------------------------------------------- scale


def test_the_pages_take_the_same_queries_for_10_and_300_employees(
    client_for, org, period
):
    services.set_org_rating(period, org.bidang, "BAIK", by=_user(org.kadis))
    predikats = list(rules.Predikat.values)
    potentials = list(rules.Potential.values)
    built = [0]

    def build(n):
        for _ in range(n):
            i = built[0]
            built[0] += 1
            person = PlacementFactory(position=org.staff_seat).employee
            if i % 5 == 4:
                continue  # no SKP yet
            evaluation = rated(
                person,
                period,
                org,
                predikats[i % len(predikats)],
                potential=potentials[i % 3] if i % 4 else None,
            )
            if i % 3 == 0:
                Skp.objects.filter(pk=evaluation.skp_id).update(status="AGREED")

    hr, boss = client_for("hr_officer"), client_for("supervisor")
    pages = [
        (boss, TEAM, {}),
        (hr, DISTRIBUTION, {"tahun": period.year, "unit": org.bidang.pk}),
        (client_for("head_user"), DISTRIBUTION, {"tahun": period.year}),
        (hr, TALENT, {"tahun": period.year, "unit": org.bidang.pk}),
        (hr, TALENT, {"tahun": period.year, "kotak": 5}),
        (boss, TALENT, {"tahun": period.year}),
    ]

    def queries():
        return [count_queries(lambda c=c, u=u, p=p: c.get(u, p)) for c, u, p in pages]

    build(10)
    few = queries()
    build(290)
    assert html(boss.get(TEAM)).count("<tr>") >= 300
    assert queries() == few
