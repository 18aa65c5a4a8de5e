package content

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/diag"
)

var frontMatterSeeds = []string{
	"---\ntitle: Plant opens\ndate: 2026-11-03T09:00:00\ntags: [storage, Wind]\ncontacts:\n  - press\ndraft: false\nweight: 3\nembargo: 2026-11-03T09:00:00+01:00\n---\nBody text.\n",
	"+++\ntitle = \"Plant opens\"\ndate = 2026-11-03T09:00:00\ntags = [\"storage\"]\nembargo = 2026-11-03T09:00:00Z\n+++\nBody [link](x) ![p](assets/photos/a%20b.jpg).\n",
	"---\ntitle: X\ntags: &a [*a]\n---\n",
	"---\ntitle: X\n" + billionLaughs + "---\n",
	"+++\ntitle = \"X\"\nx = " + strings.Repeat("{a = ", 40) + "1" + strings.Repeat("}", 40) + "\n+++\n",
	"+++\na" + strings.Repeat(".b", 40) + " = 1\n+++\n",
	"---\ntitle: X\nembargo: \"\"\ndraft:\ndate: ~\n---\n",
	"---\ntitle: X\nslug: " + strings.Repeat("a", 300) + "\ntags: [\"" + strings.Repeat("b ", 150) + "\"]\n---\n",
	"---\ntitle: X\nembargo: 2027-01-01\n\nBody\n",
	"---\ntitle: [a, b]\nweight: 99999999999999999999\nlastmod: .inf\n---\n",
	"---\n- a\n- b\n---\n",
}

// FuzzFrontMatter reads any file as a release: it must not panic, every
// problem names the file and a line of it, and an embargo written in the
// front matter is either read or reported, never dropped.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range frontMatterSeeds {
		f.Add(s)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	f.Fuzz(func(t *testing.T, src string) {
		defer watchdog(src)()
		it := &Item{Section: "press", Source: "content/press/x.md"}
		p := parseSource([]byte(src), it, berlin)
		checkPositions(t, src, it.Source, p.problems)
		if p.unreadable {
			if len(p.problems) == 0 {
				t.Fatalf("%q: unreadable without a word", src)
			}
			return
		}
		if !bytes.HasSuffix([]byte(src), p.body) || p.bodyLine < 1 || p.bodyLine > lineCount(src)+1 {
			t.Fatalf("%q: body %q on line %d", src, p.body, p.bodyLine)
		}
		_ = CheckSlug(p.front.Slug)
		checkHeld(t, src, p.front.Lines, p.front.Embargo, p.front.Draft, p.problems)
	})
}

// FuzzSidecar reads any file as a YAML and as a TOML sidecar, with the
// same promises as FuzzFrontMatter.
func FuzzSidecar(f *testing.F) {
	for _, s := range []string{
		"title: Photo\ncaption: A\ncredit: Me\nlicense: CC BY 4.0\ntags: [a, b]\nembargo: 2026-11-03T09:00:00\n",
		"title = \"Photo\"\nembargo = 2026-11-03T09:00:00\ntags = [\"a\"]\n",
		"tags: &a [x, *a]\n",
		billionLaughs,
		"embargo: ~\n",
		"embargo = \"\"\n",
		"a" + strings.Repeat(".b", 40) + " = 1\n",
	} {
		f.Add(s)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	f.Fuzz(func(t *testing.T, src string) {
		defer watchdog(src)()
		for _, name := range []string{"content/assets/p.jpg.yaml", "content/assets/p.jpg.toml"} {
			var problems diag.List
			meta := parseSidecar([]byte(src), name, berlin, &problems)
			got := collected(&problems)
			checkPositions(t, src, name, got)
			checkHeld(t, src, meta.Lines, meta.Embargo, true, got)
		}
	})
}

// watchdog crashes, with the input, a run that lasts over a minute (the
// fuzzer keeps a crasher, but would only stall on a hang); call what it
// returns when the run ends.
func watchdog(src string) func() {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-time.After(time.Minute):
			panic(fmt.Sprintf("%q runs for over a minute", src))
		}
	}()
	return func() { close(done) }
}

// lineCount counts lines as YAML does: a line ends with \n, \r\n or \r.
func lineCount(src string) int {
	return strings.Count(strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n"), "\n") + 1
}

func checkPositions(t *testing.T, src, file string, problems []diag.Problem) {
	t.Helper()
	for _, p := range problems {
		if p.File != file || p.Line < 1 || p.Line > lineCount(src) || p.Msg == "" {
			t.Fatalf("%q: problem %q at %s:%d", src, p.Msg, p.File, p.Line)
		}
	}
}

// checkHeld fails when an embargo or draft key was written and neither
// holds the item nor was reported.
func checkHeld(t *testing.T, src string, lines map[string]int, embargo time.Time, draft bool, problems []diag.Problem) {
	t.Helper()
	if len(problems) > 0 {
		return
	}
	if _, ok := lines["embargo"]; ok && embargo.IsZero() {
		t.Fatalf("%q: an embargo written, read as none, without a word", src)
	}
	if _, ok := lines["draft"]; ok && !draft && !strings.Contains(strings.ToLower(src), "false") {
		t.Fatalf("%q: a draft key written, read as false, without a word", src)
	}
}
