package config

import (
	"strings"
	"testing"
)

// Before tomlguard, a 60 KB line of nested inline tables took 23.7 s to
// refuse, and 600 KB would have taken about 40 minutes.
func TestDeeplyNestedTOMLIsRefusedWithItsLine(t *testing.T) {
	for name, src := range map[string]string{
		"inline tables": good + "x = " + strings.Repeat("{a = ", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n",
		"a dotted key":  good + "x" + strings.Repeat(".b", 10_000) + " = 1\n",
	} {
		_, err := Parse([]byte(src))
		want := "config.toml:9: tables, lists and dotted keys nest more than 32 deep here"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
}
