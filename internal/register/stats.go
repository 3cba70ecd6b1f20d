package register

import (
	"slices"
	"sort"
	"strconv"
)

// Stats holds the counts shown on the statistics page, in the charts and in
// the key figures of the start page. ComputeStats fills it; the order of
// groups and of the items in each group is fixed, so output built from it
// is deterministic.
type Stats struct {
	// Total is the number of systems.
	Total int
	// Groups lists the breakdowns in display order.
	Groups []Group
}

// Group is one breakdown of the systems: by status, by topic, by start year …
type Group struct {
	// Key names the breakdown; it is also the i18n prefix of enumeration
	// labels ("status" → "status.production") and the chart's file name.
	// One of "status", "level", "state", "topic", "risk_class", "technique",
	// "decision_role", "personal_data", "reuse", "start_year".
	Key string
	// Field is the content key the breakdown is read from ("status",
	// "organisation.level", "topics", "start"); "field.<Field>" minus any
	// "organisation." prefix is the i18n key of its label.
	Field string
	// Multi is true when one system can count under several values (topics,
	// techniques), so the items add up to more than Total.
	Multi bool
	// Items are the values with their counts, in the value order of the
	// enumeration (status in life-cycle order, topics in vocabulary order,
	// years ascending). Enumeration values with no system are included with
	// N 0, so every table has the same rows from build to build.
	Items []Count
	// Missing counts the systems with no value for this breakdown (a
	// system not started yet has no start; reuse is optional). A system
	// whose value was not stated ("unknown", or no start although it has
	// started) counts under its own item instead.
	Missing int
}

// Count is one value of a Group and the number of systems that have it.
type Count struct {
	// Value is the enumeration value, topic id, state code or year.
	Value string
	// Key is the i18n key of the value's label ("status.production"), or
	// empty when the label is not in the catalog (topics, years).
	Key string
	// Label is the label when Key is empty: the topic's label from
	// themen.yaml, or the year itself in both languages.
	Label Text
	// N is the number of systems.
	N int
}

// Sum returns the total of the group's counts (more than the number of
// systems for Multi groups).
func (g Group) Sum() int {
	n := 0
	for _, c := range g.Items {
		n += c.N
	}
	return n
}

// Max returns the largest count of the group, or 0.
func (g Group) Max() int {
	m := 0
	for _, c := range g.Items {
		if c.N > m {
			m = c.N
		}
	}
	return m
}

// Group returns the group with the key, or nil.
func (s *Stats) Group(key string) *Group {
	for i := range s.Groups {
		if s.Groups[i].Key == key {
			return &s.Groups[i]
		}
	}
	return nil
}

// Count returns the number of systems with the value in the group with the
// key, or 0.
func (s *Stats) Count(key, value string) int {
	if g := s.Group(key); g != nil {
		for _, c := range g.Items {
			if c.Value == value {
				return c.N
			}
		}
	}
	return 0
}

// StatsGroups lists the group keys of ComputeStats in their order.
var StatsGroups = []string{"status", "level", "state", "topic", "risk_class", "technique", "decision_role", "personal_data", "reuse", "start_year"}

// NotStated is the i18n key of the label of a value the source did not
// state: "keine Angabe" / "not stated".
const NotStated = "common.not_stated"

// Unknown is the value of a start year that was not stated.
const Unknown = "unknown"

