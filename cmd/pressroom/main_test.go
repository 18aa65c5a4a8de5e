package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
		"bad --at":        {[]string{"build", "--at", "tomorrow"}, exitMisuse, "", "--at \"tomorrow\" is not a time"},
		"version":         {[]string{"version"}, exitOK, "pressroom ", ""},
		"bad --base-url":  {[]string{"build", "--base-url", "news example"}, exitMisuse, "", "--base-url"},
		"bad --port":      {[]string{"serve", "--port", "99999"}, exitMisuse, "", "--port 99999"},
		"unknown kind":    {[]string{"new", "bogus", "x"}, exitMisuse, "", `unknown kind "bogus"`},
		"good site": {[]string{"build", "--source", small, "--dest", filepath.Join(t.TempDir(), "out"), "--at", "2026-11-24T10:00:00Z"},
			exitOK, "Built ", ""},
		"site with errors": {[]string{"build", "--source", broken, "--at", "2026-11-24T10:00:00Z"}, exitSite, "",
			"content/press/x.md:3: date: \"2026-02-30\" is not a date"},
		"no config":         {[]string{"build", "--source", t.TempDir()}, exitSite, "", "config.toml: not found"},
		"build --help":      {[]string{"build", "--help"}, exitOK, "Usage: pressroom build [--source DIR]", ""},
		"build -h":          {[]string{"build", "-h"}, exitOK, "--base-url", ""},
		"serve --help":      {[]string{"serve", "--help"}, exitOK, "Usage: pressroom serve", ""},
		"new --help":        {[]string{"new", "--help"}, exitOK, "Usage: pressroom new", ""},
		"new press -h":      {[]string{"new", "press", "-h"}, exitOK, "Usage: pressroom new", ""},
		"init --help":       {[]string{"init", "--help"}, exitOK, "Usage: pressroom init DIR", ""},
		"help build":        {[]string{"help", "build"}, exitOK, "Usage: pressroom build [--source DIR]", ""},
		"deploy -h":         {[]string{"deploy", "-h"}, exitOK, "Usage: pressroom deploy [--source DIR]", ""},
		"help next usage":   {[]string{"help", "next"}, exitOK, "Usage: pressroom next [--source DIR]", ""},
		"publish --help":    {[]string{"publish", "--help"}, exitOK, "Usage: pressroom publish [--source DIR]", ""},
		"help next":         {[]string{"help", "next"}, exitOK, "-at", ""},
		"help help":         {[]string{"help", "help"}, exitOK, "pressroom help COMMAND", ""},
		"help unknown":      {[]string{"help", "bild"}, exitMisuse, "", `unknown command "bild": did you mean build?`},
		"did you mean":      {[]string{"server"}, exitMisuse, "", `unknown command "server": did you mean serve?`},
		"no near command":   {[]string{"frobnicate"}, exitMisuse, "", "unknown command \"frobnicate\"\n"},
		"did you mean flag": {[]string{"build", "--baseurl", "https://x.example/"}, exitMisuse, "", "did you mean --base-url?"},
		"misspelt flag":     {[]string{"serve", "--draft"}, exitMisuse, "", "did you mean --drafts?"},
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

// TestBuildPrunesTheCache: a build keeps the cache entries it used and, at
// most once a day, removes those no build used lately (here a kit of an
// earlier version of a release, three days old).
func TestBuildPrunesTheCache(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("PRESSROOM_CACHE", cache)
	stale := filepath.Join(cache, "kits", "0000000000000000.zip")
	writeFile(t, stale, "an old kit")
	old := time.Now().Add(-72 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	small := filepath.Join("..", "..", "generator", "testdata", "small")
	var stdout, stderr bytes.Buffer
	args := []string{"build", "--verbose", "--source", small, "--dest", filepath.Join(t.TempDir(), "out"), "--at", "2026-11-24T10:00:00Z"}
	if status := run(context.Background(), args, &stdout, &stderr); status != exitOK {
		t.Fatalf("status %d: %s", status, &stderr)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale kit is still in the cache")
	}
	if !strings.Contains(stdout.String(), "cache: removed 1 file (0.0 MB) that no build used for 30 days") {
		t.Errorf("the verbose report does not say what was pruned:\n%s", &stdout)
	}
	kits, _ := os.ReadDir(filepath.Join(cache, "kits"))
	if len(kits) == 0 {
		t.Error("the build's own kits were pruned")
	}
	for _, k := range kits {
		age := filepath.Join(cache, "kits", k.Name())
		os.Chtimes(age, old, old)
	}
	os.Remove(filepath.Join(cache, ".pruned"))
	stdout.Reset()
	if status := run(context.Background(), args, &stdout, &stderr); status != exitOK {
		t.Fatalf("status %d: %s", status, &stderr)
	}
	if again, _ := os.ReadDir(filepath.Join(cache, "kits")); len(again) != len(kits) {
		t.Errorf("a second build left %d of the %d kits the first recorded", len(again), len(kits))
	}
}
