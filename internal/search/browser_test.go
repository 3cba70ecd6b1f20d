package search

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"maki/internal/corpus"
	"maki/internal/load"
)

// jsQuery is one query for the browser script under node.
type jsQuery struct {
	Q      string              `json:"q"`
	Filter map[string][]string `json:"filter"`
	Live   bool                `json:"live"`
}

const jsDriver = `
const fs = require("fs"), path = require("path");
const [script, dir, queries] = process.argv.slice(2);
const s = require(script);
const e = new s.Engine((p, bin) => {
  const b = fs.readFileSync(path.join(dir, p));
  return bin ? new Uint8Array(b) : JSON.parse(b.toString("utf8"));
});
(async () => {
  const out = [];
  for (const q of JSON.parse(fs.readFileSync(queries, "utf8"))) {
    const r = await e.query(s.words(q.q), q.filter || {}, q.live);
    out.push({hits: r.docs.map((d, i) => [d, r.scores[i]]), partial: r.partial, matched: r.matched, words: r.words,
      suggestion: r.fixes.size ? s.suggest(q.q, r.fixes) : ""});
  }
  process.stdout.write(JSON.stringify(out));
})().catch(err => { console.error(err); process.exit(1); });
`

func scriptPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "themes", "default", "static", "js", "search.js")
}

// jsResult is the browser script's answer to one query.
type jsResult struct {
	Hits           [][2]float64 `json:"hits"`
	Partial        bool         `json:"partial"`
	Matched, Words int
	Suggestion     string `json:"suggestion"`
}

// runJS runs the browser script's engine under node over ix's files and
// returns, per query, the doc numbers and scores, and the rest of its answer.
func runJS(t *testing.T, ix *Index, qs []jsQuery) []jsResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	dir := t.TempDir()
	files, _ := ix.Files()
	for p, b := range files {
		fp := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(fp), 0o755)
		if err := os.WriteFile(fp, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	driver := filepath.Join(dir, "driver.js")
	os.WriteFile(driver, []byte(jsDriver), 0o644)
	qb, _ := json.Marshal(qs)
	qf := filepath.Join(dir, "queries.json")
	os.WriteFile(qf, qb, 0o644)
	cmd := exec.Command(node, driver, scriptPath(), filepath.Join(dir, filepath.FromSlash(Dir)), qf)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var res []jsResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("node output: %v", err)
	}
	return res
}

func filterOf(m map[string][]string) Filter {
	return Filter{Status: m["status"], Level: m["level"], State: m["state"], Topic: m["topic"], RiskClass: m["risk_class"]}
}

// checkJS asserts that the browser script ranks every query exactly like
// Index.query: same systems, same order, same scores, the same partial
// answer and the same "Meinten Sie …?".
func checkJS(t *testing.T, ix *Index, qs []jsQuery) {
	t.Helper()
	res := runJS(t, ix, qs)
	for i, q := range qs {
		r, err := ix.query(q.Q, filterOf(q.Filter), q.Live)
		if err != nil {
			t.Fatal(err)
		}
		hits := r.Hits
		js := res[i]
		if js.Partial != r.Partial || js.Suggestion != r.Suggestion || len(hits) > 0 && (js.Matched != r.Matched || js.Words != r.Words) {
			t.Errorf("query %+v: js partial %v (%d of %d), suggestion %q; go %v (%d of %d), %q", q, js.Partial, js.Matched, js.Words, js.Suggestion, r.Partial, r.Matched, r.Words, r.Suggestion)
		}
		var want [][2]float64
		for _, h := range hits {
			want = append(want, [2]float64{float64(ix.byID[h.ID]), h.Score})
		}
		got := js.Hits
		if os.Getenv("JSDEBUG") != "" {
			t.Logf("%+v: %d hits", q, len(got))
		}
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			if len(got) > 5 {
				got = got[:5]
			}
			if len(want) > 5 {
				want = want[:5]
			}
			t.Errorf("query %+v: js %v…; go %v… (lengths %d, %d)", q, got, want, len(js.Hits), len(hits))
		}
	}
}

func TestJSMatchesGoSynthetic(t *testing.T) {
	ix := mustBuild(t, synthRegister(synth...))
	var qs []jsQuery
	for _, q := range []string{"Chatbot", "Chatbots", "Buergeramt", "Genehmigung", "Genehm", "Ubersetzumg", "dass", "Chatbot dass", "appointments", "Straße", "xyzzy", ""} {
		qs = append(qs, jsQuery{Q: q}, jsQuery{Q: q, Live: true})
	}
	qs = append(qs,
		jsQuery{Q: "Chatbot", Filter: map[string][]string{"status": {"planned"}}},
		jsQuery{Q: "", Filter: map[string][]string{"status": {"pilot", "planned"}, "level": {"kommune"}}},
		jsQuery{Q: "", Filter: map[string][]string{"state": {"DE-BW"}}},
	)
	checkJS(t, ix, qs)
}

// TestJSMatchesGoCorpus compares the browser script and Go on a synthetic
// register of 2,000 systems with queries drawn from its own dictionary:
// whole words, prefixes, misspellings, word pairs and filters.
func TestJSMatchesGoCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	r, errs := load.Register(corpus.FS(2000, 7), "content")
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	ix, err := buildFull(r)
	if err != nil {
		t.Fatal(err)
	}
	var qs []jsQuery
	step := max(1, len(ix.keys)/60)
	for i := 0; i < len(ix.keys); i += step {
		k := []rune(ix.keys[i].key)
		w := string(k)
		qs = append(qs, jsQuery{Q: w}, jsQuery{Q: w, Live: true})
		if len(k) > 4 {
			qs = append(qs, jsQuery{Q: string(k[:len(k)-2]), Live: true}, jsQuery{Q: string(k[:len(k)-2])})
		}
		if len(k) >= 7 {
			typo := append([]rune(nil), k...)
			typo[4], typo[5] = typo[5], typo[4]
			qs = append(qs, jsQuery{Q: string(typo)}, jsQuery{Q: string(k[:5]) + "x" + string(k[5:])})
		}
		if j := (i * 7) % len(ix.keys); j != i {
			qs = append(qs, jsQuery{Q: w + " " + ix.keys[j].key})
		}
		if i%3 == 0 {
			qs = append(qs, jsQuery{Q: w, Filter: map[string][]string{"status": {"production", "pilot"}, "level": {"land"}}})
		}
	}
	qs = append(qs, jsQuery{Q: "", Filter: map[string][]string{"state": {"DE-BY", "DE-HE"}, "risk_class": {"minimal"}}})
	checkJS(t, ix, qs)
}
