package render

import (
	"net/url"
	"path"
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
