package register

// Public returns the system as it may be published: for a system in an
// AI Act Art. 49(4) area (Restricted), the technical fields are cleared —
// operating logic, performance (accuracy and test results would show how
// to evade the system), models, data, development, vendor, hosting. What a
// person needs to know about decisions and how to object (decision_role,
// redress), the alternatives considered and the source register's entry
// stay published. The result
// is a copy when anything was cleared. Every stage that publishes text of
// a system (pages, search index, exports) works on this view.
func (s *System) Public() *System {
	if !s.Restricted {
		return s
	}
	c := *s
	c.OperatingLogic = Text{}
	c.Performance = Text{}
	c.Models = nil
	c.Data = nil
	c.Development = ""
	c.Vendor = ""
	c.Hosting = ""
	return &c
}

// Public returns a register whose systems are all Public views; the other
// slices are shared with r.
func (r *Register) Public() *Register {
	p := &Register{Site: r.Site, Topics: r.Topics, Organisations: r.Organisations, Pages: r.Pages, History: r.History, Synonyms: r.Synonyms}
	p.Systems = make([]*System, len(r.Systems))
	for i, s := range r.Systems {
		p.Systems[i] = s.Public()
	}
	p.Index()
	return p
}
