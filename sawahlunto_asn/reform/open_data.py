"""Open data of the reform indicators (issue 8 item 5): the transparency page's
aggregates, one row per (unit, indicator), in CSV and JSON, one year a file:
/reformasi/data-terbuka.csv?tahun=YYYY and /reformasi/data-terbuka.json?tahun=YYYY
(without ?tahun=: the newest year).

Format (stable; new indicators add rows, never columns):

    tahun       the year (integer)
    kode_unit   the unit's code, "KOTA" for the whole city
    nama_unit   the unit's name
    kelompok    the indicator family: workforce, profile, golongan, education,
                rotation, competency, appraisal, public
    indikator   the indicator's code (e.g. persen_terisi, memenuhi_jp, ikm_unit)
    nilai       the value (a number, or a short text for a rating or a band);
                empty when suppressed or not available
    catatan     "< N" when the figure concerns fewer than REFORM_MIN_GROUP
                people and is suppressed; otherwise empty

CSV: UTF-8, comma separated; the first line is a comment with the licence
("# Lisensi: ..."), the second the header above. JSON: {"metadata": {judul,
tahun, lisensi, sumber, kolom, kelompok_minimum, dibuat_pada}, "data": [rows as
objects with the columns above]}.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from sawahlunto_asn.reform import indicators
from sawahlunto_asn.reform.tables import FAMILIES, hidden_label, minimum, public_tables

COLUMNS = (
    "tahun",
    "kode_unit",
    "nama_unit",
    "kelompok",
    "indikator",
    "nilai",
    "catatan",
)


def license_line() -> str:
    return str(settings.REFORM_OPEN_DATA_LICENSE)


def _value(cell):
    if isinstance(cell, Decimal):
        return float(cell)
    if cell is None or isinstance(cell, (int, float)):
        return cell
    return str(cell)


def rows(year: int) -> list[dict]:
    tables = public_tables(indicators.compute(year))
    out = []
    for family in FAMILIES:
        table = tables[family]
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                hidden = cell == hidden_label()
                out.append(
                    {
                        "tahun": year,
                        "kode_unit": row.code,
                        "nama_unit": row.name,
                        "kelompok": family,
                        "indikator": column.code,
                        "nilai": None if hidden else _value(cell),
                        "catatan": hidden_label() if hidden else "",
                    }
                )
    return out


def csv_response(year: int, data: list[dict]) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write(f"# {license_line()}\n")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in data:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="reformasi-sawahlunto-{year}.csv"'
    )
    return response


def json_response(year: int, data: list[dict]) -> HttpResponse:
    body = {
        "metadata": {
            "judul": "Indikator reformasi birokrasi Kota Sawahlunto",
            "tahun": year,
            "lisensi": license_line(),
            "sumber": "BKPSDM Kota Sawahlunto",
            "kolom": list(COLUMNS),
            "kelompok_minimum": minimum(),
            "dibuat_pada": timezone.now().isoformat(timespec="seconds"),
        },
        "data": data,
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
