package render

import (
	"net/url"
	"path"
	"strconv"
	"strings"
)

// documentFormats are the file types a link name announces, by extension.
var documentFormats = map[string]string{
	".pdf": "PDF", ".doc": "DOC", ".docx": "DOCX", ".odt": "ODT", ".rtf": "RTF", ".txt": "TXT",
	".xls": "XLS", ".xlsx": "XLSX", ".ods": "ODS", ".csv": "CSV", ".ppt": "PPT", ".pptx": "PPTX",
	".odp": "ODP", ".epub": "EPUB", ".zip": "ZIP", ".xml": "XML", ".json": "JSON",
	".mp4": "MP4", ".webm": "WebM", ".vtt": "WebVTT",
}

// Format returns the file type of the document at the URL u, by the
// extension of its path ("PDF" for …/dsfa.pdf?v=2), or "" for a web page
// or an unknown type. Link names use it so that two links to different
// documents never read the same ("Datenschutz-Folgenabschätzung (PDF)",
// WCAG 2.4.4).
func (p *Page) Format(u string) string {
	pth := u
	if pu, err := url.Parse(u); err == nil {
		pth = pu.Path
	}
	return documentFormats[strings.ToLower(path.Ext(pth))]
}

// Bytes formats a file size for a link name: "240 KB", "24,5 MB" in
// German, "24.5 MB" in English (decimal units, as file managers show them).
func (p *Page) Bytes(n int64) string {
	units := []string{"Bytes", "KB", "MB", "GB"}
	f, u := float64(n), 0
	for f >= 1000 && u < len(units)-1 {
		f /= 1000
		u++
	}
	var s string
	if u == 0 || f >= 100 {
		s = strconv.FormatFloat(f, 'f', 0, 64)
	} else {
		s = strconv.FormatFloat(f, 'f', 1, 64)
		s = strings.TrimSuffix(s, ".0")
	}
	if p.Lang == "de" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + units[u]
}

// MediaType is the MIME type of a video file, by its extension, for the
// type attribute of <source>.
func (p *Page) MediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".webm":
		return "video/webm"
	default:
		return "video/mp4"
	}
}
