"""Spreadsheet exports the ADOC team opens as they are, and that cannot run anything there.

An export is a `Table` (headers and rows of Python values) sent as CSV or as XLSX:
- CSV for the person's language: in French, Excel set to French (Canada) splits on `;` and reads
  `12,5` as a number, so the separator is `;` and decimals take a comma; in English, `,` and `12.5`.
  Both start with a byte order mark, without which Excel reads UTF-8 accents wrong. Dates are
  written ISO (2027-06-19), which every spreadsheet reads as a date.
- XLSX (openpyxl): dates as real dates, numbers as numbers, headers in bold and frozen.

A cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
formula by Excel and LibreOffice (`=HYPERLINK("http://…")`, `-2+3+cmd|…`): OWASP's guidance
on CSV injection is to make it plain text by prefixing it with an apostrophe, which the
spreadsheet shows as text and does not keep in the cell. In XLSX the cell is also typed as text.
Numbers written as numbers stay numbers."""

import csv
import datetime
import decimal
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel allows 31 characters in a sheet's name.
SHEET_NAME_LENGTH = 31
# Column widths in characters, within which the longest cell of a column sets it.
MIN_WIDTH, MAX_WIDTH = 8, 60


def neutralised(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _french():
    return (get_language() or "").startswith("fr")


class Table:
    """What an export holds: a title (the XLSX sheet's name), headers and rows of values
    (text, numbers, dates, datetimes, booleans already put in words, None for empty)."""

    def __init__(self, title, headers, rows=()):
        self.title = str(title)
        self.headers = [str(header) for header in headers]
        self.rows = [list(row) for row in rows]

    def append(self, row):
        self.rows.append(list(row))


def _csv_cell(value, french):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float | decimal.Decimal) and french:
        return str(value).replace(".", ",")
    return neutralised(value) if isinstance(value, str) else value


def csv_response(table, filename):
    """The table as a CSV file for the person's language (see the module)."""
    french = _french()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";" if french else ",")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_csv_cell(value, french) for value in row])
    return response


def _xlsx_cell(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Spreadsheets know no time zones: the local time, as read on the portal's pages.
        return timezone.make_naive(timezone.localtime(value))
    return neutralised(value)


def xlsx_response(table, filename):
    """The table as an Excel workbook of one sheet (see the module)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "".join(c for c in table.title if c not in "[]:*?/\\")[:SHEET_NAME_LENGTH]
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = [len(header) for header in table.headers]
    for row in table.rows:
        sheet.append([_xlsx_cell(value) for value in row])
        for index, value in enumerate(row):
            widths[index] = max(widths[index], len(str(value or "")))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
            elif isinstance(cell.value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    for index, width in enumerate(widths):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    stream = io.BytesIO()
    workbook.save(stream)
    response = HttpResponse(stream.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def table_response(table, filename, file_format):
    """`file_format` is the URL's: "csv" or "xlsx"."""
    if file_format == "xlsx":
        return xlsx_response(table, filename)
    return csv_response(table, filename)
