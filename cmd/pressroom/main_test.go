package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExitStatus(t *testing.T) {
	small := filepath.Join("..", "..", "generator", "testdata", "small")
	broken := t.TempDir()
	copyFile(t, filepath.Join(small, "config.toml"), filepath.Join(broken, "config.toml"))
	writeFile(t, filepath.Join(broken, "content/press/x.md"), "---\ntitle: X\ndate: 2026-02-30\ncontacts: [nobody]\n---\n")
	tests := map[string]struct {
		args   []string
		status int
		stdout string
		stderr string
	}{
		"no command":      {nil, exitMisuse, "", "Usage:"},
		"unknown command": {[]string{"bild"}, exitMisuse, "", `unknown command "bild"`},
		"unknown flag":    {[]string{"build", "--nope"}, exitMisuse, "", "flag provided but not defined"},
		"bad --at":        {[]string{"build", "--at", "tomorrow"}, exitMisuse, "", "not an RFC 3339 time"},
		"version":         {[]string{"version"}, exitOK, "pressroom ", ""},
		"good site": {[]string{"build", "--source", small, "--dest", filepath.Join(t.TempDir(), "out"), "--at", "2026-11-24T10:00:00Z"},
			exitOK, "Built ", ""},
		"site with errors": {[]string{"build", "--source", broken, "--at", "2026-11-24T10:00:00Z"}, exitSite, "",
			"content/press/x.md:3: date: \"2026-02-30\" is not a date"},
		"no config": {[]string{"build", "--source", t.TempDir()}, exitSite, "", "config.toml: not found"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(context.Background(), tc.args, &stdout, &stderr)
			if status != tc.status {
				t.Errorf("status %d, want %d\nstdout: %s\nstderr: %s", status, tc.status, &stdout, &stderr)
			}
			if !strings.Contains(stdout.String(), tc.stdout) {
				t.Errorf("stdout %q lacks %q", &stdout, tc.stdout)
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", &stderr, tc.stderr)
			}
			if strings.Contains(stderr.String(), "goroutine ") || strings.Contains(stderr.String(), "panic") {
				t.Errorf("a stack trace reached the user: %s", &stderr)
			}
		})
	}
}

func TestScheduleIsPrinted(t *testing.T) {
	site := t.TempDir()
	copyFile(t, filepath.Join("..", "..", "generator", "testdata", "small", "config.toml"), filepath.Join(site, "config.toml"))
	writeFile(t, filepath.Join(site, "content/press/2026-12-01-q4.md"), "---\ntitle: Q4\nembargo: 2026-12-01T09:00:00\n---\n")
	writeFile(t, filepath.Join(site, "content/assets/logos/acme.svg"), "<svg/>")
	var stdout, stderr bytes.Buffer
	status := run(context.Background(), []string{"build", "--source", site, "--at", "2026-11-30T09:00:00+01:00"}, &stdout, &stderr)
	if status != exitOK {
		t.Fatalf("status %d: %s", status, &stderr)
	}
	want := "content/press/2026-12-01-q4.md"
	if !strings.Contains(stdout.String(), want) || !strings.Contains(stdout.String(), "embargoed until 1 Dec 2026 09:00 CET (in 24 hours)") {
		t.Errorf("schedule missing from:\n%s", &stdout)
	}
}

func writeFile(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(data))
}
