// Package render turns a resolved site into files. Each output kind (pages,
// feeds, sitemap, static files, ...) lives in its own sub-package and plans
// independent tasks; Run executes every task of every output on one bounded
// worker pool. Outputs share nothing mutable and only see the published site.
package render

import (
	"context"
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/site"
	"github.com/pressroom/pressroom/generator/theme"
)

// Env is what every output renders from and into.
type Env struct {
	Site   *site.Site
	Theme  *theme.Theme
	Out    output.Writer
	Source string // the site root, for copying source files
	Serve  bool   // pages get the live-reload script
	// MicrositeThemes are the themes of microsites that have their own; the
	// others use Theme.
	MicrositeThemes map[string]*theme.Theme
}

// ThemeOf returns the theme a microsite's pages render with.
func (e *Env) ThemeOf(m *site.Microsite) *theme.Theme {
	if t := e.MicrositeThemes[m.Name]; t != nil {
		return t
	}
	return e.Theme
}

// Task writes one or more files.
type Task func() error

// Output is one kind of output: it plans its tasks from the site.
type Output struct {
	Name string // "pages", "feeds", ... as the build report counts them
	Plan func(env *Env) []Task
}

// Counts is how many tasks of each output ran.
type Counts map[string]int

// Run plans every output and runs all their tasks in parallel, GOMAXPROCS at a time.
func Run(ctx context.Context, env *Env, outputs []Output) (Counts, error) {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	counts := Counts{}
	for _, o := range outputs {
		tasks := o.Plan(env)
		counts[o.Name] += len(tasks)
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
				return task()
			})
		}
	}
	return counts, g.Wait()
}
