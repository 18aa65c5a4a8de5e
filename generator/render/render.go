// Package render turns a resolved site into files. Each output kind (pages,
// feeds, sitemap, static files, ...) lives in its own sub-package and plans
// independent tasks; Run executes every task of every output on one bounded
// worker pool. Outputs share nothing mutable and only see the published site.
//
// A task may carry a key: a fingerprint of everything its files depend on.
// When Run is given the record of a previous build in the same process (serve)
// and that build ran a task with the same key, the task's files are taken
// over from it instead of being rendered again.
package render

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/images"
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

	sizes sync.Map // file name -> bytes, of every file written so far

	// Progress, when set, counts tasks planned and done, for a progress display.
	Progress *Progress
}

// Progress counts a build's output tasks; it is safe to read while the
// build runs.
type Progress struct {
	Total, Done atomic.Int64
}

// Size returns the size of a file an earlier phase of the build wrote (a
// press kit, for the page that links it), or 0.
func (e *Env) Size(name string) int64 {
	if n, ok := e.sizes.Load(name); ok {
		return n.(int64)
	}
	return 0
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
	Run func(out output.Writer) error
}

// Always is a task without a key: it runs in every build.
func Always(run func(out output.Writer) error) Task { return Task{Run: run} }

// Output is one kind of output: it plans its tasks from the site.
type Output struct {
	Name string // "pages", "feeds", ... as the build report counts them
	Plan func(env *Env) []Task
}

// Record says which files each keyed task of a build wrote, so that the
// next build in the same process can take them over.
type Record struct {
	mu    sync.Mutex
	files map[uint64][]string
	// Out holds the files; Run reads reused files from it.
	Out *output.Memory
}

func (r *Record) add(key uint64, names []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.files == nil {
		r.files = map[uint64][]string{}
	}
	r.files[key] = names
}

func (r *Record) lookup(key uint64) ([]string, bool) {
	if r == nil || r.Out == nil || key == 0 {
		return nil, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	names, ok := r.files[key]
	return names, ok
}

// Stats counts what Run did.
type Stats struct {
	Ran, Reused int
	// Busy is the time tasks of each output spent working, summed over
	// workers: where a build's time goes, by kind of output.
	Busy map[string]time.Duration
}

// Run runs the outputs of each phase in turn; within a phase, every task of
// every output runs in parallel, GOMAXPROCS at a time, into out. A later
// phase may use what an earlier one wrote (Env.Size). With prev, tasks whose
// key prev knows are taken over from prev.Out (out must then be a
// *output.Memory). It returns the record of this build.
func Run(ctx context.Context, env *Env, phases [][]Output, out output.Writer, prev *Record) (*Record, Stats, error) {
	rec := &Record{}
	if mem, ok := out.(*output.Memory); ok {
		rec.Out = mem
	}
	stats := Stats{Busy: map[string]time.Duration{}}
	for _, outputs := range phases {
		if err := runPhase(ctx, env, outputs, out, prev, rec, &stats); err != nil {
			return nil, stats, err
		}
	}
	return rec, stats, nil
}

func runPhase(ctx context.Context, env *Env, outputs []Output, out output.Writer, prev, rec *Record, stats *Stats) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	for _, o := range outputs {
		tasks := o.Plan(env)
		if env.Progress != nil {
			env.Progress.Total.Add(int64(len(tasks)))
		}
		for _, task := range tasks {
			g.Go(func() (err error) {
				if err := ctx.Err(); err != nil {
					return err
				}
				defer func() {
					if p := recover(); p != nil {
						err = fmt.Errorf("%s: internal error: %v (please report this with the site that caused it)", o.Name, p)
					}
				}()
				start := time.Now()
				reused, err := runTask(env, task, out, prev, rec)
				if env.Progress != nil {
					env.Progress.Done.Add(1)
				}
				mu.Lock()
				stats.Busy[o.Name] += time.Since(start)
				if reused {
					stats.Reused++
				} else {
					stats.Ran++
				}
				mu.Unlock()
				return err
			})
		}
	}
	return g.Wait()
}

// runTask takes a task's files over from prev when it can, else runs it,
// recording the files it writes under its key.
func runTask(env *Env, task Task, out output.Writer, prev, rec *Record) (reused bool, err error) {
	if names, ok := prev.lookup(task.Key); ok && rec.Out != nil {
		for _, name := range names {
			if err := rec.Out.AdoptFrom(prev.Out, name); err != nil {
				return true, err
			}
			size, _ := prev.Out.Size(name)
			env.sizes.Store(name, size)
		}
		rec.add(task.Key, names)
		return true, nil
	}
	w := &recorder{Writer: out, sizes: &env.sizes}
	if err := task.Run(w); err != nil {
		return false, err
	}
	if task.Key != 0 {
		rec.add(task.Key, w.names)
	}
	return false, nil
}
