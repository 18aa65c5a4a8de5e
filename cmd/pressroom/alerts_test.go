package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/mail/mailtest"
)

// TestPublishAlertsAtTheLiftOnce runs the real `pressroom publish --watch`
// with [alerts] against a file:// target and an SMTP server: a release
// embargoed a few seconds ahead is mailed to the list after the deploy that
// put it on the target, and a restarted publish mails nobody again.
func TestPublishAlertsAtTheLiftOnce(t *testing.T) {
	bin := pressroomBinary(t)
	target := t.TempDir()
	site, _ := deploySite(t, "file://"+filepath.ToSlash(target), "")
	cfg, _ := os.ReadFile(filepath.Join(site, "config.toml"))
	writeFile(t, filepath.Join(site, "config.toml"), string(cfg)+"\n[mail]\nfrom = \"press@example.test\"\nrate = 600000\n\n[alerts]\nlist = \"press\"\nwhen = \"lift\"\n")
	writeFile(t, filepath.Join(site, "media", "press.csv"), "name,email,outlet,language,beats,embargo_ok\nA,a@example.com,,,,\nB,b@example.com,,,,true\n")
	srv := mailtest.Start(t)
	cache := t.TempDir()
	start := func() (*exec.Cmd, *lockedBuffer) {
		cmd := exec.Command(bin, "publish", "--source", site, "--watch")
		cmd.Env = append(os.Environ(), "PRESSROOM_CACHE="+cache, "PRESSROOM_SMTP_URL="+srv.URL())
		out := &lockedBuffer{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		return cmd, out
	}
	stop := func(cmd *exec.Cmd, out *lockedBuffer) {
		cmd.Process.Signal(syscall.SIGTERM)
		waitFor(t, out, regexp.MustCompile(` stopped\n`))
	}
	cmd, out := start()
	waitFor(t, out, regexp.MustCompile(`Deployed to production: .* \(start\)`))
	// A release written while publish runs, embargoed a few seconds ahead.
	lift := time.Now().Add(4 * time.Second).Truncate(time.Second)
	writeFile(t, filepath.Join(site, "content", "press", "2026-01-20-merger.md"),
		"---\ntitle: The merger\nembargo: "+lift.Format(time.RFC3339)+"\n---\nSecret until its moment.\n")
	page := filepath.Join(target, "press", "merger", "index.html")
	deadline := time.Now().Add(90 * time.Second)
	for len(srv.Messages()) < 2 && time.Now().Before(deadline) {
		if len(srv.Messages()) > 0 {
			if _, err := os.Stat(page); err != nil {
				t.Fatal("an alert went out before the deploy that put the release on the target")
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := recipientsOf(srv); got != "a@example.com b@example.com" {
		t.Fatalf("alerted %q, want both:\n%s", got, out)
	}
	if now := time.Now(); now.Before(lift) {
		t.Fatalf("alerted at %v, before the lift %v", now, lift)
	}
	waitFor(t, out, regexp.MustCompile(`Sent "The merger" to 2 of 2\n`))
	stop(cmd, out)
	// Restarted: it deploys, and mails nobody again.
	cmd, out = start()
	waitFor(t, out, regexp.MustCompile(`Deployed to production: .* \(start\)`))
	time.Sleep(2 * time.Second) // the alerts run beside the deploy
	stop(cmd, out)
	if n := len(srv.Messages()); n != 2 || strings.Contains(out.String(), "Sent ") {
		t.Errorf("%d messages after a restart:\n%s", n, out)
	}
}

func recipientsOf(srv *mailtest.Server) string {
	var to []string
	for _, m := range srv.Messages() {
		to = append(to, m.To...)
	}
	sort.Strings(to)
	return strings.Join(to, " ")
}
