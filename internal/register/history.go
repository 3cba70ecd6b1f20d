package register

import (
	"strings"
	"time"
)

// History is what the content's git repository knows about the systems:
// every published version of each, and when a system was removed. It is
// read at build time (package history); a build without git has none.
type History struct {
	// Systems maps an id to its history: the current id of a system that
	// exists, or the last id of a removed one.
	Systems map[string]*SystemHistory
	// Shallow is true when the repository is a shallow clone: the history
	// starts at its oldest fetched commit.
	Shallow bool
}

// Of returns the history of the system with the id, or nil.
func (h *History) Of(id string) *SystemHistory {
	if h == nil {
		return nil
	}
	return h.Systems[id]
}

// SystemHistory is one system's versions, oldest first.
type SystemHistory struct {
	ID       string
	Versions []*Version
	// Removed is when the system's file was deleted (the commit's date),
	// zero while it exists.
	Removed time.Time
	// RemovedCommit is the commit that deleted the file.
	RemovedCommit string
	// Unsaved are the changes of the file since its last commit (maki
	// serve only; a build never sets it). A file not committed yet has
	// one change, the creation.
	Unsaved []Change
}

// Newest returns the versions newest first.
func (h *SystemHistory) Newest() []*Version {
	out := make([]*Version, len(h.Versions))
	for i, v := range h.Versions {
		out[len(h.Versions)-1-i] = v
	}
	return out
}

// Last returns the newest version, or nil.
func (h *SystemHistory) Last() *Version {
	if h == nil || len(h.Versions) == 0 {
		return nil
	}
	return h.Versions[len(h.Versions)-1]
}

// LastChanged returns the date of the newest version that changed the
// entry in substance (anything but the "updated" date), or the zero time.
func (h *SystemHistory) LastChanged() time.Time {
	if h == nil {
		return time.Time{}
	}
	for i := len(h.Versions) - 1; i >= 0; i-- {
		if h.Versions[i].Substantive() {
			return h.Versions[i].Date
		}
	}
	return time.Time{}
}

// Version is one published state of a system's file.
type Version struct {
	// N counts the versions of a system from 1 (its citable number).
	N int
	// Commit is the full hash of the commit that published the version.
	Commit string
	// Date is the commit's committer date, UTC.
	Date time.Time
	// Author is the commit's author name, only when site.yaml opts in
	// (history: {authors: true}).
	Author string
	// Path is the content-relative path of the file ("systeme/x.yaml").
	Path string
	// System is the version as the loader read it; nil when the file could
	// not be read as a system (then Changes is empty).
	System *System
	// Changes says what changed since the version before; the first
	// version has one change, the creation.
	Changes []Change
}

// Substantive reports whether the version changed more than the "updated"
// date.
func (v *Version) Substantive() bool {
	for _, c := range v.Changes {
		if c.Field != "updated" {
			return true
		}
	}
	return false
}

// ChangeKind is what happened to a field.
type ChangeKind string

// The kinds of change.
const (
	ChangeCreated ChangeKind = "created" // the entry appeared (first version)
	ChangeSet     ChangeKind = "set"     // a field got a value it did not have
	ChangeCleared ChangeKind = "cleared" // a field lost its value
	ChangeValue   ChangeKind = "value"   // a value changed: Old → New
	ChangeText    ChangeKind = "text"    // a Markdown text changed: Words
	ChangeList    ChangeKind = "list"    // items added and removed
	ChangeRenamed ChangeKind = "renamed" // the id changed: Old → New
	ChangeInvalid ChangeKind = "invalid" // the version could not be read
)

// Change is one field's change between two versions.
type Change struct {
	// Field is the YAML key ("risk_class"), "id" for a rename.
	Field string
	Kind  ChangeKind
	// Enum is the enumeration whose labels Old, New, Added and Removed are
	// values of ("risk_class"), or "" for plain values.
	Enum     string
	Old, New string
	Added    []string
	Removed  []string
	// Words is the word diff of a Markdown text (German), shortened: of a
	// long run of kept words only a few next to each change are kept, the
	// rest is an op '.' (see WordOp).
	Words []WordOp
	// Truncated is true when the texts were too long to compare word by
	// word; Words then holds the changed middle as one removal and one
	// insertion.
	Truncated bool
}

// WordOp is a run of words of a word diff: Op is '=' (kept), '-'
// (removed), '+' (inserted) or '.' (kept words left out, Text empty: pages
// show "…").
type WordOp struct {
	Op   byte
	Text string
}

// DescribeChange words a change in plain text in lang, with the field
// and enumeration labels of cat: "Risikoklasse: minimales Risiko →
// Hochrisiko-KI-System", "Zweck geändert". Pages and feeds share it.
func DescribeChange(cat Catalog, lang string, c Change) string {
	label := cat.T(lang, "field."+c.Field)
	if c.Field == "id" {
		label = cat.T(lang, "history.id")
	}
	val := func(v string) string {
		if c.Enum != "" && v != "" {
			return cat.T(lang, c.Enum+"."+v)
		}
		return v
	}
	vals := func(vs []string) string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = val(v)
		}
		return strings.Join(out, ", ")
	}
	switch c.Kind {
	case ChangeCreated:
		return cat.T(lang, "history.created")
	case ChangeInvalid:
		return cat.T(lang, "history.invalid")
	case ChangeSet:
		return label + ": " + val(c.New)
	case ChangeCleared:
		return cat.Tf(lang, "history.cleared", label)
	case ChangeText:
		return cat.Tf(lang, "history.text", label)
	case ChangeList:
		var parts []string
		if len(c.Added) > 0 {
			parts = append(parts, "+ "+vals(c.Added))
		}
		if len(c.Removed) > 0 {
			parts = append(parts, "− "+vals(c.Removed))
		}
		return label + ": " + strings.Join(parts, "; ")
	default: // value, renamed
		return label + ": " + val(c.Old) + " → " + val(c.New)
	}
}
