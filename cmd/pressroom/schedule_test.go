package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestScheduledIsPrinted: a build names an item held by its future date as
// scheduled, with its moment, and an asset only it uses as waiting for it.
func TestScheduledIsPrinted(t *testing.T) {
	site := t.TempDir()
	copyFile(t, filepath.Join("..", "..", "generator", "testdata", "small", "config.toml"), filepath.Join(site, "config.toml"))
	writeFile(t, filepath.Join(site, "content/press/2027-03-01-spring.md"), "---\ntitle: Spring\nassets: [photos/spring.svg]\n---\n")
	writeFile(t, filepath.Join(site, "content/assets/photos/spring.svg"), "<svg/>")
	writeFile(t, filepath.Join(site, "content/assets/logos/acme.svg"), "<svg/>")
	var stdout, stderr bytes.Buffer
	status := run(context.Background(), []string{"build", "--source", site, "--at", "2027-02-27T00:00:00+01:00"}, &stdout, &stderr)
	if status != exitOK {
		t.Fatalf("status %d: %s", status, &stderr)
	}
	for _, want := range []string{
		"content/press/2027-03-01-spring.md", "scheduled for 1 Mar 2027 00:00 CET (in 2 days)",
		"content/assets/photos/spring.svg", "used only by held items, until 1 Mar 2027 00:00 CET (in 2 days)",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("%q missing from:\n%s", want, &stdout)
		}
	}
}
