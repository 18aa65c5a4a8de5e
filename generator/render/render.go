// Package render turns a resolved site into files. Each output kind (pages,
// feeds, sitemap, static files, ...) lives in its own sub-package and plans
// independent tasks; Run executes every task of every output on one bounded
// worker pool. Outputs share nothing mutable and only see the published site.
//
// A task may carry a key: a fingerprint of everything its files depend on,
// and then an ID, the name of the first file it writes. When Run is given
// the record of a previous build into memory in the same process (serve),
// the new build starts with that build's files: those of tasks whose ID it
// sees again with the same key are kept as they are, the others are
// forgotten and their tasks run. A rebuild after one edit thus renders a few
// tasks of forty thousand and copies none of the rest. When the build
// refreshes the previous one (Env.Changes), outputs plan only the tasks
// whose keys cover a changed entry, and Run keeps every other task of the
// previous build without looking at it.
//
// While a build into memory runs, a Demand (demand.go) can hand out its
// files: the task that writes a file asked for runs at once, ahead of its
// turn, and the build keeps what it wrote. serve opens the preview this way
// before its first build has finished.
package render

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/layered"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/site"
	"github.com/pressroom/pressroom/generator/theme"
)

// Env is what every output renders from.
type Env struct {
	Site   *site.Site
	Theme  *theme.Theme
	Source string // the site root, for copying source files
	Serve  bool   // pages get the live-reload script
	// MicrositeThemes are the themes of microsites that have their own; the
	// others use Theme.
	MicrositeThemes map[string]*theme.Theme
	// Images measures every published photo and plans its derivatives.
	Images images.Catalog
	// DiskCache keeps derivatives and kits for later builds ("" is off).
	DiskCache diskcache.Dir
	// SiteKey fingerprints what every page shows besides its own content:
	// configuration, theme, navigation. Zero disables reuse.
	SiteKey uint64

	// run is what the Env of every language shares while Run runs.
	run *running

	// Progress, when set, counts tasks planned and done, for a progress display.
	Progress *Progress
	// Fragments, when set, keeps encodings that outputs share (feed items)
	// from build to build (serve).
	Fragments *Memo[uint64, []byte]
	// Kept, when set, holds what outputs keep from build to build (serve).
	Kept *Kept
	// Changes, when set, is what a refresh changed since the build whose
	// record Run is given. An output may then leave out of its plan every
	// keyed task whose key covers none of the changed entries: Run keeps
	// those of the previous build as they were. Run clears it when it
	// cannot take over that build.
	Changes *site.Changes
	// Demand, when set, lets serve have files of the build while it runs
	// (see Demand).
	Demand *Demand
}

// running is the state of one Run, shared by the Envs of every language.
type running struct {
	sizes sync.Map // file name -> bytes, of every file written so far
	// ctx is the running build's: a task that works for long (a photo's
	// derivatives) stops at its next step once the build is cancelled.
	ctx atomic.Pointer[context.Context]
	// inherited holds the files taken over from the previous build.
	inherited *output.Memory
	// previous is the record of the build whose files this one takes over.
	previous *Record
}

// state is the Run's shared state, made on first use.
func (e *Env) state() *running {
	if e.run == nil {
		e.run = &running{}
	}
	return e.run
}

// For is the Env that renders language site s (one of e.Site.Languages):
// the same build, the same files written so far.
func (e *Env) For(s *site.Site) *Env {
	if s == e.Site {
		return e
	}
	e.state()
	l := *e
	l.Site = s
	return &l
}

// Progress counts a build's output tasks; it is safe to read while the
// build runs.
type Progress struct {
	Total, Done atomic.Int64
}

// Context is the running build's context: done when the build is
// cancelled (serve stopping), so that a long task can stop between steps.
func (e *Env) Context() context.Context {
	if e.run != nil {
		if ctx := e.run.ctx.Load(); ctx != nil {
			return *ctx
		}
	}
	return context.Background()
}

// Size returns the size of a file an earlier phase of the build wrote (a
// press kit, for the page that links it), or 0. A page a Demand runs ahead
// of its phase has the file's task run first.
func (e *Env) Size(name string) int64 {
	e.Demand.sized(name) // a page written ahead waits for its kit
	st := e.state()
	if n, ok := st.sizes.Load(name); ok {
		return n.(int64)
	}
	if st.inherited != nil {
		n, _ := st.inherited.Size(name)
		return n
	}
	return 0
}

