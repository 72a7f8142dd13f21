"""Open data of the reform indicators (issue 8 item 5): the transparency page's
aggregates, one row per (unit, indicator), in CSV and JSON, one year a file:
/reformasi/data-terbuka.csv?tahun=YYYY and /reformasi/data-terbuka.json?tahun=YYYY
(without ?tahun=: the newest year).

Format (stable; new indicators add rows, never columns):

    tahun       the year (integer)
    kode_unit   the unit's code, "KOTA" for the whole city
    nama_unit   the unit's name
    kelompok    the indicator family: workforce, profile, golongan, education,
                rotation, competency, appraisal, public, pyramid (the city's
                employees by five-year age band and gender)
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

from sawahlunto_asn.reform.tables import (
    FAMILIES,
    Table,
    band_code,
    hidden_label,
    minimum,
)

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


def rows(year: int, tables: dict[str, Table], pyramid: Table) -> list[dict]:
    """One row per (unit, indicator) of the public tables (tables.public_tables),
    then the city's age pyramid (visuals.public_pyramid) as indicators of the
    city: usia_<band>_<gender>, e.g. usia_55_59_perempuan."""
    out = []
    for family in FAMILIES:
        table = tables[family]
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                out.append(_row(year, row.code, row.name, family, column.code, cell))
    city, city_name = tables[FAMILIES[0]].rows[0].code, tables[FAMILIES[0]].rows[0].name
    for row in pyramid.rows:
        for column, cell in zip(pyramid.columns, row.cells, strict=True):
            code = f"usia_{band_code(row.code)}_{column.code}"
            out.append(_row(year, city, city_name, "pyramid", code, cell))
    return out


def _row(year, unit_code, unit_name, family, code, cell) -> dict:
    hidden = cell == hidden_label()
    return {
        "tahun": year,
        "kode_unit": unit_code,
        "nama_unit": unit_name,
        "kelompok": family,
        "indikator": code,
        "nilai": None if hidden else _value(cell),
        "catatan": hidden_label() if hidden else "",
    }


def csv_response(year: int, data: list[dict]) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write(f"# {license_line()}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(
        ["" if row[c] is None else row[c] for c in COLUMNS] for row in data
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="reformasi-sawahlunto-{year}.csv"'
    )
    return response


def json_response(year: int, data: list[dict], computed_at) -> HttpResponse:
    body = {
        "metadata": {
            "judul": "Indikator reformasi birokrasi Kota Sawahlunto",
            "tahun": year,
            "lisensi": license_line(),
            "sumber": "BKPSDM Kota Sawahlunto",
            "kolom": list(COLUMNS),
            "kelompok_minimum": minimum(),
            # When the figures were computed (the snapshot), not this response.
            "dibuat_pada": timezone.localtime(computed_at).isoformat(
                timespec="seconds"
            ),
        },
        "data": data,
    }
    return HttpResponse(
        # No indent: an indented dump runs the pure-Python encoder, 10 times slower.
        json.dumps(body, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
