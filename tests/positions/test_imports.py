from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pghistory.models import Events

from positions import imports
from positions.models import (
    EducationHistory,
    Employee,
    ImportBatch,
    Placement,
    Position,
    RankHistory,
)
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.spreadsheet import XLSX
from tests.accounts.factories import UserFactory
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
    make_nip,
    make_nipppk,
)

pytestmark = pytest.mark.django_db

EMPLOYEE_HEADERS = imports.SPECS["pegawai"].headers
POSITION_HEADERS = imports.SPECS["jabatan"].headers
PLACEMENT_HEADERS = imports.SPECS["penempatan"].headers

SITI_NIP = make_nip(date(1990, 1, 15), date(2015, 3, 1), "2", 4)
BUDI_NIP = make_nip(date(1985, 6, 30), date(2010, 12, 1), "1", 1)
RINA_NIPPPK = make_nipppk(date(1995, 2, 10), 2022, "2", 7)


# ---------------------------------------------------------------- file builders


def csv_file(headers, rows, name="data.csv", delimiter=",") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"), "text/csv")


def xlsx_bytes(headers, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_file(headers, rows, name="data.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(headers, rows), XLSX)


def employee_rows():
    return [
        # nip with spaces, DD-MM-YYYY dates, PNS rank and education
        [
            "19900115 201503 2 004",
            "",
            "Siti Rahmah",
            "S.E.",
            "PNS",
            "Sawahlunto",
            "15-01-1990",
            "P",
            "01-03-2015",
            "III/b",
            "01-04-2019",
            "S-1",
            "2012",
        ],
        # dotted nip, DD/MM/YYYY and YYYY-MM-DD dates, SIASN education code
        [
            "19850630.201012.1.001",
            "dr.",
            "Budi Santoso",
            "",
            "PNS",
            "Padang",
            "30/06/1985",
            "L",
            "2010-12-01",
            "IV/a",
            "2021-10-01",
            "45",
            "2014",
        ],
        # NI PPPK with a PPPK golongan
        [
            RINA_NIPPPK,
            "",
            "Rina Marlina",
            "A.Md.",
            "PPPK",
            "Talawi",
            "10-02-1995",
            "P",
            "01-03-2022",
            "PPPK golongan VII",
            "01-03-2022",
            "D-III",
            "2016",
        ],
    ]


def upload(client, kind, file):
    return client.post(reverse("positions:import_upload"), {"kind": kind, "file": file})


def staged(response) -> ImportBatch:
    assert response.status_code == 302, response.content.decode()[:2000]
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    assert response["Location"] == reverse("positions:import_preview", args=[pk])
    return ImportBatch.objects.get(pk=pk)


def commit(client, batch):
    return client.post(reverse("positions:import_commit", args=[batch.pk]), follow=True)


def import_file(client, kind, file) -> ImportBatch:
    batch = staged(upload(client, kind, file))
    response = commit(client, batch)
    assert response.status_code == 200
    batch.refresh_from_db()
    assert batch.committed_at is not None, batch.summary
    return batch


def domain_events() -> int:
    """Audit events of the imported data (the batch records itself apart)."""
    return Events.objects.exclude(pgh_obj_model="positions.ImportBatch").count()


def defects_of(batch, number) -> list[str]:
    return next(row["defects"] for row in batch.summary["rows"] if row["n"] == number)


@pytest.fixture
def hr(client_for):
    return client_for("hr_officer")


@pytest.fixture
def unit():
    return OrgUnitFactory(code="DISKOMINFO", name="Dinas Komunikasi dan Informatika")


def position_rows():
    # the supervisor comes after its subordinate: the import orders them
    return [
        [
            "KOMINFO-ANALIS",
            "Pranata Komputer",
            "DISKOMINFO",
            "Fungsional",
            "Ahli Pertama",
            "",
            "8",
            "2",
            "KOMINFO-KADIS",
            "TI",
        ],
        [
            "KOMINFO-KADIS",
            "Kepala Dinas Komunikasi dan Informatika",
            "DISKOMINFO",
            "JPT_PRATAMA",
            "",
            "II/b",
            "14",
            "1",
            "",
            "PEMERINTAHAN",
        ],
        [
            "KOMINFO-STAF",
            "Pengadministrasi Umum",
            "DISKOMINFO",
            "PELAKSANA",
            "",
            "",
            "5",
            "1",
            "KOMINFO-KADIS",
            "UMUM",
        ],
    ]


# ---------------------------------------------------------------- good files


def test_good_employee_xlsx_is_previewed_without_writing_then_imported(hr):
    rows = employee_rows()
    rows[0][6] = date(1990, 1, 15)  # a real Excel date
    batch = staged(upload(hr, "pegawai", xlsx_file(EMPLOYEE_HEADERS, rows)))

    assert Employee.objects.count() == 0
    assert batch.committed_at is None
    assert batch.summary["counts"] == {
        "baru": 3,
        "diubah": 0,
        "tetap": 0,
        "bermasalah": 0,
        "total": 3,
    }
    html = hr.get(reverse("positions:import_preview", args=[batch.pk])).content.decode()
    assert "Siti Rahmah" in html
    assert reverse("positions:import_commit", args=[batch.pk]) in html

    response = commit(hr, batch)
    assert (
        "Impor disimpan: 3 baris baru, 0 diubah, 0 tetap." in response.content.decode()
    )
    siti = Employee.objects.get(nip=SITI_NIP)
    assert siti.back_title == "S.E."
    assert siti.rank.grade == "III/b"
    assert siti.rank_date == date(2019, 4, 1)
    assert siti.education.name == "S-1"
    budi = Employee.objects.get(nip=BUDI_NIP)
    assert (budi.front_title, budi.birth_date) == ("dr.", date(1985, 6, 30))
    assert budi.education.name == "S-2"
    rina = Employee.objects.get(nip=RINA_NIPPPK)
    assert (rina.rank.scheme, rina.rank.grade) == ("PPPK", "VII")
    assert rina.education.name == "D-III"
    batch.refresh_from_db()
    assert batch.committed_at is not None
    assert batch.summary["committed"] is True


def test_semicolon_csv_as_saved_by_excel_in_indonesian_settings(hr):
    file = csv_file(EMPLOYEE_HEADERS, employee_rows()[:1], delimiter=";")
    import_file(hr, "pegawai", file)
    assert Employee.objects.filter(nip=SITI_NIP).exists()


def test_positions_import_with_the_supervisor_later_in_the_file(hr, unit):
    import_file(hr, "jabatan", csv_file(POSITION_HEADERS, position_rows()))
    analyst = Position.objects.get(code="KOMINFO-ANALIS")
    head = Position.objects.get(code="KOMINFO-KADIS")
    assert analyst.supervisor == head
    assert (analyst.kind, analyst.level) == ("FUNGSIONAL", "AHLI_PERTAMA")
    assert analyst.retirement_rule.age == 58
    assert (head.eselon, head.retirement_rule.age) == ("II.b", 60)
    assert analyst.unit == unit


def test_placements_import_a_career_in_any_row_order(hr):
    siti = EmployeeFactory(
        nip=SITI_NIP,
        birth_date=date(1990, 1, 15),
        appointment_date=date(2015, 3, 1),
        gender="2",
    )
    first = PositionFactory(code="P-LAMA")
    second = PositionFactory(code="P-BARU")
    rows = [
        [SITI_NIP, "P-BARU", "", "02/01/2024", "", "821/5/2024", "28-12-2023"],
        [SITI_NIP, "P-LAMA", "DEFINITIF", "2015-03-01", "", "", ""],
    ]
    file = csv_file(PLACEMENT_HEADERS, rows)
    import_file(hr, "penempatan", file)

    old = Placement.objects.get(employee=siti, position=first)
    new = Placement.objects.get(employee=siti, position=second)
    assert old.end_date == date(2024, 1, 1)  # ended by the move
    assert (new.start_date, new.end_date) == (date(2024, 1, 2), None)
    assert (new.decree_number, new.decree_date) == ("821/5/2024", date(2023, 12, 28))

    # The stored end date is kept although the file leaves it empty.
    again = staged(upload(hr, "penempatan", csv_file(PLACEMENT_HEADERS, rows)))
    assert again.summary["counts"]["tetap"] == 2


def test_the_downloaded_xlsx_template_filled_in_imports(hr):
    response = hr.get(
        reverse("positions:import_template", args=["pegawai"]), {"format": "xlsx"}
    )
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    for column, value in enumerate(employee_rows()[0], start=1):
        sheet.cell(row=2, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("isi.xlsx", buffer.getvalue(), XLSX)
    import_file(hr, "pegawai", file)
    assert Employee.objects.filter(nip=SITI_NIP).exists()


# ---------------------------------------------------------------- defects


def test_one_bad_row_writes_nothing_and_names_the_row_and_the_defect(hr):
    rows = employee_rows()
    rows[1][0] = "19850630 201012 1 01"  # 17 digits, on spreadsheet row 3
    batch = staged(upload(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, rows)))

    assert batch.summary["counts"]["bermasalah"] == 1
    assert defects_of(batch, 3) == ["nip: NIP harus 18 digit, bukan 17 digit."]
    assert defects_of(batch, 2) == []
    html = hr.get(reverse("positions:import_preview", args=[batch.pk])).content.decode()
    assert '<th scope="row">3</th>' in html
    assert "NIP harus 18 digit, bukan 17 digit." in html
    assert reverse("positions:import_commit", args=[batch.pk]) not in html

    events = domain_events()
    response = commit(hr, batch)  # forced past the hidden button
    assert "Tidak ada yang disimpan: 1 baris bermasalah." in response.content.decode()
    assert Employee.objects.count() == 0
    assert RankHistory.objects.count() == 0
    assert domain_events() == events
    batch.refresh_from_db()
    assert batch.committed_at is None


def test_every_defect_of_a_row_is_listed(hr):
    rows = employee_rows()[:1]
    rows[0][6] = "16-01-1990"  # disagrees with the NIP
    rows[0][7] = "X"
    rows[0][9] = "IX"  # a PPPK golongan for a PNS
    rows[0][12] = ""
    batch = staged(upload(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, rows)))
    defects = defects_of(batch, 2)
    assert "jenis_kelamin: 'X' tidak dikenal; pilih salah satu: L, P." in defects
    assert "golongan: Golongan IX tidak berlaku untuk pegawai berstatus PNS." in defects
    assert "tahun_lulus: wajib diisi bila pendidikan diisi." in defects
    assert (
        "tanggal_lahir: Tanggal lahir tidak sesuai dengan NIP "
        "(NIP menunjukkan 15-01-1990)." in defects
    )


def test_a_bad_date_names_the_accepted_formats(hr):
    rows = employee_rows()[:1]
    rows[0][8] = "2015/03/01"
    batch = staged(upload(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, rows)))
    assert defects_of(batch, 2) == [
        "tmt_pengangkatan: '2015/03/01' bukan tanggal yang sah (gunakan YYYY-MM-DD, "
        "DD-MM-YYYY atau DD/MM/YYYY)."
    ]


