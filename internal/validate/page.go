package validate

import (
	"regexp"
	"strings"

	"maki/internal/register"
)

// SignLanguagePage is the page in Deutsche Gebärdensprache (DGS) that
// BITV 2.0 § 4 asks for beside the one in Leichte Sprache. Its video comes
// from the operator, so a register without it still builds: "maki check"
// warns (rule "dgs") until the page and its video are there, instead of
// making the page required like those in RequiredPages, which would break
// every register made before maki had the page.
const SignLanguagePage = "gebaerdensprache"

// MediaDir is the folder of the content (and of the output) that a page's
// video, captions and poster must lie in.
const MediaDir = "medien/"

var (
	mediaPath = regexp.MustCompile(`^medien/(?:[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*/)*[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*$`)
	duration  = regexp.MustCompile(`^(?:(\d{1,2}):([0-5]\d)|(\d{1,3})):([0-5]\d)$`)
)

// kinds names what each video field holds, for messages.
var kinds = map[string]string{"src": "a video", "captions": "a WebVTT captions", "poster": "an image"}

// videoExts are the file types of each video field, the first one being
// named in messages.
var videoExts = map[string][]string{
	"src":      {".mp4", ".webm"},
	"captions": {".vtt"},
	"poster":   {".jpg", ".jpeg", ".png", ".webp"},
}

// videos checks every page's video (the checks of BITV 2.0 Anlage 2 that
// maki can make from the text: captions there, a duration to announce,
// files maki can copy) and warns while the sign-language page or its video
// is missing. That the files exist, and their size, is checked where files
// are read (build.Check).
func (v *validator) videos() {
	var dgs *register.Page
	for _, p := range v.r.Pages {
		if p.ID == SignLanguagePage {
			dgs = p
		}
		if p.Video == nil {
			continue
		}
		v.mediaPath(p, "video.src", p.Video.Src)
		v.mediaPath(p, "video.captions", p.Video.Captions)
		v.mediaPath(p, "video.poster", p.Video.Poster)
		if d := p.Video.Duration; d != "" && !ValidDuration(d) {
			v.errs.Add(p.PosOf("video.duration"), "video.duration", "format", "bad duration %q; want minutes and seconds \"m:ss\" or \"h:mm:ss\", like \"4:30\"", register.Excerpt(d))
		}
	}
	switch {
	case dgs == nil:
		v.errs.Warn(register.Pos{File: v.pagesDir() + "/" + SignLanguagePage + ".md"}, "", "dgs",
			"no page in Deutsche Gebärdensprache; want %s/%s.md with the video (BITV 2.0 § 4; \"maki init\" writes the template)", v.pagesDir(), SignLanguagePage)
	case dgs.Video == nil:
		v.errs.Warn(entryStart(&dgs.Meta), "video", "dgs",
			"no video in Deutsche Gebärdensprache yet; want video: with src, captions and duration (BITV 2.0 § 4, Anlage 2)")
	}
}

// mediaPath checks one file path of a video.
func (v *validator) mediaPath(p *register.Page, field, val string) {
	if val == "" {
		return // required ones are reported by the field rules
	}
	key := field[strings.LastIndexByte(field, '.')+1:]
	exts := videoExts[key]
	example := MediaDir + SignLanguagePage + exts[0]
	pos := p.PosOf(field)
	if i := strings.Index(val, "://"); i >= 0 || strings.HasPrefix(val, "//") {
		v.errs.Add(pos, field, "media", "%q is on another host, a third-party request for every reader; want a file in the content folder under %s, like %q", register.Excerpt(val), MediaDir, example)
		return
	}
	if !mediaPath.MatchString(val) || strings.Contains(val, "..") {
		v.errs.Add(pos, field, "media", "bad path %q; want a file under %s in the content folder with lower-case letters, digits, '-' and '_', like %q", register.Excerpt(val), MediaDir, example)
		return
	}
	for _, e := range exts {
		if strings.HasSuffix(val, e) {
			return
		}
	}
	v.errs.Add(pos, field, "media", "unsupported file type %q; want %s file ending in %s", register.Excerpt(val), kinds[key], strings.Join(exts, ", "))
}

// ValidDuration reports whether d is a running time "m:ss" or "h:mm:ss"
// longer than zero.
func ValidDuration(d string) bool {
	return duration.MatchString(d) && strings.Trim(d, "0:") != ""
}

// pagesDir is the project-relative folder of the pages ("content/seiten").
func (v *validator) pagesDir() string {
	if v.r.Site == nil || v.r.Site.File == "" {
		return "content/seiten"
	}
	if i := strings.LastIndexByte(v.r.Site.File, '/'); i >= 0 {
		return v.r.Site.File[:i] + "/seiten"
	}
	return "seiten"
}

// StatementPage is the accessibility statement (Erklärung zur
// Barrierefreiheit, § 7 BITV 2.0).
const StatementPage = "barrierefreiheit"

// statuses are the compliance statuses of the EU model statement
// (Implementing Decision (EU) 2018/1523), by language; "weitgehend
// vereinbar" and the like are not among them.
var statuses = []struct {
	lang  string
	allow []string
	wrong *regexp.Regexp
}{
	{"de", []string{"vollständig vereinbar", "teilweise vereinbar", "nicht vereinbar"},
		regexp.MustCompile(`(?i)\b(weitgehend|größtenteils|überwiegend|im wesentlichen|weitestgehend)\s+(\*\*)?\s*vereinbar`)},
	{"en", []string{"fully compliant", "partially compliant", "not compliant"},
		regexp.MustCompile(`(?i)\b(largely|mostly|mainly|substantially|broadly)\s+(\*\*)?\s*compliant`)},
}

// statement warns when the accessibility statement names a compliance
// status outside the model statement's fixed list ("weitgehend
// vereinbar"). A statement naming none is not warned about: the wording
// varies too much to tell. A page still holding placeholders is left to
// the placeholder warning.
func (v *validator) statement() {
	for _, p := range v.r.Pages {
		if p.ID != StatementPage {
			continue
		}
		for _, st := range statuses {
			body, file, first := p.Body.De, p.File, p.BodyLine
			if st.lang == "en" {
				body, file, first = p.Body.En, p.BodyEnFile, p.BodyEnLine
			}
			if file == "" || first == 0 || strings.Contains(body, PlaceholderMarker) {
				continue
			}
			if loc := st.wrong.FindStringIndex(body); loc != nil {
				line, col := lineCol(body, loc[0])
				v.errs.Warn(register.Pos{File: file, Line: first + line - 1, Col: col}, "body", "statement",
					"compliance status %q is not in the model statement; want one of \"%s\"", register.Excerpt(body[loc[0]:loc[1]]), strings.Join(st.allow, `", "`))
			}
		}
	}
}
