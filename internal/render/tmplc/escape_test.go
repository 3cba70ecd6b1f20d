package tmplc

import (
	"html/template"
	"strings"
	"testing"
)

// TestSmoke checks one value per escaper against html/template.
func TestSmoke(t *testing.T) {
	for _, c := range []struct{ name, pre, post string }{
		{"_html_template_htmlescaper", "<p>", "</p>"},
		{"_html_template_attrescaper", `<a title="`, `">`},
		{"_html_template_nospaceescaper", `<a title=`, `>`},
		{"_html_template_rcdataescaper", `<textarea>`, `</textarea>`},
	} {
		for _, v := range []any{"a<b>&amp;\"'+ =`\x00\xff\ufdd0", template.HTML("<b>x</b> & y"), nil, 3} {
			tm := template.Must(template.New("").Parse(c.pre + "{{.}}" + c.post))
			var b strings.Builder
			if err := tm.Execute(&b, v); err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(strings.TrimPrefix(b.String(), c.pre), c.post)
			fn, _ := Escaper(c.name)
			if got := fn(v); got != want {
				t.Errorf("%s(%#v) = %q, want %q", c.name, v, got, want)
			}
		}
	}
}
