package generator_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/output"
)

func TestSiteErrors(t *testing.T) {
	tests := map[string]struct {
		files string
		want  []string // substrings of each problem, in report order
	}{
		"unknown contact": {`
-- content/press/2026-01-01-x.md --
---
title: X
contacts: [pres]
---
`, []string{`content/press/2026-01-01-x.md:3: unknown contact "pres"`}},
		"missing body image": {`
-- content/press/2026-01-01-x.md --
---
title: X
---
Text.

![A plant](nothere.jpg)
`, []string{`content/press/2026-01-01-x.md:6: missing image "nothere.jpg": no file of content/assets/ has this name`}},
		"missing body image in a bundle": {`
-- content/press/2026-01-01-x/index.md --
---
title: X
---
![A plant](/assets/photos/nothere.jpg)
`, []string{`content/press/2026-01-01-x/index.md:4: missing image "/assets/photos/nothere.jpg": no file of content/assets/ nor of content/press/2026-01-01-x/ has this name`}},
		"missing logoRaster": {`
-- config.toml --
title = "T"
baseURL = "https://news.test.example/"
[organization]
name = "Test Org"
logoRaster = "logos/none.png"
`, []string{`config.toml:5: organization.logoRaster "logos/none.png" is not a file under content/assets/`}},
		"missing asset": {`
-- content/press/2026-01-01-x.md --
---
title: X
assets:
  - logos/none.svg
---
`, []string{`content/press/2026-01-01-x.md:3: missing asset "logos/none.svg"`}},
		"asset path leaving the library": {`
-- content/press/2026-01-01-x.md --
---
title: X
assets: [../../config.toml]
---
`, []string{`content/press/2026-01-01-x.md:3: asset "../../config.toml" leaves content/assets/`}},
		"two files at one URL": {`
-- content/press/2026-01-01-launch.md --
---
title: A
---
-- content/press/2026-02-01-other.md --
---
title: B
slug: launch
---
`, []string{`content/press/2026-02-01-other.md:3: two items at one URL /press/launch/`}},
		"page slug taking a newsroom path": {`
-- content/pages/press.md --
---
title: Press
---
`, []string{`content/pages/press.md:1: the page slug "press" is taken`}},
		"unknown literature": {`
-- content/press/2026-01-01-x.md --
---
title: X
literature: [nope]
---
`, []string{`content/press/2026-01-01-x.md:3: unknown literature "nope"`}},
		"errors in embargoed items are caught before their moment": {`
-- content/press/2027-01-01-x.md --
---
title: X
embargo: 2027-01-01T09:00:00
contacts: [nobody]
---
`, []string{`unknown contact "nobody"`}},
		"corrupt image": {`
-- content/assets/photos/broken.jpg --
not a JPEG at all
`, []string{`content/assets/photos/broken.jpg: cannot read this image`}},
		"bundle file taking the kit's name": {`
-- content/press/2026-01-01-x/index.md --
---
title: X
---
-- content/press/2026-01-01-x/press-kit.zip --
zip
`, []string{`content/press/2026-01-01-x/press-kit.zip: press-kit.zip is the name of the release's own press kit`}},
		"bundle file taking the page's name": {`
-- content/blog/2026-01-01-x/index.md --
---
title: X
---
-- content/blog/2026-01-01-x/index.html --
<p>old export</p>
`, []string{`content/blog/2026-01-01-x/index.html: index.html is the name of the page this bundle makes`}},
		"bad include pattern": {strings.Replace(minimalConfig, "[[contacts]]", "[[presskits]]\nname = \"brand\"\ninclude = [\"logos/[\"]\n\n[[contacts]]", 1), []string{`include pattern "logos/["`}},
		"unknown config key": {`
-- config.toml --
title = "T"
baseURL = "https://x.example/"
titel = "typo"
[organization]
name = "O"
`, []string{`config.toml:3: unknown key "titel"`}},
		"missing baseURL": {`
-- config.toml --
title = "T"
[organization]
name = "O"
`, []string{`config.toml: missing baseURL`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			files := tc.files
			if !strings.Contains(files, "-- config.toml --") {
				files = minimalConfig + files
			}
			_, _, err := buildMemory(t, writeSite(t, files), testAt, false)
			if err == nil {
				t.Fatal("build succeeded, want problems")
			}
			got := problemsOf(t, err)
			if len(got) != len(tc.want) {
				t.Fatalf("problems = %q, want %d like %q", got, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

// TestFailedBuildLeavesOutputUntouched checks the atomic rule: a build with
// errors changes no byte of the previous output, and leaves nothing beside it.
func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	root := writeSite(t, minimalConfig+`
-- content/press/2026-01-01-good.md --
---
title: Good
---
Fine.
`)
	dest := filepath.Join(root, "public")
	build := func() error {
		_, err := generator.Build(context.Background(), generator.Options{Source: root, Dest: dest, At: testAt})
		return err
	}
	if err := build(); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)
	bad := filepath.Join(root, "content/press/2026-02-01-bad.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: Bad\ncontacts: [nobody]\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := build(); err == nil {
		t.Fatal("the broken build succeeded")
	}
	after := snapshot(t, dest)
	if len(before) != len(after) {
		t.Fatalf("file count changed: %d -> %d", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", name)
		}
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.Contains(e.Name(), "staging") {
			t.Errorf("a staging folder was left behind: %s", e.Name())
		}
	}
	// Fixing the file makes the next build go through and replace the output.
	os.Remove(bad)
	if err := build(); err != nil {
		t.Fatal(err)
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLoadAndResolveProblemsTogether: a build reports the problems of files
// that failed to load together with those of resolving the rest, sorted by
// file and line, and a file that failed to load causes no problems of its
// own elsewhere (a reference to it is not "missing", a kit of it not empty).
func TestLoadAndResolveProblemsTogether(t *testing.T) {
	tests := map[string]struct {
		files string
		setup func(t *testing.T, root string)
		want  []string // each problem, in report order
	}{
		"bad date in one file, unknown contact in another": {files: `
-- content/press/2026-01-01-a.md --
---
title: A
date: 2026-13-45
---
-- content/press/2026-01-02-b.md --
---
title: B
contacts: [pres]
---
`, want: []string{
			`content/press/2026-01-01-a.md:3: date: "2026-13-45" is not a date`,
			`content/press/2026-01-02-b.md:3: unknown contact "pres"`,
		}},
		"bad date and unknown contact in one file": {files: `
-- content/press/2026-01-01-a.md --
---
title: A
contacts: [pres]
embargo: 2026-02-30T09:00:00
---
`, want: []string{
			`content/press/2026-01-01-a.md:3: unknown contact "pres"`,
			`content/press/2026-01-01-a.md:4: embargo: "2026-02-30T09:00:00" is not a date`,
		}},
		"bad YAML in one file, unknown asset in another": {files: `
-- content/blog/2026-01-01-a.md --
---
title: A
tags: [storage, wind
---
-- content/press/2026-01-02-b.md --
---
title: B
assets: [photos/none.jpg]
---
`, want: []string{
			`content/blog/2026-01-01-a.md:3: tags: the [ opens a list that is never closed`,
			`content/press/2026-01-02-b.md:3: missing asset "photos/none.jpg"`,
		}},
		"no front matter, and two items at one URL": {files: `
-- content/pages/about.md --
About us.
-- content/press/2026-01-01-launch.md --
---
title: A
---
-- content/press/2026-02-01-other.md --
---
title: B
slug: launch
---
`, want: []string{
			`content/pages/about.md:1: no front matter`,
			`content/press/2026-02-01-other.md:3: two items at one URL /press/launch/`,
		}},
		"duplicate key, bad config pattern and unknown literature": {files: strings.Replace(minimalConfig, "[[contacts]]", "[[presskits]]\nname = \"brand\"\ninclude = [\"logos/**\"]\n\n[[contacts]]", 1) + `
-- content/press/2026-01-01-a.md --
---
title: A
title: A again
literature: [nope]
---
`, want: []string{
			`config.toml:11: presskit "brand": include pattern "logos/**" matches no file under content/assets/`,
			`content/press/2026-01-01-a.md:3: title is written twice, here and on line 2: keep one of the two lines`,
			`content/press/2026-01-01-a.md:4: unknown literature "nope"`,
		}},
		"literature that failed to load is not unknown": {files: `
-- content/literature/fact-sheet.md --
---
title: Fact sheet: the plant
---
-- content/press/2026-01-01-a.md --
---
title: A
literature: [fact-sheet]
contacts: [nobody]
---
`, want: []string{
			`content/literature/fact-sheet.md:2: title: the ": " in this value reads as the start of another key`,
			`content/press/2026-01-01-a.md:4: unknown contact "nobody"`,
		}},
		"an asset that failed to load is not missing, nor its kit empty": {
			files: strings.Replace(minimalConfig, "[[contacts]]", "[[presskits]]\nname = \"brand\"\ninclude = [\"logos/**\"]\n\n[[contacts]]", 1) + `
-- content/press/2026-01-01-a.md --
---
title: A
assets: [logos/logo.svg]
---
-- content/blog/2026-01-01-b.md --
---
title: B
image: photos/none.jpg
---
`,
			setup: func(t *testing.T, root string) {
				outside := filepath.Join(t.TempDir(), "logo.svg")
				if err := os.WriteFile(outside, []byte("<svg/>"), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Join(root, "content/assets/logos"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(outside, filepath.Join(root, "content/assets/logos/logo.svg")); err != nil {
					t.Skip("no symbolic links here:", err)
				}
			},
			want: []string{
				`content/assets/logos/logo.svg: symbolic link points outside the site`,
				`content/blog/2026-01-01-b.md:3: missing asset "photos/none.jpg"`,
			},
		},
		"bundle file that failed to load is not missing": {
			files: `
-- content/press/2026-01-01-a/index.md --
---
title: A
assets: [chart.png]
contacts: [nobody]
---
`,
			setup: func(t *testing.T, root string) {
				if err := os.Symlink(filepath.Join(root, "missing.png"), filepath.Join(root, "content/press/2026-01-01-a/chart.png")); err != nil {
					t.Skip("no symbolic links here:", err)
				}
			},
			want: []string{
				`content/press/2026-01-01-a/chart.png: broken symbolic link`,
				`content/press/2026-01-01-a/index.md:4: unknown contact "nobody"`,
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			files := tc.files
			if !strings.Contains(files, "-- config.toml --") {
				files = minimalConfig + files
			}
			root := writeSite(t, files)
			if tc.setup != nil {
				tc.setup(t, root)
			}
			_, _, err := buildMemory(t, root, testAt, false)
			if err == nil {
				t.Fatal("build succeeded, want problems")
			}
			checkProblems(t, problemsOf(t, err), tc.want)
		})
	}
}

// TestServeReportsLoadAndResolveProblemsTogether: the rebuilds of a
// watching process (serve), which refresh the last build where they can,
// report the same problems together as a build from nothing.
func TestServeReportsLoadAndResolveProblemsTogether(t *testing.T) {
	root := writeSite(t, minimalConfig+`
-- content/press/2026-01-01-a.md --
---
title: A
---
First.
-- content/press/2026-01-02-b.md --
---
title: B
---
Second.
`)
	cache := generator.NewWatchedCache()
	var refreshed bool
	build := func() error {
		rep, err := generator.Build(context.Background(), generator.Options{Source: root, At: testAt, Out: output.NewMemory(), Cache: cache, Serve: true})
		refreshed = err == nil && rep.Refreshed
		return err
	}
	edit := func(name, text string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cache.Changed(p)
	}
	if err := build(); err != nil {
		t.Fatal(err)
	}
	// Each edit alone is one a refresh takes; together they break the site.
	edit("content/press/2026-01-01-a.md", "---\ntitle: A\nsummary: [unclosed\n---\nFirst.\n")
	edit("content/press/2026-01-02-b.md", "---\ntitle: B\ncontacts: [pres]\n---\nSecond.\n")
	want := []string{
		`content/press/2026-01-01-a.md:3: summary: the [ opens a list that is never closed`,
		`content/press/2026-01-02-b.md:3: unknown contact "pres"`,
	}
	err := build()
	if err == nil {
		t.Fatal("rebuild succeeded, want problems")
	}
	checkProblems(t, problemsOf(t, err), want)
	// Fixing one file leaves the other's problem, found by the next rebuild.
	edit("content/press/2026-01-01-a.md", "---\ntitle: A\nsummary: Fixed.\n---\nFirst.\n")
	err = build()
	if err == nil {
		t.Fatal("rebuild succeeded, want problems")
	}
	checkProblems(t, problemsOf(t, err), want[1:])
	edit("content/press/2026-01-02-b.md", "---\ntitle: B\ncontacts: [press]\n---\nSecond.\n")
	if err := build(); err != nil {
		t.Fatal(err)
	}
	// And the other way round: a title the last build refreshes in place,
	// then broken front matter beside a new unknown contact.
	edit("content/press/2026-01-01-a.md", "---\ntitle: A, retitled\nsummary: Fixed.\n---\nFirst.\n")
	if err := build(); err != nil || !refreshed {
		t.Fatalf("a new title: refreshed %v, error %v; want a refresh", refreshed, err)
	}
	edit("content/press/2026-01-01-a.md", "---\ntitle: A: retitled\n---\nFirst.\n")
	edit("content/press/2026-01-02-b.md", "---\ntitle: B\ncontacts: [press, nobody]\n---\nSecond.\n")
	err = build()
	if err == nil {
		t.Fatal("rebuild succeeded, want problems")
	}
	checkProblems(t, problemsOf(t, err), []string{
		`content/press/2026-01-01-a.md:2: title: the ": " in this value reads as the start of another key`,
		`content/press/2026-01-02-b.md:3: unknown contact "nobody"`,
	})
}

// checkProblems requires exactly len(want) problems, each holding its want.
func checkProblems(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d like:\n%s", strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
		}
	}
}
