from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from positions import nip
from tests.positions.factories import EmployeeFactory


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("19900115 201503 2 004", "199001152015032004"),
        ("19900115.201503.2.004", "199001152015032004"),
        (" 199001152015032004 ", "199001152015032004"),
    ],
)
def test_spaces_and_dots_are_stripped(raw, expected):
    parsed, errors = nip.parse(raw)
    assert errors == []
    assert parsed.digits == expected


def test_valid_pns_nip_is_read_field_by_field():
    parsed, errors = nip.parse("199001152015032004")
    assert errors == []
    assert parsed.birth_date == date(1990, 1, 15)
    assert (parsed.appointment_year, parsed.appointment_month) == (2015, 3)
    assert parsed.gender == nip.FEMALE
    assert parsed.sequence == 4
    assert not parsed.is_pppk


def test_valid_ni_pppk_from_the_reference_library():
    parsed, errors = nip.parse("200012312024211001")
    assert errors == []
    assert parsed.is_pppk
    assert parsed.birth_date == date(2000, 12, 31)
    assert parsed.appointment_year == 2024
    assert parsed.appointment_month is None
    assert parsed.gender == nip.MALE


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "wajib diisi"),
        ("19900115201503200A", "hanya boleh berisi angka"),
        ("1990011520150320", "harus 18 digit, bukan 16"),
        ("199002302015032004", "bukan tanggal lahir yang sah"),
        ("199001152015132004", "bukan bulan TMT CPNS yang sah"),
        ("199001152015003004", "bukan bulan TMT CPNS yang sah"),
        ("199001152015033004", "harus 1 (laki-laki) atau 2 (perempuan)"),
        ("199001152015032000", "harus 001-999"),
        ("200012312024201001", "jumlah perjanjian kerja"),
    ],
)
def test_each_defect_gets_its_own_indonesian_message(raw, message):
    parsed, errors = nip.parse(raw)
    assert parsed is None
    assert any(message in error for error in errors), errors


def test_display_groups_the_digits():
    assert nip.display("199001152015032004") == "19900115 201503 2 004"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"birth_date": date(1990, 1, 16)}, "birth_date"),
        ({"gender": "1"}, "gender"),
        ({"appointment_date": date(2015, 4, 1)}, "appointment_date"),
        ({"status": "PPPK"}, "status"),
    ],
)
def test_record_must_agree_with_the_number(change, field):
    employee = EmployeeFactory.build(
        nip="19900115 201503 2 004",
        birth_date=date(1990, 1, 15),
        gender="2",
        appointment_date=date(2015, 3, 1),
        status="PNS",
    )
    employee.full_clean()  # agrees: no error
    assert employee.nip == "199001152015032004"
    for key, value in change.items():
        setattr(employee, key, value)
    with pytest.raises(ValidationError) as info:
        employee.full_clean()
    assert field in info.value.message_dict


@pytest.mark.django_db
def test_ni_pppk_needs_a_pppk_status_and_year():
    employee = EmployeeFactory.build(
        nip="200012312024211001",
        birth_date=date(2000, 12, 31),
        gender="1",
        appointment_date=date(2024, 7, 1),
        status="PPPK",
    )
    employee.full_clean()
    employee.appointment_date = date(2023, 7, 1)
    with pytest.raises(ValidationError) as info:
        employee.full_clean()
    assert "NIP menunjukkan 2024" in info.value.message_dict["appointment_date"][0]


@pytest.mark.django_db
def test_nip_is_unique():
    first = EmployeeFactory()
    duplicate = EmployeeFactory.build(
        nip=first.nip,
        birth_date=first.birth_date,
        gender=first.gender,
        appointment_date=first.appointment_date,
    )
    with pytest.raises(ValidationError) as info:
        duplicate.full_clean()
    assert "nip" in info.value.message_dict
