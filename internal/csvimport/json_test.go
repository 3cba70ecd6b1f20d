package csvimport

import "testing"

// TestJSONPositions checks the line:column ReadJSON records for fields:
// the value's first character, counted in characters (not bytes) from 1,
// after a byte order mark and with CRLF line ends; nested values of
// texts, lists and records; references collapsed from {"id": …}; list
// indices counting only the items kept.
func TestJSONPositions(t *testing.T) {
	data := "\ufeff[\r\n" +
		"  {\"id\": \"stadt-ä\", \"name\": {\"de\": \"Grün\", \"en\": \"Green\"},\r\n" +
		"\t\"organisation\" : {\"id\": \"land\"}, \"short_name\": {\"de\": \"G\"},\n" +
		"   \"tags\": [null, \"a\", \"ü\"], \"assessments\": [{\"type\": \"fria\"}]},\n" +
		"  {\"id\": \"b\", \"name\": {\"de\": \"X\", \"en\": null}}\n" +
		"]"
	rows, errs := ReadJSON(KindSystem, "o.json", []byte(data))
	if len(errs) > 0 || len(rows) != 2 {
		t.Fatalf("ReadJSON: %d rows, errors %v", len(rows), errs)
	}
	row := rows[0]
	for _, tc := range []struct{ field, want string }{
		{"", "o.json:2:3"},                    // the object
		{"id", "o.json:2:10"},                 // "stadt-ä"
		{"name", "o.json:2:29"},               // the {
		{"name.de", "o.json:2:36"},            // "Grün"
		{"name.en", "o.json:2:50"},            // "Green", after ü counted once
		{"organisation", "o.json:3:26"},       // "land" inside {"id": …}
		{"short_name", "o.json:3:49"},         // a string field given an object: the {
		{"tags", "o.json:4:12"},               // the [
		{"tags.0", "o.json:4:19"},             // "a": the null is dropped
		{"tags.1", "o.json:4:24"},             // "ü"
		{"assessments.0.type", "o.json:4:55"}, // "fria"
		{"assessments.0.date", "o.json:4:46"}, // absent: the record
		{"ags", "o.json:2:3"},                 // absent: the object
	} {
		if got := row.at(tc.field).String(); got != tc.want {
			t.Errorf("at(%q) = %s; want %s", tc.field, got, tc.want)
		}
	}
	if got, want := row.keyAt("short_name").String(), "o.json:3:35"; got != want {
		t.Errorf("keyAt(%q) = %s; want %s", "short_name", got, want)
	}
	// A text with German only becomes a plain string, at the German value.
	if got, want := rows[1].at("name").String(), "o.json:5:30"; got != want {
		t.Errorf("at(%q) = %s; want %s", "name", got, want)
	}
}

// TestJSONSyntaxPositions checks where syntax errors are reported.
func TestJSONSyntaxPositions(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"[\n {\"id\": \"a\",}\n]", "x.json:2:13: invalid character '}' looking for beginning of object key string"},
		{"[\n {\"id\": \"a\"}", "x.json:2:13: unexpected end of JSON input; want a complete array of systems"},
		{"[] []", "x.json:1:4: more after the end of the top-level value; want one array of systems"},
		{"{\"count\": 1}", "x.json:1:1: no \"systems\" list; want an array of systems or {\"systems\": [...]}"},
		{"{\n \"organisations\": []}", "x.json:2:2: a list \"organisations\": this looks like organisations; want --kind organisation"},
		{"\"x\"", "x.json:1:1: got a string; want an array of systems"},
		{deep(100), "x.json:1:66: nested more than 64 deep; want the shape of the content files"},
	} {
		_, errs := ReadJSON(KindSystem, "x.json", []byte(tc.data))
		if len(errs) != 1 || errs[0].Error() != tc.want {
			t.Errorf("ReadJSON(%q) errors %v; want %s", tc.data, errs, tc.want)
		}
	}
}

func deep(n int) string {
	s := ""
	for range n {
		s += "["
	}
	return s
}
