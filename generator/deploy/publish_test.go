package deploy_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/deploy"
)

// publishing runs Publish on site until the test ends and returns its
// events as they come.
func publishing(t *testing.T, site string, watch bool, now func() time.Time) <-chan deploy.Event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan deploy.Event, 100)
	done := make(chan error, 1)
	go func() {
		done <- deploy.Publish(ctx, deploy.PublishOptions{
			Request: deploy.Request{Source: site, Options: fast},
			Watch:   watch, Now: now, Quiet: time.Second, MaxSleep: 100 * time.Millisecond,
			RetryFirst: 50 * time.Millisecond, RetryMax: 200 * time.Millisecond,
			Log: func(ev deploy.Event) { events <- ev },
		})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Publish: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Publish did not return when its context ended")
		}
	})
	return events
}

func nextEvent(t *testing.T, events <-chan deploy.Event) deploy.Event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(30 * time.Second):
		t.Fatal("no deploy within 30 s")
	}
	return deploy.Event{}
}

// TestPublishWatchIsOneDeployPerBurst: a burst of changes (a git pull of
// several files) is one deploy, and it carries them all.
func TestPublishWatchIsOneDeployPerBurst(t *testing.T) {
	tg := s3Target(t)
	site := newSite(t, tg.url, "")
	events := publishing(t, site, true, func() time.Time { return at })
	if ev := nextEvent(t, events); ev.Err != nil || ev.Cause != "start" {
		t.Fatalf("first deploy: %+v", ev)
	}
	for i := 0; i < 5; i++ {
		writeFile(filepath.Join(site, "content", "press", "2026-11-1"+itoa(i)+"-pulled-"+itoa(i)+".md"),
			"---\ntitle: Pulled "+itoa(i)+"\n---\nFrom a git pull.\n")
		time.Sleep(30 * time.Millisecond)
	}
	ev := nextEvent(t, events)
	if ev.Err != nil || !strings.HasPrefix(ev.Cause, "changed: content/press/2026-11-10-pulled-0.md") || !strings.Contains(ev.Cause, "and 2 more") {
		t.Fatalf("after the burst: %+v", ev)
	}
	for i := 0; i < 5; i++ {
		if _, _, ok := tg.s3.Get(t, "news", "press/pulled-"+itoa(i)+"/index.html"); !ok {
			t.Errorf("pulled-%d is not on the target after the deploy", i)
		}
	}
	select {
	case ev := <-events:
		t.Errorf("a second deploy for one burst: %+v", ev)
	case <-time.After(2 * time.Second):
	}
	// An editor's swap file alone deploys nothing.
	writeFile(filepath.Join(site, "content", "press", ".second.md.swp"), "x")
	select {
	case ev := <-events:
		t.Errorf("an editor's swap file deployed: %+v", ev)
	case <-time.After(2 * time.Second):
	}
}

// TestPublishSurvivesFailedDeploys: a store that refuses every request
// makes deploys fail; publish logs each, keeps trying with growing waits,
// and deploys once the store is back.
func TestPublishSurvivesFailedDeploys(t *testing.T) {
	tg := s3Target(t)
	site := newSite(t, tg.url, "")
	tg.s3.Refuse(true)
	start := time.Now()
	events := publishing(t, site, false, func() time.Time { return at.Add(time.Since(start)) })
	var waits []time.Duration
	for i := 0; i < 3; i++ {
		ev := nextEvent(t, events)
		if ev.Err == nil {
			t.Fatalf("deploy %d succeeded against a refusing store", i)
		}
		if !strings.Contains(ev.Err.Error(), "access denied") {
			t.Errorf("error %v does not say access was denied", ev.Err)
		}
		waits = append(waits, ev.RetryIn)
		t.Logf("%s: %v", ev.Cause, ev.Err)
	}
	if !(waits[0] < waits[1] && waits[1] <= waits[2]) {
		t.Errorf("waits between tries %v do not grow", waits)
	}
	tg.s3.Refuse(false)
	for {
		ev := nextEvent(t, events)
		if ev.Err == nil {
			if ev.Cause != "retry" || ev.Report.Result.Uploaded == 0 {
				t.Errorf("the deploy after the store came back: %+v", ev)
			}
			break
		}
	}
	holdsExactly(t, tg, build(t, site))
}

// TestPublishWakesByTheWallClock: the moment is found by reading the
// clock on every wake, so a clock that jumps past an embargo (a machine
// waking from suspend) deploys at once.
func TestPublishWakesByTheWallClock(t *testing.T) {
	tg := s3Target(t)
	site := newSite(t, tg.url, "")
	writeFile(filepath.Join(site, "content", "press", "2026-11-20-merger.md"),
		"---\ntitle: The merger\nembargo: 2026-11-25T09:00:00\n---\nSecret.\n")
	clock := make(chan time.Time, 1)
	clock <- at
	current := at
	now := func() time.Time {
		select {
		case current = <-clock:
		default:
		}
		return current
	}
	events := publishing(t, site, false, now)
	ev := nextEvent(t, events)
	if ev.Err != nil || !ev.Next.Equal(time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)) || len(ev.Lifting) != 1 {
		t.Fatalf("first deploy: %+v", ev)
	}
	if _, _, ok := tg.s3.Get(t, "news", "press/merger/index.html"); ok {
		t.Fatal("the embargoed release is on the target")
	}
	clock <- time.Date(2026, 11, 25, 8, 0, 1, 0, time.UTC) // a day later, at once
	ev = nextEvent(t, events)
	if ev.Err != nil || ev.Cause != "an embargo lifted" {
		t.Fatalf("after the jump: %+v", ev)
	}
	if _, _, ok := tg.s3.Get(t, "news", "press/merger/index.html"); !ok {
		t.Error("the lifted release is not on the target")
	}
	if _, err := os.Stat(site); err != nil {
		t.Fatal(err)
	}
}
