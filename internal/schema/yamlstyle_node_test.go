package schema

import (
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// nodeYAML returns the path of test/browser's node_modules when node and
// the "yaml" library the web editor uses are there. Without them the test
// is skipped, unless MAKI_REQUIRE_NODE=1 (scripts/test-all.sh sets it
// after test/browser/editor.sh has installed the packages).
func nodeYAML(t *testing.T) string {
	t.Helper()
	mods, _ := filepath.Abs("../../test/browser/node_modules")
	_, err := os.Stat(filepath.Join(mods, "yaml", "package.json"))
	if _, lerr := exec.LookPath("node"); err != nil || lerr != nil {
		if os.Getenv("MAKI_REQUIRE_NODE") == "1" {
			t.Fatalf("node or test/browser/node_modules/yaml missing (npm ci in test/browser)")
		}
		t.Skip("node or test/browser/node_modules/yaml missing (npm ci in test/browser)")
	}
	return mods
}

// TestYAMLStringAgainstLibrary compares YAMLString with what the "yaml"
// library writes with the editor's options (test/browser/canonical.js,
// STRINGIFY), for awkward strings and random ones made of the characters
// YAML treats specially, as a top-level value, a nested value and a list
// item.
func TestYAMLStringAgainstLibrary(t *testing.T) {
	mods := nodeYAML(t)
	in := []string{
		"", " ", "a", "a b", "a\nb", "a\n", "a\n\n", "\n", "\n\n", "a\n\n\nb\n\n", " a\nb", "\n a", "a \nb", "a\n b",
		"a\n \n", "a\n\t", "x\r\ny", "a\x01b", "a\x7fb", "it's", `"q"`, `it's "q"`, "'", `"`, "a: b", "a #b", "#a",
		"- a", "-", "?", "? a", "|", ">", "%x", "@x", "`x`", "!x", "&x", "*x", "[x]", "{x}", ",x", "x,", "x:", "x :",
		"--- x", "...", "a\n---\nb", "a\n...\n", "%a\nb", "true", "True", "yes", "null", "~", "0x1F", "0o17", "017",
		"1_000", "1e5", ".5", "3.", "+1", "-1", ".inf", ".nan", "2024-03", "2026-05-31", "12:30", "a\tb", "\ta",
		"a\t", "a\\b", "C# und", "C #1", "Zeile 1\nZeile 2", "**fett**\n\n- Punkt\n- Punkt 2\n", "  eingerückt\nx",
		"x\n  tiefer\n", "Stra\ufffde", "\u00a0a\u00a0", "a\u0085b", "𝔸 and ä",
		strings.Repeat("lang ", 20) + "\n" + strings.Repeat("noch ", 10) + "\x01",
		"ein Text mit ' und \" und einem Zeilenumbruch\n danach \n\n  eingerückt\x02 und mehr Text am Ende",
		"Steuer\x01zeichen in einem langen Text, damit die Zeilenumbrüche\n\n\nals solche geschrieben werden \n x",
	}
	alphabet := []string{"a", "b", " ", " ", "\n", "\n", "\t", "'", `"`, "#", ":", "-", "?", "|", ">", "%", "\\", "1", ".",
		"é", "\x01", "\u00a0", "…", "𝔸", "---", "...", "true", "0", "e"}
	rng := rand.New(rand.NewSource(16))
	for i := 0; i < 4000; i++ {
		var b strings.Builder
		for n := rng.Intn(14); n >= 0; n-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		if i%10 == 0 {
			b.WriteString(strings.Repeat("x", 40))
		}
		in = append(in, b.String())
	}
	data, _ := json.Marshal(in)
	script := `
const YAML = require('yaml');
const STRINGIFY = { indent: 2, indentSeq: true, lineWidth: 0, defaultKeyType: 'PLAIN', defaultStringType: 'PLAIN', singleQuote: true };
const ins = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(ins.map(s => [YAML.stringify({v: s}, null, STRINGIFY), YAML.stringify({a: {v: s}}, null, STRINGIFY), YAML.stringify({l: [s]}, null, STRINGIFY)])));`
	cmd := exec.Command("node", "-e", script)
	cmd.Env = append(os.Environ(), "NODE_PATH="+mods)
	cmd.Stdin = strings.NewReader(string(data))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want [][3]string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, s := range in {
		if strings.ContainsAny(s, "\u2028\u2029\ufeff") || strings.Contains(s, "\n") && tabFirst(s) {
			continue // quoted on purpose (YAMLString)
		}
		got := [3]string{
			"v: " + YAMLString(s, "  ") + "\n",
			"a:\n  v: " + YAMLString(s, "    ") + "\n",
			"l:\n  - " + YAMLString(s, "    ") + "\n",
		}
		for j := range got {
			if got[j] != want[i][j] && bad < 20 {
				bad++
				t.Errorf("%q (position %d):\ngot  %q\nwant %q", s, j, got[j], want[i][j])
			}
		}
	}
}
