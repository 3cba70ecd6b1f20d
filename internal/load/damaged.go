package load

import (
	"bytes"
	"unicode/utf8"

	"maki/internal/register"
)

// replacementChar is U+FFFD REPLACEMENT CHARACTER in UTF-8. A program
// that decoded text in the wrong encoding (a Windows-1252 export read as
// UTF-8) writes it for every character it could not read; published, it
// shows as "�". The file is valid UTF-8, so this is a warning: the text is
// damaged, but the build can go on.
var replacementChar = []byte("\uFFFD")

// DamagedRule is the rule of the warning for U+FFFD.
const DamagedRule = "damaged-character"

// DamagedMsg is the message of the warning for U+FFFD.
const DamagedMsg = "damaged character U+FFFD (shown as \"�\"); check the source's encoding and copy the text again"

// damaged warns about every U+FFFD in data, one warning a line, at the
// line and column (in characters) of the first on that line.
func damaged(file string, data []byte, errs *register.ErrorList) {
	for _, p := range DamagedPositions(data) {
		errs.Warn(register.Pos{File: file, Line: p.Line, Col: p.Col}, "", DamagedRule, DamagedMsg)
	}
}

// DamagedPositions returns the line and column (in characters, from 1) of
// the first U+FFFD on every line of data that holds one. It is linear in
// len(data) and allocates nothing when there is none.
func DamagedPositions(data []byte) []register.Pos {
	var out []register.Pos
	line, lineStart, off := 1, 0, 0
	for {
		i := bytes.Index(data[off:], replacementChar)
		if i < 0 {
			return out
		}
		i += off
		// off is at a line start or at the end of the line last reported,
		// so counting from it is linear.
		if nl := bytes.LastIndexByte(data[off:i], '\n'); nl >= 0 {
			line += bytes.Count(data[off:i], []byte("\n"))
			lineStart = off + nl + 1
		}
		out = append(out, register.Pos{Line: line, Col: utf8.RuneCount(data[lineStart:i]) + 1})
		// the rest of this line has been reported
		nl := bytes.IndexByte(data[i:], '\n')
		if nl < 0 {
			return out
		}
		off = i + nl
	}
}
