package serve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/check"
	"github.com/pressroom/pressroom/generator/serve"
)

// checks starts a server that reports each pre-flight check on the
// returned channel, checking soon after each build.
func checks(t *testing.T, root string) (*harness, chan serve.Checked) {
	t.Helper()
	got := make(chan serve.Checked, 100)
	h := start(t, root, func(c *serve.Config) {
		c.CheckAfter = 20 * time.Millisecond
		c.OnCheck = func(r serve.Checked) { got <- r }
	})
	return h, got
}

// nextCheck waits for a check whose findings satisfy ok.
func nextCheck(t *testing.T, got chan serve.Checked, what string, ok func(*check.Report) bool) serve.Checked {
	t.Helper()
	deadline := time.After(patience)
	for {
		select {
		case c := <-got:
			if ok(c.Report) {
				return c
			}
		case <-deadline:
			t.Fatalf("no check found %s within %v", what, patience)
		}
	}
}

func has(rep *check.Report, file, rule string) bool {
	for _, f := range rep.All() {
		if f.File == file && f.Rule == rule {
			return true
		}
	}
	return false
}

// TestServeChecksAfterEachBuild: serve runs the pre-flight check after a
// build, reports what it found, and sends it to the open pages as a count
// line followed by one finding a line; a fix takes the finding away, in
// the pages and in the report, with no restart.
func TestServeChecksAfterEachBuild(t *testing.T) {
	root := copySite(t, small)
	h, got := checks(t, root)
	const page, second = "/press/second-release/", "content/press/second.md"
	first := nextCheck(t, got, "the small site's warnings", func(r *check.Report) bool { return len(r.Warnings) > 0 })
	if !has(first.Report, second, "missing-contacts") || !has(first.Report, "content/press/2026-01-15-first-release.md", "missing-summary") {
		t.Fatalf("first check: %+v, want missing-contacts of %s and missing-summary of the first release", first.Report.Warnings, second)
	}
	n := len(first.Report.Warnings)

	// A page opened now hears of the findings at once.
	ev := h.listen(page)
	w := ev.wait("warnings")
	lines := strings.Split(w.data, "\n")
	if lines[0] != "pressroom check: "+plural(n, "warning") {
		t.Errorf("warnings event begins %q, want the count of %d warnings", lines[0], n)
	}
	want := second + ":2: warning: no media contact"
	if !strings.Contains(w.data, want) || !strings.Contains(w.data, "[missing-contacts]") {
		t.Errorf("warnings event %q: want a line %q… [missing-contacts]", w.data, want)
	}
	if len(lines) != n+1 {
		t.Errorf("warnings event has %d lines, want the count and %d findings", len(lines), n)
	}

	// The author adds the contact: the finding goes away.
	writeFile(t, root, second, strings.Replace(release("Acme doubles capacity"), "tags = ", "contacts = [\"press\"]\nlocation = \"LEIPZIG\"\ntags = ", 1))
	h.built(second)
	fixed := nextCheck(t, got, "the fix", func(r *check.Report) bool { return !has(r, second, "missing-contacts") })
	if len(fixed.Report.Warnings) != n-2 {
		t.Errorf("after the fix %d warnings, want %d: %+v", len(fixed.Report.Warnings), n-2, fixed.Report.Warnings)
	}
	for {
		w = ev.wait("warnings")
		if !strings.Contains(w.data, want) {
			break
		}
	}
	if !strings.HasPrefix(w.data, "pressroom check: "+plural(n-2, "warning")+"\n") {
		t.Errorf("after the fix the pages list %q", w.data)
	}
}

// TestServeKeepsFindingsWhileBroken: while an edit breaks the build, the
// pages show its errors and, below them, what the check of the served
// build found; a check's own error (a misspelt rule) is listed too.
func TestServeKeepsFindingsWhileBroken(t *testing.T) {
	root := copySite(t, small)
	h, got := checks(t, root)
	const page, second = "/press/second-release/", "content/press/second.md"
	nextCheck(t, got, "warnings", func(r *check.Report) bool { return len(r.Warnings) > 0 })
	ev := h.listen(page)
	before := ev.wait("warnings").data

	writeFile(t, root, second, "+++\ntitle = \"never closed\"\n")
	h.failed()
	ev.wait("errors")
	select {
	case c := <-got:
		t.Fatalf("a failed build was checked: %+v", c.Report)
	case <-time.After(200 * time.Millisecond):
	}
	// A page opened while the build is broken hears both.
	late := h.listen(page)
	late.wait("errors")
	if w := late.wait("warnings"); w.data != before {
		t.Errorf("while broken the pages list %q, want the served build's %q", w.data, before)
	}

	// A misspelt rule id is the check's own error, shown after a good build.
	writeFile(t, root, second, release("Acme doubles capacity"))
	h.built(second)
	cfg := readFile(t, root, "config.toml") + "\n[check]\nignore = [\"missing-sumary\"]\n"
	writeFile(t, root, "config.toml", cfg)
	// (A check may catch config.toml half-written, before the watcher says
	// so; the check of the build that follows has it whole.)
	c := nextCheck(t, got, "the misspelt rule", func(r *check.Report) bool {
		return len(r.Errors) == 1 && strings.Contains(r.Errors[0].Message, "missing-sumary")
	})
	if e := c.Report.Errors[0]; e.File != "config.toml" || !strings.Contains(e.Message, `did you mean "missing-summary"`) {
		t.Errorf("check error %+v: want config.toml's misspelt rule, with the one meant", e)
	}
	for {
		w := ev.wait("warnings")
		if strings.Contains(w.data, "missing-sumary") {
			if !strings.HasPrefix(w.data, "pressroom check: 1 error and ") {
				t.Errorf("pages list %q: want the error counted first", w.data)
			}
			break
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
