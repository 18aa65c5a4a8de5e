package generator_test

import (
	"strings"
	"testing"
)

// TestPressKitPatternThatMatchesNothing: an include pattern of a
// [[presskits]] table that matches no library file is an error at the
// pattern's line of config.toml (it would publish an empty or partial kit);
// a pattern that matches only held files is none.
func TestPressKitPatternThatMatchesNothing(t *testing.T) {
	const library = `
-- content/assets/logos/mark.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/assets/photos/launch.jpg.yaml --
embargo: 2099-01-01T00:00:00Z
-- content/assets/photos/launch.jpg --
jpeg
`
	tests := map[string]struct {
		kits string // appended to minimalConfig, whose last line is 12
		want []string
	}{
		"inline": {`
[[presskits]]
name = "brand"
include = ["logos/**", "logo/**"]
`, []string{`config.toml:16: presskit "brand": include pattern "logo/**" matches no file under content/assets/`}},
		"one a line": {`
[[presskits]]
name = "brand"
include = [
  "logos/*.svg",
  'photos/leadership/**',
]

[[presskits]]
name = "other"
title = "Other"
include = ["*.pdf"]
`, []string{
			`config.toml:18: presskit "brand": include pattern "photos/leadership/**" matches no file under content/assets/`,
			`config.toml:24: presskit "other": include pattern "*.pdf" matches no file under content/assets/`,
		}},
		"held files only": {`
[[presskits]]
name = "launch"
include = ["photos/**"]
`, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, _, err := buildMemory(t, writeSite(t, minimalConfig+tc.kits+library), testAt, false)
			var got []string
			if err != nil {
				got = problemsOf(t, err)
			}
			if want := tc.want; len(got) != len(want) {
				t.Fatalf("problems %q, want %q", got, want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("problem %d = %q, want %q…", i, got[i], tc.want[i])
				}
			}
		})
	}
}
