"""Masks of personal data and detection of named civil servants (issue 7 item 4)."""

from __future__ import annotations

import pytest

from community.textscan import MASKS, mask_personal_data, named_civil_servants
from tests.helpers import count_queries
from tests.positions.factories import EmployeeFactory

MASKED = [
    # (kind, text as citizens write it)
    ("NIK", "NIK saya 3273012345670001 mohon dibantu"),
    ("NIK", "NIK saya 3273012345670001 2 kali ditolak"),
    ("NIK", "3273 0123 4567 0001"),
    ("NIK", "32.73.01.120590.0001"),
    ("NIK", "3273-0123-4567-0001"),
    ("NIP", "NIP 19850312 201001 1 003"),
    ("NIP", "NIP:198503122010011003."),
    ("NIP", "19850312.201001.1.003"),
    ("NIP", "19850312-201001-1-003"),
    ("phone", "hubungi 0812-3456-7890 ya"),
    ("phone", "0812 3456 7890"),
    ("phone", "WA 081234567890"),
    ("phone", "0812.3456.789"),
    ("phone", "+62 812-3456-7890"),
    ("phone", "+6281234567890"),
    ("phone", "62 812 3456 7890"),
    ("phone", "(+62) 812 3456 7890"),
    ("phone", "0852 6612 345"),
    ("phone", "telepon (0754) 61234"),
    ("phone", "0754-61234"),
    ("phone", "0751 7051234"),
    ("phone", "021-5551-234"),
    ("phone", "+62 754 61234"),
    ("phone", "(+62) 751 705 1234"),
    ("email", "budi@gmail.com"),
    ("email", "surel: Budi.Santoso+x@mail.sawahlunto.go.id."),
    ("email", "budi [at] gmail [dot] com"),
    ("email", "budi(at)gmail(dot)com"),
    ("email", "budi at gmail dot com"),
    ("email", "budi @ gmail.com"),
    ("email", "budi [at] gmail.co.id"),
]


@pytest.mark.parametrize(("kind", "text"), MASKED)
def test_personal_data_is_masked(kind, text):
    masked = mask_personal_data(text)

    assert masked.kinds == {kind}
    assert MASKS[kind] in masked.text
    digits = "".join(c for c in masked.text if c.isdigit())
    assert len(digits) < 4, masked.text
    assert "@" not in masked.text


KEPT = [
    "tahun 2024",
    "sejak 1998 sampai 2024",
    "tanggal 12-03-2024",
    "tanggal 12/03/2024",
    "2024-03-08",
    "08.12.2024",
    "08-03-2024 pukul 10.30",
    "pukul 08.30 WIB",
    "Rp 1.500.000",
    "Rp1.500.000,00",
    "biaya Rp 25.000 per lembar",
    "Rp 6.281.234.567.890",
    "IDR 1.000.000.000.000.000",
    "1.500.000.000.000.000.000 rupiah",
    "antrian nomor 0812",
    "RT 003 RW 012",
    "Perda No. 8 Tahun 2019",
    "harga 62.500.000",
    "rapat jam 10 di kantor",
    "kirim @dinas_kesehatan di medsos",
    "surat nomor 045/123/2024",
    "pukul 07.30-09.00",
    "kode pos 27411",
    "tanggal 05-06-2024",
    "antrian 0754",
]


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_numbers_are_kept(text):
    masked = mask_personal_data(text)

    assert masked.text == text
    assert masked.kinds == frozenset()


def test_several_kinds_in_one_text():
    masked = mask_personal_data(
        "NIK 3273012345670001, HP 0812-3456-7890, surel a@b.id, bayar Rp 150.000"
    )

    assert masked.kinds == {"NIK", "phone", "email"}
    assert "Rp 150.000" in masked.text


@pytest.mark.django_db
def test_full_names_of_active_employees_are_found_case_insensitively():
    EmployeeFactory(name="Budi Santoso")
    EmployeeFactory(name="Siti Rahmawati Putri")
    EmployeeFactory(name="Andi Wijaya", is_active=False)
    EmployeeFactory(name="Budi")

    found = named_civil_servants(
        "Pelayanan oleh BUDI santoso lambat, siti rahmawati putri ramah. "
        "Andi Wijaya juga. Budi saja."
    )

    assert found == ["Budi Santoso", "Siti Rahmawati Putri"]


@pytest.mark.django_db
def test_a_name_with_an_initial_matches_with_or_without_its_dot():
    EmployeeFactory(name="M. Yusuf")
    EmployeeFactory(name="A Rahman Hakim")

    assert named_civil_servants("Pak M Yusuf di loket 3") == ["M. Yusuf"]
    assert named_civil_servants("pak m. yusuf") == ["M. Yusuf"]
    assert named_civil_servants("dilayani A. Rahman Hakim") == ["A Rahman Hakim"]
    assert named_civil_servants("Yusuf saja") == []


@pytest.mark.django_db
def test_a_partial_name_is_not_a_match():
    EmployeeFactory(name="Siti Rahmawati Putri")

    assert named_civil_servants("Bu Siti Rahmawati sangat membantu") == []


@pytest.mark.django_db
def test_employee_named_by_nip_in_printed_form():
    employee = EmployeeFactory(name="Rudi Hartono")
    printed = f"{employee.nip[:8]} {employee.nip[8:14]} {employee.nip[14]} {employee.nip[15:]}"

    assert named_civil_servants(f"pegawai dengan NIP {printed} tidak hadir") == [
        "Rudi Hartono"
    ]
    assert named_civil_servants(f"NIP {employee.nip}") == ["Rudi Hartono"]


@pytest.mark.django_db
def test_naming_costs_one_query_whatever_the_text_length():
    EmployeeFactory(name="Budi Santoso")
    long_text = "warga menunggu lama sekali di loket " * 400

    assert count_queries(lambda: named_civil_servants(long_text)) == 1
    assert count_queries(lambda: named_civil_servants("tidak ada nama")) == 1
    assert count_queries(lambda: named_civil_servants("123")) == 0
