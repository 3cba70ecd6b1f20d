package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"maki/internal/register"
)

const videoPage = `---
title:
  de: Gebärdensprache
  en: Sign language
menu: footer
video:
  src: medien/dgs.webm
  captions: medien/dgs.vtt
  duration: "3:05"
  poster: medien/dgs.png
  description: Eine Frau erklärt das Register in Deutscher Gebärdensprache.
---
Text.
`

// TestVideoCopiedAndShown: a page's video, captions and poster are copied
// from content/medien/ to medien/ in the output, and the page shows them
// in a <video> with a captions track and a download link naming format,
// size and length (BITV 2.0 Anlage 2).
func TestVideoCopiedAndShown(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.Content = copyContent(t)
	writeFile(t, filepath.Join(cfg.Content, "seiten", "gebaerdensprache.md"), videoPage)
	video := strings.Repeat("v", 2_450_000)
	writeFile(t, filepath.Join(cfg.Content, "medien", "dgs.webm"), video)
	writeFile(t, filepath.Join(cfg.Content, "medien", "dgs.vtt"), "WEBVTT\n\n00:00.000 --> 00:05.000\nHallo.\n")
	writeFile(t, filepath.Join(cfg.Content, "medien", "dgs.png"), "png")
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"dgs.webm", "dgs.vtt", "dgs.png"} {
		want, _ := os.ReadFile(filepath.Join(cfg.Content, "medien", f))
		got, err := os.ReadFile(filepath.Join(out, "medien", f))
		if err != nil || string(got) != string(want) {
			t.Errorf("medien/%s in the output: %d bytes, err %v; want a copy of %d bytes", f, len(got), err, len(want))
		}
	}
	for _, c := range []struct{ page, want string }{
		{"gebaerdensprache/index.html", `<source src="/medien/dgs.webm" type="video/webm">`},
		{"gebaerdensprache/index.html", `<track kind="captions" src="/medien/dgs.vtt" srclang="de" label="Deutsch" default>`},
		{"gebaerdensprache/index.html", `poster="/medien/dgs.png"`},
		{"gebaerdensprache/index.html", `aria-describedby="video-description"`},
		{"gebaerdensprache/index.html", `download>Video herunterladen (WebM, 2,5 MB, Länge 3:05)</a>`},
		{"en/gebaerdensprache/index.html", `download>Download the video (WebM, 2.5 MB, length 3:05)</a>`},
		{"index.html", `href="/gebaerdensprache/"`}, // the footer of every page
	} {
		b, err := os.ReadFile(filepath.Join(out, c.page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), c.want) {
			t.Errorf("%s lacks %s", c.page, c.want)
		}
	}
}

// TestVideoFilesChecked: missing files, folders, empty files, captions that
// are not WebVTT, and files reached through a link out of the content or a
// named pipe are errors at the field's position, and the build stops.
func TestVideoFilesChecked(t *testing.T) {
	cfg := exampleConfig(t, filepath.Join(t.TempDir(), "public"))
	cfg.Content = copyContent(t)
	writeFile(t, filepath.Join(cfg.Content, "seiten", "gebaerdensprache.md"), videoPage)
	writeFile(t, filepath.Join(cfg.Content, "medien", "dgs.vtt"), "1\n00:00:00,000 --> 00:00:05,000\nSRT, not WebVTT\n")
	secret := filepath.Join(t.TempDir(), "secret.webm")
	writeFile(t, secret, "outside")
	if err := os.Symlink(secret, filepath.Join(cfg.Content, "medien", "dgs.webm")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(cfg.Content, "medien", "dgs.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs := Check(context.Background(), cfg)
	got := map[string]string{}
	for _, e := range errs.Errors() {
		if e.Rule == "media" {
			got[e.Field] = e.Error()
		}
	}
	for field, want := range map[string]string{
		"video.src":      "medien/dgs.webm: ",
		"video.captions": `dgs.vtt does not start with "WEBVTT"`,
		"video.poster":   "medien/dgs.png: ",
	} {
		if !strings.Contains(got[field], want) || !strings.Contains(got[field], "content/seiten/gebaerdensprache.md:") {
			t.Errorf("%s: got %q; want an error at the page containing %q", field, got[field], want)
		}
	}
	if strings.Contains(strings.Join(mapValues(got), "\n"), secret) {
		t.Errorf("an error names the link's target %s: %v", secret, got)
	}

	// missing and empty files
	os.Remove(filepath.Join(cfg.Content, "medien", "dgs.webm"))
	writeFile(t, filepath.Join(cfg.Content, "medien", "dgs.vtt"), "")
	_, errs = Check(context.Background(), cfg)
	var lines []string
	for _, e := range errs {
		lines = append(lines, e.Error())
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"field \"video.src\": no file ", "content/medien/dgs.webm; want the file in the content folder", "content/medien/dgs.vtt is empty"} {
		if !strings.Contains(text, want) {
			t.Errorf("errors lack %q:\n%s", want, text)
		}
	}
	var list register.ErrorList
	if _, err := Run(context.Background(), cfg, nil); !errors.As(err, &list) {
		t.Errorf("build with missing media: err = %v; want the content errors", err)
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
