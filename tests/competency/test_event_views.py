"""The event pages: catalogue, events, registration, attendance, completion,
evaluation, external learning and Pelatihan saya. Right role, wrong role, out of
scope, bad input (an Indonesian message, never a 500) and pinned query counts."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from competency.models import (
    Attendance,
    Evaluation,
    ExternalLearning,
    ProgramCompetency,
    Registration,
    TrainingEvent,
    TrainingProgram,
)
from tests.competency.factories import (
    CompletedRegistrationFactory,
    ExternalLearningFactory,
    TrainingEventFactory,
    TrainingProgramFactory,
)
from tests.helpers import assert_constant_queries
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def url(name, *args):
    return reverse(f"competency:{name}", args=args)


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def team(supervisor, employee):
    """`atasan` supervises `pegawai`; `outsider` works in another unit."""
    unit = OrgUnitFactory()
    head = PositionFactory(unit=unit, kind="PENGAWAS", eselon="IV.a", needs=1)
    boss = PlacementFactory(position=head, employee__user=supervisor).employee
    staff = PositionFactory(unit=unit, supervisor=head, title="Pranata Komputer")
    worker = PlacementFactory(
        position=staff, employee__user=employee, employee__name="Budi Pegawai"
    ).employee
    outsider = PlacementFactory(
        position=PositionFactory(), employee__name="Orang Luar"
    ).employee
    return boss, worker, outsider


@pytest.fixture
def finished(hr_officer, team):
    """A two-day event that ended yesterday with `pegawai` and the outsider seated."""
    _boss, worker, outsider = team
    event = TrainingEventFactory(
        start_date=today() - timedelta(days=2),
        end_date=today() - timedelta(days=1),
        registration_deadline=today() - timedelta(days=3),
        capacity=5,
        program__jp_credit=16,
    )
    regs = [
        Registration.objects.create(
            event=event, employee=person, status="REGISTERED", source="NOMINATED"
        )
        for person in (worker, outsider)
    ]
    return event, regs


# ---------------------------------------------------------------- permissions

HR_PAGES = [
    ("program_list", False),
    ("program_create", False),
    ("event_create", False),
    ("external_review_list", False),
    ("event_update", True),
    ("event_attendance_sheet", True),
    ("event_participants_xlsx", True),
]
ASN_PAGES = [
    ("event_list", False),
    ("event_detail", True),
    ("my_learning", False),
    ("external_list", False),
    ("external_create", False),
]


@pytest.mark.parametrize(("name", "needs_event"), HR_PAGES)
def test_hr_pages_are_for_hr_only(client_for, name, needs_event):
    args = (TrainingEventFactory().pk,) if needs_event else ()
    assert client_for("hr_officer").get(url(name, *args)).status_code == 200
    for persona in ("supervisor", "employee", "citizen", "moderator"):
        assert client_for(persona).get(url(name, *args)).status_code == 403
    anonymous = client_for("anonymous").get(url(name, *args))
    assert anonymous.status_code == 302
    assert "/login" in anonymous["Location"] or "masuk" in anonymous["Location"]


@pytest.mark.parametrize(("name", "needs_event"), ASN_PAGES)
def test_asn_pages_are_for_hr_supervisors_and_employees(
    client_for, team, name, needs_event
):
    args = (TrainingEventFactory().pk,) if needs_event else ()
    for persona in ("hr_officer", "supervisor", "employee"):
        # The HR persona has no employee record: submitting sends him back.
        unlinked = name == "external_create" and persona == "hr_officer"
        expected = 302 if unlinked else 200
        assert client_for(persona).get(url(name, *args)).status_code == expected
    for persona in ("citizen", "moderator"):
        assert client_for(persona).get(url(name, *args)).status_code == 403


def test_post_actions_refuse_get_and_wrong_roles(client_for, finished):
    event, _regs = finished
    hr_only = ["event_capacity", "event_attendance", "event_complete"]
    for name in hr_only:
        assert client_for("hr_officer").get(url(name, event.pk)).status_code == 405
        for persona in ("supervisor", "employee", "citizen"):
            response = client_for(persona).post(url(name, event.pk), {})
            assert response.status_code == 403, (name, persona)
    assert (
        client_for("employee").post(url("event_nominate", event.pk)).status_code == 403
    )
    assert (
        client_for("citizen").post(url("event_register", event.pk)).status_code == 403
    )
    review = url("external_review", ExternalLearningFactory(status="PENDING").pk)
    assert (
        client_for("employee").post(review, {"decision": "approve"}).status_code == 403
    )


def test_unknown_objects_are_404(client_for):
    hr = client_for("hr_officer")
    assert hr.get(url("event_detail", 999999)).status_code == 404
    assert hr.get(url("program_update", 999999)).status_code == 404
    assert hr.post(url("registration_cancel", 999999)).status_code == 404


# ---------------------------------------------------------------- catalogue


def test_hr_creates_a_program_with_competencies_and_edits_it(client_for):
    hr = client_for("hr_officer")
    from competency.models import Competency

    integrity, cooperation = Competency.objects.filter(type="MANAJERIAL")[:2]
    data = {
        "title": "Pelatihan Keamanan Informasi",
        "kind": "PELATIHAN_TEKNIS",
        "jp_credit": "24",
        "provider": "Diskominfo",
        "description": "",
        "is_active": "on",
        "kompetensi-TOTAL_FORMS": "3",
        "kompetensi-INITIAL_FORMS": "0",
        "kompetensi-0-competency": integrity.pk,
        "kompetensi-0-target_level": "3",
        "kompetensi-1-competency": cooperation.pk,
        "kompetensi-1-target_level": "2",
    }
    response = hr.post(url("program_create"), data)
    assert response.status_code == 302
    program = TrainingProgram.objects.get(title="Pelatihan Keamanan Informasi")
    assert set(
        program.program_competencies.values_list("competency_id", "target_level")
    ) == {(integrity.pk, 3), (cooperation.pk, 2)}

    link = ProgramCompetency.objects.get(program=program, competency=cooperation)
    edit = {
        **data,
        "jp_credit": "32",
        "kompetensi-TOTAL_FORMS": "2",
        "kompetensi-INITIAL_FORMS": "2",
        "kompetensi-0-id": ProgramCompetency.objects.get(
            program=program, competency=integrity
        ).pk,
        "kompetensi-0-program": program.pk,
        "kompetensi-1-id": link.pk,
        "kompetensi-1-program": program.pk,
        "kompetensi-1-DELETE": "on",
    }
    assert hr.post(url("program_update", program.pk), edit).status_code == 302
    program.refresh_from_db()
    assert program.jp_credit == 32
    assert list(
        program.program_competencies.values_list("competency_id", flat=True)
    ) == [integrity.pk]


def test_bad_program_input_is_shown_in_indonesian(client_for):
    response = client_for("hr_officer").post(
        url("program_create"),
        {
            "title": "",
            "kind": "X",
            "jp_credit": "0",
            "kompetensi-TOTAL_FORMS": "1",
            "kompetensi-INITIAL_FORMS": "0",
            "kompetensi-0-target_level": "9",
        },
    )
    assert response.status_code == 200
    page = html(response)
    assert "Periksa kembali isian" in page
    assert "Bidang ini tidak boleh kosong." in page
    assert "JP harus lebih dari nol." in page
    assert not TrainingProgram.objects.exists()


def test_program_list_filters_and_exports_xlsx(client_for):
    TrainingProgramFactory(title="Literasi Digital", kind="E_LEARNING")
    TrainingProgramFactory(title="Sosialisasi Reformasi", kind="SOSIALISASI")
    hr = client_for("hr_officer")
    page = html(hr.get(url("program_list"), {"kind": "SOSIALISASI"}))
    assert "Sosialisasi Reformasi" in page
    assert "Literasi Digital" not in page
    page = html(hr.get(url("program_list"), {"q": "digital"}))
    assert "Literasi Digital" in page
    assert "Sosialisasi Reformasi" not in page
    assert hr.get(url("program_list"), {"kind": "NOPE"}).status_code == 200
    export = hr.get(url("program_list"), {"q": "digital", "format": "xlsx"})
    sheet = load_workbook(BytesIO(export.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Judul"
    assert [r[0] for r in rows[1:]] == ["Literasi Digital"]


# ---------------------------------------------------------------- events


def test_hr_creates_and_edits_an_event(client_for):
    program = TrainingProgramFactory()
    hr = client_for("hr_officer")
    start = today() + timedelta(days=10)
    data = {
        "program": program.pk,
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=1)).isoformat(),
        "registration_deadline": (start - timedelta(days=3)).isoformat(),
        "place": "Aula Balai Kota",
        "online_link": "",
        "capacity": "20",
        "organiser": "BKPSDM",
    }
    response = hr.post(url("event_create"), data)
    event = TrainingEvent.objects.get()
    assert response["Location"] == url("event_detail", event.pk)
    assert event.capacity == 20
    edit = {**data, "place": "Gedung Pusat Kebudayaan", "capacity": "1"}
    assert hr.post(url("event_update", event.pk), edit).status_code == 302
    event.refresh_from_db()
    assert (event.place, event.capacity) == ("Gedung Pusat Kebudayaan", 20)


def test_bad_event_input_gets_indonesian_messages(client_for):
    program = TrainingProgramFactory()
    start = today() + timedelta(days=10)
    response = client_for("hr_officer").post(
        url("event_create"),
        {
            "program": program.pk,
            "start_date": start.isoformat(),
            "end_date": (start - timedelta(days=1)).isoformat(),
            "registration_deadline": (start + timedelta(days=5)).isoformat(),
            "place": "",
            "online_link": "",
            "capacity": "0",
        },
    )
    assert response.status_code == 200
    page = html(response)
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in page
    assert "Batas pendaftaran tidak boleh sesudah tanggal selesai." in page
    assert "Isi tempat atau tautan daring." in page
    assert not TrainingEvent.objects.exists()


def test_event_list_shows_seats_and_filters(client_for, team, hr_officer):
    _boss, worker, _outsider = team
    full = TrainingEventFactory(capacity=1, program__title="Pelatihan Jaringan")
    Registration.objects.create(
        event=full, employee=worker, status="REGISTERED", source="SELF"
    )
    Registration.objects.create(
        event=full,
        employee=EmployeeFactory(),
        status="WAITLISTED",
        waitlist_position=1,
        source="SELF",
    )
    past = TrainingEventFactory(
        start_date=today() - timedelta(days=40),
        end_date=today() - timedelta(days=39),
        registration_deadline=today() - timedelta(days=45),
        program__title="Pelatihan Lama",
    )
    hr_page = html(client_for("hr_officer").get(url("event_list")))
    assert f'data-event="{full.pk}"' in hr_page
    assert f'data-event="{past.pk}"' in hr_page
    row = hr_page.split(f'data-event="{full.pk}"')[1].split("</tr>")[0]
    assert 'data-testid="seats-taken">1<' in row
    assert 'data-testid="seats-left">0<' in row
    assert 'data-testid="waitlisted">1<' in row
    # An employee comes for what is still open, and sees his own status.
    mine = html(client_for("employee").get(url("event_list")))
    assert f'data-event="{full.pk}"' in mine
    assert f'data-event="{past.pk}"' not in mine
    assert "Terdaftar" in mine
    past_only = html(client_for("employee").get(url("event_list"), {"status": "past"}))
    assert f'data-event="{past.pk}"' in past_only
    year = html(
        client_for("hr_officer").get(
            url("event_list"), {"year": past.end_date.year - 1, "status": ""}
        )
    )
    assert f'data-event="{past.pk}"' not in year
    bad = client_for("hr_officer").get(url("event_list"), {"year": "abc"})
    assert bad.status_code == 200
    assert "Saringan tidak valid" in html(bad)


def test_event_list_query_count_is_constant(client_for, hr_officer, team):
    client = client_for("employee")

    def build(n):
        for _ in range(n):
            event = TrainingEventFactory()
            Registration.objects.create(
                event=event,
                employee=EmployeeFactory(),
                status="REGISTERED",
                source="SELF",
            )

    assert_constant_queries(build, lambda: client.get(url("event_list")), 2, 20)


def test_event_detail_participant_list_query_count_is_constant(client_for, hr_officer):
    event = TrainingEventFactory(
        start_date=today() - timedelta(days=1),
        end_date=today() + timedelta(days=1),
        registration_deadline=today(),
        capacity=100,
    )
    client = client_for("hr_officer")

    def build(n):
        for _ in range(n):
            registration = Registration.objects.create(
                event=event,
                employee=EmployeeFactory(),
                status="REGISTERED",
                source="SELF",
            )
            Attendance.objects.create(
                registration=registration,
                day=event.start_date,
                present=True,
                recorded_at=timezone.now(),
            )

    assert_constant_queries(
        build, lambda: client.get(url("event_detail", event.pk)), 2, 30
    )


def test_hr_sees_every_participant_in_order_and_the_waiting_list(
    client_for, team, hr_officer
):
    _boss, worker, outsider = team
    event = TrainingEventFactory(capacity=1)
    Registration.objects.create(
        event=event, employee=outsider, status="REGISTERED", source="NOMINATED"
    )
    late = EmployeeFactory(name="Zaki Tunggu")
    Registration.objects.create(
        event=event,
        employee=late,
        status="WAITLISTED",
        waitlist_position=2,
        source="SELF",
    )
    Registration.objects.create(
        event=event,
        employee=worker,
        status="WAITLISTED",
        waitlist_position=1,
        source="SELF",
    )
    page = html(client_for("hr_officer").get(url("event_detail", event.pk)))
    waiting = page.split('data-testid="waiting-list"')[1]
    assert waiting.index("Budi Pegawai") < waiting.index("Zaki Tunggu")
    assert "Orang Luar" in page.split('data-testid="participants"')[1]
    # A supervisor sees only his team among the participants.
    boss_page = html(client_for("supervisor").get(url("event_detail", event.pk)))
    assert "Budi Pegawai" in boss_page
    assert "Orang Luar" not in boss_page
    assert "Zaki Tunggu" not in boss_page


# ---------------------------------------------------------------- registration


def test_an_employee_registers_himself_then_cancels_and_the_waiting_moves_up(
    client_for, team
):
    _boss, worker, outsider = team
    event = TrainingEventFactory(capacity=1)
    employee = client_for("employee")
    response = employee.post(url("event_register", event.pk), follow=True)
    assert "Anda terdaftar sebagai peserta." in html(response)
    mine = Registration.objects.get(event=event, employee=worker)
    assert (mine.status, mine.source) == ("REGISTERED", "SELF")
    again = employee.post(url("event_register", event.pk), follow=True)
    assert "sudah terdaftar" in html(again)
    waiting = Registration.objects.create(
        event=event,
        employee=outsider,
        status="WAITLISTED",
        waitlist_position=1,
        source="SELF",
    )
    cancelled = employee.post(url("registration_cancel", mine.pk), follow=True)
    assert "Pendaftaran dibatalkan." in html(cancelled)
    waiting.refresh_from_db()
    assert waiting.status == "REGISTERED"


def test_a_full_event_puts_the_employee_on_the_waiting_list(client_for, team):
    event = TrainingEventFactory(capacity=1)
    Registration.objects.create(
        event=event, employee=EmployeeFactory(), status="REGISTERED", source="SELF"
    )
    page = html(
        client_for("employee").post(url("event_register", event.pk), follow=True)
    )
    assert "daftar tunggu nomor 1" in page


def test_registration_after_the_deadline_and_without_employee_record(
    client_for, team, citizen
):
    closed = TrainingEventFactory(
        start_date=today() + timedelta(days=3),
        end_date=today() + timedelta(days=3),
        registration_deadline=today() - timedelta(days=1),
    )
    page = html(
        client_for("employee").post(url("event_register", closed.pk), follow=True)
    )
    assert "sudah ditutup" in page
    event = TrainingEventFactory()
    unlinked = html(
        client_for("hr_officer").post(url("event_register", event.pk), follow=True)
    )
    assert "belum terhubung dengan data pegawai" in unlinked


def test_an_employee_cannot_cancel_or_evaluate_another_employees_registration(
    client_for, team, finished
):
    _event, (_mine, theirs) = finished
    employee = client_for("employee")
    assert employee.post(url("registration_cancel", theirs.pk)).status_code == 404
    assert (
        employee.post(
            url("registration_evaluate", theirs.pk), {"rating": 5}
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.status == "REGISTERED"


def test_hr_nominates_anyone_a_supervisor_only_his_subordinates(client_for, team):
    _boss, worker, outsider = team
    event = TrainingEventFactory()
    boss = client_for("supervisor")
    refused = boss.post(
        url("event_nominate", event.pk), {"nip": outsider.nip}, follow=True
    )
    assert "yang dapat Anda tunjuk" in html(refused)
    assert not Registration.objects.filter(employee=outsider).exists()
    spaced = f"{worker.nip[:8]} {worker.nip[8:14]} {worker.nip[14]} {worker.nip[15:]}"
    done = boss.post(url("event_nominate", event.pk), {"nip": spaced}, follow=True)
    assert "Budi Pegawai terdaftar sebagai peserta." in html(done)
    assert Registration.objects.get(employee=worker).source == "NOMINATED"
    hr = client_for("hr_officer")
    hr.post(url("event_nominate", event.pk), {"nip": outsider.nip})
    assert Registration.objects.get(employee=outsider).status == "REGISTERED"
    bad = hr.post(url("event_nominate", event.pk), {"nip": "123"}, follow=True)
    assert "Tidak ada pegawai aktif dengan NIP ini" in html(bad)


def test_a_supervisor_cannot_cancel_another_teams_registration(client_for, team):
    _boss, _worker, outsider = team
    event = TrainingEventFactory()
    theirs = Registration.objects.create(
        event=event, employee=outsider, status="REGISTERED", source="SELF"
    )
    assert (
        client_for("supervisor").post(url("registration_cancel", theirs.pk)).status_code
        == 404
    )


def test_hr_changes_capacity_and_the_waiting_list_moves(client_for, team):
    event = TrainingEventFactory(capacity=1)
    seated = Registration.objects.create(
        event=event, employee=EmployeeFactory(), status="REGISTERED", source="SELF"
    )
    waiting = Registration.objects.create(
        event=event,
        employee=EmployeeFactory(),
        status="WAITLISTED",
        waitlist_position=1,
        source="SELF",
    )
    hr = client_for("hr_officer")
    assert "Kapasitas diubah." in html(
        hr.post(url("event_capacity", event.pk), {"capacity": "2"}, follow=True)
    )
    waiting.refresh_from_db()
    assert waiting.status == "REGISTERED"
    too_small = hr.post(url("event_capacity", event.pk), {"capacity": "1"}, follow=True)
    assert "tidak boleh kurang dari 2" in html(too_small)
    junk = hr.post(url("event_capacity", event.pk), {"capacity": "x"}, follow=True)
    assert "bilangan bulat" in html(junk)
    seated.refresh_from_db()
    assert seated.status == "REGISTERED"


# ---------------------------------------------------------------- during and after


def test_hr_records_attendance_per_day(client_for, finished):
    event, (mine, theirs) = finished
    hr = client_for("hr_officer")
    page = html(
        hr.get(url("event_detail", event.pk), {"day": event.start_date.isoformat()})
    )
    assert f'name="present" value="{mine.employee_id}"' in page
    response = hr.post(
        url("event_attendance", event.pk),
        {"day": event.start_date.isoformat(), "present": [mine.employee_id]},
        follow=True,
    )
    assert "1 dari 2 peserta hadir" in html(response)
    assert dict(
        Attendance.objects.filter(day=event.start_date).values_list(
            "registration_id", "present"
        )
    ) == {mine.pk: True, theirs.pk: False}
    shown = html(
        hr.get(url("event_detail", event.pk), {"day": event.start_date.isoformat()})
    )
    assert f'id="hadir-{mine.pk}" checked' in shown
    outside = hr.post(
        url("event_attendance", event.pk),
        {"day": (event.end_date + timedelta(days=5)).isoformat()},
        follow=True,
    )
    assert "di luar jadwal kegiatan" in html(outside)
    stranger = hr.post(
        url("event_attendance", event.pk),
        {
            "day": event.start_date.isoformat(),
            "present": [EmployeeFactory(name="Asing").pk],
        },
        follow=True,
    )
    assert "Bukan peserta terdaftar" in html(stranger)
    junk = hr.post(
        url("event_attendance", event.pk),
        {"day": "kemarin", "present": ["x"]},
        follow=True,
    )
    assert "tanggal kehadiran yang sah" in html(junk)


def test_hr_completes_participants_with_certificate_numbers(client_for, finished):
    event, (mine, theirs) = finished
    hr = client_for("hr_officer")
    response = hr.post(
        url("event_complete", event.pk),
        {f"cert-{mine.pk}": "SERT/001", f"cert-{theirs.pk}": ""},
        follow=True,
    )
    assert "1 peserta dinyatakan selesai." in html(response)
    mine.refresh_from_db()
    assert (mine.status, mine.certificate_number) == ("COMPLETED", "SERT/001")
    duplicate = hr.post(
        url("event_complete", event.pk), {f"cert-{theirs.pk}": "SERT/001"}, follow=True
    )
    assert "sudah dipakai" in html(duplicate)
    too_long = hr.post(
        url("event_complete", event.pk), {f"cert-{theirs.pk}": "9" * 81}, follow=True
    )
    assert "paling panjang 80 karakter" in html(too_long)
    junk = hr.post(
        url("event_complete", event.pk), {"cert-" + "9" * 40: "A/1"}, follow=True
    )
    assert "Isian penyelesaian tidak sah." in html(junk)
    empty = hr.post(url("event_complete", event.pk), {}, follow=True)
    assert "Isi nomor sertifikat" in html(empty)
    other = CompletedRegistrationFactory()
    foreign = hr.post(
        url("event_complete", event.pk), {f"cert-{other.pk}": "X/1"}, follow=True
    )
    assert "bukan peserta kegiatan ini" in html(foreign)


def test_completion_is_refused_before_the_event_ends(client_for, team):
    _boss, worker, _outsider = team
    event = TrainingEventFactory()
    reg = Registration.objects.create(
        event=event, employee=worker, status="REGISTERED", source="SELF"
    )
    page = html(
        client_for("hr_officer").post(
            url("event_complete", event.pk), {f"cert-{reg.pk}": "A/1"}, follow=True
        )
    )
    assert "Kegiatan belum selesai" in page


def test_the_participant_evaluates_once_and_hr_sees_the_results(client_for, finished):
    event, (mine, _theirs) = finished
    employee = client_for("employee")
    form = html(employee.get(url("event_detail", event.pk)))
    assert url("registration_evaluate", mine.pk) in form
    sent = employee.post(
        url("registration_evaluate", mine.pk),
        {"rating": "4", "comments": "Materi bagus"},
        follow=True,
    )
    assert "evaluasi Anda tersimpan" in html(sent)
    assert 'data-testid="evaluated"' in html(sent)
    twice = employee.post(
        url("registration_evaluate", mine.pk), {"rating": "5"}, follow=True
    )
    assert "sudah diisi" in html(twice)
    junk = employee.post(
        url("registration_evaluate", mine.pk), {"rating": "9"}, follow=True
    )
    assert "Pilih penilaian 1 sampai 5." in html(junk)
    assert Evaluation.objects.get().rating == 4
    results = html(client_for("hr_officer").get(url("event_detail", event.pk)))
    assert "1 formulir, rata-rata 4,00 dari 5" in results
    assert "Materi bagus" in results


def test_attendance_sheet_prints_a_signature_column_per_day(client_for, finished):
    event, (mine, _theirs) = finished
    page = html(client_for("hr_officer").get(url("event_attendance_sheet", event.pk)))
    assert "DAFTAR HADIR PESERTA" in page
    assert page.count("data-day=") == 2
    assert f'data-nip="{mine.employee.nip}"' in page
    assert "Pranata Komputer" in page  # his position on the sheet
    assert "<script" not in page.split("</main>")[0].split("<main")[1]


def test_participant_xlsx_lists_every_registration(client_for, finished):
    event, (mine, theirs) = finished
    Registration.objects.filter(pk=theirs.pk).update(
        status="CANCELLED", cancelled_at=timezone.now()
    )
    response = client_for("hr_officer").get(url("event_participants_xlsx", event.pk))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("No urut", "Nama", "NIP")
    assert [r[2] for r in rows[1:]] == [mine.employee.nip, theirs.employee.nip]
    assert rows[1][5] == "Terdaftar"
    assert rows[2][5] == "Dibatalkan"


# ---------------------------------------------------------------- external learning


def evidence(name="sertifikat.pdf", data=b"%PDF-1.4 bukti"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_employee_submits_external_learning_and_hr_reviews_it(client_for, team):
    _boss, worker, _outsider = team
    employee = client_for("employee")
    day = today() - timedelta(days=3)
    response = employee.post(
        url("external_create"),
        {
            "title": "Webinar Keamanan Siber",
            "kind": "SEMINAR",
            "provider": "BSSN",
            "jp": "4",
            "start_date": day.isoformat(),
            "end_date": day.isoformat(),
            "evidence": evidence(),
        },
        follow=True,
    )
    assert "menunggu verifikasi" in html(response)
    item = ExternalLearning.objects.get(employee=worker)
    assert item.status == "PENDING"
    hr = client_for("hr_officer")
    queue = html(hr.get(url("external_review_list")))
    assert "Webinar Keamanan Siber" in queue
    refused = hr.post(
        url("external_review", item.pk), {"decision": "reject"}, follow=True
    )
    assert "Tuliskan alasan penolakan." in html(refused)
    hr.post(url("external_review", item.pk), {"decision": "approve", "note": "Sah"})
    item.refresh_from_db()
    assert (item.status, item.review_note) == ("APPROVED", "Sah")
    again = hr.post(
        url("external_review", item.pk), {"decision": "approve"}, follow=True
    )
    assert "sudah diverifikasi" in html(again)
    assert "Disetujui" in html(employee.get(url("external_list")))


def test_bad_external_input_gets_indonesian_messages(client_for, team):
    response = client_for("employee").post(
        url("external_create"),
        {
            "title": "Kursus",
            "kind": "KURSUS",
            "jp": "0",
            "start_date": today().isoformat(),
            "end_date": (today() + timedelta(days=2)).isoformat(),
            "evidence": evidence("skrip.exe", b"MZ"),
        },
    )
    assert response.status_code == 200
    page = html(response)
    assert "belum dapat dicatat" in page
    assert "Ekstensi berkas “exe” tidak diizinkan" in page
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 1." in page
    assert not ExternalLearning.objects.exists()


def test_evidence_is_only_for_the_owner_his_supervisor_and_hr(client_for, team):
    _boss, worker, outsider = team
    mine = ExternalLearningFactory(employee=worker)
    theirs = ExternalLearningFactory(employee=outsider)
    employee = client_for("employee")
    assert employee.get(url("external_evidence", mine.pk)).status_code == 200
    assert employee.get(url("external_evidence", theirs.pk)).status_code == 404
    boss = client_for("supervisor")
    assert boss.get(url("external_evidence", mine.pk)).status_code == 200
    assert boss.get(url("external_evidence", theirs.pk)).status_code == 404
    assert (
        client_for("hr_officer").get(url("external_evidence", theirs.pk)).status_code
        == 200
    )
    listed = html(employee.get(url("external_list")))
    assert mine.title in listed
    assert theirs.title not in listed


# ---------------------------------------------------------------- Pelatihan saya


def test_my_learning_shows_the_years_jp_and_what_counts(client_for, team):
    _boss, worker, _outsider = team
    CompletedRegistrationFactory(
        employee=worker,
        event=TrainingEventFactory(
            start_date=today() - timedelta(days=1),
            end_date=today() - timedelta(days=1),
            registration_deadline=today() - timedelta(days=2),
            program__jp_credit=12,
            program__title="Pelatihan Excel",
        ),
    )
    ExternalLearningFactory(employee=worker, jp=4, title="Webinar Disetujui")
    ExternalLearningFactory(
        employee=worker,
        jp=30,
        status="PENDING",
        reviewed_at=None,
        title="Webinar Menunggu",
    )
    page = html(client_for("employee").get(url("my_learning")))
    assert 'data-testid="jp-total">16<' in page
    assert "kurang 4 JP" in page
    assert "Pelatihan Excel" in page
    assert "Webinar Menunggu" in page
    assert 'role="progressbar"' in page
    other_year = html(
        client_for("employee").get(url("my_learning"), {"year": today().year - 1})
    )
    assert 'data-testid="jp-total">0<' in other_year


def test_my_learning_without_an_employee_record(client_for):
    page = html(client_for("hr_officer").get(url("my_learning"), {"year": "xx"}))
    assert "belum terhubung dengan data pegawai" in page
