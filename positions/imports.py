"""Import of employees, positions and placements from CSV and xlsx files.

A file is read into rows (`read_table`), then every row is applied with the
model rules and the placement service inside one transaction, each row in its
own savepoint so that one bad row does not stop the others from being checked.
`stage` rolls the run back and keeps the file and its row report (the preview);
`commit` runs it again in a durable transaction and keeps it only when no row
has a defect. A row identical to what is stored writes nothing, so importing
the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from positions import nip as nip_rules
from positions import services
from positions.models import (
    MANAGERIAL_KINDS,
    EducationHistory,
    EducationLevel,
    Employee,
    FunctionalLevel,
    ImportBatch,
    OrgUnit,
    Placement,
    Position,
    PositionKind,
    Rank,
    RankHistory,
    RetirementRule,
)

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 3000  # a preview or a commit of this many rows stays well inside a request

NEW, CHANGED, UNCHANGED = "baru", "diubah", "tetap"
OUTCOME_LABELS = {
    NEW: gettext_lazy("Baru"),
    CHANGED: gettext_lazy("Diubah"),
    UNCHANGED: gettext_lazy("Tetap"),
}


# ---------------------------------------------------------------- column specs


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    example: str
    required: bool = False
    # Formatted as text in the xlsx template so Excel keeps every digit.
    text: bool = False


@dataclass(frozen=True)
class Spec:
    kind: str
    label: str
    columns: tuple[Column, ...]
    note: str

    @property
    def headers(self) -> list[str]:
        return [column.name for column in self.columns]


DATE_HELP = gettext_lazy("Tanggal: YYYY-MM-DD, DD-MM-YYYY atau DD/MM/YYYY.")

SPECS: dict[str, Spec] = {
    ImportBatch.Kind.EMPLOYEES: Spec(
        kind=ImportBatch.Kind.EMPLOYEES,
        label=gettext_lazy("Pegawai"),
        note=gettext_lazy(
            "Satu baris per pegawai, dicocokkan dengan NIP: NIP baru ditambahkan, NIP "
            "yang sudah ada diperbarui. NIP harus sesuai dengan tanggal lahir, jenis "
            "kelamin, TMT pengangkatan dan status. Golongan dicatat ke riwayat pangkat "
            "menurut TMT golongan; pendidikan dicatat ke riwayat pendidikan."
        ),
        columns=(
            Column(
                "nip",
                gettext_lazy("NIP atau NI PPPK, 18 digit; spasi dan titik boleh."),
                "19900115 201503 2 004",
                required=True,
                text=True,
            ),
            Column("gelar_depan", gettext_lazy("Gelar depan."), "dr."),
            Column("nama", gettext_lazy("Nama tanpa gelar."), "Siti Rahmah", True),
            Column("gelar_belakang", gettext_lazy("Gelar belakang."), "S.E., M.M."),
            Column(
                "status",
                gettext_lazy("PNS, CPNS, PPPK atau PPPK_PW (PPPK paruh waktu)."),
                "PNS",
                required=True,
            ),
            Column("tempat_lahir", gettext_lazy("Tempat lahir."), "Sawahlunto"),
            Column("tanggal_lahir", DATE_HELP, "15-01-1990", required=True),
            Column(
                "jenis_kelamin",
                gettext_lazy("L (laki-laki) atau P (perempuan)."),
                "P",
                required=True,
            ),
            Column(
                "tmt_pengangkatan",
                format_lazy(
                    "{} {}",
                    gettext_lazy("TMT CPNS (PNS/CPNS) atau TMT PPPK."),
                    DATE_HELP,
                ),
                "01-03-2015",
                required=True,
            ),
            Column(
                "golongan",
                gettext_lazy(
                    "Pangkat/golongan terakhir: III/b untuk PNS, IX untuk PPPK. "
                    "Boleh kosong."
                ),
                "III/b",
            ),
            Column(
                "tmt_golongan",
                gettext_lazy("TMT golongan; wajib bila golongan diisi."),
                "01-04-2019",
            ),
            Column(
                "pendidikan",
                gettext_lazy(
                    "Pendidikan terakhir: kode SIASN (mis. 40) atau jenjang "
                    "(SLTA, D-III, S-1, S-2, S-3). Boleh kosong."
                ),
                "S-1",
            ),
            Column(
                "tahun_lulus",
                gettext_lazy(
                    "Tahun lulus pendidikan itu; wajib bila pendidikan diisi."
                ),
                "2012",
            ),
        ),
    ),
    ImportBatch.Kind.POSITIONS: Spec(
        kind=ImportBatch.Kind.POSITIONS,
        label=gettext_lazy("Jabatan"),
        note=gettext_lazy(
            "Satu baris per jabatan, dicocokkan dengan kode jabatan. Unit harus sudah "
            "terdaftar. Jabatan atasan boleh ada di berkas yang sama."
        ),
        columns=(
            Column(
                "kode",
                gettext_lazy("Kode jabatan, unik."),
                "DISKOMINFO-ANALIS-01",
                required=True,
                text=True,
            ),
            Column(
                "nama_jabatan",
                gettext_lazy("Nama jabatan."),
                "Analis Kebijakan",
                required=True,
            ),
            Column(
                "kode_unit",
                gettext_lazy("Kode unit organisasi yang sudah terdaftar."),
                "DISKOMINFO",
                required=True,
                text=True,
            ),
            Column(
                "jenis",
                gettext_lazy(
                    "JPT_UTAMA, JPT_MADYA, JPT_PRATAMA, ADMINISTRATOR, PENGAWAS, "
                    "PELAKSANA atau FUNGSIONAL."
                ),
                "FUNGSIONAL",
                required=True,
            ),
            Column(
                "jenjang",
                gettext_lazy(
                    "Hanya untuk jabatan fungsional: AHLI_PERTAMA, AHLI_MUDA, "
                    "AHLI_MADYA, AHLI_UTAMA, PEMULA, TERAMPIL, MAHIR atau PENYELIA."
                ),
                "AHLI_PERTAMA",
            ),
            Column(
                "eselon",
                gettext_lazy(
                    "Hanya untuk jabatan manajerial: II.a, II.b, III.a, III.b, IV.a, "
                    "IV.b."
                ),
                "",
            ),
            Column("kelas", gettext_lazy("Kelas jabatan, 1-17."), "8", required=True),
            Column(
                "kebutuhan",
                gettext_lazy("Kebutuhan pegawai menurut ABK."),
                "2",
                required=True,
            ),
            Column(
                "kode_atasan",
                gettext_lazy("Kode jabatan atasan langsung. Boleh kosong."),
                "DISKOMINFO-KADIS",
                text=True,
            ),
            Column(
                "rumpun",
                gettext_lazy(
                    "PEMERINTAHAN, KEUANGAN, PELAYANAN_PUBLIK, KESEHATAN, PENDIDIKAN, "
                    "TI, KEPEGAWAIAN, PERENCANAAN, PENGAWASAN, INFRASTRUKTUR, "
                    "KEBUDAYAAN, HUKUM atau UMUM."
                ),
                "TI",
                required=True,
            ),
        ),
    ),
    ImportBatch.Kind.PLACEMENTS: Spec(
        kind=ImportBatch.Kind.PLACEMENTS,
        label=gettext_lazy("Penempatan"),
        note=gettext_lazy(
            "Satu baris per penempatan, dicocokkan dengan NIP, kode jabatan dan TMT. "
            "Pegawai dan jabatan harus sudah terdaftar. Penempatan definitif baru "
            "mengakhiri penempatan definitif sebelumnya yang masih terbuka; isi "
            "tanggal_berakhir untuk riwayat jabatan yang sudah selesai. Tanggal "
            "berakhir yang kosong tidak mengubah penempatan yang sudah tersimpan."
        ),
        columns=(
            Column(
                "nip",
                gettext_lazy("NIP pegawai yang sudah terdaftar."),
                "19900115 201503 2 004",
                required=True,
                text=True,
            ),
            Column(
                "kode_jabatan",
                gettext_lazy("Kode jabatan yang sudah terdaftar."),
                "DISKOMINFO-ANALIS-01",
                required=True,
                text=True,
            ),
            Column(
                "jenis",
                gettext_lazy("DEFINITIF, PLT atau PLH; kosong berarti DEFINITIF."),
                "DEFINITIF",
            ),
            Column(
                "tmt",
                format_lazy("{} {}", gettext_lazy("TMT jabatan."), DATE_HELP),
                "02-01-2024",
                required=True,
            ),
            Column(
                "tanggal_berakhir",
                gettext_lazy("Hari terakhir menjabat; kosong bila masih menjabat."),
                "",
            ),
            Column(
                "nomor_sk",
                gettext_lazy("Nomor SK."),
                "821/12/BKPSDM-SWL/2024",
                text=True,
            ),
            Column("tanggal_sk", gettext_lazy("Tanggal SK."), "28-12-2023"),
        ),
    ),
}


def spec_for(kind: str) -> Spec | None:
    return SPECS.get(kind)


# ---------------------------------------------------------------- reading files


class ImportFileError(Exception):
    """The file as a whole cannot be used; the message is for the HR officer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Row:
    number: int  # the row number in the spreadsheet; the headers are row 1
    cells: dict[str, object]
    stray: bool = False  # a value sits in a column without a header


