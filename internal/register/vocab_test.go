package register

import "testing"

func TestLicenseURI(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", LicenseBase + "dl-by-de/2.0", true},
		{"dl-by-de/2.0", LicenseBase + "dl-by-de/2.0", true},
		{" dl-zero-de/2.0 ", LicenseBase + "dl-zero-de/2.0", true},
		{LicenseBase + "cc-by/4.0", LicenseBase + "cc-by/4.0", true},
		{"https://dcat-ap.de/def/licenses/cc-zero", LicenseBase + "cc-zero", true},
		{"dl-de/by-2-0", LicenseBase + "dl-by-de/2.0", true},
		{"CC-BY-4.0", LicenseBase + "cc-by/4.0", true},
		{"OFFICIALWORK", LicenseBase + "officialWork", true},
		{"geoNutz/20131001", LicenseBase + "geoNutz/20131001", true},
		{"MIT", "", false},
		{"Datenlizenz Deutschland", "", false},
		{LicenseBase + "MIT", "", false},
		{"https://example.org/licence", "", false},
	}
	for _, tt := range tests {
		got, ok := LicenseURI(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("LicenseURI(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestContributorURI(t *testing.T) {
	tests := []struct {
		in, uri, id string
		ok          bool
	}{
		{"openNRW", ContributorBase + "openNRW", "openNRW", true},
		{ContributorBase + "openNRW", ContributorBase + "openNRW", "openNRW", true},
		{ContributorBase + "neuesPortal", ContributorBase + "neuesPortal", "neuesPortal", true},
		{"", "", "", false},
		{ContributorBase, "", "", false},
		{"https://example.org/x", "", "", false},
		{"open NRW", "", "", false},
		{ContributorBase + "a/b", "", "", false},
		{ContributorBase + "<x>", "", "", false},
	}
	for _, tt := range tests {
		uri, id, ok := ContributorURI(tt.in)
		if uri != tt.uri || id != tt.id || ok != tt.ok {
			t.Errorf("ContributorURI(%q) = %q, %q, %v; want %q, %q, %v", tt.in, uri, id, ok, tt.uri, tt.id, tt.ok)
		}
	}
}

func TestStateKey(t *testing.T) {
	if len(stateKeys) != len(States) {
		t.Fatalf("%d state keys for %d States", len(stateKeys), len(States))
	}
	for _, s := range States {
		if StateKey(s) == "" {
			t.Errorf("StateKey(%q) = \"\"", s)
		}
	}
	if got := StateKey("DE-NW"); got != "05" {
		t.Errorf("StateKey(\"DE-NW\") = %q; want \"05\"", got)
	}
	if got := StateKey("NRW"); got != "" {
		t.Errorf("StateKey(\"NRW\") = %q; want \"\"", got)
	}
}
