"""How notify() delivers: after commit, by choice, and never at the action's cost."""

from __future__ import annotations

import pytest
from django.db import transaction

from competency import services as competency_services
from competency.models import Registration
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.notifications.models import Kind, Notification, Preference
from sawahlunto_asn.notifications.services import notify, save_preferences
from tests.accounts.factories import UserFactory
from tests.competency.factories import TrainingEventFactory
from tests.notifications.conftest import mails_to, received
from tests.positions.factories import EmployeeFactory


@pytest.fixture
def nominate(employee, hr_officer, django_capture_on_commit_callbacks):
    """Nominate the employee persona for a training through the real service."""

    def run():
        worker = EmployeeFactory(user=employee)
        with django_capture_on_commit_callbacks(execute=True):
            return competency_services.register(
                TrainingEventFactory(), worker, by=hr_officer, source="NOMINATED"
            )

    return run


@pytest.mark.django_db
def test_in_app_off_writes_no_row_but_still_emails(employee, nominate, mailoutbox):
    save_preferences(employee, {Kind.TRAINING_NOMINATION: (False, True)})
    nominate()
    assert received(employee) == []
    assert len(mails_to(mailoutbox, employee)) == 1


@pytest.mark.django_db
def test_email_off_sends_no_mail_but_writes_the_row(employee, nominate, mailoutbox):
    save_preferences(employee, {Kind.TRAINING_NOMINATION: (True, False)})
    nominate()
    assert len(received(employee)) == 1
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_choice_for_another_kind_does_not_apply(employee, nominate, mailoutbox):
    save_preferences(employee, {Kind.SKP_AGREEMENT: (False, False)})
    nominate()
    assert len(received(employee)) == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_the_defaults_come_from_settings(settings, employee, nominate, mailoutbox):
    settings.NOTIFICATION_DEFAULTS = {
        "TRAINING_NOMINATION": {"in_app": True, "email": False}
    }
    nominate()
    assert len(received(employee)) == 1
    assert mailoutbox == []


@pytest.mark.django_db
def test_no_email_address_means_no_mail(employee, nominate, mailoutbox):
    employee.email = ""
    employee.save(update_fields=["email"])
    nominate()
    assert len(received(employee)) == 1
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_failing_email_leaves_the_action_done_and_the_row_written(
    settings, employee, nominate, caplog
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingBackend"
    registration = nominate()
    assert Registration.objects.filter(pk=registration.pk, status="REGISTERED").exists()
    assert len(received(employee, Kind.TRAINING_NOMINATION)) == 1
    assert "Notification email to pegawai@contoh.go.id failed" in caplog.text


@pytest.mark.django_db
def test_recipients_are_deduplicated_and_inactive_users_skipped(
    role_groups, django_capture_on_commit_callbacks, mailoutbox
):
    user = UserFactory()
    gone = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(
            [user, user.pk, user, gone, None],
            Kind.BATCH_DECISION,
            title="Uji",
            body="",
            url="/",
        )
    assert len(received(user)) == 1
    assert received(gone) == []
    assert len(mailoutbox) == 1


def test_notify_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError, match="inside the acting service"):
        notify([1], Kind.BATCH_DECISION, title="x", body="", url="/")


class Boom(Exception):
    pass


@transaction.atomic
def notify_then_fail(user) -> None:
    notify([user], Kind.TRAINING_NOMINATION, title="Uji", body="", url="/")
    raise Boom


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_is_sent_when_the_transaction_rolls_back(role_groups, mailoutbox):
    user = UserFactory(role=roles.EMPLOYEE)
    with pytest.raises(Boom):
        notify_then_fail(user)
    assert not Notification.objects.exists()
    assert mailoutbox == []
    # The same call, committed, is delivered: the test above is not vacuous.
    with transaction.atomic():
        notify([user], Kind.TRAINING_NOMINATION, title="Uji", body="", url="/")
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_action_sends_nothing(employee, hr_officer, mailoutbox):
    """The real service refusing after its checks: rolled back, nothing sent."""
    worker = EmployeeFactory(user=employee, is_active=False)
    with pytest.raises(competency_services.CompetencyError):
        competency_services.register(
            TrainingEventFactory(), worker, by=hr_officer, source="NOMINATED"
        )
    assert not Notification.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_one_preference_per_user_and_kind_in_the_database(employee):
    from django.db import IntegrityError

    Preference.objects.create(user=employee, kind=Kind.OBJECTION)
    with pytest.raises(IntegrityError), transaction.atomic():
        Preference.objects.create(user=employee, kind=Kind.OBJECTION)
