from datetime import date

import pytest
from django.core.cache import cache

from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.positions.factories import (
    EmployeeFactory,
    PlacementFactory,
    PositionFactory,
)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """The reform pages keep their rendering per refresh; a test starts empty."""
    cache.clear()


@pytest.fixture
def ppk(role_groups):
    """The Wali Kota's office: sees the whole city, is not HR."""
    return UserFactory(username="walikota", role=roles.PPK)


@pytest.fixture
def a1_head(city, role_groups):
    """Holds Bidang A1's head position (the highest job class, supervised by
    nobody inside A1)."""
    user = UserFactory(username="kabid", role=roles.EMPLOYEE)
    seat = PositionFactory(unit=city.a1, needs=1, job_class=12, kind="ADMINISTRATOR")
    PlacementFactory(
        employee=EmployeeFactory(user=user, birth_date=date(1980, 2, 2)),
        position=seat,
        start_date=date(2023, 1, 1),
    )
    return user
