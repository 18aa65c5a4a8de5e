package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
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

// TestServeWarnsOnce: serve prints what the pre-flight check finds (the
// build's own warnings, such as an SVG with a script, among them) in its
// terminal once, and after a save only what is new, with a count line.
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
	waitFor(t, &stdout, regexp.MustCompile("Checked in \\d+ ms: 7 warnings: `pressroom check` lists them all\n"))
	if !regexp.MustCompile(`content/assets/logos/evil\.svg:1: warning: .* \[svg-script\]\n`).MatchString(stderr.String()) {
		t.Errorf("the SVG's warning was not printed:\n%s", stderr.String())
	}
	writeFile(t, filepath.Join(root, "content/press/2026-04-01-another.md"), "---\ntitle: Another release\ncontacts: [press]\nlocation: LEIPZIG\n---\nNews.\n")
	waitFor(t, &stdout, regexp.MustCompile(`Rebuilt in`))
	waitFor(t, &stdout, regexp.MustCompile(`Checked in \d+ ms: 8 warnings \(1 new\)`))
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		if n := strings.Count(stderr.String(), line+"\n"); n != 1 {
			t.Errorf("printed %d times: %s", n, line)
		}
	}
	if !strings.Contains(stderr.String(), "content/press/2026-04-01-another.md:2: warning: no summary") {
		t.Errorf("the new release's warning was not printed:\n%s", stderr.String())
	}
	cancel()
	<-code
}

// TestServeAtPreviewsWithoutWriting: serve --at takes a date in the site's
// timezone, says what the preview shows that is still held today and that
// it writes nothing; a bad --at is misuse.
func TestServeAtPreviewsWithoutWriting(t *testing.T) {
	root := copyDir(t, "../../generator/testdata/small")
	lift := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	writeFile(t, filepath.Join(root, "content/press/held.md"), "---\ntitle: Held until next month\ndate: 2026-01-01\nembargo: "+lift+"T09:00:00Z\n---\nNews.\n")
	var stdout, stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	at := time.Now().AddDate(0, 2, 0).Format("2006-01-02")
	go func() {
		code <- run(ctx, []string{"serve", "--source", root, "--port", "0", "--at", at}, &stdout, &stderr)
	}()
	url := waitFor(t, &stdout, regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)`))[1]
	waitFor(t, &stdout, regexp.MustCompile(`Preview as of \d+ \w+ \d{4} 00:00 \w+: it shows 1 item still held today\. Nothing is written`))
	resp, err := http.Get(url + "press/held/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("the release held today is not previewed: status %d", resp.StatusCode)
	}
	cancel()
	if c := <-code; c != exitOK {
		t.Errorf("exit %d", c)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("serve --at wrote public/ (%v)", err)
	}
	var out, errOut lockedBuffer
	if c := run(context.Background(), []string{"serve", "--source", root, "--at", "next week"}, &out, &errOut); c != exitMisuse || !strings.Contains(errOut.String(), `--at "next week" is not a time`) {
		t.Errorf("a bad --at: exit %d, %q", c, errOut.String())
	}
}

// TestServeStopsPromptly: Ctrl-C stops serve within half a second, also
// while its first build is still making the photos' derivatives (an
// empty cache). Best of three, so that a loaded machine's pause does not
// decide it; each stop must also end cleanly with "Stopped.".
func TestServeStopsPromptly(t *testing.T) {
	bin := pressroomBinary(t)
	root := t.TempDir()
	for _, name := range []string{"content", "static"} {
		if err := os.CopyFS(filepath.Join(root, name), os.DirFS(filepath.Join("../..", name))); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, "../../config.toml", filepath.Join(root, "config.toml"))
	best := time.Hour
	for _, wait := range []time.Duration{150 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond} {
		cmd := exec.Command(bin, "serve", "--source", root, "--port", "0")
		cmd.Env = append(os.Environ(), "PRESSROOM_CACHE="+t.TempDir())
		var out lockedBuffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitFor(t, &out, regexp.MustCompile(`Serving `))
		time.Sleep(wait)
		began := time.Now()
		cmd.Process.Signal(os.Interrupt)
		err := cmd.Wait()
		took := time.Since(began)
		best = min(best, took)
		if err != nil || !strings.HasSuffix(out.String(), "Stopped.\n") {
			t.Errorf("after %v: %v\n%s", wait, err, out.String())
		}
		t.Logf("Ctrl-C %v after start: stopped in %v", wait, took)
	}
	if best > 500*time.Millisecond {
		t.Errorf("serve took at best %v to stop, want under 500 ms", best)
	}
}

// TestAuthorsGuidePreviewsWithServe: the guide init writes sends authors
// to serve --at to see an embargo lift, and the command it gives runs.
func TestAuthorsGuidePreviewsWithServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "newsroom")
	var out, errOut lockedBuffer
	if s := run(context.Background(), []string{"init", dir}, &out, &errOut); s != exitOK {
		t.Fatalf("init: %d %s", s, errOut.String())
	}
	guide, err := os.ReadFile(filepath.Join(dir, "README-AUTHORS.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("`pressroom serve (--at [^`]+)`").FindStringSubmatch(string(guide))
	if m == nil {
		t.Fatalf("README-AUTHORS.md does not give a serve --at preview:\n%s", guide)
	}
	if regexp.MustCompile("`pressroom build --at [^`]+`").Match(guide) && !strings.Contains(string(guide), "Never publish") {
		t.Error("README-AUTHORS.md recommends build --at as a preview")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	args := append([]string{"serve", "--source", dir, "--port", "0"}, strings.Fields(m[1])...)
	var sout, serr lockedBuffer
	go func() { code <- run(ctx, args, &sout, &serr) }()
	waitFor(t, &sout, regexp.MustCompile(`Preview as of `))
	cancel()
	if c := <-code; c != exitOK {
		t.Errorf("%q: exit %d %s", args, c, serr.String())
	}
}
