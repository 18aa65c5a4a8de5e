package generator_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/output"
)

// testAt is the moment every test build is made at, unless a test says otherwise.
var testAt = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// writeSite writes a whole site given as one string of "-- path --"
// sections (the txtar style of Hugo's integration tests) and returns its root.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	root := t.TempDir()
	var name string
	var body strings.Builder
	flush := func() {
		defer body.Reset()
		if name == "" {
			return
		}
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(trimmed, "-- "), " --")
			continue
		}
		body.WriteString(line)
	}
	flush()
	return root
}

// buildMemory builds root at `at` into memory.
func buildMemory(t testing.TB, root string, at time.Time, drafts bool) (*generator.Report, *output.Memory, error) {
	t.Helper()
	mem := output.NewMemory()
	rep, err := generator.Build(context.Background(), generator.Options{Source: root, At: at, Drafts: drafts, Out: mem})
	return rep, mem, err
}

// problemsOf returns a failed build's problems as "file:line: message" strings.
func problemsOf(t testing.TB, err error) []string {
	t.Helper()
	var list *diag.Errors
	if !errors.As(err, &list) {
		t.Fatalf("want a list of problems, got %v", err)
	}
	var out []string
	for _, p := range list.Problems {
		out = append(out, p.Error())
	}
	return out
}

const minimalConfig = `-- config.toml --
title = "Test Newsroom"
baseURL = "https://news.test.example/"
timezone = "Europe/Berlin"

[organization]
name = "Test Org"
boilerplate = "Test Org makes tests."

[[contacts]]
id = "press"
name = "Pat Press"
email = "press@test.example"
`

// buildDir builds root at testAt into a fresh folder and returns it.
func buildDir(t testing.TB, root string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Options{Source: root, Dest: dest, At: testAt}); err != nil {
		t.Fatal(err)
	}
	return dest
}
