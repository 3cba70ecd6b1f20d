"""xlsx-check.py checks daten/register.xlsx with openpyxl, an independent
SpreadsheetML implementation: one sheet "Register" whose header row is bold
and frozen, and whose cells are, cell for cell, those of register.csv (a CSV
cell neutralised against formula injection with a leading apostrophe
matches the xlsx cell without it; the xlsx cell is a string, never a
formula).

  python3 xlsx-check.py public/daten/register.xlsx public/daten/register.csv
"""
import csv
import sys

import openpyxl

xlsx_path, csv_path = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(xlsx_path)
bad = []
if wb.sheetnames != ["Register"]:
    bad.append("sheets %r; want ['Register']" % wb.sheetnames)
ws = wb.worksheets[0]
if ws.freeze_panes != "A2":
    bad.append("freeze panes %r; want A2" % ws.freeze_panes)
with open(csv_path, encoding="utf-8-sig", newline="") as f:
    recs = list(csv.reader(f))
rows = list(ws.iter_rows())
if len(rows) != len(recs):
    bad.append("%d rows; register.csv has %d records" % (len(rows), len(recs)))
for r, (row, rec) in enumerate(zip(rows, recs), start=1):
    for c, want in enumerate(rec):
        cell = row[c] if c < len(row) else None
        got = "" if cell is None or cell.value is None else cell.value
        if r == 1 and cell is not None and not cell.font.b:
            bad.append("header cell %s is not bold" % cell.coordinate)
        if cell is not None and cell.value is not None and cell.data_type != "s":
            bad.append("%s has type %r; want a string" % (cell.coordinate, cell.data_type))
        w = want.replace("\r\n", "\n")
        g = got.replace("\r\n", "\n") if isinstance(got, str) else got
        if g != w and not (w.startswith("'") and w[1:2] in ("=", "+", "-", "@", "\t", "\r") and g == w[1:]):
            bad.append("%s = %r; register.csv has %r" % (cell.coordinate if cell else (r, c), g[:60], w[:60]))
for b in bad[:30]:
    print("register.xlsx:", b)
if bad:
    print("xlsx-check: %d problems" % len(bad))
    sys.exit(1)
print("xlsx-check: register.xlsx matches register.csv, %d rows x %d columns (openpyxl %s)" % (len(rows), len(recs[0]), openpyxl.__version__))
