package export

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"maki/internal/register"
)

// jVersionRef is one version in a system's "versions" list.
type jVersionRef struct {
	Commit  string `json:"commit"`
	Date    string `json:"date"`
	URL     string `json:"url"`
	Version int    `json:"version"`
}

// jChange is one field's change in a snapshot.
type jChange struct {
	Added   []string `json:"added,omitempty"`
	Field   string   `json:"field"`
	Kind    string   `json:"kind"`
	New     *string  `json:"new,omitempty"`
	Old     *string  `json:"old,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// jSnapshot is daten/systeme/<id>/<n>.json: one version of a system, as
// it was published, with what changed since the version before. Its URL
// is permanent: versions are only ever added.
type jSnapshot struct {
	Changes []jChange `json:"changes"`
	Commit  string    `json:"commit"`
	Date    string    `json:"date"`
	ID      string    `json:"id"`
	// Removed is the date the system was removed from the register, on
	// every snapshot of a removed system.
	Removed *string  `json:"removed,omitempty"`
	System  *jSystem `json:"system"`
	Version int      `json:"version"`
}

func versionURL(x *exporter, id string, n int) string {
	return x.abs("daten/systeme/" + id + "/" + strconv.Itoa(n) + ".json")
}

// addHistory sets the history keys of a system's JSON: how many versions
// it has, when it last changed in substance and the list of versions.
// Without history (no git) the keys are left out.
func (x *exporter) addHistory(j *jSystem, id string) {
	h := x.r.History.Of(id)
	if h == nil || len(h.Versions) == 0 {
		return
	}
	n := len(h.Versions)
	j.VersionCount = &n
	if t := h.LastChanged(); !t.IsZero() {
		j.LastChanged = str(t.Format("2006-01-02"))
	}
	for _, v := range h.Versions {
		j.Versions = append(j.Versions, jVersionRef{Commit: v.Commit, Date: v.Date.Format("2006-01-02"), URL: versionURL(x, id, v.N), Version: v.N})
	}
}

// snapshots writes daten/systeme/<id>/<n>.json for every version of every
// system with a history, also of removed ones. The snapshots are encoded
// on all cores, a chunk of systems at a time, and written from one
// goroutine in id order: creating files from two goroutines costs the
// kernel more CPU time and saves no wall time (measured: 6,000 files in
// 400 folders, 1.0-1.35 s CPU with two writers against 0.95-1.03 s with
// one, the same wall time).
func (x *exporter) snapshots(out *sink) error {
	h := x.r.History
	if h == nil || x.cfg.SnapshotsWritten {
		return nil
	}
	var ids []string
	for _, id := range sortedHistoryIDs(h) {
		if register.ValidID(id) {
			ids = append(ids, id)
		}
	}
	return inOrder(len(ids), func(i int) ([][]byte, error) {
		return x.encodeSnapshots(ids[i], h.Systems[ids[i]])
	}, func(i int, files [][]byte) error {
		for k, b := range files {
			n := h.Systems[ids[i]].Versions[k].N
			if err := out.write("daten/systeme/"+ids[i]+"/"+strconv.Itoa(n)+".json", b); err != nil {
				return err
			}
		}
		return nil
	})
}

// Snapshots encodes the snapshot files of one system's history at a time,
// so that a build can write them as the history is made and forget the
// versions behind them (at 10,000 systems × 20 versions they are most of
// the memory the history holds). A build that does so says it in
// Config.SnapshotsWritten; Write then leaves them out.
type Snapshots struct{ x *exporter }

// NewSnapshots returns a Snapshots for the systems of r (the organisations
// and the site's languages and base URL are read from r and cfg).
func NewSnapshots(r *register.Register, cfg Config) (*Snapshots, error) {
	x, err := newExporter(r, cfg)
	if err != nil {
		return nil, err
	}
	return &Snapshots{x: x}, nil
}

// File is one file of the exports: its path in the output and its bytes.
type File struct {
	Name string
	Data []byte
}

// Encode returns daten/systeme/<id>/<n>.json for every version of sh, as
// Write would write them (none for an id that cannot be a file name), all
// in one buffer: buf's, grown as needed, which the caller may reuse once
// it has written them. It may be called from several goroutines at once.
func (s *Snapshots) Encode(sh *register.SystemHistory, buf []byte) ([]File, []byte, error) {
	if !register.ValidID(sh.ID) {
		return nil, buf, nil
	}
	buf, ends, err := s.x.appendSnapshots(buf[:0], sh.ID, sh)
	if err != nil {
		return nil, buf, err
	}
	files := make([]File, len(ends))
	for k, data := range split(buf, ends) {
		files[k] = File{Name: "daten/systeme/" + sh.ID + "/" + strconv.Itoa(sh.Versions[k].N) + ".json", Data: data}
	}
	return files, buf, nil
}

// encodeSnapshots encodes the snapshots of one system's versions.
func (x *exporter) encodeSnapshots(id string, sh *register.SystemHistory) ([][]byte, error) {
	buf, ends, err := x.appendSnapshots(nil, id, sh)
	if err != nil {
		return nil, err
	}
	return split(buf, ends), nil
}

// split cuts buf at ends (where each piece ends), each piece capped so
// that appending to it cannot write into the next.
func split(buf []byte, ends []int) [][]byte {
	out := make([][]byte, len(ends))
	start := 0
	for k, end := range ends {
		out[k] = buf[start:end:end]
		start = end
	}
	return out
}

// appendSnapshots appends the snapshots of one system's versions to buf,
// one after the other; ends[k] is where version k's ends.
func (x *exporter) appendSnapshots(buf []byte, id string, sh *register.SystemHistory) (_ []byte, ends []int, err error) {
	ends = make([]int, 0, len(sh.Versions))
	for _, v := range sh.Versions {
		snap := jSnapshot{Changes: []jChange{}, Commit: v.Commit, Date: v.Date.Format("2006-01-02"), ID: id, Version: v.N}
		if !sh.Removed.IsZero() {
			snap.Removed = str(sh.Removed.Format("2006-01-02"))
		}
		if v.System != nil {
			snap.System = x.jSystemOnly(v.System)
		}
		for _, c := range v.Changes {
			snap.Changes = append(snap.Changes, jChange{Added: c.Added, Field: c.Field, Kind: string(c.Kind), New: str(c.New), Old: str(c.Old), Removed: c.Removed})
		}
		buf, err = snapshotJSON.appendJSON(buf, &snap) // marshal's bytes (fastjson.go), compact as daten/systeme/<id>.json
		if err != nil {
			return nil, nil, fmt.Errorf("export: snapshot %s/%d: %w", id, v.N, err)
		}
		ends = append(ends, len(buf))
	}
	return buf, ends, nil
}

func sortedHistoryIDs(h *register.History) []string {
	ids := make([]string, 0, len(h.Systems))
	for id := range h.Systems {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// changeSummary says in words what the newest version of a system changed
// ("Version 3, 2026-05-04: Risikoklasse: minimales Risiko →
// Hochrisiko-KI-System; Zweck geändert"), for the Atom feeds; "" without
// history.
func (x *exporter) changeSummary(lang, id string) string {
	v := x.r.History.Of(id).Last()
	if v == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(x.label(lang, "history.version", "Version") + " " + strconv.Itoa(v.N) + ", " + v.Date.Format("2006-01-02") + ": ")
	for i, c := range v.Changes {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(register.DescribeChange(x.cfg.Catalog, lang, c))
	}
	return b.String()
}