def test_a_nip_stored_as_an_excel_number_is_refused(hr):
    rows = employee_rows()[:1]
    rows[0][0] = float(SITI_NIP)
    batch = staged(upload(hr, "pegawai", xlsx_file(EMPLOYEE_HEADERS, rows)))
    assert defects_of(batch, 2)[0].startswith(
        "nip: NIP tersimpan sebagai angka sehingga digit terakhirnya hilang"
    )


def test_a_nip_twice_in_one_file_is_a_defect(hr):
    rows = employee_rows()
    rows[2] = list(rows[0])
    batch = staged(upload(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, rows)))
    assert defects_of(batch, 4) == ["nip: NIP ini juga ada di baris 2."]


def test_unknown_unit_and_unknown_supervisor(hr, unit):
    rows = position_rows()
    rows[1][2] = "DINAS-ENTAH"
    rows[2][8] = "TIDAK-ADA"
    batch = staged(upload(hr, "jabatan", csv_file(POSITION_HEADERS, rows)))
    assert defects_of(batch, 3) == [
        "kode_unit: unit dengan kode DINAS-ENTAH tidak dikenal."
    ]
    assert defects_of(batch, 4) == [
        "kode_atasan: jabatan dengan kode TIDAK-ADA tidak dikenal."
    ]
    # The analyst's supervisor is in the file but its row is defective.
    assert defects_of(batch, 2)[0].startswith(
        "kode_atasan: jabatan atasan KOMINFO-KADIS ada di berkas ini"
    )
    assert Position.objects.count() == 0


