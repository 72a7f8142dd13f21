"""The stored indicators: what the pages read, when they were computed, and how
they are refreshed (issue 8 item 6)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from positions.models import OrgUnit
from sawahlunto_asn.reform import indicators, snapshots
from sawahlunto_asn.reform.models import Snapshot, SnapshotScope
from tests.helpers import count_queries, run_together
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)
from tests.reform.dataset import YEAR, build_city

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reform:dashboard")
REFRESH = reverse("reform:refresh")


@pytest.fixture
def city(settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 2
    return build_city()


def _hire(unit, n: int = 1) -> None:
    seat = PositionFactory(unit=unit, needs=n)
    for _ in range(n):
        PlacementFactory(
            employee=EmployeeFactory(birth_date=date(1990, 1, 1)),
            position=seat,
            start_date=date(2024, 1, 1),
        )


def _filled(client, **params) -> str:
    html = client.get(DASHBOARD, {"tahun": YEAR, **params}).content.decode()
    row = html.split('data-testid="family-workforce"')[1].split('data-unit="KOTA"')[1]
    return row.split("<td")[2].split(">", 1)[1].split("<")[0]


def test_stored_figures_equal_the_computed_ones(city):
    computed = indicators.compute(YEAR)
    snapshots.refresh(YEAR)
    units = list(OrgUnit.objects.order_by("path"))
    loaded = snapshots.load(YEAR, units).figures
    assert (loaded.year, loaded.day) == (computed.year, computed.day)
    assert loaded.city == computed.city
    assert loaded.units == computed.units
    # Through JSON and back: Decimal stays Decimal, box numbers stay integers.
    assert loaded.scope(city.a1).public.ikm == computed.scope(city.a1).public.ikm
    assert 9 in loaded.city.appraisal.boxes


def test_a_year_without_a_row_is_computed_on_first_use(city):
    assert not Snapshot.objects.exists()
    loaded = snapshots.load(YEAR, [])
    assert Snapshot.objects.filter(year=YEAR).count() == 1
    assert SnapshotScope.objects.filter(snapshot__year=YEAR).count() == 5
    assert loaded.figures.city.workforce.filled == 7


def test_pages_show_the_stored_figures_and_when_until_hr_refreshes(city, client_for):
    hr = client_for("hr_officer")
    assert _filled(hr) == "7"
    computed_at = Snapshot.objects.get(year=YEAR).computed_at
    _hire(city.b, 2)
    # Read from the row, not recomputed: still 7, and the page says as of when.
    html = hr.get(DASHBOARD, {"tahun": YEAR}).content.decode()
    assert _filled(hr) == "7"
    as_of = html.split('data-testid="as-of"')[1].split("</p>")[0]
    local = timezone.localtime(computed_at)
    assert local.strftime("%d-%m-%Y %H:%M") in as_of
    assert "31-12-2025" in as_of
    response = hr.post(REFRESH, {"tahun": YEAR, "unit": city.a.pk})
    assert response.status_code == 302
    assert response["Location"] == f"{DASHBOARD}?tahun={YEAR}&unit={city.a.pk}"
    assert _filled(hr) == "9"
    assert Snapshot.objects.get(year=YEAR).computed_at > computed_at


@pytest.mark.parametrize("persona", ["ppk", "employee", "citizen"])
def test_only_hr_may_refresh(city, client_for, persona):
    snapshots.refresh(YEAR)
    before = Snapshot.objects.get(year=YEAR).computed_at
    assert client_for(persona).post(REFRESH, {"tahun": YEAR}).status_code == 403
    assert Snapshot.objects.get(year=YEAR).computed_at == before


def test_refresh_is_a_post_and_a_bad_year_is_a_message(city, client_for):
    hr = client_for("hr_officer")
    assert hr.get(REFRESH).status_code == 405
    response = hr.post(REFRESH, {"tahun": "1999; drop"}, follow=True)
    assert response.status_code == 200
    assert "tidak dikenal" in response.content.decode()
    assert not Snapshot.objects.filter(year=1999).exists()


def test_the_dashboard_offers_the_refresh_to_hr_only(city, client_for):
    hr = client_for("hr_officer").get(DASHBOARD).content.decode()
    ppk = client_for("ppk").get(DASHBOARD).content.decode()
    assert 'data-testid="refresh"' in hr
    assert 'data-testid="refresh"' not in ppk


def test_a_row_of_an_older_format_is_recomputed(city):
    snapshots.refresh(YEAR)
    Snapshot.objects.filter(year=YEAR).update(format=snapshots.FORMAT - 1)
    SnapshotScope.objects.filter(snapshot__year=YEAR).update(data={})
    assert snapshots.load(YEAR, []).figures.city.workforce.filled == 7
    assert Snapshot.objects.get(year=YEAR).format == snapshots.FORMAT


def test_units_added_or_removed_since_the_row_was_computed(city):
    snapshots.refresh(YEAR)
    new = OrgUnitFactory(name="Dinas Baru", parent=city.root)
    loaded = snapshots.load(YEAR, [new, city.a]).figures
    assert loaded.scope(new).workforce.filled == 0  # not computed yet: zeros
    assert loaded.scope(city.a).workforce.filled == 5


def test_the_command_refreshes_every_year_the_data_covers(city):
    call_command("refresh_reform_indicators", verbosity=0)
    stored = set(Snapshot.objects.values_list("year", flat=True))
    assert stored == set(indicators.years())
    assert {2024, 2025} <= stored
    Snapshot.objects.all().delete()
    call_command("refresh_reform_indicators", year=[2024], verbosity=0)
    assert list(Snapshot.objects.values_list("year", flat=True)) == [2024]


def test_the_years_offered_are_the_stored_ones_and_this_year(city):
    snapshots.refresh(2024)
    this_year = timezone.localdate().year
    assert snapshots.years() == [this_year, 2024]


def test_the_trend_reads_one_scope_of_each_stored_year(city):
    snapshots.refresh(2024)
    snapshots.refresh(YEAR)
    series = snapshots.trend([2023, 2024, YEAR], city.a)
    assert [year for year, _ in series] == [2024, YEAR]  # 2023: no row
    assert series[1][1].workforce.filled == 5
    assert series[1][1].unit == city.a
    city_series = snapshots.trend([YEAR], None)
    assert city_series[0][1].workforce.filled == 7


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_refreshes_at_once_leave_one_row(city):
    outcomes = run_together(
        lambda: snapshots.refresh(YEAR), lambda: snapshots.refresh(YEAR)
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert Snapshot.objects.filter(year=YEAR).count() == 1
    # The city and the four units, once each.
    assert SnapshotScope.objects.filter(snapshot__year=YEAR).count() == 5


def test_the_rows_below_the_city_are_its_perangkat_daerah(city):
    assert [u.name for u in snapshots.child_units(None)] == ["Dinas A", "Dinas B"]
    assert [u.name for u in snapshots.child_units(city.a)] == ["Bidang A1"]
    city.b.is_active = False
    city.b.save()
    assert [u.name for u in snapshots.child_units(None)] == ["Dinas A"]


def test_the_pages_read_only_the_scopes_they_show(city, django_assert_num_queries):
    snapshots.refresh(YEAR)
    with django_assert_num_queries(2):
        loaded = snapshots.load(YEAR, [city.a])
    assert set(loaded.figures.units) == {city.a.pk}


def test_a_page_is_rendered_once_per_refresh(city, client_for, client):
    hr = client_for("hr_officer")

    def dashboard():
        return hr.get(DASHBOARD, {"tahun": YEAR})

    snapshots.refresh(YEAR)
    first = count_queries(dashboard)
    again = count_queries(dashboard)
    assert again < first  # the figures and charts come from the cache
    # Refreshing another year changes this page's trend: rendered anew.
    snapshots.refresh(2024)
    assert count_queries(dashboard) == first
    public = reverse("reform:transparency")
    first = count_queries(lambda: client.get(public, {"tahun": YEAR}))
    assert count_queries(lambda: client.get(public, {"tahun": YEAR})) < first


def test_the_cached_page_holds_nothing_of_the_user(city, client_for):
    hr = client_for("hr_officer").get(DASHBOARD, {"tahun": YEAR}).content.decode()
    ppk = client_for("ppk").get(DASHBOARD, {"tahun": YEAR}).content.decode()
    assert 'data-testid="refresh"' in hr
    assert 'data-testid="refresh"' not in ppk  # HR's page was cached first
