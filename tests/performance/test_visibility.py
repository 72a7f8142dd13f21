from __future__ import annotations

import pytest

from performance import services
from performance.models import (
    CheckIn,
    Evaluation,
    Evidence,
    Feedback,
    Objection,
    PlannedResult,
    Skp,
    TalentPotential,
    UnitResult,
)
from sawahlunto_asn.lib.access import get_visible_or_404
from tests.performance.conftest import agreed_skp, rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def appraised(org, period, my_skp, employee, supervisor, head_user, other_supervisor):
    """My SKP with every kind of row, and the other team's SKP."""
    indicator = my_skp.results.get().indicators.get()
    realisation = services.record_realisation(indicator, "TW1", "x", by=employee)
    services.add_evidence(realisation, by=employee, text="Notulen")
    services.give_feedback(my_skp, by=supervisor, text="Baik", value="LOYAL")
    services.record_checkin(
        my_skp,
        "TW1",
        by=supervisor,
        work_results_rating="SESUAI_EKSPEKTASI",
        behaviour_rating="SESUAI_EKSPEKTASI",
    )
    evaluation = services.acknowledge_evaluation(rate(my_skp, supervisor), by=employee)
    services.file_objection(evaluation, by=employee, reasons="Keberatan")
    theirs = agreed_skp(org.outsider, period, other_supervisor, other_supervisor)
    return my_skp, theirs


MODELS = [Skp, PlannedResult, Evidence, Feedback, CheckIn, Evaluation, Objection]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_party_sees_the_rows_of_my_skp_and_nobody_else(
    appraised,
    model,
    employee,
    supervisor,
    head_user,
    hr_officer,
    other_supervisor,
    citizen,
    moderator,
):
    from django.contrib.auth.models import AnonymousUser

    path = model.objects.all().skp_path or "pk"
    mine = model.objects.filter(**{path: appraised[0].pk})
    expected = set(mine.values_list("pk", flat=True))
    assert expected
    for user in (employee, supervisor, head_user):
        seen = set(model.objects.visible_to(user).values_list("pk", flat=True))
        assert expected <= seen, user
    assert set(model.objects.visible_to(hr_officer).values_list("pk", flat=True)) >= (
        expected
    )
    for user in (other_supervisor, citizen, moderator, AnonymousUser()):
        seen = set(model.objects.visible_to(user).values_list("pk", flat=True))
        assert not expected & seen, user


def test_an_appraiser_opening_another_teams_skp_gets_nothing(
    appraised, supervisor, other_supervisor, employee
):
    from django.http import Http404

    mine, theirs = appraised
    assert not Skp.objects.visible_to(supervisor).filter(pk=theirs.pk).exists()
    with pytest.raises(Http404):
        get_visible_or_404(Skp.objects, supervisor, pk=theirs.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Skp.objects, other_supervisor, pk=mine.pk)
    assert get_visible_or_404(Skp.objects, other_supervisor, pk=theirs.pk) == theirs
    # An employee sees only his own SKP, not his colleague's or his boss's.
    assert list(Skp.objects.visible_to(employee)) == [mine]


def test_the_superior_sees_his_appraisers_subordinates_but_not_other_units(
    org, appraised, head_user
):
    mine, theirs = appraised
    seen = set(Skp.objects.visible_to(head_user).values_list("pk", flat=True))
    assert mine.pk in seen
    assert theirs.pk not in seen


def test_unit_results_and_potential_are_hr_data(
    org, period, head_user, hr_officer, employee, supervisor
):
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    services.set_potential(
        org.me, period, level="TINGGI", source_text="Rapat", by=hr_officer
    )
    assert UnitResult.objects.visible_to(hr_officer).count() == 1
    assert UnitResult.objects.visible_to(head_user).count() == 1
    assert UnitResult.objects.visible_to(supervisor).count() == 0
    assert TalentPotential.objects.visible_to(employee).count() == 1
    assert TalentPotential.objects.visible_to(supervisor).count() == 0