def test_position_rules_are_reported_in_indonesian(hr, unit):
    rows = position_rows()
    rows[0][4] = ""  # functional without a level
    rows[2][5] = "III.a"  # eselon on a pelaksana
    rows[1][6] = "18"
    batch = staged(upload(hr, "jabatan", csv_file(POSITION_HEADERS, rows)))
    assert "jenjang: Jabatan fungsional wajib memiliki jenjang." in defects_of(batch, 2)
    assert "kelas: harus antara 1 dan 17." in defects_of(batch, 3)
    assert "eselon: Eselon hanya berlaku untuk jabatan manajerial." in defects_of(
        batch, 4
    )


def test_unknown_nip_and_position_code_in_placements(hr):
    PositionFactory(code="P-1")
    EmployeeFactory(nip=SITI_NIP, birth_date=date(1990, 1, 15), gender="2")
    rows = [
        [BUDI_NIP, "P-1", "", "2024-01-02", "", "", ""],
        [SITI_NIP, "P-ENTAH", "", "2024-01-02", "", "", ""],
    ]
    batch = staged(upload(hr, "penempatan", csv_file(PLACEMENT_HEADERS, rows)))
    assert defects_of(batch, 2) == [
        "nip: pegawai dengan NIP 19850630 201012 1 001 tidak dikenal; impor data "
        "pegawai lebih dahulu."
    ]
    assert defects_of(batch, 3) == [
        "kode_jabatan: jabatan dengan kode P-ENTAH tidak dikenal."
    ]