// Reused reports whether the task id with key will be taken over from the
// last build instead of run: an output may then plan it without its Run.
func (e *Env) Reused(id string, key uint64) bool {
	prev := e.state().previous
	if prev == nil || key == 0 {
		return false
	}
	d, _ := prev.tasks.Get(id)
	return d.key == key
}

// Unchanged reports whether a refresh is planned and none of entries
// changed in it: an output may then leave out a task whose key covers only
// these entries.
func (e *Env) Unchanged(entries ...*site.Entry) bool {
	return e.Changes != nil && e.Changes.Unchanged(entries...)
}

// Changed yields the positions in list of the entries whose outputs a
// build makes: every position, or in a refresh those of the entries it
// changed, in order.
func (e *Env) Changed(list []*site.Entry) iter.Seq[int] {
	return func(yield func(int) bool) {
		if e.Changes == nil {
			for i := range list {
				if !yield(i) {
					return
				}
			}
			return
		}
		for _, i := range e.Changes.Within(list) {
			if !yield(i) {
				return
			}
		}
	}
}

// ChangedPages yields the numbers (from 1) of the list pages of list
// (site.PerPage entries to a page) that a build makes: every page, the
// first even of an empty list, or in a refresh those that show a changed
// entry. With cards, the pages show only the entries' cards
// (site.Entry.Card), which an edit of a body alone leaves as they were,
// and only a changed card counts.
func (e *Env) ChangedPages(list []*site.Entry, cards bool) iter.Seq[int] {
	return func(yield func(int) bool) {
		if e.Changes == nil {
			for n := range site.Pages(len(list)) {
				if !yield(n + 1) {
					return
				}
			}
			return
		}
		changed := e.Changes.Within
		if cards {
			changed = e.Changes.CardsWithin
		}
		last := 0
		for _, i := range changed(list) {
			if n := i/site.PerPage + 1; n != last {
				if !yield(n) {
					return
				}
				last = n
			}
		}
	}
}

// Room is the number of tasks an output makes room for when a full plan
// makes about n: n, or a few for a refresh, which plans only what its
// changes touch (at 100,000 releases, room for every page was 16 MB that
// each edit in serve allocated, cleared and dropped).
func (e *Env) Room(n int) int {
	if e.Changes != nil {
		return min(n, 16)
	}
	return n
}

// ThemeOf returns the theme a microsite's pages render with.
func (e *Env) ThemeOf(m *site.Microsite) *theme.Theme {
	if t := e.MicrositeThemes[m.Name]; t != nil {
		return t
	}
	return e.Theme
}

// Task writes one or more files through out.
type Task struct {
	// Key fingerprints all the task's inputs; zero means "always run".
	Key uint64
	// ID names a keyed task from build to build: the first file it writes.
	ID  string
	Run func(out output.Writer) error
	// Split, set on a task without a key that writes many files each of
	// which a later build plans as a keyed task of its own (the search
	// index's, written at once by the first build), gives each file's key:
	// the next build then takes over every file whose key it sees again,
	// instead of writing them all anew. A zero key records nothing.
	Split func(name string) uint64
}

// Always is a task without a key: it runs in every build.
func Always(run func(out output.Writer) error) Task { return Task{Run: run} }

// Output is one kind of output: it plans its tasks from the site.
type Output struct {
	Name string // "pages", "feeds", ... as the build report counts them
	Plan func(env *Env) []Task
	// Once is set for an output of the whole newsroom (the library, the
	// sitemap, vCards): it plans once, with the default language's site,
	// which lists every language's in Site.Languages. Any other output
	// plans once per language, each time with that language's site.
	Once bool
}

// Record says which files each task of a build wrote, so that the next
// build in the same process can take over those of tasks it plans again
// with the same ID and key, and write the rest anew.
type Record struct {
	mu    sync.Mutex
	tasks *layered.Map[string, done] // keyed tasks by ID
	// unkeyed are the files of tasks without a key, made again every build.
	unkeyed []string
	// siteKey is the build's Env.SiteKey: a refresh must see it again.
	siteKey uint64
	// Out holds the files; the next build inherits them from it.
	Out *output.Memory
}

// done is what a keyed task of a build wrote, and with what key.
type done struct {
	key   uint64
	names []string
}

