package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildPrintsWarnings: an SVG holding a script does not stop the build;
// it is named after the summary, as file:line: warning: ….
func TestBuildPrintsWarnings(t *testing.T) {
	t.Setenv("PRESSROOM_CACHE", t.TempDir())
	site := t.TempDir()
	copyFile(t, filepath.Join("..", "..", "generator", "testdata", "small", "config.toml"), filepath.Join(site, "config.toml"))
	writeFile(t, filepath.Join(site, "content/assets/logos/evil.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>\n")
	var stdout, stderr bytes.Buffer
	status := run(context.Background(), []string{"build", "--source", site, "--at", "2026-11-24T10:00:00Z"}, &stdout, &stderr)
	if status != exitOK {
		t.Fatalf("status %d\n%s%s", status, &stdout, &stderr)
	}
	if want := "content/assets/logos/evil.svg:2: warning: the SVG holds a <script> element"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", &stderr, want)
	}
}