def test_overlapping_definitive_placements_in_one_file(hr):
    employee = EmployeeFactory()
    PositionFactory(code="P-1")
    PositionFactory(code="P-2")
    rows = [
        [employee.nip, "P-1", "DEFINITIF", "2024-01-02", "", "", ""],
        [employee.nip, "P-2", "DEFINITIF", "2024-01-02", "", "", ""],
    ]
    batch = staged(upload(hr, "penempatan", csv_file(PLACEMENT_HEADERS, rows)))
    assert defects_of(batch, 2) == []
    assert "bertumpang tindih" in defects_of(batch, 3)[0]
    commit(hr, batch)
    assert Placement.objects.count() == 0


def test_overlap_with_a_stored_placement(hr):
    stored = PlacementFactory(start_date=date(2020, 1, 1), end_date=date(2025, 6, 30))
    PositionFactory(code="P-2")
    rows = [[stored.employee.nip, "P-2", "", "2023-01-01", "2023-12-31", "", ""]]
    batch = staged(upload(hr, "penempatan", csv_file(PLACEMENT_HEADERS, rows)))
    assert "bertumpang tindih" in defects_of(batch, 2)[0]


def test_overfill_when_the_file_places_two_in_a_seat_for_one(hr):
    PositionFactory(code="KASUBAG", title="Kepala Subbagian Umum", needs=1)
    first, second = EmployeeFactory(), EmployeeFactory()
    rows = [
        [first.nip, "KASUBAG", "DEFINITIF", "2024-01-02", "", "", ""],
        [second.nip, "KASUBAG", "DEFINITIF", "2024-03-01", "", "", ""],
        # an acting officer (Plt) takes no seat
        [second.nip, "KASUBAG", "PLT", "2024-01-02", "2024-02-28", "", ""],
    ]
    batch = staged(upload(hr, "penempatan", csv_file(PLACEMENT_HEADERS, rows)))
    assert defects_of(batch, 2) == []
    assert defects_of(batch, 4) == []
    assert defects_of(batch, 3) == [
        "Jabatan Kepala Subbagian Umum sudah terisi penuh pada 01-03-2024: "
        "kebutuhan 1 orang, sudah ada 1 pemangku definitif."
    ]
    commit(hr, batch)
    assert Placement.objects.count() == 0


