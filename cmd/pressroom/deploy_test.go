package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/deploy/deploytest"
)

// deploySite copies the small test site with one [[deploy]] target named
// production at url, and returns it and the line of its [[deploy]].
func deploySite(t *testing.T, url, extra string) (string, int) {
	t.Helper()
	site := t.TempDir()
	small := filepath.Join("..", "..", "generator", "testdata", "small")
	err := filepath.Walk(small, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(small, p)
		copyFile(t, p, filepath.Join(site, rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := os.ReadFile(filepath.Join(site, "config.toml"))
	line := bytes.Count(cfg, []byte("\n")) + 2
	cfg = append(cfg, []byte("\n[[deploy]]\nname = \"production\"\nurl = \""+url+"\"\n"+extra)...)
	writeFile(t, filepath.Join(site, "config.toml"), string(cfg))
	return site, line
}

func TestDeployCommand(t *testing.T) {
	t.Setenv("PRESSROOM_CACHE", t.TempDir())
	s := deploytest.New(t)
	s.CreateBucket(t, "news")
	site, line := deploySite(t, s.BucketURL("news"), "maxDeletes = 2\n")
	at := "2026-11-24T10:00:00Z"
	deployed := regexp.MustCompile(`^Deployed to production: (\d+) uploaded, (\d+) deleted, (\d+) unchanged in \d+\.\d s\n`)

	var stdout, stderr bytes.Buffer
	if status := run(context.Background(), []string{"deploy", "--source", site, "--at", at}, &stdout, &stderr); status != exitOK {
		t.Fatalf("status %d: %s", status, &stderr)
	}
	m := deployed.FindStringSubmatch(stdout.String())
	if m == nil || m[1] == "0" || m[2] != "0" || m[3] != "0" {
		t.Fatalf("first deploy printed %q", &stdout)
	}
	first, _ := strconv.Atoi(m[1])
	if strings.Contains(stdout.String()+stderr.String(), deploytest.SecretKey) || strings.Contains(stdout.String()+stderr.String(), deploytest.AccessKey) {
		t.Errorf("credentials were printed")
	}

	stdout.Reset()
	run(context.Background(), []string{"deploy", "--source", site, "--at", at}, &stdout, &stderr)
	if m := deployed.FindStringSubmatch(stdout.String()); m == nil || m[1] != "0" || m[3] != strconv.Itoa(first) {
		t.Errorf("second deploy printed %q, want 0 uploaded, %d unchanged", &stdout, first)
	}

	// A deploy that would delete more than maxDeletes: exit 1, nothing changed.
	os.RemoveAll(filepath.Join(site, "content", "press", "2026-03-02-bundle-launch"))
	keys := strings.Join(s.Keys(t, "news"), " ")
	stdout.Reset()
	stderr.Reset()
	status := run(context.Background(), []string{"deploy", "--source", site, "--at", at}, &stdout, &stderr)
	if status != exitSite {
		t.Errorf("too many deletions: status %d, want 1", status)
	}
	want := "config.toml:" + strconv.Itoa(line) + `: deploy target "production": this deploy would delete`
	if !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "nothing was deployed") {
		t.Errorf("stderr %q lacks %q", &stderr, want)
	}
	if strings.Join(s.Keys(t, "news"), " ") != keys {
		t.Errorf("a refused deploy changed the target")
	}

	// --dry-run lists every change with its reason and changes nothing.
	writeFile(t, filepath.Join(site, "content", "press", "2026-11-20-new.md"), "---\ntitle: A new release\n---\nNew.\n")
	stdout.Reset()
	stderr.Reset()
	s.Reset()
	status = run(context.Background(), []string{"deploy", "--source", site, "--at", at, "--dry-run"}, &stdout, &stderr)
	if status != exitSite { // the same refusal as a deploy: a dry run says what would happen
		t.Errorf("dry run of a refused deploy: status %d", status)
	}
	for _, want := range []string{"upload  press/new/index.html", "new (new pages)", "upload  index.html", "changed (changed pages)",
		"delete  press/bundle-launch/index.html", "gone"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("dry run lacks %q:\n%s", want, &stdout)
		}
	}
	for _, r := range s.Requests() {
		if r.Method == "PUT" || r.Method == "DELETE" {
			t.Errorf("dry run sent %s %s", r.Method, r.Key)
		}
	}

	// With the limit raised the deploy completes.
	cfg, _ := os.ReadFile(filepath.Join(site, "config.toml"))
	writeFile(t, filepath.Join(site, "config.toml"), strings.Replace(string(cfg), "maxDeletes = 2", "maxDeletes = 50", 1))
	stdout.Reset()
	stderr.Reset()
	if status := run(context.Background(), []string{"deploy", "--source", site, "--at", at, "--dry-run"}, &stdout, &stderr); status != exitOK ||
		!strings.Contains(stdout.String(), "Dry run for production (s3://news?") || !strings.Contains(stdout.String(), "nothing was changed") {
		t.Errorf("dry run: status %d, %s%s", status, &stdout, &stderr)
	}
	stdout.Reset()
	if status := run(context.Background(), []string{"deploy", "--source", site, "--at", at}, &stdout, &stderr); status != exitOK {
		t.Fatalf("status %d: %s", status, &stderr)
	}
	if m := deployed.FindStringSubmatch(stdout.String()); m == nil || m[2] == "0" {
		t.Errorf("deploy printed %q", &stdout)
	}
}

func TestDeployMisuse(t *testing.T) {
	site, line := deploySite(t, "file://"+filepath.ToSlash(t.TempDir()), "")
	bad, badLine := deploySite(t, "ftp://example.com/x", "")
	cases := map[string]struct {
		args   []string
		status int
		stderr string
	}{
		"unknown target": {[]string{"deploy", "--source", site, "--target", "staging"}, exitMisuse, `no deploy target named "staging": the targets are "production"`},
		"bad --at":       {[]string{"deploy", "--source", site, "--at", "soon"}, exitMisuse, `--at "soon" is not a time`},
		"argument":       {[]string{"deploy", "--source", site, "extra"}, exitMisuse, `unexpected argument "extra"`},
		"future --at":    {[]string{"deploy", "--source", site, "--at", "2099-01-01"}, exitMisuse, "would publish embargoed and scheduled items before their moment"},
		"help":           {[]string{"deploy", "-h"}, exitOK, "-dry-run"},
		"publish help":   {[]string{"publish", "--help"}, exitOK, "-watch"},
		"bad url":        {[]string{"deploy", "--source", bad}, exitSite, "config.toml:" + strconv.Itoa(badLine) + `: deploy target "production": url "ftp://example.com/x" is not a blob URL`},
		"publish target": {[]string{"publish", "--source", site, "--target", "staging"}, exitMisuse, `no deploy target named "staging"`},
		"next argument":  {[]string{"next", "--source", site, "x"}, exitMisuse, `unexpected argument "x"`},
	}
	_ = line
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if status := run(context.Background(), tc.args, &stdout, &stderr); status != tc.status {
				t.Errorf("status %d, want %d: %s", status, tc.status, &stderr)
			}
			out := &stderr
			if tc.status == exitOK {
				out = &stdout // asked-for help is the command's output
			}
			if !strings.Contains(out.String(), tc.stderr) {
				t.Errorf("output %q lacks %q", out, tc.stderr)
			}
		})
	}
}