def read_table(kind: str, filename: str, content: bytes) -> list[Row]:
    """The data rows of a CSV or xlsx file whose headers match `kind`."""
    spec = SPECS[kind]
    if not content:
        raise ImportFileError(_("Berkas kosong."))
    if len(content) > MAX_BYTES:
        raise ImportFileError(
            _("Berkas terlalu besar: paling besar %(mb)s MB.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    name = (filename or "").lower()
    is_zip = content[:4] == b"PK\x03\x04"
    if name.endswith(".xls"):
        raise ImportFileError(
            _(
                "Berkas .xls (Excel 97-2003) tidak didukung; simpan ulang sebagai "
                ".xlsx atau .csv."
            )
        )
    if name.endswith(".xlsx") or (name.endswith(".csv") and is_zip):
        grid = _xlsx_grid(content)
    elif name.endswith(".csv"):
        grid = _csv_grid(content)
    else:
        raise ImportFileError(
            _("Jenis berkas tidak didukung: unggah berkas .xlsx atau .csv.")
        )
    return _rows(spec, grid)


Grid = list[tuple[int, list]]  # the non-blank rows with their row numbers

# Rows read in all, blank ones included: a sheet formatted far below its data
# is refused rather than read for minutes.
MAX_SCANNED_ROWS = 100_000


def _collect(records: Iterable[Iterable]) -> Grid:
    grid: Grid = []
    for number, values in enumerate(records, start=1):
        if number > MAX_SCANNED_ROWS:
            raise ImportFileError(
                _(
                    "Lembar berisi lebih dari %(n)s baris (termasuk baris kosong); "
                    "hapus baris kosong di bawah data."
                )
                % {"n": MAX_SCANNED_ROWS}
            )
        values = list(values)
        if not _blank_row(values):
            grid.append((number, values))
            if len(grid) > MAX_ROWS + 1:
                raise ImportFileError(_too_many_rows())
    return grid


def _xlsx_grid(content: bytes) -> Grid:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            # The stored dimension can be wrong; read each row as it is.
            sheet.reset_dimensions()
            grid = _collect(sheet.iter_rows(values_only=True))
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        logger.info("unreadable xlsx upload: %r", exc)
        raise ImportFileError(
            _(
                "Berkas xlsx tidak dapat dibaca: berkas rusak atau bukan berkas Excel. "
                "Simpan ulang dari Excel sebagai .xlsx, atau gunakan .csv."
            )
        ) from exc
    return grid


def _csv_grid(content: bytes) -> Grid:
    if b"\x00" in content:
        raise ImportFileError(
            _("Berkas ini bukan berkas CSV (teks); unggah berkas .csv atau .xlsx.")
        )
    # Excel saves "CSV UTF-8" with a BOM and plain "CSV" in the Windows code page.
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    # Excel in Indonesian settings separates with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _collect(reader)
    except csv.Error as exc:
        raise ImportFileError(
            _("Berkas CSV tidak dapat dibaca (baris %(n)s): %(e)s")
            % {"n": reader.line_num, "e": exc}
        ) from exc


def _too_many_rows() -> str:
    return _(
        "Berkas berisi lebih dari %(n)s baris data; bagi menjadi beberapa berkas."
    ) % {"n": MAX_ROWS}


def _header(value) -> str:
    text = _plain(value).lower().replace("\ufeff", "")
    return re.sub(r"[\s\-]+", "_", text)


def _rows(spec: Spec, grid: Grid) -> list[Row]:
    if not grid:
        raise ImportFileError(_("Berkas kosong: tidak ada judul kolom maupun data."))
    header_number, header_values = grid[0]
    header = [_header(value) for value in header_values]
    present = [name for name in header if name]
    problems = []
    missing = [name for name in spec.headers if name not in present]
    unknown = [name for name in present if name not in spec.headers]
    doubled = sorted({name for name in present if present.count(name) > 1})
    if missing:
        problems.append(_("kolom yang tidak ada: %(c)s") % {"c": ", ".join(missing)})
    if unknown:
        problems.append(_("kolom tak dikenal: %(c)s") % {"c": ", ".join(unknown)})
    if doubled:
        problems.append(_("kolom ganda: %(c)s") % {"c": ", ".join(doubled)})
    if problems:
        message = _(
            "Judul kolom (baris %(n)s) tidak sesuai dengan templat %(kind)s: %(p)s."
        ) % {"n": header_number, "kind": spec.label, "p": "; ".join(problems)}
        for other in SPECS.values():
            if other.kind != spec.kind and set(present) == set(other.headers):
                message += " " + _(
                    "Berkas ini tampaknya berkas %(kind)s; pilih jenis data itu."
                ) % {"kind": other.label}
        raise ImportFileError(message)
    rows = []
    for number, values in grid[1:]:
        cells = {
            name: values[i] if i < len(values) else None
            for i, name in enumerate(header)
            if name
        }
        stray = any(
            not _blank(value)
            for i, value in enumerate(values)
            if i >= len(header) or not header[i]
        )
        rows.append(Row(number, cells, stray))
    if not rows:
        raise ImportFileError(_("Berkas tidak berisi baris data di bawah judul kolom."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_too_many_rows())
    return rows


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _blank_row(values: Iterable) -> bool:
    return all(_blank(value) for value in values)


def _plain(value) -> str:
    """A cell as text: numbers without a trailing .0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    # PostgreSQL text cannot hold NUL.
    return str(value).replace("\x00", "").strip()


# ---------------------------------------------------------------- reading cells


DIGITS = re.compile(r"[0-9]+")  # str.isdigit() also passes '²', which int() refuses
DATE_DMY = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})")
DATE_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")


def parse_date(value) -> date:
    """A real xlsx date, or text YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _plain(value)
    if match := DATE_YMD.fullmatch(text):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := DATE_DMY.fullmatch(text):
        return date(int(match[4]), int(match[3]), int(match[1]))
    raise ValueError(text)


def _key(text: str) -> str:
    """Choice text compared loosely: 'Ahli pertama' and 'AHLI-PERTAMA' agree."""
    return re.sub(r"[\s\-]+", "_", text.strip().upper())


def _choices(pairs: Iterable[tuple[str, object]], **aliases: str) -> dict[str, str]:
    table = {}
    for value, label in pairs:
        table[_key(value)] = value
        table[_key(str(label))] = value
    table.update({_key(alias): value for alias, value in aliases.items()})
    return table


class RowReader:
    """Reads one row's cells and collects its defects, column by column."""

    def __init__(self, row: Row) -> None:
        self.row = row
        self.defects: list[str] = []
        self.failed: set[str] = set()
        if row.stray:
            self.defect("", _("Ada isian di kolom tanpa judul."))

    def defect(self, column: str, message: str) -> None:
        text = f"{column}: {message}" if column else str(message)
        if text not in self.defects:
            self.defects.append(text)
        if column:
            self.failed.add(column)

    def raw(self, column: str) -> object:
        return self.row.cells.get(column)

    def text(self, column: str, *, required: bool = False, max_length: int = 0) -> str:
        value = _plain(self.raw(column))
        if required and not value:
            self.defect(column, _("wajib diisi."))
        elif max_length and len(value) > max_length:
            self.defect(column, _("paling banyak %(n)s karakter.") % {"n": max_length})
        return value

    def date(self, column: str, *, required: bool = False) -> date | None:
        value = self.raw(column)
        if _blank(value):
            if required:
                self.defect(column, _("wajib diisi."))
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.defect(
                column,
                _(
                    "'%(v)s' bukan tanggal yang sah (gunakan YYYY-MM-DD, DD-MM-YYYY "
                    "atau DD/MM/YYYY)."
                )
                % {"v": _plain(value)},
            )
            return None

    def integer(
        self,
        column: str,
        *,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        text = _plain(self.raw(column))
        if not text:
            if required:
                self.defect(column, _("wajib diisi."))
            return None
        if not DIGITS.fullmatch(text):
            self.defect(column, _("'%(v)s' bukan bilangan bulat.") % {"v": text})
            return None
        number = int(text)
        if (minimum is not None and number < minimum) or (
            maximum is not None and number > maximum
        ):
            self.defect(
                column,
                _("harus antara %(a)s dan %(b)s.")
                % {"a": minimum, "b": maximum if maximum is not None else "…"},
            )
            return None
        return number

    def choice(
        self,
        column: str,
        table: dict[str, str],
        *,
        required: bool = False,
        allowed: str = "",
    ) -> str:
        text = _plain(self.raw(column))
        if not text:
            if required:
                self.defect(column, _("wajib diisi."))
            return ""
        value = table.get(_key(text))
        if value is None:
            allowed = allowed or ", ".join(sorted(set(table.values())))
            self.defect(
                column,
                _("'%(v)s' tidak dikenal; pilih salah satu: %(a)s.")
                % {"v": text, "a": allowed},
            )
            return ""
        return value

    def nip(self, column: str = "nip") -> str:
        value = self.raw(column)
        if isinstance(value, float) or "E+" in _plain(value).upper():
            self.defect(
                column,
                _(
                    "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; "
                    "format kolom nip sebagai Teks lalu ketik ulang NIP."
                ),
            )
            return ""
        digits = nip_rules.normalize(_plain(value).lstrip("'"))
        if not digits:
            self.defect(column, _("wajib diisi."))
        elif not DIGITS.fullmatch(digits):
            self.defect(column, _("NIP hanya boleh berisi angka."))
            return ""
        return digits

    def add_validation(self, error: ValidationError, columns: dict[str, str]) -> None:
        """Model errors, named by the file's column where there is one."""
        already = set(self.failed)
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                column = columns.get(name, "")
                if column in already:
                    continue  # the cell's own defect says it better
                for message in messages:
                    self.defect(column, message)
        else:
            for message in error.messages:
                self.defect("", message)

    def stop_if_defects(self) -> None:
        if self.defects:
            raise _RowInvalid


class _RowInvalid(Exception):
    """The row has defects: undo whatever it wrote and go on with the next."""


# ---------------------------------------------------------------- the report


@dataclass
class RowResult:
    number: int
    key: str = ""
    label: str = ""
    outcome: str = ""
    changes: list[str] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS.get(self.outcome, _("Bermasalah")))


@dataclass
class Report:
    kind: str
    rows: list[RowResult]
    committed: bool = False

    @property
    def defective(self) -> list[RowResult]:
        return [row for row in self.rows if row.defects]

    @property
    def has_defects(self) -> bool:
        return any(row.defects for row in self.rows)

    @property
    def counts(self) -> dict[str, int]:
        counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0, "bermasalah": 0, "total": 0}
        for row in self.rows:
            counts["total"] += 1
            if row.defects:
                counts["bermasalah"] += 1
            else:
                counts[row.outcome] += 1
        return counts

    def to_summary(self) -> dict:
        return {
            "kind": self.kind,
            "committed": self.committed,
            "checked_at": timezone.now().isoformat(),
            "counts": self.counts,
            "rows": [
                {
                    "n": row.number,
                    "key": row.key,
                    "label": row.label,
                    "outcome": row.outcome,
                    "changes": row.changes,
                    "defects": row.defects,
                }
                for row in self.rows
            ],
        }

    @classmethod
    def from_summary(cls, data: dict) -> Report:
        rows = [
            RowResult(
                number=item["n"],
                key=item.get("key", ""),
                label=item.get("label", ""),
                outcome=item.get("outcome", ""),
                changes=list(item.get("changes", [])),
                defects=list(item.get("defects", [])),
            )
            for item in data.get("rows", [])
        ]
        return cls(
            kind=data.get("kind", ""),
            rows=rows,
            committed=bool(data.get("committed")),
        )


# ---------------------------------------------------------------- rows -> models


STATUSES = _choices(
    Employee.Status.choices, PPPK_PARUH_WAKTU="PPPK_PW", PPPK_PW="PPPK_PW"
)
GENDERS = _choices(
    [],
    L=nip_rules.MALE,
    P=nip_rules.FEMALE,
    LAKI_LAKI=nip_rules.MALE,
    PEREMPUAN=nip_rules.FEMALE,
    **{"1": nip_rules.MALE, "2": nip_rules.FEMALE},
)
POSITION_KINDS = _choices(PositionKind.choices)
LEVELS = _choices(FunctionalLevel.choices)
FIELDS = _choices(Position.Field.choices)
PLACEMENT_KINDS = _choices(Placement.Kind.choices)
ESELON = re.compile(r"(IV|III|II|I|V)\s*[./\-]?\s*([AB])")
PNS_GRADE = re.compile(r"(IV|III|II|I)\s*[./\-]?\s*([A-E])")
ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]
EDUCATION_ALIASES = {
    "SMP": "SLTP",
    "SMA": "SLTA",
    "SMK": "SLTAKEJURUAN",
    "D1": "DI",
    "D2": "DII",
    "D3": "DIII",
    "D4": "DIV",
    "SARJANA": "S1",
    "MAGISTER": "S2",
    "DOKTOR": "S3",
}

EMPLOYEE_FIELDS = {
    "nip": "nip",
    "front_title": "gelar_depan",
    "name": "nama",
    "back_title": "gelar_belakang",
    "status": "status",
    "birth_place": "tempat_lahir",
    "birth_date": "tanggal_lahir",
    "gender": "jenis_kelamin",
    "appointment_date": "tmt_pengangkatan",
}
EMPLOYEE_ERRORS = {
    **EMPLOYEE_FIELDS,
    "rank": "golongan",
    "effective_date": "tmt_golongan",
    "graduation_year": "tahun_lulus",
}
POSITION_FIELDS = {
    "code": "kode",
    "title": "nama_jabatan",
    "unit_id": "kode_unit",
    "kind": "jenis",
    "level": "jenjang",
    "eselon": "eselon",
    "job_class": "kelas",
    "needs": "kebutuhan",
    "supervisor_id": "kode_atasan",
    "field": "rumpun",
}
POSITION_ERRORS = {
    **POSITION_FIELDS,
    "unit": "kode_unit",
    "supervisor": "kode_atasan",
}
PLACEMENT_ERRORS = {
    "kind": "jenis",
    "start_date": "tmt",
    "end_date": "tanggal_berakhir",
    "decree_number": "nomor_sk",
    "decree_date": "tanggal_sk",
}


class _Run:
    """What a run reads once: reference data, the stored rows the file names, and
    the keys already seen in the file. Objects a row saves join the caches only
    when the row's savepoint is kept."""

    def __init__(self, kind: str, rows: list[Row]) -> None:
        self.ranks = {(r.scheme, r.grade.upper()): r for r in Rank.objects.all()}
        self.education = {
            re.sub(r"[\s.\-]", "", level.name.upper()): level
            for level in EducationLevel.objects.all()
        }
        self.education_codes = {level.code: level for level in self.education.values()}
        self.seen: dict[object, int] = {}
        self._pending: list[Callable[[], None]] = []

        def column(name: str) -> set[str]:
            return {_plain(row.cells.get(name)) for row in rows} - {""}

        nips = {nip_rules.normalize(nip.lstrip("'")) for nip in column("nip")}
        self.employees: dict[str, Employee] = {}
        self.positions: dict[str, Position] = {}
        self.units: dict[str, OrgUnit] = {}
        self.supervisor_of: dict[int, int | None] = {}
        self.rules = {}
        self.codes_in_file = column("kode")
        if kind == ImportBatch.Kind.EMPLOYEES:
            self.employees = {
                employee.nip: employee
                for employee in Employee.objects.filter(nip__in=nips).prefetch_related(
                    "rank_history", "education_history"
                )
            }
        elif kind == ImportBatch.Kind.POSITIONS:
            self.units = {
                unit.code: unit
                for unit in OrgUnit.objects.filter(code__in=column("kode_unit"))
            }
            codes = self.codes_in_file | column("kode_atasan")
            self.positions = {
                position.code: position
                for position in Position.objects.filter(code__in=codes)
            }
            self.supervisor_of = dict(
                Position.objects.values_list("id", "supervisor_id")
            )
            self.rules = {(r.kind, r.level): r for r in RetirementRule.objects.all()}
        else:
            self.employees = {
                employee.nip: employee
                for employee in Employee.objects.filter(nip__in=nips)
            }
            self.positions = {
                position.code: position
                for position in Position.objects.filter(code__in=column("kode_jabatan"))
            }

    def first_seen(self, key: object, number: int) -> int | None:
        """The earlier row holding the same key, else None (and remember this one)."""
        earlier = self.seen.get(key)
        if earlier is None:
            self.seen[key] = number
        return earlier

    def on_kept(self, action: Callable[[], None]) -> None:
        self._pending.append(action)

    def row_done(self, kept: bool) -> None:
        if kept:
            for action in self._pending:
                action()
        self._pending = []

    def rank(self, r: RowReader, text: str, status: str) -> Rank | None:
        cleaned = re.sub(r"PPPK|GOLONGAN|GOL\.?", " ", text.upper()).strip()
        if match := PNS_GRADE.fullmatch(cleaned):
            scheme, grade = "PNS", f"{match[1]}/{match[2]}"
        elif DIGITS.fullmatch(cleaned) and 1 <= int(cleaned) <= len(ROMAN):
            scheme, grade = "PPPK", ROMAN[int(cleaned) - 1]
        elif cleaned in ROMAN:
            scheme, grade = "PPPK", cleaned
        else:
            r.defect(
                "golongan",
                _(
                    "'%(v)s' bukan golongan yang dikenal (contoh: III/b untuk PNS, "
                    "IX untuk PPPK)."
                )
                % {"v": text},
            )
            return None
        expected = "PPPK" if status in Employee.PPPK_STATUSES else "PNS"
        if status and scheme != expected:
            r.defect(
                "golongan",
                _("Golongan %(g)s tidak berlaku untuk pegawai berstatus %(s)s.")
                % {"g": text, "s": status},
            )
            return None
        rank = self.ranks.get((scheme, grade.upper()))
        if rank is None:
            r.defect("golongan", _("Golongan %(g)s tidak dikenal.") % {"g": text})
        return rank

    def education_level(self, r: RowReader, text: str) -> EducationLevel | None:
        if DIGITS.fullmatch(text):
            level = self.education_codes.get(text.zfill(2))
        else:
            key = re.sub(r"[\s.\-]", "", text.upper())
            level = self.education.get(EDUCATION_ALIASES.get(key, key))
        if level is None:
            r.defect(
                "pendidikan",
                _(
                    "'%(v)s' bukan tingkat pendidikan yang dikenal (kode SIASN atau "
                    "jenjang seperti SLTA, D-III, S-1, S-2)."
                )
                % {"v": text},
            )
        return level

    def reaches(self, start: int, target: int) -> bool:
        """Whether walking up the supervisors from `start` meets `target`."""
        seen: set[int] = set()
        current: int | None = start
        while current is not None and current not in seen:
            if current == target:
                return True
            seen.add(current)
            current = self.supervisor_of.get(current)
        return False


def _changed(instance, values: dict, columns: dict[str, str]) -> list[str]:
    return [
        columns[name]
        for name, value in values.items()
        if getattr(instance, name) != value
    ]


def _nip_label(r: RowReader, nip: str) -> str:
    return nip_rules.display(nip) if len(nip) == 18 else _plain(r.raw("nip"))


# Filled by services or by the file's own lookups, never from the file's columns.
EMPLOYEE_NOT_FROM_FILE = ["rank", "rank_date", "education", "user", "is_active"]


def _employee_row(run: _Run, r: RowReader, result: RowResult) -> str:
    nip = r.nip()
    result.key = _nip_label(r, nip)
    values = {
        "nip": nip,
        "front_title": r.text("gelar_depan"),
        "name": r.text("nama", required=True),
        "back_title": r.text("gelar_belakang"),
        "status": r.choice("status", STATUSES, required=True),
        "birth_place": r.text("tempat_lahir"),
        "birth_date": r.date("tanggal_lahir", required=True),
        "gender": r.choice("jenis_kelamin", GENDERS, required=True, allowed="L, P"),
        "appointment_date": r.date("tmt_pengangkatan", required=True),
    }
    result.label = values["name"]
    born, appointed = values["birth_date"], values["appointment_date"]
    if born and appointed and appointed <= born:
        r.defect("tmt_pengangkatan", _("TMT pengangkatan harus sesudah tanggal lahir."))
    rank_text, rank_date = r.text("golongan"), r.date("tmt_golongan")
    rank = run.rank(r, rank_text, values["status"]) if rank_text else None
    if rank_text and rank_date is None and "tmt_golongan" not in r.failed:
        r.defect("tmt_golongan", _("wajib diisi bila golongan diisi."))
    if rank_date and not rank_text:
        r.defect("golongan", _("wajib diisi bila tmt_golongan diisi."))
    education_text = r.text("pendidikan")
    year = r.integer("tahun_lulus", minimum=1940, maximum=timezone.localdate().year)
    level = run.education_level(r, education_text) if education_text else None
    if education_text and year is None and "tahun_lulus" not in r.failed:
        r.defect("tahun_lulus", _("wajib diisi bila pendidikan diisi."))
    if year and not education_text:
        r.defect("pendidikan", _("wajib diisi bila tahun_lulus diisi."))
    if nip and (earlier := run.first_seen(nip, r.row.number)):
        r.defect("nip", _("NIP ini juga ada di baris %(n)s.") % {"n": earlier})

    employee = run.employees.get(nip)
    is_new = employee is None
    employee = employee or Employee()
    changes = [] if is_new else _changed(employee, values, EMPLOYEE_FIELDS)
    for name, value in values.items():
        setattr(employee, name, value)
    failed = [f for f, c in EMPLOYEE_FIELDS.items() if c in r.failed]
    try:
        # The NIP rules run in clean(); the NIP was looked up and checked for
        # doubles above, and the table constraints are checked above or by clean().
        employee.full_clean(
            exclude=[*failed, *EMPLOYEE_NOT_FROM_FILE],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        r.add_validation(error, EMPLOYEE_ERRORS)
    r.stop_if_defects()

    if is_new:
        # The only history rows are the ones below, so they are also the latest
        # rank and the highest education the services would mirror.
        employee.rank, employee.rank_date = rank, rank_date if rank else None
        employee.education = level
        employee.save()
        if rank is not None:
            RankHistory.objects.create(
                employee=employee, rank=rank, effective_date=rank_date
            )
        if level is not None:
            EducationHistory.objects.create(
                employee=employee, level=level, graduation_year=year
            )
        return NEW

    if changes:
        employee.save(
            update_fields=[f for f, c in EMPLOYEE_FIELDS.items() if c in changes]
        )
    if rank is not None:
        entries = {entry.effective_date: entry for entry in employee.rank_history.all()}
        entry = entries.get(rank_date)
        if entry is None or entry.rank_id != rank.pk:
            if entry is None:
                RankHistory.objects.create(
                    employee=employee, rank=rank, effective_date=rank_date
                )
            else:
                entry.rank = rank
                entry.save(update_fields=["rank"])
            services.refresh_latest_rank(employee)
            changes.append("golongan")
    if level is not None:
        entries = [
            e for e in employee.education_history.all() if e.level_id == level.pk
        ]
        if not entries:
            EducationHistory.objects.create(
                employee=employee, level=level, graduation_year=year
            )
            services.refresh_highest_education(employee)
            changes.append("pendidikan")
        elif all(entry.graduation_year != year for entry in entries):
            entries[0].graduation_year = year
            entries[0].save(update_fields=["graduation_year"])
            changes.append("tahun_lulus")
    result.changes = changes
    return CHANGED if changes else UNCHANGED


def _position_row(run: _Run, r: RowReader, result: RowResult) -> str:
    code = r.text("kode", required=True)
    result.key = code
    values: dict = {
        "code": code,
        "title": r.text("nama_jabatan", required=True),
        "kind": r.choice("jenis", POSITION_KINDS, required=True),
        "level": r.choice("jenjang", LEVELS),
        "eselon": "",
        "job_class": r.integer("kelas", required=True, minimum=1, maximum=17),
        "needs": r.integer("kebutuhan", required=True, minimum=0, maximum=9999),
        "field": r.choice("rumpun", FIELDS, required=True),
    }
    result.label = values["title"]
    eselon_text = r.text("eselon")
    if eselon_text:
        match = ESELON.fullmatch(eselon_text.upper())
        eselon = f"{match[1]}.{match[2].lower()}" if match else ""
        if eselon not in Position.Eselon.values:
            r.defect(
                "eselon",
                _("'%(v)s' bukan eselon yang dikenal (contoh: III.a).")
                % {"v": eselon_text},
            )
        values["eselon"] = eselon
    kind, level = values["kind"], values["level"]
    if kind == PositionKind.FUNGSIONAL and not level and "jenjang" not in r.failed:
        r.defect("jenjang", _("Jabatan fungsional wajib memiliki jenjang."))
    if kind and kind != PositionKind.FUNGSIONAL and level:
        r.defect("jenjang", _("Jenjang hanya diisi untuk jabatan fungsional."))
    if kind and values["eselon"] and kind not in MANAGERIAL_KINDS:
        r.defect("eselon", _("Eselon hanya berlaku untuk jabatan manajerial."))
    has_rule = run.rules.get((kind, level)) or run.rules.get((kind, ""))
    if kind and not has_rule and not {"jenis", "jenjang"} & r.failed:
        try:
            services.retirement_rule_for(kind, level)  # raises the message
        except ValidationError as error:
            r.add_validation(error, POSITION_ERRORS)

    unit_code = r.text("kode_unit", required=True)
    unit = run.units.get(unit_code)
    if unit_code and unit is None:
        r.defect(
            "kode_unit", _("unit dengan kode %(c)s tidak dikenal.") % {"c": unit_code}
        )
    values["unit_id"] = unit.pk if unit else None
    supervisor_code = r.text("kode_atasan")
    supervisor = run.positions.get(supervisor_code) if supervisor_code else None
    if supervisor_code and supervisor_code == code:
        r.defect(
            "kode_atasan", _("jabatan tidak dapat menjadi atasan dirinya sendiri.")
        )
    elif supervisor_code and supervisor is None:
        if supervisor_code in run.codes_in_file:
            r.defect(
                "kode_atasan",
                _(
                    "jabatan atasan %(c)s ada di berkas ini tetapi tidak dapat "
                    "disimpan (barisnya bermasalah atau saling menjadi atasan)."
                )
                % {"c": supervisor_code},
            )
        else:
            r.defect(
                "kode_atasan",
                _("jabatan dengan kode %(c)s tidak dikenal.") % {"c": supervisor_code},
            )
    values["supervisor_id"] = supervisor.pk if supervisor else None
    if code and (earlier := run.first_seen(code, r.row.number)):
        r.defect("kode", _("kode ini juga ada di baris %(n)s.") % {"n": earlier})

    position = run.positions.get(code)
    is_new = position is None
    if not is_new and supervisor and run.reaches(supervisor.pk, position.pk):
        r.defect(
            "kode_atasan",
            _(
                "jabatan %(c)s berada di bawah jabatan ini; atasan tidak boleh melingkar."
            )
            % {"c": supervisor_code},
        )
    position = position or Position()
    changes = [] if is_new else _changed(position, values, POSITION_FIELDS)
    for name, value in values.items():
        setattr(position, name, value)
    failed = [f for f, c in POSITION_ERRORS.items() if c in r.failed]
    try:
        # Unit and supervisor were looked up above; the table constraints
        # (level, eselon, class, own supervisor) are checked above in Indonesian.
        position.full_clean(
            exclude=[*failed, "unit", "supervisor", "retirement_rule", "is_active"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        r.add_validation(error, POSITION_ERRORS)
    r.stop_if_defects()
    if is_new or changes:
        services.save_position(position)

        def keep(position=position) -> None:
            run.positions[position.code] = position
            run.supervisor_of[position.pk] = position.supervisor_id

        run.on_kept(keep)
    result.changes = changes
    return NEW if is_new else (CHANGED if changes else UNCHANGED)


def _placement_row(run: _Run, r: RowReader, result: RowResult) -> str:
    nip = r.nip()
    code = r.text("kode_jabatan", required=True)
    kind = r.choice("jenis", PLACEMENT_KINDS) or Placement.Kind.DEFINITIF
    start = r.date("tmt", required=True)
    end = r.date("tanggal_berakhir")
    decree_number = r.text("nomor_sk", max_length=80)
    decree_date = r.date("tanggal_sk")
    result.key = _nip_label(r, nip)
    result.label = f"{code} TMT {start:%d-%m-%Y}" if start else code
    if start and end and end < start:
        r.defect(
            "tanggal_berakhir", _("Tanggal berakhir tidak boleh sebelum TMT jabatan.")
        )
    employee = None
    if nip:
        _parsed, nip_errors = nip_rules.parse(nip)
        for message in nip_errors:
            r.defect("nip", message)
        if not nip_errors:
            employee = run.employees.get(nip)
            if employee is None:
                r.defect(
                    "nip",
                    _(
                        "pegawai dengan NIP %(n)s tidak dikenal; impor data pegawai "
                        "lebih dahulu."
                    )
                    % {"n": nip_rules.display(nip)},
                )
            else:
                result.label = f"{employee.name} — {result.label}"
    position = run.positions.get(code) if code else None
    if code and position is None:
        r.defect(
            "kode_jabatan", _("jabatan dengan kode %(c)s tidak dikenal.") % {"c": code}
        )
    if nip and code and start:
        earlier = run.first_seen((nip, code, start), r.row.number)
        if earlier:
            r.defect(
                "",
                _(
                    "Penempatan yang sama (NIP, kode jabatan, TMT) juga ada di baris %(n)s."
                )
                % {"n": earlier},
            )
    r.stop_if_defects()

    existing = Placement.objects.filter(
        employee=employee, position=position, start_date=start
    ).first()
    if existing is None:
        services.apply_placement(
            employee=employee,
            position=position,
            start_date=start,
            end_date=end,
            kind=kind,
            decree_number=decree_number,
            decree_date=decree_date,
        )
        return NEW
    # An empty end date keeps the stored one: a later placement may have ended it.
    values = {
        "kind": kind,
        "end_date": end if end is not None else existing.end_date,
        "decree_number": decree_number,
        "decree_date": decree_date,
    }
    changes = _changed(existing, values, PLACEMENT_ERRORS)
    if not changes:
        return UNCHANGED
    _update_placement(existing, values)
    result.changes = changes
    return CHANGED


def _update_placement(placement: Placement, values: dict) -> None:
    """Change a stored placement with the service's overlap and seat checks."""
    position = Position.objects.select_for_update().get(pk=placement.position_id)
    employee = Employee.objects.select_for_update().get(pk=placement.employee_id)
    start, end = placement.start_date, values["end_date"]
    old_end = placement.end_date
    # Only a placement that becomes definitive or lasts longer can overlap or overfill.
    longer = old_end is not None and (end is None or end > old_end)
    becomes_definitive = placement.kind != Placement.Kind.DEFINITIF
    if values["kind"] == Placement.Kind.DEFINITIF and (longer or becomes_definitive):
        services.check_no_overlap(employee, start, end, ignore=[placement])
        others = list(
            Placement.objects.definitive()
            .filter(position=position)
            .overlapping(start, end)
            .exclude(pk=placement.pk)
        )
        peak, day = services.peak_load(others, start, end)
        if peak + 1 > position.needs:
            raise services.PlacementError(
                _(
                    "Jabatan %(title)s sudah terisi penuh pada %(day)s: kebutuhan "
                    "%(needs)s orang, sudah ada %(taken)s pemangku definitif."
                )
                % {
                    "title": position.title,
                    "day": day.strftime("%d-%m-%Y"),
                    "needs": position.needs,
                    "taken": peak,
                }
            )
    changed = [
        name for name, value in values.items() if getattr(placement, name) != value
    ]
    for name in changed:
        setattr(placement, name, values[name])
    try:
        with transaction.atomic():
            placement.save(update_fields=changed)
    except IntegrityError as exc:
        raise services.PlacementError(
            _(
                "Pegawai ini sudah memegang jabatan definitif lain pada rentang tanggal itu."
            )
        ) from exc


def _in_file_order(rows: list[Row]) -> list[Row]:
    return rows


def _supervisors_first(rows: list[Row]) -> list[Row]:
    """A position's supervisor, when it is in the same file, is saved before it."""
    by_code: dict[str, Row] = {}
    for row in rows:
        if code := _plain(row.cells.get("kode")):
            by_code.setdefault(code, row)
    ordered: list[Row] = []
    placed: set[int] = set()
    for row in rows:
        chain: list[Row] = []
        in_chain: set[int] = set()
        current: Row | None = row
        while (
            current is not None
            and current.number not in placed
            and current.number not in in_chain
        ):
            chain.append(current)
            in_chain.add(current.number)
            supervisor_code = _plain(current.cells.get("kode_atasan"))
            current = by_code.get(supervisor_code) if supervisor_code else None
        for item in reversed(chain):
            placed.add(item.number)
            ordered.append(item)
    return ordered


def _by_start_date(rows: list[Row]) -> list[Row]:
    """Earlier placements first, so a career reads in order whatever the file's order."""

    def start(row: Row) -> date:
        try:
            return parse_date(row.cells.get("tmt"))
        except ValueError:
            return date.min

    return sorted(rows, key=start)


Handler = Callable[[_Run, RowReader, RowResult], str]
HANDLERS: dict[str, tuple[Handler, Callable[[list[Row]], list[Row]]]] = {
    ImportBatch.Kind.EMPLOYEES: (_employee_row, _in_file_order),
    ImportBatch.Kind.POSITIONS: (_position_row, _supervisors_first),
    ImportBatch.Kind.PLACEMENTS: (_placement_row, _by_start_date),
}


ERROR_COLUMNS = {
    ImportBatch.Kind.EMPLOYEES: EMPLOYEE_ERRORS,
    ImportBatch.Kind.POSITIONS: POSITION_ERRORS,
    ImportBatch.Kind.PLACEMENTS: PLACEMENT_ERRORS,
}


def _apply(kind: str, rows: list[Row]) -> Report:
    """Write every row inside the caller's transaction; each row in a savepoint."""
    assert transaction.get_connection().in_atomic_block, "call inside a transaction"
    handler, order = HANDLERS[kind]
    run = _Run(kind, rows)
    results = []
    for row in order(rows):
        reader = RowReader(row)
        result = RowResult(number=row.number)
        try:
            with transaction.atomic():
                result.outcome = handler(run, reader, result)
                reader.stop_if_defects()
        except _RowInvalid:
            pass
        except ValidationError as error:
            reader.add_validation(error, ERROR_COLUMNS[kind])
        except DatabaseError as exc:
            logger.warning("import row %s refused by the database: %r", row.number, exc)
            reader.defect("", _("Baris ini ditolak oleh basis data: data tidak sah."))
        # What the row saved joins the caches only when its savepoint was kept.
        run.row_done(kept=not reader.defects)
        if reader.defects:
            result.outcome, result.changes = "", []
        result.defects = reader.defects
        results.append(result)
    results.sort(key=lambda item: item.number)
    return Report(kind=kind, rows=results)


class _Rollback(Exception):
    def __init__(self, report: Report) -> None:
        super().__init__("rollback")
        self.report = report


def check(kind: str, rows: list[Row]) -> Report:
    """Run the import and undo it: what it would do, and every row's defects."""
    try:
        with transaction.atomic():
            raise _Rollback(_apply(kind, rows))
    except _Rollback as done:
        return done.report


def stage(*, kind: str, filename: str, content: bytes, user) -> ImportBatch:
    """Keep an uploaded file with its preview. Raises ImportFileError when unreadable."""
    rows = read_table(kind, filename, content)
    report = check(kind, rows)
    return ImportBatch.objects.create(
        kind=kind,
        filename=(filename or "")[-255:],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
        summary=report.to_summary(),
    )


class AlreadyCommitted(Exception):
    """The batch was saved before; a second commit is refused."""


def commit(batch_pk: int) -> Report:
    """All or nothing: keep the import only when no row has a defect.

    The batch row is locked first, so two officers pressing the button at once
    import it once; the other one gets AlreadyCommitted.
    """
    try:
        with transaction.atomic(durable=True):
            batch = ImportBatch.objects.select_for_update().get(pk=batch_pk)
            if batch.committed_at is not None:
                raise AlreadyCommitted
            rows = read_table(batch.kind, batch.filename, bytes(batch.content))
            report = _apply(batch.kind, rows)
            if report.has_defects:
                raise _Rollback(report)
            report.committed = True
            batch.committed_at = timezone.now()
            batch.summary = report.to_summary()
            batch.save(update_fields=["committed_at", "summary"])
            return report
    except _Rollback as failed:
        # The data changed since the preview: show the officer what is wrong now.
        ImportBatch.objects.filter(pk=batch_pk, committed_at__isnull=True).update(
            summary=failed.report.to_summary()
        )
        return failed.report


# ---------------------------------------------------------------- templates


def template_xlsx(kind: str) -> bytes:
    """An empty sheet with the headers (text columns kept as text), and a guide."""
    spec = SPECS[kind]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(spec.label)[:31]
    sheet.append(spec.headers)
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.example) + 4)
        if column.text:
            for row in range(2, 1002):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(_("Petunjuk"))
    guide.append([_("Kolom"), _("Wajib"), _("Keterangan"), _("Contoh")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in spec.columns:
        guide.append(
            [
                column.name,
                _("ya") if column.required else _("tidak"),
                str(column.description),
                column.example,
            ]
        )
    guide.append([])
    guide.append([str(spec.note)])
    guide.append(
        [
            _(
                "Isi data di lembar pertama mulai baris 2; jangan mengubah judul "
                "kolom di baris 1."
            )
        ]
    )
    for letter, width in zip("ABCD", (18, 8, 90, 26), strict=True):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
