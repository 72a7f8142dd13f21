from __future__ import annotations

import pytest

from tests.positions.factories import PlacementFactory


@pytest.mark.django_db
def test_factories_build_a_valid_placement():
    placement = PlacementFactory()
    placement.employee.full_clean()
    assert placement.position.retirement_rule.age == 58
    assert placement.position.unit.path.endswith("/")
