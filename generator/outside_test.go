package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// outsideSecret writes a file outside the site that no build may publish.
func outsideSecret(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	secret := filepath.Join(dir, "evil")
	os.MkdirAll(filepath.Join(secret, "static"), 0o755)
	os.MkdirAll(filepath.Join(secret, "layouts", "partials"), 0o755)
	os.WriteFile(filepath.Join(secret, "passwd"), []byte("root:x:0:0:SECRET"), 0o644)
	os.WriteFile(filepath.Join(secret, "static", "stolen.txt"), []byte("SECRET"), 0o644)
	os.WriteFile(filepath.Join(secret, "layouts", "partials", "footer.html"), []byte("SECRET"), 0o644)
	return secret
}

const release = `
-- content/press/2026-01-01-x.md --
---
title: X
---
Text.
`

// TestNoFileFromOutsideTheSite: theme static files, theme names, microsite
// themes and microsite layouts can't bring a file from elsewhere into the
// output; each attempt is a problem naming the file (and line) to fix.
func TestNoFileFromOutsideTheSite(t *testing.T) {
	tests := map[string]struct {
		setup func(t *testing.T, root, secret string)
		want  string
	}{
		"a theme static file linked out of the site": {func(t *testing.T, root, secret string) {
			os.MkdirAll(filepath.Join(root, "themes/default/static"), 0o755)
			os.Symlink(filepath.Join(secret, "passwd"), filepath.Join(root, "themes/default/static/passwd.txt"))
		}, "themes/default/static/passwd.txt: a symbolic link leads outside the site"},
		"a site static file linked out of the site": {func(t *testing.T, root, secret string) {
			os.MkdirAll(filepath.Join(root, "static"), 0o755)
			os.Symlink(filepath.Join(secret, "passwd"), filepath.Join(root, "static/passwd.txt"))
		}, "static/passwd.txt: a symbolic link leads outside the site"},
		"a theme folder linked out of the site": {func(t *testing.T, root, secret string) {
			os.MkdirAll(filepath.Join(root, "themes"), 0o755)
			os.Symlink(secret, filepath.Join(root, "themes/evil"))
			appendFile(t, filepath.Join(root, "config.toml"), "")
			setTheme(t, root, "evil")
		}, "themes/evil: a symbolic link leads outside the site"},
		"a theme name leading out": {func(t *testing.T, root, secret string) {
			rel, _ := filepath.Rel(filepath.Join(root, "themes"), secret)
			setTheme(t, root, filepath.ToSlash(rel))
		}, "config.toml:4: theme"},
		"a microsite theme leading out": {func(t *testing.T, root, secret string) {
			rel, _ := filepath.Rel(filepath.Join(root, "themes"), secret)
			writeFile(t, filepath.Join(root, "content/microsites/camp/_index.md"), "---\ntitle: Camp\ntheme: "+filepath.ToSlash(rel)+"\n---\n")
		}, "content/microsites/camp/_index.md:3: theme"},
		"content linked out of the site": {func(t *testing.T, root, secret string) {
			outside := filepath.Join(secret, "content")
			os.Rename(filepath.Join(root, "content"), outside)
			os.WriteFile(filepath.Join(outside, "press", "SECRET.md"), []byte("---\ntitle: SECRET\ndate: 2026-01-01\n---\nSECRET\n"), 0o644)
			os.Symlink(outside, filepath.Join(root, "content"))
		}, "content: symbolic link"},
		"a microsite partial linked out of the site": {func(t *testing.T, root, secret string) {
			writeFile(t, filepath.Join(root, "content/microsites/camp/_index.md"), "---\ntitle: Camp\n---\n")
			os.MkdirAll(filepath.Join(root, "content/microsites/camp/layouts/partials"), 0o755)
			os.Symlink(filepath.Join(secret, "layouts/partials/footer.html"), filepath.Join(root, "content/microsites/camp/layouts/partials/footer.html"))
		}, "content/microsites/camp/layouts/partials/footer.html: a symbolic link leads outside the site"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			secret := outsideSecret(t)
			root := writeSite(t, minimalConfig+release)
			tc.setup(t, root, secret)
			_, mem, err := buildMemory(t, root, testAt, false)
			if err == nil {
				for _, n := range mem.Names() {
					if data, _ := mem.File(n); strings.Contains(string(data), "SECRET") {
						t.Errorf("%s published the outside file", n)
					}
				}
				t.Fatal("the build succeeded")
			}
			problems := strings.Join(problemsOf(t, err), "\n")
			if !strings.Contains(problems, tc.want) {
				t.Errorf("problems:\n%s\nwant one saying %q", problems, tc.want)
			}
		})
	}
}

// TestThemeNotFoundNamesItsLine: the configuration line to fix.
func TestThemeNotFoundNamesItsLine(t *testing.T) {
	root := writeSite(t, minimalConfig+release)
	setTheme(t, root, "nope")
	_, _, err := buildMemory(t, root, testAt, false)
	if err == nil {
		t.Fatal("built with a missing theme")
	}
	if got := strings.Join(problemsOf(t, err), "\n"); !strings.Contains(got, `config.toml:4: theme "nope" not found`) {
		t.Errorf("got %s", got)
	}
}

// TestStaticFolderIsPublishedAsItIs: the site's static/ lands at the root
// of the output byte for byte (CNAME, favicons, verification files), and
// wins over a theme's static file of the same name.
func TestStaticFolderIsPublishedAsItIs(t *testing.T) {
	root := writeSite(t, minimalConfig+release+`
-- static/CNAME --
news.test.example
-- static/.well-known/security.txt --
Contact: mailto:security@test.example
-- static/google1234.html --
google-site-verification: google1234.html
`)
	css := filepath.Join(root, "static", "css")
	_, mem, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"CNAME":                    "news.test.example\n",
		".well-known/security.txt": "Contact: mailto:security@test.example\n",
		"google1234.html":          "google-site-verification: google1234.html\n",
	} {
		if got, ok := mem.File(name); !ok || string(got) != want {
			t.Errorf("%s = %q (%v), want %q", name, got, ok, want)
		}
	}
	// a theme's own static file, replaced by the site's
	var themeFile string
	for _, n := range mem.Names() {
		if strings.HasPrefix(n, "css/") {
			themeFile = n
			break
		}
	}
	if themeFile == "" {
		t.Fatal("the theme publishes no css/ file")
	}
	os.MkdirAll(css, 0o755)
	os.WriteFile(filepath.Join(root, "static", filepath.FromSlash(themeFile)), []byte("/* the site's own */"), 0o644)
	_, mem, err = buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := mem.File(themeFile); string(got) != "/* the site's own */" {
		t.Errorf("%s = %q, want the site's static file", themeFile, got)
	}
}

func setTheme(t *testing.T, root, name string) {
	t.Helper()
	p := filepath.Join(root, "config.toml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(data), "\n", 4)
	lines = append(lines[:3], append([]string{`theme = "` + name + `"`}, lines[3:]...)...)
	os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
}

func appendFile(t *testing.T, p, s string) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteString(s)
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestStaticFileAtABuiltURLNamesItself: a static/ file where the build
// writes a file of its own is an error naming the static file.
func TestStaticFileAtABuiltURLNamesItself(t *testing.T) {
	root := writeSite(t, minimalConfig+release+`
-- static/sitemap.xml --
<urlset/>
`)
	_, _, err := buildMemory(t, root, testAt, false)
	if err == nil || !strings.Contains(err.Error(), "static/sitemap.xml") {
		t.Fatalf("got %v", err)
	}
}
