package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newSite copies the small test site into parent/site and returns its path.
func newSite(t *testing.T, parent string) string {
	t.Helper()
	site := filepath.Join(parent, "site")
	if err := os.CopyFS(site, os.DirFS(filepath.Join("..", "..", "generator", "testdata", "small"))); err != nil {
		t.Fatal(err)
	}
	return site
}

func build(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := run(context.Background(), append([]string{"build", "--at", "2026-11-24T10:00:00Z"}, args...), &stdout, &stderr)
	return status, stdout.String() + stderr.String()
}

// TestBuildNeverDeletesTheUsersFiles replays the reproductions of the
// data-loss report: every destination that would destroy something is
// refused with exit status 2, and the files are all still there.
func TestBuildNeverDeletesTheUsersFiles(t *testing.T) {
	root := t.TempDir()
	site := newSite(t, root)
	writeFile(t, filepath.Join(root, "userdocs", "thesis.txt"), "thesis")
	writeFile(t, filepath.Join(root, "somefile.txt"), "text")
	canaries := []string{
		filepath.Join(root, "userdocs", "thesis.txt"),
		filepath.Join(root, "somefile.txt"),
		filepath.Join(site, "config.toml"),
		filepath.Join(site, "content", "press", "2026-01-15-first-release.md"),
	}
	if _, err := os.Stat(canaries[3]); err != nil {
		t.Fatal(err)
	}
	cases := map[string][]string{
		"a folder of the user's":   {"--source", site, "--dest", filepath.Join(root, "userdocs")},
		"the site":                 {"--source", site, "--dest", site},
		"the site's parent":        {"--source", site, "--dest", root},
		"a file":                   {"--source", site, "--dest", filepath.Join(root, "somefile.txt")},
		"the asset library":        {"--source", site, "--dest", filepath.Join(site, "content", "assets")},
		"the site, spelt with ..":  {"--source", site, "--dest", filepath.Join(site, "content", "..")},
		"a symlink to user's docs": {"--source", site, "--dest", symlink(t, filepath.Join(root, "userdocs"), filepath.Join(root, "docs-link"))},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			status, out := build(t, args...)
			if status != exitMisuse {
				t.Errorf("status %d, want %d: %s", status, exitMisuse, out)
			}
			if !strings.Contains(out, "--dest") || !strings.Contains(out, "nothing was written") {
				t.Errorf("the refusal does not say what and why: %s", out)
			}
			for _, c := range canaries {
				if _, err := os.Stat(c); err != nil {
					t.Fatalf("%s is gone", c)
				}
			}
		})
	}
	t.Run("dot inside the site", func(t *testing.T) {
		wd, _ := os.Getwd()
		defer os.Chdir(wd)
		os.Chdir(site)
		var stdout, stderr bytes.Buffer
		status := run(context.Background(), []string{"build", "--dest", ".", "--at", "2026-11-24T10:00:00Z"}, &stdout, &stderr)
		if status != exitMisuse {
			t.Errorf("status %d, want %d: %s", status, exitMisuse, &stderr)
		}
		if _, err := os.Stat("config.toml"); err != nil {
			t.Fatal("config.toml is gone")
		}
	})
	if left, _ := filepath.Glob(filepath.Join(root, ".*staging*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func symlink(t *testing.T, target, link string) string {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	return link
}

// TestBuildKeepsGitCNAMEAndTheLink: a site published through git keeps its
// history, a hand-made CNAME stays, and a destination that is a symbolic
// link stays one.
func TestBuildKeepsGitCNAMEAndTheLink(t *testing.T) {
	root := t.TempDir()
	site := newSite(t, root)
	www := filepath.Join(root, "www")
	writeFile(t, filepath.Join(www, ".git", "HEAD"), "ref: refs/heads/gh-pages\n")
	link := symlink(t, www, filepath.Join(root, "public"))
	for i := 0; i < 2; i++ {
		if status, out := build(t, "--source", site, "--dest", link); status != exitOK {
			t.Fatalf("build %d: status %d: %s", i, status, out)
		}
		if i == 0 {
			writeFile(t, filepath.Join(www, "CNAME"), "news.example.com\n")
		}
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the destination is no longer a symbolic link")
	}
	for name, want := range map[string]string{".git/HEAD": "ref: refs/heads/gh-pages\n", "CNAME": "news.example.com\n"} {
		if data, err := os.ReadFile(filepath.Join(www, name)); err != nil || string(data) != want {
			t.Errorf("%s: %q, %v", name, data, err)
		}
	}
	if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
		t.Error("the build is not in the link's target")
	}
}
