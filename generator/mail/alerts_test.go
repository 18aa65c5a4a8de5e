package mail_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	pmail "github.com/pressroom/pressroom/generator/mail"
	"github.com/pressroom/pressroom/generator/mail/mailtest"
)

// lift is when testSite's held release goes live.
var lift = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

func alertSite(t *testing.T) string {
	root := writeSite(t, testSite)
	p := filepath.Join(root, "config.toml")
	write(t, p, readFile(t, p)+"[alerts]\nlist = \"press\"\nwhen = \"lift\"\n")
	return root
}

func newAlerts(t *testing.T, root string, srv *mailtest.Server, log func(*pmail.Report, error)) *pmail.Alerts {
	if log == nil {
		log = func(_ *pmail.Report, err error) {
			if err != nil {
				t.Errorf("alert: %v", err)
			}
		}
	}
	return pmail.NewAlerts(pmail.AlertOptions{Source: root, SMTPURL: srv.URL(), DiskCache: testDiskCache, Now: time.Now,
		Backoff: 10 * time.Millisecond, Log: log})
}

func TestAlertsGoAtTheLiftOnceAndNeverForTheArchive(t *testing.T) {
	root := alertSite(t)
	srv := mailtest.Start(t)
	a := newAlerts(t, root, srv, nil)
	// The first deploy with alerts on: the public release is the archive.
	if !a.Once(context.Background(), testAt) {
		t.Fatal("incomplete")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d alerts for the archive", n)
	}
	// The deploy at the lift: everyone on the beat gets the held release, the untrusted too.
	if !a.Once(context.Background(), lift.Add(time.Second)) {
		t.Fatal("incomplete")
	}
	want := []string{"desk@outlet.example.com", "jane@outlet.example.com", "tom@outlet.example.org"}
	if got := recipients(srv.Messages()); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("alerted %v, want %v", got, want)
	}
	for _, m := range srv.Messages() {
		p := parse(t, m.Data)
		if s := subject(t, p.Header); s != "Held hub agreed" {
			t.Errorf("Subject %q at the lift", s)
		}
		if !strings.Contains(p.HTML, `href="https://news.example.test/press/held-hub/"`) {
			t.Error("the alert does not link the live release")
		}
	}
	// A restarted publish deploys again: nobody gets it twice.
	again := newAlerts(t, root, srv, nil)
	if !again.Once(context.Background(), lift.Add(time.Minute)) {
		t.Fatal("incomplete")
	}
	if n := len(srv.Messages()); n != 3 {
		t.Errorf("%d messages after a restart, want 3", n)
	}
}

func TestAlertsSkipWhoHadItUnderEmbargo(t *testing.T) {
	root := alertSite(t)
	srv := mailtest.Start(t)
	a := newAlerts(t, root, srv, nil)
	a.Once(context.Background(), testAt)
	if _, err := send(t, root, srv, func(r *pmail.Request) { r.Release = "held-hub" }); err != nil {
		t.Fatal(err)
	}
	a.Once(context.Background(), lift.Add(time.Second))
	count := map[string]int{}
	for _, m := range srv.Messages() {
		count[m.To[0]]++
	}
	if count["jane@outlet.example.com"] != 1 || count["desk@outlet.example.com"] != 1 || count["tom@outlet.example.org"] != 1 {
		t.Errorf("messages per recipient: %v", count)
	}
}

func TestAlertsRunBesideTheDeploysAndFinishAfterAStop(t *testing.T) {
	root := alertSite(t)
	srv := mailtest.Start(t)
	var mu sync.Mutex
	var reports []*pmail.Report
	log := func(r *pmail.Report, err error) {
		mu.Lock()
		defer mu.Unlock()
		if r != nil {
			reports = append(reports, r)
		}
	}
	ctx, stop := context.WithCancel(context.Background())
	srv.OnData(func(mailtest.Message) {
		if len(srv.Messages()) == 0 {
			stop() // publish is stopped while the first alert is accepted
		}
	})
	a := newAlerts(t, root, srv, log)
	done := make(chan struct{})
	go func() { a.Run(ctx); close(done) }()
	if !a.Once(context.Background(), testAt) { // alerts switched on
		t.Fatal("incomplete")
	}
	a.Deployed(lift.Add(time.Second))
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not stop")
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("%d sent before the stop, want 1 (the one under way)", n)
	}
	srv.OnData(nil)
	restarted := newAlerts(t, root, srv, nil)
	if !restarted.Once(context.Background(), lift.Add(time.Minute)) {
		t.Fatal("incomplete")
	}
	count := map[string]int{}
	for _, m := range srv.Messages() {
		count[m.To[0]]++
	}
	if len(count) != 3 {
		t.Errorf("recipients %v", count)
	}
	for to, n := range count {
		if n != 1 {
			t.Errorf("%s got %d", to, n)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "media", ".sent", pmail.SinceFile)); err != nil {
		t.Error(err)
	}
}
