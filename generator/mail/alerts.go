package mail

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/site"
)

// AlertOptions configure Alerts.
type AlertOptions struct {
	Source    string
	SMTPURL   string // PRESSROOM_SMTP_URL
	DiskCache diskcache.Dir
	Now       func() time.Time // the clock; the command line passes time.Now
	// Log is told of every send an alert makes, and of every failure.
	Log func(*Report, error)
	// Backoff is passed to each send (see Request); RetryFirst is the wait
	// after an alert run that left someone out, doubled up to half an hour
	// (default a minute).
	Backoff, RetryFirst time.Duration
}

// Alerts mails each release to the [alerts] list of config.toml once a
// deploy has made it public, for `publish`: Deployed says a deploy is
// done, and Run sends beside the deploys, so that a long list never delays
// the next lift. What goes is decided by the journal, so a restarted
// publish finishes a list and sends nobody a release twice.
type Alerts struct {
	opts AlertOptions
	kick chan time.Time
}

// SinceFile is the journal's file that holds when alerts were first on:
// releases public before then are the archive, and never alerted.
const SinceFile = "alerts-since"

// NewAlerts makes the alerts of a publish; Run sends them.
func NewAlerts(opts AlertOptions) *Alerts {
	if opts.Now == nil {
		panic("mail: AlertOptions.Now is required: the command line passes time.Now")
	}
	if opts.Log == nil {
		opts.Log = func(*Report, error) {}
	}
	if opts.RetryFirst <= 0 {
		opts.RetryFirst = time.Minute
	}
	return &Alerts{opts: opts, kick: make(chan time.Time, 1)}
}

// Deployed tells that a deploy as of at put the site live. It never
// waits: a deploy that comes while alerts are being sent is sent for next.
func (a *Alerts) Deployed(at time.Time) {
	select {
	case <-a.kick: // an older moment not yet taken: the newer covers it
	default:
	}
	a.kick <- at
}

// Run sends alerts until ctx ends, when it returns after the message under
// way. An alert run that left anyone out (a server out of reach, a
// temporary refusal) is run again after a wait, doubled each time.
func (a *Alerts) Run(ctx context.Context) {
	var retry <-chan time.Time
	var last time.Time
	wait := time.Duration(0)
	for {
		select {
		case <-ctx.Done():
			return
		case at := <-a.kick:
			last = at
		case <-retry: // as of the last deploy: the target may not hold what is public now
		}
		retry = nil
		if complete := a.Once(ctx, last); !complete && ctx.Err() == nil {
			wait = min(max(2*wait, a.opts.RetryFirst), 30*time.Minute)
			retry = time.After(wait)
		} else {
			wait = 0
		}
	}
}

// Once sends every release public as of at, and live since alerts were
// first on, to those on the list who do not have it; complete is false if
// anyone is left to try again.
func (a *Alerts) Once(ctx context.Context, at time.Time) (complete bool) {
	cfg, err := config.Load(filepath.Join(a.opts.Source, config.FileName))
	if err != nil || cfg.Alerts.List == "" {
		return err == nil // a broken config.toml: the deploy logs it
	}
	dir, shown := journalDir(a.opts.Source, cfg)
	since, err := alertsSince(dir, shown, at)
	if err != nil {
		a.opts.Log(nil, err)
		return false
	}
	s, err := generator.Schedule(ctx, a.opts.Source, at)
	if err != nil {
		a.opts.Log(nil, err)
		return false
	}
	list, err := LoadList(a.opts.Source, cfg.Alerts.List)
	if err != nil {
		a.opts.Log(nil, fmt.Errorf("[alerts] list %q: %w", cfg.Alerts.List, err))
		return false
	}
	complete = true
	for _, e := range live(s, since) {
		if ctx.Err() != nil {
			return false
		}
		done, err := delivered(dir, e, list)
		if err != nil {
			a.opts.Log(nil, err)
			complete = false
			continue
		}
		if done {
			continue
		}
		rep, err := Send(ctx, Request{Source: a.opts.Source, Release: e.Item.Source, List: list.Name, At: at, Now: a.opts.Now,
			SMTPURL: a.opts.SMTPURL, DiskCache: a.opts.DiskCache, Backoff: a.opts.Backoff})
		if ctx.Err() != nil {
			return false
		}
		a.opts.Log(rep, err)
		if err != nil || len(rep.Deferred) > 0 {
			complete = false
		}
	}
	return complete
}

// live are the releases of s that went live after since, oldest first.
func live(s *site.Site, since time.Time) []*site.Entry {
	var out []*site.Entry
	if sec := s.Section("press"); sec != nil {
		for i := len(sec.Entries) - 1; i >= 0; i-- {
			if e := sec.Entries[i]; e.Date.After(since) {
				out = append(out, e)
			}
		}
	}
	return out
}

// delivered reports whether everyone on list who gets e has it (or
// bounced) by the journal: nothing to build or send for it.
func delivered(dir string, e *site.Entry, list *List) (bool, error) {
	recs, err := ReadJournal(dir, e.Slug)
	if err != nil {
		return false, err
	}
	for _, r := range Audience(list, e, false) {
		rec, ok := recs[strings.ToLower(r.Email)]
		if !ok || (rec.State != Sent && rec.State != Bounced) {
			return false, nil
		}
	}
	return true, nil
}

// alertsSince reads when alerts were first on, writing at as that moment
// the first time.
func alertsSince(dir, shown string, at time.Time) (time.Time, error) {
	p := filepath.Join(dir, SinceFile)
	data, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return time.Time{}, fmt.Errorf("journal: %w", err)
		}
		line := at.UTC().Format(time.RFC3339Nano) + "\n"
		if err := os.WriteFile(p, []byte(line), 0o644); err != nil {
			return time.Time{}, fmt.Errorf("journal: %w", err)
		}
		return at, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("journal: %w", err)
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(string(data)))
	if err != nil {
		return time.Time{}, fmt.Errorf("%s/%s: %q is not a moment (RFC 3339): alerts go for releases live after it; write the moment alerts were first on", shown, SinceFile, strings.TrimSpace(string(data)))
	}
	return t, nil
}
