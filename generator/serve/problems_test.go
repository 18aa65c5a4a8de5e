package serve_test

import (
	"strings"
	"testing"
)

// TestErrorsListLoadAndResolveProblems: serve's error overlay lists every
// problem of the site at once, those of a file whose front matter does not
// parse beside those of resolving the others, each at its file and line.
func TestErrorsListLoadAndResolveProblems(t *testing.T) {
	root := copySite(t, small)
	h := start(t, root)
	const page, second, first = "/press/second-release/", "content/press/second.md", "content/press/2026-01-15-first-release.md"
	ev := h.listen(page)
	writeFile(t, root, second, strings.Replace(release("Acme doubles capacity"), "tags = [\"storage\"]", "tags = [\"storage\"", 1))
	writeFile(t, root, first, "---\ntitle: Acme opens its first plant\ncontacts: [press, nobody]\n---\nBody.\n")
	want := []string{
		first + `:3: unknown contact "nobody"`,
		second + `:5: tags: the [ opens a list that is never closed`,
	}
	for {
		// Two saves may make two builds: the last lists both problems.
		errs := ev.wait("errors")
		if !strings.Contains(errs.data, first) || !strings.Contains(errs.data, second) {
			continue
		}
		got := strings.Split(strings.TrimSpace(errs.data), "\n")
		if len(got) != len(want) {
			t.Fatalf("errors event %q, want %d problems like %q", errs.data, len(want), want)
		}
		for i, w := range want {
			if !strings.Contains(got[i], w) {
				t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
			}
		}
		break
	}
	if got := heading(h.page(page)); got != "Acme doubles capacity" {
		t.Errorf("while broken, heading %q: want the last good build", got)
	}
}
