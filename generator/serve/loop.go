package serve

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"time"

	"github.com/fsnotify/fsnotify"
)

// pending gathers what changed since the last build started.
type pending struct {
	full    bool
	lost    bool // the watcher may have missed changes: trust nothing cached
	reason  string
	sources map[string]bool // path -> it was first seen being created
}

func (p *pending) add(path, reason string, created bool) {
	if p.sources == nil {
		p.sources = map[string]bool{}
	}
	if _, seen := p.sources[path]; path != "" && !seen {
		p.sources[path] = created
	}
	if p.reason == "" {
		p.reason = reason
	}
}

func (p *pending) empty() bool { return !p.full && len(p.sources) == 0 && p.reason == "" }

// list returns the changed paths, sorted, leaving out transient files that
// appeared and vanished within the burst (an editor's or sed's temporary
// file before its rename over the real one).
func (p *pending) list(root string) []string {
	out := make([]string, 0, len(p.sources))
	for s, created := range p.sources {
		if created && !exists(filepath.Join(root, filepath.FromSlash(s))) {
			continue
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// outcome is a finished build, handed from its goroutine to the loop.
type outcome struct {
	req     request
	reason  string
	sources []string
	site    *Site
	err     error
	began   time.Time
}

// loop is the one goroutine that owns the build state: it drains the
// watcher, debounces with one resettable timer, runs one build at a time
// (changes during a build fold into the next) and schedules embargo lifts.
type loop struct {
	s        *Server
	next     pending
	debounce *time.Timer
	armed    bool // the debounce timer is running
	lift     *time.Timer
	liftAt   time.Time
	building bool
	first    bool // the next finished build is the first
	// earlyUsed is set once the first build has been given Server.early.
	earlyUsed bool
	done      chan outcome
	// read is what each file the last build was told had changed held
	// when it started. The second half of an editor's save (or of a
	// checkout) is often seen only after the build had read the file: an
	// event for a file that still holds those bytes starts no build.
	read map[string]stamp

	// The pre-flight check after builds (check.go).
	checkTimer  *time.Timer
	checkAt     time.Time          // the moment the armed check checks
	checkGen    int                // bumped by every change: older checks show nothing
	checkCancel context.CancelFunc // stops the running check
	checking    int                // checks whose goroutine has not reported (one at most)
	checkDue    bool               // the armed check waits for a cancelled one to end
	checked     chan checkOutcome
	checkBegan  time.Time // when the running check started
	// checkCost is how long the last complete check took, or a guess that
	// doubles with each later one a change stopped (see stopCheck): a check waits
	// for as long a quiet spell, so that on a site whose check takes
	// seconds (7 s at 100,000 releases) an author saving every few seconds
	// gets rebuilds that have the machine to themselves, and the check
	// once they pause.
	checkCost time.Duration

	// Collections between builds (see collect).
	collectTimer *time.Timer
	collecting   bool          // a collection runs
	collected    chan struct{} // it ended
}

func (s *Server) loop(ctx context.Context) {
	l := &loop{s: s, first: true, done: make(chan outcome, 1),
		debounce: stoppedTimer(), lift: stoppedTimer(), checkTimer: stoppedTimer(), checked: make(chan checkOutcome, 1),
		collectTimer: stoppedTimer(), collected: make(chan struct{}, 1)}
	defer l.debounce.Stop()
	defer l.collectTimer.Stop()
	defer l.lift.Stop()
	defer l.checkTimer.Stop()
	l.next = pending{full: true, reason: "start"}
	l.start(ctx)
	for l.step(ctx) {
	}
	if st := s.settling.Swap(nil); st != nil {
		close(st.done) // nothing more is built: held requests get the last build
	}
	if l.building {
		<-l.done // let the cancelled build end before the watcher closes
	}
	for ; l.checking > 0; l.checking-- {
		<-l.checked // and the cancelled check
	}
}

// step handles one thing that happened; it returns false when it is time to stop.
func (l *loop) step(ctx context.Context) bool {
	w := l.s.watch
	select {
	case <-ctx.Done():
		return false
	case ev, ok := <-w.events:
		if !ok {
			return false
		}
		changed, err := w.change(ev)
		if err != nil {
			l.s.warn(err)
		}
		for _, rel := range changed {
			l.next.add(rel, "edit", ev.Has(fsnotify.Create))
		}
		if len(changed) > 0 {
			l.stopCheck()
			l.arm()
			l.hold()
		}
	case err, ok := <-w.errors:
		if !ok {
			return false
		}
		l.watchTrouble(err)
	case <-l.debounce.C:
		l.armed = false
		l.maybeStart(ctx)
	case <-l.lift.C:
		l.stopCheck()
		l.liftAt = time.Time{}
		l.next.full = true
		l.next.add("", "embargo lift", false)
		l.maybeStart(ctx)
	case out := <-l.done:
		l.building = false
		l.finish(ctx, out)
		l.maybeStart(ctx)
	case <-l.checkTimer.C:
		l.startCheck(ctx)
	case out := <-l.checked:
		l.finishCheck(ctx, out)
	case <-l.collectTimer.C:
		l.collect()
	case <-l.collected:
		l.collecting = false
		if l.checkDue && l.checking == 0 {
			l.checkDue = false
			l.startCheck(ctx) // it waited for the collection
		}
	}
	l.release()
	return true
}

// watchTrouble handles an error from the watcher: events may be lost, so
// the watches are renewed and everything is rebuilt.
func (l *loop) watchTrouble(err error) {
	l.s.warn(fmt.Errorf("serve: the file watcher reported %w; rebuilding everything", err))
	if rerr := l.s.watch.rescan(); rerr != nil {
		l.s.warn(rerr)
	}
	l.next.full, l.next.lost = true, true
	l.next.add("", "watcher error", false)
	l.stopCheck()
	l.arm()
}

// arm (re)starts the debounce timer: a build starts once the site has
// been quiet for the debounce time, so a burst of writes is one build and
// the last write of it is always included.
func (l *loop) arm() {
	l.debounce.Reset(l.s.cfg.Debounce)
	l.armed = true
}

func (l *loop) maybeStart(ctx context.Context) {
	if l.building || l.armed || l.next.empty() || ctx.Err() != nil {
		return
	}
	if l.seen() {
		l.next = pending{} // the last build read these files as they are
		return
	}
	l.start(ctx)
}

// seen reports whether everything pending is edits of files that hold
// what the last build started from, so that building again would change
// nothing.
func (l *loop) seen() bool {
	n := l.next
	if n.full || n.lost || n.reason != "edit" {
		return false
	}
	// A file that appeared and vanished within the burst (an editor's
	// probe such as vim's 4913) is not in the list: nothing changed.
	for _, rel := range n.list(l.s.source) {
		was, ok := l.read[rel]
		if !ok || !was.known {
			return false
		}
		if now := stampOf(l.s.source, rel); now != was {
			return false
		}
	}
	return true
}

// maxStamped bounds how many changed files a build records stamps of:
// beyond it (a checkout), reading them all would delay the build.
const maxStamped = 64

// stamp is what a file held: its size, modification time and a hash of
// its bytes, or that it was missing. known is false when it could not be
// told (a folder, a file too large to hash at once, an error).
type stamp struct {
	known   bool
	missing bool
	size    int64
	mod     int64 // UnixNano
	sum     uint64
}

var stampSeed = maphash.MakeSeed()

func stampOf(root, rel string) stamp {
	file := filepath.Join(root, filepath.FromSlash(rel))
	info, err := os.Lstat(file)
	if errors.Is(err, fs.ErrNotExist) {
		return stamp{known: true, missing: true}
	}
	if err != nil || !info.Mode().IsRegular() || info.Size() > 16<<20 {
		return stamp{}
	}
	data, err := os.ReadFile(file)
	if err != nil || int64(len(data)) != info.Size() {
		return stamp{}
	}
	return stamp{known: true, size: info.Size(), mod: info.ModTime().UnixNano(), sum: maphash.Bytes(stampSeed, data)}
}

// start runs a build of everything pending in its own goroutine, so that
// the loop keeps draining the watcher while it runs.
func (l *loop) start(ctx context.Context) {
	req := request{At: l.s.cfg.Now(), Full: l.next.full, Lost: l.next.lost, Changes: l.next.list(l.s.source), Prev: l.s.current.Load()}
	reason, sources := l.next.reason, req.Changes
	l.read = nil
	if !req.Full && len(req.Changes) <= maxStamped {
		l.read = make(map[string]stamp, len(req.Changes))
		for _, rel := range req.Changes {
			l.read[rel] = stampOf(l.s.source, rel)
		}
	}
	if e := l.s.early.Load(); e != nil && req.Prev == nil && l.first && !l.earlyUsed {
		req.Early, l.earlyUsed = e, true
	}
	l.next = pending{}
	l.building = true
	go func() {
		began := time.Now()
		site, err := l.s.builder.rebuild(ctx, req)
		l.done <- outcome{req: req, reason: reason, sources: sources, site: site, err: err, began: began}
	}()
}

// finish swaps a good build in and then tells the browsers, or keeps the
// last good site and shows the errors.
func (l *loop) finish(ctx context.Context, out outcome) {
	if ctx.Err() != nil && (out.err == nil || errors.Is(out.err, context.Canceled)) {
		return // shutting down
	}
	if out.err != nil && out.req.Early != nil {
		l.s.gen++ // pages it handed out have its id: the next good build must differ
	}
	if out.err != nil && !l.next.empty() {
		// Files changed while it ran (an editor writes a file in steps,
		// a checkout many files): the build read a moment already past,
		// and the next one, which starts at once and rebuilds everything
		// (what this one was asked to cover included), speaks for the site.
		l.next.full = true
		return
	}
	res := Result{First: l.first, At: out.req.At, Err: out.err, Sources: out.sources, Reason: out.reason}
	l.first = false
	defer l.s.early.Store(nil) // once reported, the served site answers
	if out.err != nil {
		l.s.events.publish(l.s.events.build(), out.err.Error())
		res.Duration = time.Since(out.began)
		l.s.report(res)
		return
	}
	res.Report = out.site.Report
	res.Changed = l.s.swap(out.req.Prev, out.site)
	if l.next.empty() {
		l.armCheck(out.req.At) // what it finds stays shown while a later build fails
	}
	res.Duration = time.Since(out.began) // the swap and the reload included
	l.schedule(out.site)
	l.s.report(res)
	l.collectTimer.Reset(collectAfter)
}

// collectAfter is how long after a build serve collects garbage: long
// enough for the reloaded pages to be served first.
const collectAfter = 300 * time.Millisecond

// collect collects what the last build left behind (the site it replaced,
// its own scratch) once the browsers have had the new page, while the
// author reads it: otherwise the collector starts during a later rebuild,
// which then marks the whole site in memory beside its own work and takes
// several times as long. At 100,000 releases a collection takes about a
// second of one core; a check waits for it (startCheck), so that the two
// do not share the machine with the next rebuild, and a finished check is
// collected after in its turn. None runs while a build does: its finish
// asks for one.
func (l *loop) collect() {
	if l.collecting || l.building {
		return
	}
	l.collecting = true
	go func() {
		runtime.GC()
		l.collected <- struct{}{}
	}()
}

// schedule sets the lift timer for the moment the site next changes by
// itself: an embargo lifting or a scheduled date coming (site.Site.Next).
func (l *loop) schedule(site *Site) {
	at, _ := site.Report.Site.Next()
	if !l.s.cfg.At.IsZero() {
		at = time.Time{} // a preview of a fixed moment: its clock stands still
	}
	if at.Equal(l.liftAt) {
		return
	}
	l.liftAt = at
	l.lift.Stop()
	if at.IsZero() {
		return
	}
	wait := at.Sub(l.s.cfg.Now())
	if wait < 0 {
		wait = time.Second // the clock says it has lifted, the build disagreed: try again soon, not in a loop
	}
	l.lift.Reset(wait)
}

// swap makes next the served site, then tells the browsers. Unchanged
// output keeps its build id (nothing to reload) unless errors are showing.
func (s *Server) swap(prev, next *Site) int {
	changed := changedFiles(prev, next)
	if prev != nil && changed == 0 && s.events.errors() == "" {
		next.id = prev.id
	} else {
		s.gen++
		next.id = fmt.Sprintf("%s-%d", s.instance, s.gen)
	}
	s.current.Store(next)
	s.events.publish(next.id, "")
	return changed
}

func stoppedTimer() *time.Timer {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return t
}
