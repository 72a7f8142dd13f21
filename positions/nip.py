"""NIP (PNS) and NI PPPK: the 18-digit employee numbers, per domain.md section 1.

NIP PNS:  YYYYMMDD (birth) YYYYMM (TMT CPNS) G (1 male, 2 female) NNN (sequence)
NI PPPK:  YYYYMMDD (birth) YYYY (TMT PPPK) 2 (PPPK code) F (contract 1-9) G NNN

In a NIP positions 13-14 are a month (01-12); in an NI PPPK they read 21-29,
which is how the two are told apart. There is no check digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

MALE = "1"
FEMALE = "2"


@dataclass(frozen=True)
class ParsedNip:
    digits: str
    is_pppk: bool
    birth_date: date
    appointment_year: int
    appointment_month: int | None  # None for NI PPPK: only the year is encoded
    gender: str  # "1" male, "2" female
    sequence: int


def normalize(raw: str) -> str:
    """Strip the spaces, dots and dashes people type or paste."""
    return re.sub(r"[\s.\-]", "", raw or "")


def display(digits: str) -> str:
    """'199001152015032004' -> '19900115 201503 2 004' (NI PPPK in the same groups)."""
    if len(digits) != 18:
        return digits
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def parse(raw: str) -> tuple[ParsedNip | None, list[str]]:
    """Parse a number; return it with every defect found, in Indonesian."""
    digits = normalize(raw)
    if not digits:
        return None, [_("NIP wajib diisi.")]
    if not digits.isdigit():
        return None, [_("NIP hanya boleh berisi angka.")]
    if len(digits) != 18:
        return None, [_("NIP harus 18 digit, bukan %(n)s digit.") % {"n": len(digits)}]

    errors: list[str] = []
    try:
        birth = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        birth = None
        errors.append(
            _("Digit 1-8 NIP (%(s)s) bukan tanggal lahir yang sah.") % {"s": digits[:8]}
        )

    is_pppk = int(digits[12:14]) >= 21
    year = int(digits[8:12])
    month: int | None = None
    if is_pppk:
        if digits[12] != "2":
            errors.append(_("Digit ke-13 NI PPPK harus 2 (kode PPPK)."))
        if digits[13] == "0":
            errors.append(_("Digit ke-14 NI PPPK (jumlah perjanjian kerja) harus 1-9."))
    else:
        month = int(digits[12:14])
        if digits[12:14] == "20":
            errors.append(
                _(
                    "Digit 13-14 (20) bukan bulan TMT CPNS; bila ini NI PPPK, digit ke-14 "
                    "(jumlah perjanjian kerja) harus 1-9."
                )
            )
        elif not 1 <= month <= 12:
            errors.append(
                _("Digit 13-14 NIP (%(s)s) bukan bulan TMT CPNS yang sah (01-12).")
                % {"s": digits[12:14]}
            )
    if year < 1900:
        errors.append(
            _("Tahun pengangkatan pada NIP (%(y)s) tidak masuk akal.") % {"y": year}
        )

    gender = digits[14]
    if gender not in (MALE, FEMALE):
        errors.append(
            _("Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).")
        )
    sequence = int(digits[15:])
    if sequence == 0:
        errors.append(_("Nomor urut pada NIP (digit 16-18) harus 001-999."))
    if errors or birth is None:
        return None, errors
    return ParsedNip(digits, is_pppk, birth, year, month, gender, sequence), []


def agreement_errors(
    parsed: ParsedNip,
    *,
    birth_date: date | None,
    gender: str | None,
    appointment_date: date | None,
    is_pppk_status: bool | None,
) -> dict[str, str]:
    """Check that the number agrees with the record; field name -> message."""
    errors: dict[str, str] = {}
    if birth_date and birth_date != parsed.birth_date:
        errors["birth_date"] = _(
            "Tanggal lahir tidak sesuai dengan NIP (NIP menunjukkan %(d)s)."
        ) % {"d": parsed.birth_date.strftime("%d-%m-%Y")}
    if gender and gender != parsed.gender:
        errors["gender"] = _("Jenis kelamin tidak sesuai dengan digit ke-15 NIP.")
    month_differs = (
        parsed.appointment_month is not None
        and appointment_date is not None
        and appointment_date.month != parsed.appointment_month
    )
    if appointment_date and (
        appointment_date.year != parsed.appointment_year or month_differs
    ):
        if parsed.is_pppk:
            expected = str(parsed.appointment_year)
        else:
            expected = f"{parsed.appointment_month:02d}-{parsed.appointment_year}"
        errors["appointment_date"] = _(
            "TMT pengangkatan tidak sesuai dengan NIP (NIP menunjukkan %(t)s)."
        ) % {"t": expected}
    if is_pppk_status is not None and is_pppk_status != parsed.is_pppk:
        if parsed.is_pppk:
            errors["status"] = _(
                "Nomor ini berbentuk NI PPPK, tetapi status pegawai bukan PPPK."
            )
        else:
            errors["status"] = _(
                "Nomor ini berbentuk NIP PNS, tetapi status pegawai PPPK."
            )
    return errors
