package search

import (
	"encoding/json"
	"testing"
)

// TestAppendJSON: cards are JSON that any parser reads back as written.
func TestAppendJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ back`, "tab\tnew\nline\x01", "<b>&amp;</b>", "Énergie “quoted” — dash", "line\u2028sep\u2029"} {
		var back string
		if err := json.Unmarshal(appendJSON(nil, s), &back); err != nil || back != s {
			t.Errorf("appendJSON(%q) = %s: read back %q, %v", s, appendJSON(nil, s), back, err)
		}
	}
}
