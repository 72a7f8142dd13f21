"""xlsx and CSV downloads of a table: one header row, then plain values."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence], title: str = "Data"
) -> HttpResponse:
    """An xlsx workbook with one sheet; dates stay dates so Excel can sort them."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([str(h) for h in headers])
    for row in rows:
        sheet.append([_cell(value) for value in row])
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = _attachment(f"{filename}.xlsx")
    workbook.save(response)
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> StreamingHttpResponse:
    """A streamed CSV (UTF-8 with BOM so Excel reads Indonesian names correctly)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([str(h) for h in headers])
        for row in rows:
            yield writer.writerow([_text(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment(f"{filename}.csv")
    return response


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (int, float, date, datetime)):
        return value
    return str(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
