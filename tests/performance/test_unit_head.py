"""A unit head's work-results rating is his unit's organisation rating
(domain.md 5.4), folded onto the three ratings."""

from __future__ import annotations

import pytest
from django.urls import reverse

from performance import rules, services
from performance.services import AppraisalError
from tests.performance.conftest import agreed_skp, rate

pytestmark = pytest.mark.django_db

ABOVE, AS, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


@pytest.fixture
def head_skp(org, period, supervisor, head_user):
    """The bidang head's SKP (the supervisor persona), appraised by the kadis."""
    return agreed_skp(org.kabid, period, supervisor, head_user)


@pytest.mark.parametrize(
    ("org_rating", "work"),
    [
        ("ISTIMEWA", ABOVE),
        ("BAIK", AS),
        ("BUTUH_PERBAIKAN", BELOW),
        ("KURANG", BELOW),
        ("SANGAT_KURANG", BELOW),
    ],
)
def test_the_unit_rating_becomes_the_heads_work_rating(
    org, period, head_skp, head_user, org_rating, work
):
    services.set_org_rating(period, org.bidang, org_rating, by=head_user)
    # Whatever the appraiser picks, the unit's rating decides.
    evaluation = rate(head_skp, head_user, work=BELOW if work == ABOVE else ABOVE)
    assert evaluation.work_results_rating == work
    assert evaluation.predikat == rules.predikat(work, AS)
    assert "capaian kinerja organisasi" in evaluation.work_results_justification


def test_a_head_cannot_be_rated_before_the_unit_is(head_skp, head_user):
    with pytest.raises(AppraisalError, match="belum ditetapkan"):
        rate(head_skp, head_user)


def test_staff_of_the_unit_are_rated_freely(org, period, my_skp, supervisor, head_user):
    services.set_org_rating(period, org.bidang, "SANGAT_KURANG", by=head_user)
    assert rate(my_skp, supervisor, work=ABOVE).work_results_rating == ABOVE


def test_a_new_unit_rating_rerates_the_head_until_he_receives_it(
    org, period, head_skp, head_user, supervisor
):
    services.set_org_rating(period, org.bidang, "BAIK", by=head_user)
    evaluation = rate(head_skp, head_user)
    services.set_org_rating(period, org.bidang, "ISTIMEWA", by=head_user)
    evaluation.refresh_from_db()
    assert (evaluation.work_results_rating, evaluation.predikat) == (ABOVE, "BAIK")

    services.acknowledge_evaluation(evaluation, by=supervisor)
    services.set_org_rating(period, org.bidang, "KURANG", by=head_user)
    evaluation.refresh_from_db()
    assert evaluation.work_results_rating == ABOVE


def test_the_fold_is_a_setting(settings, org, period, head_skp, head_user):
    settings.PERFORMANCE_UNIT_HEAD_RATINGS = {
        **rules.DEFAULT_UNIT_HEAD_RATINGS,
        "BUTUH_PERBAIKAN": AS,
    }
    services.set_org_rating(period, org.bidang, "BUTUH_PERBAIKAN", by=head_user)
    assert rate(head_skp, head_user).work_results_rating == AS


def test_the_rating_form_shows_the_rule_instead_of_a_choice(
    org, period, head_skp, head_user, client
):
    client.force_login(head_user)
    url = reverse("performance:skp_detail", args=[head_skp.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="head-rating"' in page
    assert 'name="work_results_rating" id="nilai-hasil"' not in page
    assert "belum ditetapkan" in page

    services.set_org_rating(period, org.bidang, "ISTIMEWA", by=head_user)
    page = client.get(url).content.decode()
    assert 'type="hidden" name="work_results_rating" value="DI_ATAS_EKSPEKTASI"' in page
