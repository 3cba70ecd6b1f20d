package csvimport_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"maki/internal/csvimport"
	"maki/internal/export"
	"maki/internal/load"
	"maki/internal/validate"
	"maki/internal/xlsx"
)

// TestRoundTripExampleContentXLSX exports the example content as
// daten/register.xlsx, imports it into a content directory without
// systems and checks that every system comes back field for field.
func TestRoundTripExampleContentXLSX(t *testing.T) {
	orig, _ := load.Register(os.DirFS("../../content"), "content")
	if len(orig.Systems) == 0 {
		t.Skip("no example content")
	}
	data, err := export.RegisterXLSX(orig, export.Config{BaseURL: "https://register.example.org/", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	dir := copyContent(t, "../../content", false)
	plan, err := csvimport.Prepare(csvimport.Config{File: "register.xlsx", Data: data, Content: os.DirFS(dir), Root: "content", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if errs := plan.Errors.Errors(); len(errs) > 0 {
		t.Fatalf("import reports errors:\n%v", lines(errs))
	}
	if len(plan.Files) != len(orig.Systems) {
		t.Fatalf("plan has %d files; want %d", len(plan.Files), len(orig.Systems))
	}
	if _, err := plan.Write(dir); err != nil {
		t.Fatal(err)
	}
	back, errs := load.Register(os.DirFS(dir), "content")
	errs = append(errs, validate.Register(back, now)...)
	if errs := errs.Errors(); len(errs) > 0 {
		t.Errorf("imported content has errors:\n%v", lines(errs))
	}
	want, got := systemsOf(orig), systemsOf(back)
	for id, w := range want {
		g, ok := got[id]
		if !ok {
			t.Errorf("system %s missing after import", id)
			continue
		}
		if !reflect.DeepEqual(w, g) {
			wv, gv := reflect.ValueOf(w), reflect.ValueOf(g)
			for i := 0; i < wv.NumField(); i++ {
				if !reflect.DeepEqual(wv.Field(i).Interface(), gv.Field(i).Interface()) {
					t.Errorf("%s: field %s = %#v; want %#v", id, wv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
				}
			}
		}
	}
}

// sheet writes rows (nil: an empty row) as the only sheet of a workbook.
func sheet(t *testing.T, rows ...[]string) []byte {
	t.Helper()
	var b bytes.Buffer
	err := xlsx.Write(&b, []xlsx.Sheet{{Name: "Tabelle1", Rows: func(emit func([]xlsx.Cell) error) error {
		for _, r := range rows {
			cells := make([]xlsx.Cell, len(r))
			for i, c := range r {
				cells[i] = xlsx.Text(c)
			}
			if err := emit(cells); err != nil {
				return err
			}
		}
		return nil
	}}})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Problems are reported at the spreadsheet's row and column (C5 is 5:3),
// across empty rows and cells holding several lines.
func TestImportXLSXPositions(t *testing.T) {
	dir := base(t)
	h := strings.Split(strings.TrimSuffix(header, "\n"), ",")
	row := func(id, status, org, purpose string) []string {
		return []string{id, "Chat", "", "Ein Chat.", org, status, "2024-03", "buergerservice", "nlp", "public", purpose, "minimal", "none", "ki@a.example.de", "2025-01-01", "2025-01-02"}
	}
	data := sheet(t, nil, h,
		row("chat-a", "production", "stadt-a", "Zweck\nüber\ndrei Zeilen."),
		nil, nil,
		row("chat-b", "prod", "stadt-a", "Zweck mit \"Anführung\", Komma."),
		row("chat-c", "production", "stadt-x", "Zweck.\n"),
		append(row("chat-d", "production", "stadt-a", "Zweck."), "", "", "überzählig"),
	)
	plan, err := csvimport.Prepare(csvimport.Config{File: "neu.xlsx", Data: data, Content: os.DirFS(dir), Root: "content", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	got := lines(plan.Errors)
	for _, want := range []string{
		`neu.xlsx:6:6: field "status": unknown value "prod"`,
		`neu.xlsx:7:5: field "organisation": no such organisation "stadt-x"`,
		`neu.xlsx:8:17: 19 cells; want at most 16`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q; got\n%s", want, got)
		}
	}
	if strings.Contains(got, "neu.xlsx:3:") {
		t.Errorf("the valid row has errors:\n%s", got)
	}
	if plan.Rows != 3 {
		t.Errorf("%d rows read; want 3 (and one refused by the reader)", plan.Rows)
	}

	plan, _ = csvimport.Prepare(csvimport.Config{File: "neu.xlsx", Data: data, Content: os.DirFS(dir), Root: "content", Now: now, Partial: true})
	if len(plan.Files) != 1 || plan.Files[0].ID != "chat-a" || !strings.Contains(string(plan.Files[0].Data), "über") {
		t.Errorf("partial: files %v; want chat-a with its three-line purpose", plan.Files)
	}
}

func TestImportXLSXBroken(t *testing.T) {
	dir := base(t)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"text.xlsx", []byte(header), "text.xlsx: not an xlsx file (zip)"},
		{"leer.xlsx", sheet(t), `leer.xlsx: no header line`},
		{"anders.xlsx", sheet(t, nil, []string{"id", "nam"}), `anders.xlsx:2:2: unknown column "nam"; did you mean "name"?`},
	} {
		plan, err := csvimport.Prepare(csvimport.Config{File: tc.name, Data: tc.data, Content: os.DirFS(dir), Root: "content", Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if got := lines(plan.Errors); !strings.Contains(got, tc.want) {
			t.Errorf("%s: errors\n%s\nwant %q", tc.name, got, tc.want)
		}
	}
}
