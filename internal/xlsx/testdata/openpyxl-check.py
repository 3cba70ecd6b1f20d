"""openpyxl-check.py reads and writes workbooks with openpyxl, an
independent implementation of SpreadsheetML, for TestOpenpyxl:

  openpyxl-check.py read FILE   prints every sheet of FILE as JSON:
                                {"sheets": [{"name", "rows": [[cell, ...]], "bold", "frozen", "widths"}]}
  openpyxl-check.py write FILE  writes a workbook as spreadsheet programs do
                                (shared strings, numbers, booleans, gaps, a
                                formula) and prints what a reader must see.

Cells are given as text: numbers in their shortest form, booleans as
"true"/"false", empty cells as "".
"""
import json
import sys

import openpyxl


def text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


def read(path):
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            rows.append([text(c.value) for c in row])
        widths = {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth}
        bold = [bool(c.font and c.font.b) for c in ws[1]] if ws.max_row >= 1 else []
        out.append({"name": ws.title, "rows": rows, "bold": bold,
                    "frozen": ws.freeze_panes, "widths": widths,
                    "types": [[c.data_type for c in row] for row in ws.iter_rows()]})
    print(json.dumps({"sheets": out}, ensure_ascii=False))


def write(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Systeme"
    ws.append(["id", "name", "count", "share", "flag"])
    ws.append(["a-1", "Prüfung <&> \"x\"", 3, 0.25, True])
    ws.append(["b-2", "line\nbreak", -7, 1e-3, False])
    ws["A6"] = "after a gap"
    ws["D6"] = "=1+1"  # a formula; openpyxl stores no cached value
    ws["F6"] = "far"
    wb.create_sheet("Zweites")["B2"] = "second"
    wb.save(path)
    print(json.dumps({"rows": [
        {"n": 1, "cells": ["id", "name", "count", "share", "flag"]},
        {"n": 2, "cells": ["a-1", "Prüfung <&> \"x\"", "3", "0.25", "true"]},
        {"n": 3, "cells": ["b-2", "line\nbreak", "-7", "0.001", "false"]},
        {"n": 6, "cells": ["after a gap", "", "", "", "", "far"]},
    ]}, ensure_ascii=False))


if __name__ == "__main__":
    {"read": read, "write": write}[sys.argv[1]](sys.argv[2])
