package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"testing"

	"maki/internal/xlsx"
)

// The example content in content/ exports in every format.
func TestExportExampleContent(t *testing.T) {
	for _, format := range []string{"json", "csv", "xlsx", "eu-ai-act", "eurocities", "eurocities-csv"} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"export", format, "--content", "../../content"}, &out, &errOut)
		if err != nil {
			t.Fatalf("maki export %s: %v\n%s", format, err, errOut.String())
		}
		switch format {
		case "csv":
			if _, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out.Bytes(), []byte("\xef\xbb\xbf")))).ReadAll(); err != nil {
				t.Errorf("maki export csv: %v", err)
			}
		case "eurocities":
			var regs []map[string]string
			if err := json.Unmarshal(out.Bytes(), &regs); err != nil || len(regs) == 0 || regs[0]["standard_version"] != "0.3.1" {
				t.Errorf("maki export eurocities: %d registrations, %v", len(regs), err)
			}
		case "eurocities-csv":
			r := csv.NewReader(bytes.NewReader(out.Bytes()))
			r.Comma = ';'
			if recs, err := r.ReadAll(); err != nil || len(recs) < 2 || recs[0][0] != "name" {
				t.Errorf("maki export eurocities-csv: %d records, %v", len(recs), err)
			}
		case "xlsx":
			wb, err := xlsx.Read(out.Bytes(), xlsx.Limits{})
			if err != nil {
				t.Fatalf("maki export xlsx: %v", err)
			}
			rows, err := wb.Sheet(0)
			if err != nil || len(rows) < 2 || rows[0].Cells[0] != "id" {
				t.Errorf("maki export xlsx: %d rows, %v; want a header and the systems", len(rows), err)
			}
		default:
			var v struct {
				Count   int   `json:"count"`
				Systems []any `json:"systems"`
			}
			if err := json.Unmarshal(out.Bytes(), &v); err != nil || v.Count != len(v.Systems) || v.Count == 0 {
				t.Errorf("maki export %s: count %d, %d systems, %v", format, v.Count, len(v.Systems), err)
			}
		}
	}
}

func TestExportUsage(t *testing.T) {
	for _, args := range [][]string{{"export"}, {"export", "xml"}, {"export", "json", "csv"}, {"export", "--nope", "json"}} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, &out, &errOut)
		var ex exitError
		if !errors.As(err, &ex) || ex.code != 2 {
			t.Errorf("maki %v: err = %v; want exit status 2", args, err)
		}
		if out.Len() != 0 {
			t.Errorf("maki %v wrote to stdout", args)
		}
	}
}

func TestExportContentErrors(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"export", "json", "--content", t.TempDir()}, &out, &errOut)
	var ex exitError
	if !errors.As(err, &ex) || ex.code != 1 || out.Len() != 0 || errOut.Len() == 0 {
		t.Errorf("export of empty content: err = %v, stdout %d bytes, stderr %d bytes; want exit 1, errors on stderr only", err, out.Len(), errOut.Len())
	}
}
