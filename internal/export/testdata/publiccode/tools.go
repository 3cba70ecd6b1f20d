//go:build tools

// Package tools pins the official publiccode.yml parser
// (italia/publiccode-parser-go) that ../check-formats.sh builds to check
// publiccode.yml: a module of its own, so the parser is no dependency of
// maki. v5.3.1 is the newest version the Go module proxy serves here (it
// knows the standard up to 0.5; 0.7 came with v5.4.0); go-vcsurl is raised
// to v2.1.1 because the proxy does not serve v2.1.0.
package tools

import _ "github.com/italia/publiccode-parser-go/v5/publiccode-parser"
