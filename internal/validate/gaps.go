package validate

import "maki/internal/register"

// The rules of format v1.1 for facts a source did not state (DESIGN §3.1):
// the format never makes an editor invent a value. What a citizen cannot
// do without stays an error; a gap a register should close is a warning.

// gaps checks the life-cycle months and the contact of a system.
func (v *validator) gaps(s *register.System) {
	if s.Start == "" && register.Started(s.Status) {
		v.errs.Warn(v.keyOrStart(&s.Meta, "status"), "start", "not-stated", "not stated for status %q; pages say \"keine Angabe\"; want the month it started, YYYY-MM", s.Status)
	}
	if s.Status == "retired" && s.End == "" {
		v.errs.Warn(v.keyOrStart(&s.Meta, "status"), "end", "not-stated", "not stated for status \"retired\"; pages say \"keine Angabe\"; want the month it ended, YYYY-MM")
	}
	if s.ContactEmail == "" {
		o := v.r.Organisation(s.Organisation)
		if o != nil && o.ContactEmail != "" {
			return // pages and exports show the organisation's address
		}
		if s.HasKey("contact_email") && !s.Has("contact_email") {
			return // the loader rejected the value and said why
		}
		pos := entryStart(&s.Meta)
		if s.Has("contact_email") {
			pos = s.PosOf("contact_email")
		}
		if o == nil {
			v.errs.Add(pos, "contact_email", "required", "required; want a functional mailbox for questions about the system")
			return
		}
		v.errs.Add(pos, "contact_email", "required", "required, as organisation %q has no contact_email; want a functional mailbox here or in %s", o.ID, o.File)
	}
}

// orgGaps checks the Land of an organisation: required for Land and
// Kommune, optional for "other" (a body of several Länder, a foundation),
// and for "bund" left out.
func (v *validator) orgGaps(o *register.Organisation) {
	if (o.Level == "land" || o.Level == "kommune") && o.State == "" {
		v.errs.Add(v.keyOrStart(&o.Meta, "level"), "state", "required", "required for level %q; want the Land as ISO 3166-2 code, like \"DE-BW\"", o.Level)
	}
}
