package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResolveDestRefusesWhatIsNotTheBuilds is rule 3's list: every
// destination that would destroy something of the user's is refused
// before anything is touched, and the folders a build may replace pass.
func TestResolveDestRefusesWhatIsNotTheBuilds(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	for _, d := range []string{"content/assets", "themes/default", "static"} {
		os.MkdirAll(filepath.Join(site, d), 0o755)
	}
	os.WriteFile(filepath.Join(site, "config.toml"), []byte("title = \"x\"\n"), 0o644)
	os.MkdirAll(filepath.Join(root, "userdocs"), 0o755)
	os.WriteFile(filepath.Join(root, "userdocs", "thesis.txt"), []byte("thesis"), 0o644)
	os.WriteFile(filepath.Join(root, "somefile.txt"), []byte("text"), 0o644)
	os.MkdirAll(filepath.Join(root, "gitonly", ".git"), 0o755)
	os.MkdirAll(filepath.Join(root, "empty"), 0o755)
	os.MkdirAll(filepath.Join(root, "built"), 0o755)
	os.WriteFile(filepath.Join(root, "built", MarkerName), []byte(markerHeader+"\nindex.html\n"), 0o644)
	os.WriteFile(filepath.Join(root, "built", "index.html"), nil, 0o644)
	legacy := filepath.Join(root, "legacy")
	os.MkdirAll(legacy, 0o755)
	for _, f := range []string{"index.html", "press-kit.zip", "contacts.vcf", "feed.json", "atom.xml", "sitemap.xml"} {
		os.WriteFile(filepath.Join(legacy, f), nil, 0o644)
	}
	os.Symlink(filepath.Join(root, "userdocs"), filepath.Join(root, "link-to-userdocs"))
	os.Symlink(filepath.Join(root, "empty"), filepath.Join(root, "link-to-empty"))
	os.Symlink(filepath.Join(root, "nowhere"), filepath.Join(root, "dangling"))

	cases := []struct {
		dest string
		want string // a word of the refusal; "" when the destination is fine
	}{
		{filepath.Join(site, "public"), ""},
		{filepath.Join(root, "new", "out"), ""},
		{filepath.Join(root, "empty"), ""},
		{filepath.Join(root, "gitonly"), ""},
		{filepath.Join(root, "built"), ""},
		{legacy, ""},
		{filepath.Join(root, "link-to-empty"), ""},
		{filepath.Join(root, "userdocs"), "no pressroom build wrote"},
		{filepath.Join(root, "link-to-userdocs"), "no pressroom build wrote"},
		{site, "is the site itself"},
		{site + "/.", "is the site itself"},
		{filepath.Join(site, "content", ".."), "is the site itself"},
		{root, "holds the site"},
		{filepath.Join(root, "somefile.txt"), "is a file"},
		{filepath.Join(site, "content", "assets"), "content/ folder"},
		{filepath.Join(site, "content"), "content/ folder"},
		{filepath.Join(site, "themes", "default", "static"), "themes/ folder"},
		{filepath.Join(site, "static"), "static/ folder"},
		{filepath.Join(root, "dangling"), "leads nowhere"},
	}
	for _, c := range cases {
		got, err := ResolveDest(site, c.dest)
		var refused *DestError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: refused: %v", c.dest, err)
		case c.want == "" && got == "":
			t.Errorf("%s: no folder to write", c.dest)
		case c.want != "" && !errors.As(err, &refused):
			t.Errorf("%s: got %q, %v; want a refusal saying %q", c.dest, got, err, c.want)
		case c.want != "" && !strings.Contains(err.Error(), c.want):
			t.Errorf("%s: refusal %q does not say %q", c.dest, err, c.want)
		}
	}
	// from inside the site, "." is the site
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(site)
	if _, err := ResolveDest(".", "."); err == nil {
		t.Error("--dest . inside the site was accepted")
	}
	if got, _ := ResolveDest(site, filepath.Join(root, "link-to-empty")); got != mustReal(t, filepath.Join(root, "empty")) {
		t.Errorf("a symlinked destination resolves to %s, want its target", got)
	}
}

func mustReal(t *testing.T, p string) string {
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func commit(t *testing.T, dest string, files map[string]string) error {
	t.Helper()
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := d.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		d.Abort()
		return err
	}
	return nil
}

func read(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v", err)
	}
	return string(data)
}

