package export

import _ "embed"

// registerSchema is daten/register.schema.json, the JSON Schema (2020-12)
// of register.json; $defs/system describes daten/systeme/<id>.json.
//
//go:embed register.schema.json
var registerSchema []byte

// RegisterSchema returns the JSON Schema of register.json.
func RegisterSchema() []byte { return append([]byte(nil), registerSchema...) }
