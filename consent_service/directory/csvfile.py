"""The directory CSV file: limits, columns, and splitting it into numbered rows."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
REQUIRED_COLUMNS = ("code", "name", "country", "city", "email_domains", "networks")
OPTIONAL_COLUMNS = ("dpo_contact",)


@dataclass(frozen=True)
class RowError:
    """One problem, at a line of the file (None: the whole file) and maybe a column."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "file"
        return f"{where}: {self.column}: {self.message}" if self.column else \
            f"{where}: {self.message}"


class InvalidDirectory(Exception):
    """The file or some of its rows are wrong; nothing was imported."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass(frozen=True)
class CsvRow:
    """A data row: its first line in the file and its cells by column name.

    problem is set, and values empty, when the row does not have one cell per column.
    """

    line: int
    values: dict[str, str]
    problem: str | None = None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InvalidDirectory([RowError(line, None, "not UTF-8 text (save the file as "
                                          "UTF-8)")]) from None


def _header(cells: list[str], line: int) -> list[str]:
    if len(cells) == 1 and ";" in cells[0]:
        # Spreadsheets in many European locales save "CSV" with semicolons.
        raise InvalidDirectory([RowError(line, None, "the columns are separated by ';': save "
                                                     "the file with commas")])
    columns = [cell.strip().lower() for cell in cells]
    errors = [RowError(line, None, f"unknown column {column!r}") for column in columns
              if column not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    errors += [RowError(line, None, f"column {column!r} appears twice")
               for column in sorted({c for c in columns if columns.count(c) > 1})]
    errors += [RowError(line, None, f"missing column {column!r}") for column in REQUIRED_COLUMNS
               if column not in columns]
    if errors:
        raise InvalidDirectory(errors)
    return columns


def read_rows(data: bytes) -> list[CsvRow]:
    """Split a directory file into rows, or raise InvalidDirectory for a file-wide problem."""
    if len(data) > MAX_FILE_BYTES:
        raise InvalidDirectory([RowError(None, None, f"larger than {MAX_FILE_BYTES} bytes")])
    reader = csv.reader(io.StringIO(_decode(data), newline=""), strict=True)
    columns: list[str] | None = None
    rows: list[CsvRow] = []
    next_line = 1
    try:
        for cells in reader:
            line, next_line = next_line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # an empty line, or only commas
            if columns is None:
                columns = _header(cells, line)
                continue
            if len(rows) == MAX_ROWS:
                raise InvalidDirectory([RowError(line, None, f"more than {MAX_ROWS} rows; split "
                                                              "the file")])
            if len(cells) != len(columns):
                problem = (f"{len(cells)} cells where the header has {len(columns)} "
                           "(quote values that contain commas)")
                rows.append(CsvRow(line, {}, problem))
            else:
                rows.append(CsvRow(line, dict(zip(columns, cells, strict=True))))
    except csv.Error as exc:
        raise InvalidDirectory([RowError(reader.line_num, None, f"not valid CSV ({exc})")]) \
            from None
    if columns is None:
        raise InvalidDirectory([RowError(None, None, "empty file: a header row is required ("
                                                     + ",".join(REQUIRED_COLUMNS) + ")")])
    return rows
