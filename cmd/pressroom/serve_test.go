package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer collects what the command prints from its goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitFor polls the output until it matches, as a script waiting for
// "Rebuilt in" would.
func waitFor(t *testing.T, out *lockedBuffer, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no output matching %s; got:\n%s", re, out)
	return nil
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestServeCommand(t *testing.T) {
	root := copyDir(t, "../../generator/testdata/small")
	var stdout, stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"serve", "--source", root, "--port", "0"}, &stdout, &stderr) }()
	url := waitFor(t, &stdout, regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)`))[1]
	waitFor(t, &stdout, regexp.MustCompile(`Built \d+ pages, .* files in \d+ ms\n`))

	page := filepath.Join(root, "content/pages/about.md")
	if err := os.WriteFile(page, []byte("---\ntitle: About us, edited\n---\nHi.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &stdout, regexp.MustCompile(`Rebuilt in \d+ ms \(\d+ files? changed\): content/pages/about\.md\n`))
	resp, err := http.Get(url + "about/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "About us, edited") {
		t.Error("the served page lacks the edit")
	}

	if err := os.WriteFile(page, []byte("---\ntitel: typo\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &stderr, regexp.MustCompile(`content/pages/about\.md:\d+: .*\n(.*\n)*Build failed \(\d+ errors?\): content/pages/about\.md: still serving the last good build`))

	cancel()
	select {
	case c := <-code:
		if c != exitOK || !strings.Contains(stdout.String(), "Stopped.") {
			t.Errorf("after Ctrl-C: exit %d, output:\n%s", c, stdout.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeCommandErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	site := copyDir(t, "../../generator/testdata/small")
	empty := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--source", site, "--port", busy}, exitSite, "pressroom serve: port " + busy + " is in use: try --port "},
		{[]string{"serve", "--source", empty, "--port", "0"}, exitSite, "pressroom serve: no config.toml in " + empty},
		{[]string{"serve", "--port", "http"}, exitMisuse, "invalid value"},
		{[]string{"serve", "extra"}, exitMisuse, `unexpected argument "extra"`},
	} {
		var stdout, stderr lockedBuffer
		got := run(context.Background(), c.args, &stdout, &stderr)
		if got != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and %q", c.args, got, stderr.String(), c.code, c.want)
		}
	}
}

// TestServeWarnsOnce: serve prints a build's warnings (an SVG with a
// script) in its terminal, once, and not again on every save.
func TestServeWarnsOnce(t *testing.T) {
	root := copyDir(t, "../../generator/testdata/small")
	svg := filepath.Join(root, "content/assets/logos/evil.svg")
	if err := os.WriteFile(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"serve", "--source", root, "--port", "0"}, &stdout, &stderr) }()
	waitFor(t, &stdout, regexp.MustCompile(`Built \d+ pages`))
	waitFor(t, &stderr, regexp.MustCompile(`content/assets/logos/evil\.svg(:\d+)?: warning: `))
	os.WriteFile(filepath.Join(root, "content/assets/logos/new.txt"), []byte("x"), 0o644)
	waitFor(t, &stdout, regexp.MustCompile(`Rebuilt in`))
	if n := strings.Count(stderr.String(), "warning: "); n != 1 {
		t.Errorf("the warning was printed %d times:\n%s", n, stderr.String())
	}
	cancel()
	<-code
}