// TestPublishLiftsAnEmbargo runs `pressroom publish` against the S3 test
// server with a release embargoed a few seconds ahead: the first deploy
// must not carry it, the deploy at its moment must, and not before.
func TestPublishLiftsAnEmbargo(t *testing.T) {
	t.Setenv("PRESSROOM_CACHE", t.TempDir())
	s := deploytest.New(t)
	s.CreateBucket(t, "news")
	site, _ := deploySite(t, s.BucketURL("news"), "")
	lift := time.Now().Add(5 * time.Second).Truncate(time.Second)
	writeFile(t, filepath.Join(site, "content", "press", "2026-01-20-merger.md"),
		"---\ntitle: The merger\nembargo: "+lift.Format(time.RFC3339)+"\n---\nSecret until its moment.\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lockedBuffer{}
	done := make(chan int)
	go func() { done <- run(ctx, []string{"publish", "--source", site}, out, out) }()

	page := "press/merger/index.html"
	deadline := time.Now().Add(30 * time.Second)
	for strings.Count(out.String(), "Deployed to production") < 1 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if _, _, ok := s.Get(t, "news", page); ok {
		t.Fatal("the first deploy carried the embargoed release")
	}
	if !strings.Contains(out.String(), "(start); next "+lift.In(mustZone(t, "Europe/Berlin")).Format(time.RFC3339)) {
		t.Errorf("the first deploy's line does not name the next moment:\n%s", out)
	}
	for time.Now().Before(deadline) {
		_, _, ok := s.Get(t, "news", page)
		if ok {
			if now := time.Now(); now.Before(lift) {
				t.Fatalf("the release reached the target at %v, before its embargo %v", now, lift)
			}
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, _, ok := s.Get(t, "news", page); !ok {
		t.Fatalf("the release never reached the target:\n%s", out)
	}
	waitFor(t, out, regexp.MustCompile(`\(an embargo lifted\); nothing scheduled`))
	home, _, _ := s.Get(t, "news", "index.html")
	if !strings.Contains(string(home), "The merger") {
		t.Errorf("the home page does not list the lifted release")
	}
	cancel()
	select {
	case status := <-done:
		if status != exitOK {
			t.Errorf("publish stopped with status %d:\n%s", status, out)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("publish did not stop when its context ended")
	}
	if !strings.Contains(out.String(), " stopped\n") {
		t.Errorf("publish did not say it stopped:\n%s", out)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestPublishStopsOnSIGTERM runs the real binary, as systemd or docker
// would, and stops it with SIGTERM: it must say so and exit 0.
func TestPublishStopsOnSIGTERM(t *testing.T) {
	bin := pressroomBinary(t)
	target := t.TempDir()
	site, _ := deploySite(t, "file://"+filepath.ToSlash(target), "")
	cmd := exec.Command(bin, "publish", "--source", site, "--watch")
	cmd.Env = append(os.Environ(), "PRESSROOM_CACHE="+t.TempDir())
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitFor(t, out, regexp.MustCompile(`Deployed to production: \d+ uploaded, 0 deleted, 0 unchanged in [\d.]+ s \(start\)`))
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("publish ended with %v after SIGTERM:\n%s", err, out)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("publish did not stop within 10 s of SIGTERM:\n%s", out)
	}
	if !strings.Contains(out.String(), " stopped\n") {
		t.Errorf("publish did not say it stopped:\n%s", out)
	}
}
