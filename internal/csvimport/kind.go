package csvimport

import (
	"fmt"
	"reflect"
	"strings"

	"maki/internal/register"
)

// Kind is what an import creates: systems or organisations.
type Kind string

// The kinds of entries an import can create.
const (
	KindSystem       Kind = "system"       // content/systeme/<id>.yaml, register.System
	KindOrganisation Kind = "organisation" // content/organisationen/<id>.yaml, register.Organisation
)

// ParseKind returns the kind named s: "system" or "organisation" (also
// the plurals and "organization").
func ParseKind(s string) (Kind, error) {
	switch s {
	case "system", "systems", "systeme":
		return KindSystem, nil
	case "organisation", "organisations", "organization", "organizations", "organisationen":
		return KindOrganisation, nil
	}
	return "", fmt.Errorf("unknown kind %q; want \"system\" or \"organisation\"", s)
}

var orgType = reflect.TypeOf(register.Organisation{})

// orDefault returns k, or KindSystem for the zero Kind.
func (k Kind) orDefault() Kind {
	if k == "" {
		return KindSystem
	}
	return k
}

// typ is the register struct whose tags define the kind's fields.
func (k Kind) typ() reflect.Type {
	if k == KindOrganisation {
		return orgType
	}
	return systemType
}

// dir is the kind's directory in the content.
func (k Kind) dir() string {
	if k == KindOrganisation {
		return "organisationen"
	}
	return "systeme"
}

// plural names the kind in messages and is the key of the list in a JSON
// object ({"systems": [...]}).
func (k Kind) plural() string {
	if k == KindOrganisation {
		return "organisations"
	}
	return "systems"
}

// noun names one entry of the kind in messages.
func (k Kind) noun() string { return string(k.orDefault()) }

// a is noun with its article.
func (k Kind) a() string {
	if k.orDefault() == KindOrganisation {
		return "an organisation"
	}
	return "a system"
}

// other is the kind an input obviously meant when it is not k.
func (k Kind) other() Kind {
	if k == KindOrganisation {
		return KindSystem
	}
	return KindOrganisation
}

// field returns the top-level field key of the kind, or a zero Field.
func (k Kind) field(key string) register.Field {
	f, _ := fieldOf(k.typ(), key)
	return f
}

// wrongKind looks at the field names of an input (CSV header cells or the
// keys of the first JSON object) and reports the index of the one that
// shows the input holds the other kind: a column "organisation" or
// "status" for organisations (or one the systems' export derives), a
// column "level" without "status" for systems. It returns -1 when
// nothing gives the other kind away.
func (k Kind) wrongKind(names []string) int {
	if k.orDefault() == KindOrganisation {
		for i, n := range names {
			if c := canonical(n); c == "organisation" || c == "status" || strings.HasPrefix(c, "organisation_") {
				return i
			}
		}
		return -1
	}
	level := -1
	for i, n := range names {
		switch canonical(n) {
		case "status":
			return -1
		case "level":
			level = i
		}
	}
	return level
}

// wrongKindMsg is the message for a field name that belongs to the other kind.
func (k Kind) wrongKindMsg(what, name string) string {
	o := k.other()
	if o == KindOrganisation {
		return fmt.Sprintf("%s %q is a field of organisations and there is no \"status\": this looks like organisations; want --kind organisation (or a \"status\" %s for systems)", what, name, what)
	}
	return fmt.Sprintf("%s %q is a field of systems, not of organisations: this looks like systems; want --kind system", what, name)
}
