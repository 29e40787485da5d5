"""Spreadsheet exports that cannot run anything in the ADOC team's spreadsheet.

A cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
formula by Excel and LibreOffice (`=HYPERLINK("http://…")`, `-2+3+cmd|…`): OWASP's guidance
on CSV injection is to make it plain text by prefixing it with an apostrophe, which the
spreadsheet shows as text and does not keep in the cell. Numbers written as numbers stay
numbers."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose text cells are neutralised (see the module)."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([neutralised(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
