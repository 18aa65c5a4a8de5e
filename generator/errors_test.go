package generator_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator"
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