// TestCommitKeepsGitAndOthersFiles: a destination's .git, and files that
// no build wrote (a CNAME by hand), survive every build; the build's own
// files of the last build that this one does not write go.
func TestCommitKeepsGitAndOthersFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := commit(t, dest, map[string]string{"index.html": "one", "press/x/index.html": "x"}); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dest, ".git", "objects"), 0o755)
	os.WriteFile(filepath.Join(dest, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	os.WriteFile(filepath.Join(dest, "CNAME"), []byte("news.example.com\n"), 0o644)
	os.MkdirAll(filepath.Join(dest, "pagefind"), 0o755)
	os.WriteFile(filepath.Join(dest, "pagefind", "index.js"), []byte("js"), 0o644)

	if err := commit(t, dest, map[string]string{"index.html": "two"}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "two" {
		t.Errorf("index.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "press/x/index.html")); err == nil {
		t.Error("a file of the last build that this one did not write is still there")
	}
	if got := read(t, filepath.Join(dest, ".git", "HEAD")); got != "ref: refs/heads/main\n" {
		t.Errorf(".git/HEAD = %q", got)
	}
	if got := read(t, filepath.Join(dest, "CNAME")); got != "news.example.com\n" {
		t.Errorf("CNAME = %q", got)
	}
	if got := read(t, filepath.Join(dest, "pagefind", "index.js")); got != "js" {
		t.Errorf("another tool's file = %q", got)
	}
	siblings, _ := os.ReadDir(filepath.Dir(dest))
	if len(siblings) != 1 {
		t.Errorf("left beside the destination: %v", siblings)
	}

	// Someone else's file where the build writes one of its own: refused,
	// and nothing changes; the same bytes are no conflict.
	if err := commit(t, dest, map[string]string{"index.html": "three", "CNAME": "other.example.com\n"}); err == nil {
		t.Fatal("a build replaced a hand-made CNAME with its own")
	} else if !strings.Contains(err.Error(), "static/") {
		t.Errorf("refusal %q does not point at static/", err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "two" {
		t.Errorf("a refused build changed index.html to %q", got)
	}
	if err := commit(t, dest, map[string]string{"index.html": "four", "CNAME": "news.example.com\n"}); err != nil {
		t.Fatalf("a build writing the same CNAME was refused: %v", err)
	}
}

// TestNewDirRemovesOnlyLeftovers: the staging folders of killed builds go,
// a running build's stays, and nothing else beside the destination is
// touched.
func TestNewDirRemovesOnlyLeftovers(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	dead := filepath.Join(parent, ".public.staging-111")
	deadOld := filepath.Join(parent, ".public.staging-222.old")
	other := filepath.Join(parent, ".other.staging-333")
	mine := filepath.Join(parent, "public.staging-444")
	for _, d := range []string{dead, deadOld, other, mine} {
		os.MkdirAll(filepath.Join(d, "press"), 0o755)
		os.WriteFile(filepath.Join(d, "press", "index.html"), []byte("x"), 0o644)
	}
	os.MkdirAll(dest, 0o755)
	os.MkdirAll(filepath.Join(deadOld, ".git"), 0o755)
	os.WriteFile(filepath.Join(deadOld, ".git", "HEAD"), []byte("head"), 0o644)

	running, err := NewDir(dest) // a build still at work
	if err != nil {
		t.Fatal(err)
	}
	second, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dead, deadOld} {
		if _, err := os.Stat(d); err == nil {
			t.Errorf("leftover %s is still there", filepath.Base(d))
		}
	}
	for _, d := range []string{other, mine, running.staging} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(d), err)
		}
	}
	if got := read(t, filepath.Join(dest, ".git", "HEAD")); got != "head" {
		t.Errorf("the .git of a leftover old output was not put back: %q", got)
	}
	second.Abort()
	running.Abort()
}

// TestCommitThroughSymlinkKeepsTheLink: a destination that is a symbolic
// link stays one; its target receives the build.
func TestCommitThroughSymlinkKeepsTheLink(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "www")
	os.MkdirAll(target, 0o755)
	link := filepath.Join(root, "public")
	os.Symlink(target, link)
	dest, err := ResolveDest(filepath.Join(root, "site"), link)
	if err != nil {
		t.Fatal(err)
	}
	if err := commit(t, dest, map[string]string{"index.html": "x"}); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(link)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", info, err)
	}
	if got := read(t, filepath.Join(link, "index.html")); got != "x" {
		t.Errorf("through the link: %q", got)
	}
}

// TestNewDirPutsBackAnOutputLeftAside: a build killed between moving the
// old output aside and moving the new one in leaves no destination; the
// next build puts the old output back before it starts.
func TestNewDirPutsBackAnOutputLeftAside(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	aside := filepath.Join(parent, ".public.staging-555.old")
	os.MkdirAll(filepath.Join(aside, ".git"), 0o755)
	os.WriteFile(filepath.Join(aside, "index.html"), []byte("old"), 0o644)
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if got := read(t, filepath.Join(dest, "index.html")); got != "old" {
		t.Errorf("index.html = %q, want the old output back", got)
	}
	if _, err := os.Stat(filepath.Join(dest, ".git")); err != nil {
		t.Error(".git was not put back")
	}
}
