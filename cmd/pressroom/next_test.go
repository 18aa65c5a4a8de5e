package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestNext(t *testing.T) {
	site := t.TempDir()
	copyFile(t, filepath.Join("..", "..", "generator", "testdata", "small", "config.toml"), filepath.Join(site, "config.toml"))
	writeFile(t, filepath.Join(site, "content/assets/logos/acme.svg"), "<svg/>")
	writeFile(t, filepath.Join(site, "content/press/2026-11-02-q3.md"), "---\ntitle: Q3 results\nembargo: 2026-12-01T09:00:00\n---\n")
	writeFile(t, filepath.Join(site, "content/press/2026-12-01-plant.md"), "---\ntitle: The plant\nembargo: 2026-12-01T09:00:00\nassets: [photos/plant.svg]\n---\n")
	writeFile(t, filepath.Join(site, "content/assets/photos/plant.svg"), "<svg/>")
	writeFile(t, filepath.Join(site, "content/blog/2027-01-10-later.md"), "---\ntitle: Later\n---\n")
	writeFile(t, filepath.Join(site, "content/blog/2026-11-01-draft.md"), "---\ntitle: A draft\ndraft: true\n---\n")
	cases := map[string]struct {
		at   string
		want string
	}{
		"two releases at one moment, with the photo they use": {"2026-11-30T12:00:00Z",
			"2026-12-01T09:00:00+01:00\n" +
				"content/assets/photos/plant.svg\twith the items that use it\tphotos/plant.svg\n" +
				"content/press/2026-11-02-q3.md\tembargo lifts\tQ3 results\n" +
				"content/press/2026-12-01-plant.md\tembargo lifts\tThe plant\n"},
		"a date in the site's timezone": {"2026-12-01T09:00", "2027-01-10T00:00:00+01:00\ncontent/blog/2027-01-10-later.md\tscheduled\tLater\n"},
		"a bare date":                   {"2026-12-02", "2027-01-10T00:00:00+01:00\ncontent/blog/2027-01-10-later.md\tscheduled\tLater\n"},
		"only a draft is left: none":    {"2027-02-01T00:00:00+01:00", "none\n"},
		"the moment itself has passed":  {"2026-12-01T08:00:00Z", "2027-01-10T00:00:00+01:00\n"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if status := run(context.Background(), []string{"next", "--source", site, "--at", tc.at}, &stdout, &stderr); status != exitOK {
				t.Fatalf("status %d: %s", status, &stderr)
			}
			if !strings.HasPrefix(stdout.String(), tc.want) || (strings.Count(tc.want, "\n") > 1 && stdout.String() != tc.want) {
				t.Errorf("next printed\n%s\nwant\n%s", &stdout, tc.want)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	writeFile(t, filepath.Join(site, "content/press/broken.md"), "---\ntitle: Broken\nembargo: soon\n---\n")
	if status := run(context.Background(), []string{"next", "--source", site}, &stdout, &stderr); status != exitSite ||
		!strings.Contains(stderr.String(), "content/press/broken.md:3:") {
		t.Errorf("a broken site: status %d, %s", status, &stderr)
	}
}
