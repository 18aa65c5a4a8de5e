package deploy

import "testing"

// TestRelevant: publish --watch deploys again for what the build reads,
// the same rule as serve's watcher (content.IgnoredPath).
func TestRelevant(t *testing.T) {
	for rel, want := range map[string]bool{
		"config.toml":                      true,
		"content/press/x.md":               true,
		"content/press/.x.md.swp":          false,
		"content/press/x.md~":              false,
		"content/press/4913":               false,
		"content/.hidden/x.md":             false,
		"themes/default/layouts/home.html": true,
		"static/.well-known/security.txt":  true,
		"static/#notes#":                   false,
		"public/index.html":                false,
		"README.md":                        false,
	} {
		if got := relevant(rel); got != want {
			t.Errorf("relevant(%q) = %v, want %v", rel, got, want)
		}
	}
}