// ComputeStats counts the systems of r by status, administrative level and
// Land of the owning organisation, topic, risk class, technique, personal
// data, reuse and start year. Values that are not in the vocabulary (which
// validation reports) are counted after the known ones, sorted.
func ComputeStats(r *Register) *Stats {
	st := &Stats{Total: len(r.Systems)}

	// get appends a system's values to buf (reused, so counting allocates
	// nothing per system).
	enum := func(key, field string, multi bool, values []string, get func(s *System, buf []string) []string) Group {
		g := Group{Key: key, Field: field, Multi: multi}
		idx := make(map[string]int, len(values))
		for _, v := range values {
			idx[v] = len(g.Items)
			g.Items = append(g.Items, Count{Value: v, Key: key + "." + v})
		}
		extra := map[string]int{}
		var buf []string
		for _, s := range r.Systems {
			vs := get(s, buf[:0])
			buf = vs
			if len(vs) == 0 {
				g.Missing++
				continue
			}
			for j, v := range vs {
				if slices.Contains(vs[:j], v) {
					continue // counted once per system
				}
				if i, ok := idx[v]; ok {
					g.Items[i].N++
				} else {
					extra[v]++
				}
			}
		}
		g.Items = append(g.Items, sortedCounts(extra, func(v string) Count { return Count{Value: v, Key: key + "." + v} })...)
		return g
	}
	one := func(buf []string, v string) []string {
		if v == "" {
			return buf
		}
		return append(buf, v)
	}
	org := func(s *System) *Organisation { return r.Organisation(s.Organisation) }

	st.Groups = append(st.Groups,
		enum("status", "status", false, Status("").Enum(), func(s *System, b []string) []string { return one(b, string(s.Status)) }),
		enum("level", "organisation.level", false, Level("").Enum(), func(s *System, b []string) []string {
			if o := org(s); o != nil {
				return one(b, string(o.Level))
			}
			return b
		}),
		enum("state", "organisation.state", false, States, func(s *System, b []string) []string {
			if o := org(s); o != nil {
				return one(b, o.State)
			}
			return b
		}),
	)

	// Topics: vocabulary order, labels from themen.yaml.
	topicIDs := make([]string, len(r.Topics))
	for i, t := range r.Topics {
		topicIDs[i] = t.ID
	}
	tg := enum("topic", "topics", true, topicIDs, func(s *System, b []string) []string { return append(b, s.Topics...) })
	for i := range tg.Items {
		tg.Items[i].Key = ""
		if t := r.Topic(tg.Items[i].Value); t != nil {
			tg.Items[i].Label = t.Label
		} else {
			tg.Items[i].Label = Text{De: tg.Items[i].Value}
		}
	}
	st.Groups = append(st.Groups, tg,
		enum("risk_class", "risk_class", false, RiskClass("").Enum(), func(s *System, b []string) []string { return one(b, string(s.RiskClass)) }),
		enum("technique", "techniques", true, Technique("").Enum(), func(s *System, b []string) []string {
			for _, t := range s.Techniques {
				b = append(b, string(t))
			}
			return b
		}),
		enum("decision_role", "decision_role", false, DecisionRole("").Enum(), func(s *System, b []string) []string { return one(b, string(s.DecisionRole)) }),
		enum("personal_data", "personal_data", false, PersonalData("").Enum(), func(s *System, b []string) []string { return one(b, string(s.PersonalData)) }),
		enum("reuse", "reuse", false, Reuse("").Enum(), func(s *System, b []string) []string { return one(b, string(s.Reuse)) }),
		startYears(r),
	)
	return st
}

// startYears counts systems by the year of start, every year from the
// first to the last, so a chart over time has no gaps. A system that has
// started (pilot, production, retired) but states no start counts under
// the last item, "unknown" ("keine Angabe"); one not started yet is Missing.
func startYears(r *Register) Group {
	g := Group{Key: "start_year", Field: "start"}
	counts := map[int]int{}
	lo, hi := 0, 0
	unknown := 0
	for _, s := range r.Systems {
		y, ok := yearOf(string(s.Start))
		if !ok {
			if s.Start == "" && Started(s.Status) {
				unknown++
			} else {
				g.Missing++
			}
			continue
		}
		counts[y]++
		if lo == 0 || y < lo {
			lo = y
		}
		if y > hi {
			hi = y
		}
	}
	for y := lo; lo != 0 && y <= hi; y++ {
		v := strconv.Itoa(y)
		g.Items = append(g.Items, Count{Value: v, Label: Text{De: v, En: v}, N: counts[y]})
	}
	if unknown > 0 {
		g.Items = append(g.Items, Count{Value: Unknown, Key: NotStated, Label: Text{De: "keine Angabe", En: "not stated"}, N: unknown})
	}
	return g
}

// Started reports whether a system of the status has been in use: pilot,
// production or retired. Such a system has a start, stated or not.
func Started(st Status) bool {
	return st == "pilot" || st == "production" || st == "retired"
}

// yearOf returns the year of a YYYY-MM month.
func yearOf(m string) (int, bool) {
	if len(m) < 4 {
		return 0, false
	}
	y, err := strconv.Atoi(m[:4])
	if err != nil || y < 1900 || y > 9999 {
		return 0, false
	}
	return y, true
}

func sortedCounts(m map[string]int, mk func(string) Count) []Count {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]Count, 0, len(keys))
	for _, k := range keys {
		c := mk(k)
		c.N = m[k]
		out = append(out, c)
	}
	return out
}