# ---------------------------------------------------------------- idempotence


def test_the_same_files_again_change_nothing(hr, unit):
    files = {
        "jabatan": (POSITION_HEADERS, position_rows()),
        "pegawai": (EMPLOYEE_HEADERS, employee_rows()),
        "penempatan": (
            PLACEMENT_HEADERS,
            [
                [
                    SITI_NIP,
                    "KOMINFO-ANALIS",
                    "",
                    "02-01-2024",
                    "",
                    "821/1",
                    "28/12/2023",
                ],
                [BUDI_NIP, "KOMINFO-KADIS", "", "2023-07-01", "", "", ""],
                [
                    RINA_NIPPPK,
                    "KOMINFO-ANALIS",
                    "PLH",
                    "2024-05-06",
                    "2024-05-10",
                    "",
                    "",
                ],
            ],
        ),
    }
    contents = {kind: xlsx_bytes(*table) for kind, table in files.items()}

    def file(kind):
        return SimpleUploadedFile(f"{kind}.xlsx", contents[kind], XLSX)

    for kind in files:
        import_file(hr, kind, file(kind))
    counts = [
        model.objects.count()
        for model in (Employee, Position, Placement, RankHistory, EducationHistory)
    ]
    assert counts == [3, 3, 3, 3, 3]
    events = domain_events()

    for kind in files:
        batch = staged(upload(hr, kind, file(kind)))
        assert batch.summary["counts"]["tetap"] == 3, batch.summary
        html = hr.get(
            reverse("positions:import_preview", args=[batch.pk])
        ).content.decode()
        assert "Berkas yang sama persis sudah diimpor pada" in html
        response = commit(hr, batch)
        assert "0 baris baru, 0 diubah, 3 tetap" in response.content.decode()

    assert [
        model.objects.count()
        for model in (Employee, Position, Placement, RankHistory, EducationHistory)
    ] == counts
    assert domain_events() == events


def test_a_changed_row_updates_only_what_changed(hr):
    import_file(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, employee_rows()))
    rows = employee_rows()
    rows[0][2] = "Siti Rahmah Yanti"
    rows[0][9], rows[0][10] = "III/c", "01-04-2023"  # a promotion
    events = domain_events()
    batch = import_file(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, rows))
    assert batch.summary["counts"] == {
        "baru": 0,
        "diubah": 1,
        "tetap": 2,
        "bermasalah": 0,
        "total": 3,
    }
    assert batch.summary["rows"][0]["changes"] == ["nama", "golongan"]
    siti = Employee.objects.get(nip=SITI_NIP)
    assert (siti.name, siti.rank.grade) == ("Siti Rahmah Yanti", "III/c")
    assert siti.rank_history.count() == 2
    # name change + new rank row + refreshed rank mirror
    assert domain_events() == events + 3


# ---------------------------------------------------------------- batches


def test_committing_twice_is_refused(hr):
    batch = import_file(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, employee_rows()))
    first_commit = batch.committed_at
    events = domain_events()
    response = commit(hr, batch)
    assert "sudah disimpan sebelumnya" in response.content.decode()
    batch.refresh_from_db()
    assert batch.committed_at == first_commit
    assert domain_events() == events
    assert reverse("positions:import_commit", args=[batch.pk]) not in (
        response.content.decode()
    )


