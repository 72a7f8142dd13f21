from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from positions import watch
from positions.dates import add_years, years_and_months
from tests.helpers import count_queries
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def years_ago(years: int):
    return add_years(TODAY, -years)


@pytest.fixture
def city():
    root = OrgUnitFactory(kind="PEMKOT")
    finance = OrgUnitFactory(parent=root, name="Badan Keuangan dan Aset Daerah")
    service = OrgUnitFactory(parent=root, name="Dinas Kependudukan")
    return {
        "finance": finance,
        "service": service,
        "accountant": PositionFactory(unit=finance, needs=20, field="KEUANGAN"),
        "front_desk": PositionFactory(unit=service, needs=60, field="PELAYANAN_PUBLIK"),
    }


def post(position, start, name):
    return PlacementFactory(
        position=position, start_date=start, employee=EmployeeFactory(name=name)
    )


@pytest.mark.parametrize(
    ("start", "category"),
    [
        (
            lambda: years_ago(2) + timedelta(days=1),
            watch.NOT_YET,
        ),  # 2 years minus a day
        (lambda: years_ago(2), watch.ELIGIBLE),  # exactly 2 years
        (lambda: years_ago(5), watch.ELIGIBLE),  # exactly 5 years
        (lambda: years_ago(5) - timedelta(days=1), watch.OVERDUE),  # 5 years and a day
    ],
)
def test_categories_at_their_exact_boundaries(city, start, category):
    placement = post(city["accountant"], start(), "Uji Batas")
    assert watch.current_posts().get(pk=placement.pk).category == category


def test_thresholds_come_from_settings(city, settings):
    placement = post(city["accountant"], years_ago(3), "Uji Setelan")
    assert watch.current_posts().get(pk=placement.pk).category == watch.ELIGIBLE
    settings.ROTATION_MIN_YEARS = 4
    assert watch.current_posts().get(pk=placement.pk).category == watch.NOT_YET


def test_page_lists_filters_and_counts(client_for, city):
    post(city["accountant"], years_ago(6), "Andi Overdue")
    post(city["accountant"], years_ago(3), "Budi Eligible")
    post(city["front_desk"], years_ago(1), "Citra Baru")
    client = client_for("hr_officer")
    url = reverse("positions:rotation_watch")

    response = client.get(url)
    html = response.content.decode()
    assert (
        html.index("Andi Overdue")
        < html.index("Budi Eligible")
        < html.index("Citra Baru")
    )
    finance = next(c for c in response.context["counts"] if c.unit == city["finance"])
    assert (finance.not_yet, finance.eligible, finance.overdue) == (0, 1, 1)

    overdue = client.get(url, {"category": "OVERDUE"}).content.decode()
    assert "Andi Overdue" in overdue
    assert "Budi Eligible" not in overdue
    assert client.get(url, {"category": "OVERDUE"}).context["page"].paginator.count == 1
    assert response.context["page"].paginator.count == 3
    # The per-unit counts still show every category under a category filter.
    counts = client.get(url, {"category": "OVERDUE"}).context["counts"]
    assert sum(c.total for c in counts) == 3

    by_field = client.get(url, {"field": "PELAYANAN_PUBLIK"}).content.decode()
    assert "Citra Baru" in by_field
    assert "Andi Overdue" not in by_field
    by_unit = client.get(url, {"unit": city["service"].pk}).content.decode()
    assert "Citra Baru" in by_unit
    assert "Budi Eligible" not in by_unit


def test_field_history_flags_one_field_careers(client_for, city):
    mover = post(city["accountant"], years_ago(6), "Dedi Pernah Pindah").employee
    PlacementFactory(
        employee=mover, position=city["front_desk"], start_date=years_ago(2)
    )
    post(city["accountant"], years_ago(4), "Eka Satu Rumpun")
    response = client_for("hr_officer").get(reverse("positions:rotation_watch"))
    rows = {row["post"].employee.name: row for row in response.context["rows"]}
    assert rows["Eka Satu Rumpun"]["one_field"]
    assert not rows["Dedi Pernah Pindah"]["one_field"]
    assert set(rows["Dedi Pernah Pindah"]["fields"]) == {"Keuangan", "Pelayanan publik"}


@pytest.mark.parametrize("persona", ["supervisor", "employee", "moderator", "citizen"])
def test_watch_list_is_for_hr(client_for, city, persona):
    assert (
        client_for(persona).get(reverse("positions:rotation_watch")).status_code == 403
    )


def test_watch_list_query_count_is_constant(client_for, city):
    client = client_for("hr_officer")
    url = reverse("positions:rotation_watch")
    for i in range(2):
        post(city["accountant"], years_ago(1 + i), f"Awal {i}")
    few = count_queries(lambda: client.get(url))
    for i in range(30):
        post(city["front_desk"], years_ago(1 + i % 8), f"Tambah {i}")
    assert count_queries(lambda: client.get(url)) == few


def test_in_post_counts_whole_years_and_months():
    start = TODAY.replace(day=1)
    assert years_and_months(add_years(start, -3), start) == (3, 0)
