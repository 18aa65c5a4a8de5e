package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from this run")

// checkSite writes a site whose two releases each lack something, the
// second also a media contact that config.toml does not have when bad.
func checkSite(t *testing.T, bad bool) string {
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "config.toml"), "title = \"T\"\nbaseURL = \"https://news.example.com/\"\n\n[organization]\nname = \"O\"\n\n[[contacts]]\nid = \"press\"\n")
	writeFile(t, filepath.Join(site, "content/press/2026-11-03-a.md"), "---\ntitle: A\ndate: 2026-11-03\ncontacts: [press]\nlocation: BERLIN\n---\nSee [b](/press/bb/).\n")
	contact := "press"
	if bad {
		contact = "pres"
	}
	writeFile(t, filepath.Join(site, "content/press/2026-11-04-b.md"), "---\ntitle: B\ndate: 2026-11-04\nsummary: B.\ncontacts: ["+contact+"]\n---\nB.\n")
	return site
}

func runCheckCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := run(context.Background(), append([]string{"check"}, args...), &stdout, &stderr)
	return status, stdout.String(), stderr.String()
}

// TestCheckCommand: warnings grouped by file with their rule, a count
// line; exit 0, 1 with --strict, 1 on errors (listed before the warnings);
// --format json an array of findings.
func TestCheckCommand(t *testing.T) {
	site := checkSite(t, false)
	status, out, _ := runCheckCmd(t, "--source", site, "--at", "2026-11-24")
	want := `content/press/2026-11-03-a.md:2: warning: no summary: add summary: with the news in one or two sentences (lists, feeds and search results show it; without it they take the first paragraph) [missing-summary]
content/press/2026-11-03-a.md:7: warning: the link /press/bb/ leads nowhere: the site has no page or file at /press/bb/; correct the address, or remove the link [broken-link]

content/press/2026-11-04-b.md:2: warning: no dateline: add location: with the city the news comes from, such as location: BERLIN [missing-location]

0 errors, 3 warnings in 2 files: the site builds; silence a rule with checkIgnore: [RULE] in a file, or [check] ignore in config.toml
`
	if status != exitOK || out != want {
		t.Errorf("status %d, printed\n%s\nwant\n%s", status, out, want)
	}
	if status, _, _ := runCheckCmd(t, "--source", site, "--at", "2026-11-24", "--strict"); status != exitSite {
		t.Errorf("--strict with warnings: status %d, want %d", status, exitSite)
	}
	status, out, _ = runCheckCmd(t, "--source", site, "--at", "2026-11-24", "--format", "json")
	var findings []struct {
		File, Severity, Rule, Message string
		Line                          int
	}
	if err := json.Unmarshal([]byte(out), &findings); err != nil || status != exitOK || len(findings) != 3 {
		t.Fatalf("--format json: status %d, %v, %s", status, err, out)
	}
	if f := findings[1]; f.File != "content/press/2026-11-03-a.md" || f.Line != 7 || f.Severity != "warning" || f.Rule != "broken-link" || !strings.HasPrefix(f.Message, "the link /press/bb/") {
		t.Errorf("second finding %+v", f)
	}

	bad := checkSite(t, true)
	status, out, _ = runCheckCmd(t, "--source", bad, "--at", "2026-11-24")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if status != exitSite || !strings.HasPrefix(lines[0], `content/press/2026-11-04-b.md:5: unknown contact "pres"`) ||
		lines[len(lines)-1] != "1 error, 0 warnings in 1 file: the site does not build until the errors are fixed" {
		t.Errorf("a site with an error: status %d, printed\n%s", status, out)
	}
	status, out, _ = runCheckCmd(t, "--source", bad, "--format", "json")
	if status != exitSite || !strings.Contains(out, `"severity": "error"`) {
		t.Errorf("a site with an error, as JSON: status %d, %s", status, out)
	}
	for _, args := range [][]string{{"--format", "xml"}, {"--at", "soon"}, {"extra"}, {"--strikt"}} {
		if status, _, _ := runCheckCmd(t, append([]string{"--source", site}, args...)...); status != exitMisuse {
			t.Errorf("check %v: status %d, want %d", args, status, exitMisuse)
		}
	}
}

// TestCheckExampleNewsroom: the example newsroom passes --strict; its whole
// output is testdata/check/example.golden (go test -run TestCheckExample -update).
func TestCheckExampleNewsroom(t *testing.T) {
	status, out, errOut := runCheckCmd(t, "--source", filepath.Join("..", ".."), "--strict", "--at", "2026-11-24T10:00:00")
	golden := filepath.Join("testdata", "check", "example.golden")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if status != exitOK || out != string(want) {
		t.Errorf("status %d, printed\n%s%s\nwant\n%s", status, out, errOut, want)
	}
}
