package main

import (
	"strings"
	"testing"
)

// SOURCE_DATE_EPOCH set but empty or not a number of seconds is refused
// with exit status 2 and a message naming it, before anything is read;
// a valid value, or none, is taken.
func TestSourceDateEpoch(t *testing.T) {
	tests := []struct {
		value string
		code  int
	}{
		{"", 2},
		{"abc", 2},
		{"1798675200 ", 2},
		{"-1", 2},
		{"1.5", 2},
		{"99999999999999", 2},
		{"1798675200", 0},
	}
	for _, tt := range tests {
		t.Setenv("SOURCE_DATE_EPOCH", tt.value)
		code, _, stderr := maki("check", "--content", "../../content")
		if code != tt.code {
			t.Errorf("SOURCE_DATE_EPOCH=%q: maki check exit %d; want %d (stderr %q)", tt.value, code, tt.code, stderr)
		}
		if tt.code == 2 && !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
			t.Errorf("SOURCE_DATE_EPOCH=%q: stderr %q does not name the variable", tt.value, stderr)
		}
	}
	if _, set, err := sourceDateEpoch(); !set || err != nil {
		t.Errorf("sourceDateEpoch() = set %v, err %v; want set, no error", set, err)
	}
}