def test_commit_answers_get_with_405(hr):
    batch = staged(upload(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, employee_rows())))
    response = hr.get(reverse("positions:import_commit", args=[batch.pk]))
    assert response.status_code == 405


def test_hr_officers_share_batches(hr, role_groups):
    batch = staged(upload(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, employee_rows())))
    colleague = UserFactory(username="bkpsdm2", role=roles.HR)
    other = Client()
    other.force_login(colleague)
    preview = other.get(reverse("positions:import_preview", args=[batch.pk]))
    assert preview.status_code == 200
    assert "Siti Rahmah" in preview.content.decode()
    commit(other, batch)
    assert Employee.objects.count() == 3
    upload_page = other.get(reverse("positions:import_upload")).content.decode()
    assert reverse("positions:import_preview", args=[batch.pk]) in upload_page


def test_an_unknown_batch_is_404(hr):
    assert hr.get(reverse("positions:import_preview", args=[999999])).status_code == 404


def test_the_batch_keeps_the_file_and_its_fingerprint(hr):
    content = xlsx_bytes(EMPLOYEE_HEADERS, employee_rows())
    batch = staged(upload(hr, "pegawai", SimpleUploadedFile("x.xlsx", content, XLSX)))
    assert bytes(batch.content) == content
    assert len(batch.sha256) == 64
    assert batch.uploaded_by.username == "bkpsdm"
    assert batch.filename == "x.xlsx"


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("kind", ["pegawai", "jabatan", "penempatan"])
def test_template_downloads(hr, kind):
    url = reverse("positions:import_template", args=[kind])
    headers = imports.SPECS[kind].headers

    xlsx = hr.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == XLSX
    assert f"templat-impor-{kind}.xlsx" in xlsx["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == headers
    assert workbook.worksheets[1].title == "Petunjuk"

    text = hr.get(url, {"format": "csv"})
    assert text.status_code == 200
    assert f"templat-impor-{kind}.csv" in text["Content-Disposition"]
    body = b"".join(text.streaming_content).decode("utf-8")
    assert body == "\ufeff" + ",".join(headers) + "\r\n"


def test_template_of_unknown_kind_or_format_is_404(hr):
    url = reverse("positions:import_template", args=["gaji"])
    assert hr.get(url).status_code == 404
    url = reverse("positions:import_template", args=["pegawai"])
    assert hr.get(url, {"format": "pdf"}).status_code == 404


def test_the_upload_page_documents_every_column(hr):
    html = hr.get(reverse("positions:import_upload")).content.decode()
    for spec in imports.SPECS.values():
        for name in spec.headers:
            assert f"<code>{name}</code>" in html
        assert reverse("positions:import_template", args=[spec.kind]) in html
    assert 'enctype="multipart/form-data"' in html
    assert "<script>" not in html
    assert 'style="' not in html


# ---------------------------------------------------------------- access


@pytest.mark.parametrize("persona", ["supervisor", "employee", "moderator", "citizen"])
def test_other_roles_get_403(client_for, persona, hr_officer):
    batch = ImportBatch.objects.create(
        kind="pegawai",
        filename="a.csv",
        content=b"x",
        sha256="0" * 64,
        uploaded_by=hr_officer,
    )
    client = client_for(persona)
    urls = [
        reverse("positions:import_upload"),
        reverse("positions:import_preview", args=[batch.pk]),
        reverse("positions:import_template", args=["pegawai"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    commit_url = reverse("positions:import_commit", args=[batch.pk])
    assert client.post(commit_url).status_code == 403
    batch.refresh_from_db()
    assert batch.committed_at is None


def test_anonymous_is_sent_to_login(client, hr_officer):
    batch = ImportBatch.objects.create(
        kind="pegawai",
        filename="a.csv",
        content=b"x",
        sha256="0" * 64,
        uploaded_by=hr_officer,
    )
    login = reverse("login")
    for url in [
        reverse("positions:import_upload"),
        reverse("positions:import_preview", args=[batch.pk]),
        reverse("positions:import_template", args=["jabatan"]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(login)
    response = client.post(reverse("positions:import_commit", args=[batch.pk]))
    assert response["Location"].startswith(login)


def test_only_hr_sees_batches(hr_officer, supervisor, citizen):
    ImportBatch.objects.create(
        kind="pegawai",
        filename="a.csv",
        content=b"x",
        sha256="0" * 64,
        uploaded_by=hr_officer,
    )
    assert ImportBatch.objects.visible_to(hr_officer).count() == 1
    assert ImportBatch.objects.visible_to(supervisor).count() == 0
    assert ImportBatch.objects.visible_to(citizen).count() == 0


# ---------------------------------------------------------------- unusable files


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "rusak.xlsx",
            b"PK\x03\x04 bukan zip sungguhan",
            "Berkas xlsx tidak dapat dibaca",
        ),
        ("teks.xlsx", b"nip,nama\n1,2\n", "Berkas xlsx tidak dapat dibaca"),
        ("lama.xls", b"\xd0\xcf\x11\xe0", "Berkas .xls (Excel 97-2003) tidak didukung"),
        ("surat.pdf", b"%PDF-1.4", "Jenis berkas tidak didukung"),
        ("biner.csv", b"\x00\x01\x02", "bukan berkas CSV"),
        ("kosong.csv", b"\n\n", "Berkas kosong"),
        ("judul.csv", ",".join(EMPLOYEE_HEADERS).encode(), "tidak berisi baris data"),
        (
            "salah.csv",
            b"nip,nama,alamat\n1,2,3\n",
            "kolom yang tidak ada: gelar_depan",
        ),
        (
            "jabatan.csv",
            (",".join(POSITION_HEADERS) + "\nA,B,C,D,E,F,1,1,,UMUM\n").encode(),
            "Berkas ini tampaknya berkas Jabatan",
        ),
    ],
)
def test_an_unusable_file_gets_a_message_not_a_500(hr, name, content, message):
    response = upload(hr, "pegawai", SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_an_empty_upload_is_refused(hr):
    response = upload(hr, "pegawai", SimpleUploadedFile("kosong.csv", b""))
    assert response.status_code == 200
    assert ImportBatch.objects.count() == 0
    assert "is-invalid" in response.content.decode()


def test_size_and_row_limits(hr, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 100)
    big = csv_file(EMPLOYEE_HEADERS, employee_rows())
    response = upload(hr, "pegawai", big)
    assert "Berkas terlalu besar" in response.content.decode()

    monkeypatch.setattr(imports, "MAX_BYTES", 5 * 1024 * 1024)
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    response = upload(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, employee_rows()))
    assert "lebih dari 2 baris data" in response.content.decode()
    response = upload(hr, "pegawai", xlsx_file(EMPLOYEE_HEADERS, employee_rows()))
    assert "lebih dari 2 baris data" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_commit_checks_again_and_refuses_what_went_wrong_since_the_preview(hr):
    seat = PositionFactory(code="KASUBAG", title="Kepala Subbagian Umum", needs=1)
    first, second = EmployeeFactory(), EmployeeFactory()
    rows = [[first.nip, "KASUBAG", "", "2024-01-02", "", "", ""]]
    batch = staged(upload(hr, "penempatan", csv_file(PLACEMENT_HEADERS, rows)))
    assert batch.summary["counts"]["baru"] == 1
    PlacementFactory(employee=second, position=seat, start_date=date(2023, 1, 2))

    response = commit(hr, batch)
    assert "Tidak ada yang disimpan: 1 baris bermasalah." in response.content.decode()
    batch.refresh_from_db()
    assert batch.committed_at is None
    assert "sudah terisi penuh" in defects_of(batch, 2)[0]
    assert not Placement.objects.filter(employee=first).exists()


def test_a_supervisor_cycle_is_refused(hr, unit):
    head = PositionFactory(code="A", unit=unit, kind="ADMINISTRATOR")
    PositionFactory(code="B", unit=unit, kind="PENGAWAS", supervisor=head)
    rows = [
        [
            "A",
            "Kepala Bidang",
            "DISKOMINFO",
            "ADMINISTRATOR",
            "",
            "",
            "12",
            "1",
            "B",
            "UMUM",
        ]
    ]
    batch = staged(upload(hr, "jabatan", csv_file(POSITION_HEADERS, rows)))
    assert defects_of(batch, 2) == [
        "kode_atasan: jabatan B berada di bawah jabatan ini; atasan tidak boleh "
        "melingkar."
    ]


def test_a_changed_position_is_updated(hr, unit):
    import_file(hr, "jabatan", csv_file(POSITION_HEADERS, position_rows()))
    rows = position_rows()
    rows[0][7] = "3"  # kebutuhan
    rows[0][4] = "AHLI_MUDA"  # jenjang
    batch = import_file(hr, "jabatan", csv_file(POSITION_HEADERS, rows))
    assert batch.summary["counts"]["diubah"] == 1
    assert batch.summary["rows"][0]["changes"] == ["jenjang", "kebutuhan"]
    analyst = Position.objects.get(code="KOMINFO-ANALIS")
    assert (analyst.needs, analyst.level) == (3, "AHLI_MUDA")


def test_a_stored_placement_is_ended_or_refused_when_that_overfills(hr):
    seat = PositionFactory(code="KASUBAG", title="Kepala Subbagian Umum", needs=1)
    holder, acting = EmployeeFactory(), EmployeeFactory()
    rows = [
        [holder.nip, "KASUBAG", "", "2024-01-02", "", "", ""],
        [acting.nip, "KASUBAG", "PLT", "2023-06-01", "2023-12-31", "", ""],
    ]
    import_file(hr, "penempatan", csv_file(PLACEMENT_HEADERS, rows))

    rows[0][4] = "2024-06-30"  # the holder leaves
    batch = import_file(hr, "penempatan", csv_file(PLACEMENT_HEADERS, rows))
    assert batch.summary["rows"][0]["changes"] == ["tanggal_berakhir"]
    assert Placement.objects.get(employee=holder).end_date == date(2024, 6, 30)

    rows[1][2], rows[1][4] = "DEFINITIF", "2024-03-31"  # would share the one seat
    batch = staged(upload(hr, "penempatan", csv_file(PLACEMENT_HEADERS, rows)))
    assert "sudah terisi penuh" in defects_of(batch, 3)[0]
    assert Placement.objects.get(employee=acting, position=seat).kind == "PLT"


def test_blank_rows_are_skipped_and_row_numbers_follow_the_sheet(hr):
    rows = employee_rows()
    rows[2][0] = "1995021020222120O7"  # a letter O among the digits
    rows.insert(1, [""] * len(EMPLOYEE_HEADERS))
    batch = staged(upload(hr, "pegawai", xlsx_file(EMPLOYEE_HEADERS, rows)))
    assert [row["n"] for row in batch.summary["rows"]] == [2, 4, 5]
    assert defects_of(batch, 5) == ["nip: NIP hanya boleh berisi angka."]


def test_a_number_with_unicode_digits_is_a_defect_not_a_crash(hr, unit):
    rows = position_rows()[1:2]
    rows[0][6] = "1²"
    batch = staged(upload(hr, "jabatan", csv_file(POSITION_HEADERS, rows)))
    assert defects_of(batch, 2) == ["kelas: '1²' bukan bilangan bulat."]


def test_a_sheet_with_endless_blank_rows_is_refused(hr, monkeypatch):
    monkeypatch.setattr(imports, "MAX_SCANNED_ROWS", 10)
    rows = employee_rows()[:1] + [[""] * len(EMPLOYEE_HEADERS)] * 20
    response = upload(hr, "pegawai", csv_file(EMPLOYEE_HEADERS, rows))
    assert "hapus baris kosong di bawah data" in response.content.decode()
