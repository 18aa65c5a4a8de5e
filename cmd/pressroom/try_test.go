package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTryItAsTheREADMESays: the README's first steps build the example
// newsroom into public/ and look at it through a static web server; every
// stylesheet, script, image and icon the home page and a release name is
// there. The README does not promise that a page opened from the file
// system works: its links begin at /.
func TestTryItAsTheREADMESays(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	try, _, _ := strings.Cut(string(readme[bytes.Index(readme, []byte("## Try it")):]), "\n## ")
	if !strings.Contains(try, "serve `public/` with any static web server") {
		t.Fatalf("the README's Try it no longer says how to look at public/:\n%s", try)
	}
	if regexp.MustCompile("(?i)open `public/index.html`").MatchString(try) {
		t.Error("the README says to open public/index.html, which shows unstyled: its links begin at /")
	}
	root := t.TempDir()
	for _, name := range []string{"content", "static"} {
		if err := os.CopyFS(filepath.Join(root, name), os.DirFS(filepath.Join("../..", name))); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, "../../config.toml", filepath.Join(root, "config.toml"))
	var out, errOut bytes.Buffer
	if s := run(context.Background(), []string{"build", "--source", root}, &out, &errOut); s != exitOK {
		t.Fatalf("build: %d %s", s, &errOut)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(root, "public"))))
	defer srv.Close()
	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	code, home := get("/")
	if code != http.StatusOK {
		t.Fatalf("the home page: status %d", code)
	}
	release := regexp.MustCompile(`href="(/press/[^"/]+/)"`).FindStringSubmatch(home)
	if release == nil {
		t.Fatal("the home page links no release")
	}
	_, page := get(release[1])
	refs := regexp.MustCompile(`(?:<link[^>]+href|<script[^>]+src|<img[^>]+src)="(/[^"]*)"`)
	n := 0
	for _, body := range []string{home, page} {
		for _, m := range refs.FindAllStringSubmatch(body, -1) {
			n++
			if code, _ := get(m[1]); code != http.StatusOK {
				t.Errorf("%s: status %d", m[1], code)
			}
		}
	}
	if n < 3 {
		t.Errorf("only %d stylesheets, scripts and images checked", n)
	}
}
