package serve

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/check"
)

// The pre-flight beside the preview: after each good build, once the site
// has been quiet for CheckAfter, serve runs `pressroom check` over the same
// moment and shows what it found, in the terminal (Config.OnCheck) and in
// the open pages (a collapsed list below the errors, if any). A check
// reads the parses of serve's own builds (generator.Cache.Preflight), so
// it reads only what changed; it runs in its own goroutine, and anything
// that changes stops it at its next step, so that the rebuild an author
// waits for has the machine.

// CheckAfter is how long after a build serve waits for quiet before it
// checks the site. A check of a large site costs more than a rebuild of
// one edit (a quarter of a second at 10,000 releases, against tens of
// milliseconds), and a save while it runs cancels it: a short wait, once
// the reloaded page has been served, has it done before the next save
// usually comes. Where a check takes longer than longCheck, serve waits as
// long as the last one took (7 s at 100,000 releases) before it starts the
// next. It begins after the collection that follows a build
// (collectAfter), or after it ends where it takes longer, and a finished
// check is collected after in its turn (see loop.collect).
const CheckAfter = 400 * time.Millisecond

// Checked is one finished pre-flight of the served site.
type Checked struct {
	At       time.Time     // the moment checked: the last build's
	Report   *check.Report // its findings; the build's own errors included
	Duration time.Duration
}

// checkOutcome is a finished check, handed from its goroutine to the loop.
type checkOutcome struct {
	gen    int // which check this was; only the latest is shown
	result Checked
	err    error
}

// preflight runs the pre-flight as of at beside the builds of cache.
func preflight(source string, cache *generator.Cache) func(context.Context, time.Time) (*check.Report, error) {
	session := check.NewSession(cache)
	return func(ctx context.Context, at time.Time) (*check.Report, error) {
		return session.Run(ctx, source, at)
	}
}

// armCheck asks for a check of the site as of at once it has been quiet
// for CheckAfter, or, where a check takes longer than longCheck, for as
// long as it takes (see checkCost).
func (l *loop) armCheck(at time.Time) {
	if l.s.checker == nil {
		return
	}
	l.stopCheck()
	l.checkAt = at
	wait := l.s.cfg.CheckAfter
	if l.checkCost > longCheck {
		wait = max(wait, l.checkCost)
	}
	l.checkTimer.Reset(wait)
}

// longCheck is the cost past which a check waits for as long as it takes
// (see armCheck). A shorter one, started soon, is usually done before the
// next save (10,000 releases: half a second to a second, with the
// collection after the build): waiting its length would only move it
// into the moment of that save.
var longCheck = 2 * time.Second

// maxCheckGuess bounds how far stopped checks double the guess of what a
// check costs (see stopCheck), so that an author who pauses for half a
// minute gets a check, however often one was stopped before.
const maxCheckGuess = 30 * time.Second

// stopCheck forgets a pending check and cancels a running one: something
// changed, and the build that follows arms a new one.
func (l *loop) stopCheck() {
	l.checkTimer.Stop()
	l.checkDue = false
	l.checkGen++
	if l.checkCancel != nil {
		l.checkCancel()
		l.checkCancel = nil
		// It would have taken longer than it ran, by how much nothing
		// says: it counts as twice its run so far and twice the guess
		// before it, so that after a few stopped checks the next waits
		// for a quiet spell longer than the saves' spacing, until one
		// ends and says what it costs. (Counted as long as it ran, saves
		// a second or two apart at 100,000 releases stopped a check half
		// a second in after every build, beside every rebuild.)
		l.checkCost = max(min(2*l.checkCost, maxCheckGuess), 2*time.Since(l.checkBegan))
	}
}

// startCheck runs the armed check in its own goroutine, unless a build is
// running or waiting (the next build arms it again), or a cancelled check
// or a collection has not ended yet (it starts when that one ends).
func (l *loop) startCheck(ctx context.Context) {
	if l.building || l.armed || !l.next.empty() || ctx.Err() != nil {
		return
	}
	if l.checking > 0 || l.collecting {
		l.checkDue = true
		return
	}
	cctx, cancel := context.WithCancel(ctx)
	l.checkCancel, l.checkBegan = cancel, time.Now()
	l.checking++
	gen, at := l.checkGen, l.checkAt
	go func() {
		defer cancel()
		began := time.Now()
		rep, err := l.s.checker(cctx, at)
		l.checked <- checkOutcome{gen: gen, result: Checked{At: at, Report: rep, Duration: time.Since(began)}, err: err}
	}()
}

// finishCheck shows what the latest check found; a check that was
// cancelled, or that something changed after, shows nothing.
func (l *loop) finishCheck(ctx context.Context, out checkOutcome) {
	l.checking--
	defer func() {
		if l.checkDue && !l.collecting { // armed while this one, cancelled, was ending
			l.checkDue = false
			l.startCheck(ctx)
		}
	}()
	if out.gen != l.checkGen || out.err != nil {
		if out.err != nil && out.gen == l.checkGen && !isCancel(out.err) {
			l.s.warn(fmt.Errorf("serve: the pre-flight check failed: %w", out.err))
		}
		return
	}
	l.checkCancel = nil
	l.checkCost = out.result.Duration
	l.collect()
	l.s.events.warn(overlayText(out.result.Report))
	if l.s.cfg.OnCheck != nil {
		l.s.cfg.OnCheck(out.result)
	}
}

func isCancel(err error) bool { return errors.Is(err, context.Canceled) }

// maxShown bounds the findings a page lists; the rest are counted.
const maxShown = 50

// overlayText is what the pages list of a check: a first line that counts
// (the list's title), then one finding a line. A check runs after good
// builds only, so its errors are its own (a misspelt rule in [check]
// ignore); while a later build fails, the pages show its errors above
// what the check of the served build found.
func overlayText(rep *check.Report) string {
	list := append(append([]check.Finding{}, rep.Errors...), rep.Warnings...)
	errs := len(rep.Errors)
	if len(list) == 0 {
		return ""
	}
	var b strings.Builder
	var counts []string
	if errs > 0 {
		counts = append(counts, plural(errs, "error"))
	}
	if n := len(rep.Warnings); n > 0 {
		counts = append(counts, plural(n, "warning"))
	}
	fmt.Fprintf(&b, "pressroom check: %s", strings.Join(counts, " and "))
	for i, f := range list {
		if i == maxShown {
			fmt.Fprintf(&b, "\n… and %d more: run `pressroom check` to see them all", len(list)-maxShown)
			break
		}
		line := f.Problem().Error()
		if f.Rule != "" {
			line += " [" + f.Rule + "]"
		}
		b.WriteString("\n" + strings.ReplaceAll(line, "\n", " "))
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
