package deploy

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/site"
)

// PublishOptions configure Publish.
type PublishOptions struct {
	// Request is each deploy's: Source, Target, DiskCache, Options. Its At
	// is set from Now for every deploy; DryRun is ignored.
	Request Request
	// Watch deploys again after changes of the source, a burst of them as
	// one deploy (see Quiet).
	Watch bool
	// Now is the clock, read afresh for every deploy and on every wake:
	// the command line passes time.Now.
	Now func() time.Time
	// Log is told of every deploy, failed or not.
	Log func(Event)
	// Deployed, when set, is told of every deploy that put the site live,
	// after Log: publish's alerts send from there (see mail.Alerts).
	Deployed func(Event)
	// MaxSleep caps each sleep, after which the clock is read again: a
	// timer drifts while the machine is suspended, and the wall clock may
	// be set. Default a minute.
	MaxSleep time.Duration
	// Quiet is how long the source must stay unchanged before a watched
	// change deploys; default a second, so a git pull is one deploy.
	Quiet time.Duration
	// RetryFirst and RetryMax bound the wait after a failed deploy, doubled
	// from one failure to the next; default 5 s and 5 minutes.
	RetryFirst, RetryMax time.Duration
}

// Event is one deploy of a running Publish.
type Event struct {
	Cause  string    // "start", "an embargo lifted", "a scheduled moment", "retry", or the changed files
	At     time.Time // the deploy's moment
	Report *Report   // nil if it failed before the target was planned
	Err    error     // nil when the target now holds the build
	// Next is the next moment the site changes by itself, zero if none;
	// Lifting is what goes live then.
	Next    time.Time
	Lifting []site.Held
	// RetryIn is, after a failure, how long until the next attempt.
	RetryIn time.Duration
}

// Publish runs until ctx ends: it deploys now, then again at every moment
// the site changes by itself (site.Site.Next: an embargo lifting, a
// scheduled date), and with Watch after every change of the source. A
// failed deploy is logged and tried again with backoff; Publish never
// returns for one. It returns nil when ctx ends, or an error only when the
// watch cannot start.
func Publish(ctx context.Context, opts PublishOptions) error {
	opts.defaults()
	var changes <-chan []string
	if opts.Watch {
		var err error
		if changes, err = watch(ctx, opts.Request.Source, opts.Quiet); err != nil {
			return err
		}
	}
	cause := "start"
	var next, retryAt time.Time
	var nextCause string
	var wait time.Duration // after a failure
	for {
		if cause != "" {
			req := opts.Request
			req.At, req.DryRun, req.Planned = opts.Now(), false, nil
			rep, err := Run(ctx, req)
			if ctx.Err() != nil {
				return nil
			}
			ev := Event{Cause: cause, At: req.At, Report: rep, Err: err}
			if err != nil {
				wait = min(max(2*wait, opts.RetryFirst), opts.RetryMax)
				retryAt, ev.RetryIn = opts.Now().Add(wait), wait
				next = time.Time{} // the retry's build finds the next moment again
			} else {
				wait, retryAt = 0, time.Time{}
				var lifting []site.Held
				next, lifting = rep.Build.Site.Next()
				ev.Lifting, nextCause = lifting, liftCause(lifting)
			}
			ev.Next = next
			opts.Log(ev)
			if err == nil && opts.Deployed != nil {
				opts.Deployed(ev)
			}
			cause = ""
		}
		now := opts.Now()
		sleep := opts.MaxSleep
		for _, at := range []time.Time{next, retryAt} {
			if !at.IsZero() {
				sleep = min(sleep, max(at.Sub(now), 0))
			}
		}
		timer := time.NewTimer(sleep)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case paths := <-changes:
			timer.Stop()
			cause = changed(paths)
		case <-timer.C:
			now := opts.Now() // the wall clock, not the timer, says whether the moment came
			switch {
			case !next.IsZero() && !now.Before(next):
				cause = nextCause
			case !retryAt.IsZero() && !now.Before(retryAt):
				cause = "retry"
			}
		}
	}
}

func liftCause(lifting []site.Held) string {
	for _, h := range lifting {
		if h.Reason == site.HeldEmbargo {
			return "an embargo lifted"
		}
	}
	return "a scheduled moment"
}

// changed words the changed paths of a watch for the log.
func changed(paths []string) string {
	switch {
	case len(paths) > 3:
		return "changed: " + strings.Join(paths[:3], ", ") + " and " + strconv.Itoa(len(paths)-3) + " more"
	case len(paths) > 0:
		return "changed: " + strings.Join(paths, ", ")
	}
	return "changed"
}

func (o *PublishOptions) defaults() {
	if o.Now == nil {
		panic("deploy: PublishOptions.Now is required: the command line passes time.Now")
	}
	if o.Log == nil {
		o.Log = func(Event) {}
	}
	if o.MaxSleep <= 0 {
		o.MaxSleep = time.Minute
	}
	if o.Quiet <= 0 {
		o.Quiet = time.Second
	}
	if o.RetryFirst <= 0 {
		o.RetryFirst = 5 * time.Second
	}
	if o.RetryMax <= 0 {
		o.RetryMax = 5 * time.Minute
	}
}