func (r *Record) add(task Task, names []string) error {
	var keys []uint64
	if task.Key == 0 && task.Split != nil {
		keys = make([]uint64, len(names)) // asked before r is locked: Split takes its output's lock
		for i, name := range names {
			keys[i] = task.Split(name)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if keys != nil {
		for i, name := range names {
			if keys[i] != 0 {
				r.setLocked(name, done{keys[i], []string{name}})
			} else {
				r.unkeyed = append(r.unkeyed, name)
			}
		}
		return nil
	}
	if task.Key == 0 {
		r.unkeyed = append(r.unkeyed, names...)
		return nil
	}
	if len(names) == 0 || names[0] != task.ID {
		return fmt.Errorf("a task with ID %q wrote %q first (please report this)", task.ID, names)
	}
	r.setLocked(task.ID, done{task.Key, names})
	return nil
}

func (r *Record) setLocked(id string, d done) {
	if r.tasks == nil {
		r.tasks = &layered.Map[string, done]{}
	}
	r.tasks.Set(id, d)
}

// Stats counts what Run did.
type Stats struct {
	Ran, Reused int
	// Busy is the time tasks of each output spent working, summed over
	// workers: where a build's time goes, by kind of output.
	Busy map[string]time.Duration
}

// planned is a task with the output it belongs to.
type planned struct {
	Task
	output string
	reused bool
}

// Run plans every output, then runs the tasks of each phase in turn; within
// a phase, every task runs in parallel, GOMAXPROCS at a time, into out. A
// later phase may use what an earlier one wrote (Env.Size). With prev and
// an empty *output.Memory for out, out starts with prev's files: those of
// tasks prev ran with the same ID and key are kept, the others are
// forgotten and their tasks run; with env.Changes too, so are all those
// the plan leaves out. It returns the record of this build.
func Run(ctx context.Context, env *Env, phases [][]Output, out output.Writer, prev *Record) (*Record, Stats, error) {
	env.state()
	rec := &Record{siteKey: env.SiteKey}
	if mem, ok := out.(*output.Memory); ok {
		rec.Out = mem
	}
	stats := Stats{Busy: map[string]time.Duration{}}
	reuse := prev != nil && prev.Out != nil && rec.Out != nil
	if !reuse || prev.siteKey != env.SiteKey || env.SiteKey == 0 {
		env.Changes = nil // every task may differ from the previous build's
	}
	var inherited sync.WaitGroup
	if reuse {
		env.run.previous = prev
		// Copying the served build's file tables is independent of the plan.
		inherited.Go(func() { rec.Out.Inherit(prev.Out) })
	}
	plans := planAll(env, phases)
	inherited.Wait()
	switch {
	case reuse && env.Changes != nil:
		stats.Reused = patch(env, plans, prev, rec)
	case reuse:
		stats.Reused = takeOver(env, plans, prev, rec)
	}
	r := &runner{env: env, out: out, mem: rec.Out, rec: rec, stats: &stats}
	if env.Demand != nil && rec.Out != nil {
		env.Demand.open(plans, r)
	}
	defer env.run.ctx.Store(nil)
	for _, tasks := range plans {
		if err := r.phase(ctx, tasks); err != nil {
			return nil, stats, err
		}
	}
	return rec, stats, nil
}

// planAll plans every output of every phase, the outputs side by side:
// planning reads the site and writes nothing, and a rebuild that renders
// a few pages spends most of its time planning ten thousand.
func planAll(env *Env, phases [][]Output) [][]planned {
	lists := make([][][]Task, len(phases))
	var wg sync.WaitGroup
	for i, outputs := range phases {
		lists[i] = make([][]Task, len(outputs))
		for j, o := range outputs {
			wg.Go(func() {
				if o.Once || len(env.Site.Languages) < 2 {
					lists[i][j] = o.Plan(env)
					return
				}
				for _, s := range env.Site.Languages {
					lists[i][j] = append(lists[i][j], o.Plan(env.For(s))...)
				}
			})
		}
	}
	wg.Wait()
	plans := make([][]planned, len(phases))
	for i, outputs := range phases {
		n := 0
		for _, tasks := range lists[i] {
			n += len(tasks)
		}
		plans[i] = make([]planned, 0, n)
		for j, o := range outputs {
			for _, t := range lists[i][j] {
				plans[i] = append(plans[i], planned{Task: t, output: o.Name})
			}
		}
		if env.Progress != nil {
			env.Progress.Total.Add(int64(n))
		}
	}
	return plans
}

// takeOver keeps the files rec.Out inherited from prev of tasks planned
// again with the key prev ran them with and forgets the rest. It returns
// how many tasks it kept.
func takeOver(env *Env, plans [][]planned, prev, rec *Record) int {
	env.run.inherited = rec.Out
	rec.tasks = &layered.Map[string, done]{}
	for _, tasks := range plans {
		for i := range tasks {
			t := &tasks[i]
			if d, ok := prev.tasks.Get(t.ID); ok && t.Key != 0 && d.key == t.Key {
				t.reused = true
				rec.tasks.Set(t.ID, d)
			}
		}
	}
	for id, d := range prev.tasks.All() {
		if kept, ok := rec.tasks.Get(id); !ok || kept.key != d.key {
			forget(rec.Out, d.names)
		}
	}
	return endTakeOver(env, prev, rec)
}

// patch is takeOver for a refresh, whose plans hold only the tasks that may
// have changed: every other keyed task of prev is kept without a look. It
// returns how many tasks it kept.
func patch(env *Env, plans [][]planned, prev, rec *Record) int {
	env.run.inherited = rec.Out
	rec.tasks = prev.tasks.Fork()
	for _, tasks := range plans {
		for i := range tasks {
			t := &tasks[i]
			d, ok := prev.tasks.Get(t.ID)
			switch {
			case t.Key == 0 || !ok:
			case d.key == t.Key:
				t.reused = true
			default:
				forget(rec.Out, d.names)
				rec.tasks.Delete(t.ID)
			}
		}
	}
	return endTakeOver(env, prev, rec)
}

// endTakeOver ends a takeover: the files of prev's unkeyed tasks go, as those
// run again, and the tasks rec kept count as done.
func endTakeOver(env *Env, prev, rec *Record) int {
	forget(rec.Out, prev.unkeyed)
	if env.Progress != nil {
		env.Progress.Done.Add(int64(rec.tasks.Len()))
	}
	return rec.tasks.Len()
}

func forget(out *output.Memory, names []string) {
	for _, name := range names {
		out.Forget(name)
	}
}

// runner runs the tasks of one Run, from its phases' workers or, ahead of
// them, for a Demand's asker.
type runner struct {
	env   *Env
	out   output.Writer
	mem   *output.Memory // out, when it is a Memory
	rec   *Record
	mu    sync.Mutex // guards stats
	stats *Stats
}

// phase runs the tasks of one phase, GOMAXPROCS at a time, and waits for
// those a Demand's asker took (see Demand).
func (r *runner) phase(ctx context.Context, tasks []planned) error {
	env := r.env
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	env.run.ctx.Store(&ctx)
	var taken []*slot
	for i := range tasks {
		// The phase reads each task once and its slice lets go of it, so
		// that a task (its closure, its paths) is garbage once it has run
		// rather than at the end of the phase (at 100,000 releases the
		// plan is about 100 MB).
		task := tasks[i]
		tasks[i] = planned{}
		if task.reused {
			continue
		}
		s := env.Demand.ahead(task.ID)
		if s != nil && !s.claim() {
			taken = append(taken, s)
			continue
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			err := r.run(task)
			if s != nil {
				s.err = err
				close(s.done)
			}
			return err
		})
	}
	err := g.Wait()
	for _, s := range taken {
		<-s.done // its asker runs it now
		if err == nil {
			err = s.err
		}
	}
	return err
}

// run runs one task, counting it.
func (r *runner) run(task planned) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: internal error: %v (please report this with the site that caused it)", task.output, p)
		}
	}()
	env := r.env
	start := time.Now()
	err = runTask(env, task.Task, r.out, r.rec)
	if env.Progress != nil {
		env.Progress.Done.Add(1)
	}
	r.mu.Lock()
	r.stats.Busy[task.output] += time.Since(start)
	r.stats.Ran++
	r.mu.Unlock()
	return err
}

// runTask runs a task, recording the files it writes under its key.
func runTask(env *Env, task Task, out output.Writer, rec *Record) error {
	w := &recorder{Writer: out, sizes: &env.run.sizes}
	if err := task.Run(w); err != nil {
		return err
	}
	return rec.add(task, w.names)
}
