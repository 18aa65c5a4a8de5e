package render

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/output"
)

// demandSite is three phases as the generator's: a kit and a slow task
// first, then a page that shows the kit's size, then a static file. The
// slow task holds its phase (and so the whole build) until release is
// closed; runs counts how often each task ran.
type demandSite struct {
	release chan struct{}
	fail    bool // the slow task fails once released
	mu      sync.Mutex
	runs    map[string]int
}

func (d *demandSite) ran(id string) {
	d.mu.Lock()
	d.runs[id]++
	d.mu.Unlock()
}

func (d *demandSite) phases() [][]Output {
	task := func(id string, run func(out output.Writer) error) Task {
		return Task{Key: 1, ID: id, Run: func(out output.Writer) error { d.ran(id); return run(out) }}
	}
	return [][]Output{
		{{Name: "kits", Once: true, Plan: func(*Env) []Task {
			return []Task{
				task("kit.zip", func(out output.Writer) error { return out.WriteFile("kit.zip", make([]byte, 1234)) }),
				task("slow.txt", func(out output.Writer) error {
					<-d.release
					if d.fail {
						return errors.New("slow: broken")
					}
					return out.WriteFile("slow.txt", []byte("slow"))
				}),
			}
		}}},
		{{Name: "pages", Once: true, Plan: func(env *Env) []Task {
			return []Task{task("press/a/index.html", func(out output.Writer) error {
				return out.WriteFile("press/a/index.html", fmt.Appendf(nil, "<p>kit of %d bytes</p>", env.Size("kit.zip")))
			})}
		}}},
		{{Name: "static", Once: true, Plan: func(*Env) []Task {
			return []Task{task("site.css", func(out output.Writer) error { return out.WriteFile("site.css", []byte("body{}")) })}
		}}},
	}
}

// runDemanded starts a Run of site with a Demand and returns it with the
// channel that gets Run's error.
func runDemanded(t *testing.T, d *demandSite) (*Demand, *output.Memory, chan error) {
	t.Helper()
	demand, mem := NewDemand(), output.NewMemory()
	done := make(chan error, 1)
	go func() {
		_, _, err := Run(context.Background(), &Env{Demand: demand}, d.phases(), mem, nil)
		demand.End() // as generator.Build does, however the build ends
		done <- err
	}()
	select {
	case <-demand.Planned():
	case <-time.After(30 * time.Second):
		t.Fatal("the build did not plan")
	}
	return demand, mem, done
}

// TestDemandRunsAhead: a page asked for while an earlier phase is still
// running is written at once, after the kit it shows the size of, and the
// build then runs every task once and keeps the very same file.
func TestDemandRunsAhead(t *testing.T) {
	d := &demandSite{release: make(chan struct{}), runs: map[string]int{}}
	demand, mem, done := runDemanded(t, d)
	ctx := context.Background()

	page, ok := demand.Want(ctx, "press/a/index.html")
	if !ok || string(page) != "<p>kit of 1234 bytes</p>" {
		t.Fatalf("Want(page) = %q, %v; want the page with its kit's size", page, ok)
	}
	if css, ok := demand.Want(ctx, "site.css"); !ok || string(css) != "body{}" {
		t.Fatalf("Want(site.css) = %q, %v", css, ok)
	}
	if _, ok := mem.File("site.css"); ok {
		t.Error("a static file was written ahead of its phase: it must come after everything the build writes")
	}
	if _, ok := demand.Want(ctx, "nothing.html"); ok {
		t.Error("Want answered a file no task writes")
	}
	select {
	case err := <-done:
		t.Fatalf("the build ended while its slow task was held: %v", err)
	default:
	}

	close(d.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"kit.zip", "slow.txt", "press/a/index.html"} {
		if d.runs[id] != 1 {
			t.Errorf("%s ran %d times; want once", id, d.runs[id])
		}
	}
	if d.runs["site.css"] != 2 {
		t.Errorf("site.css ran %d times; want twice (for the asker, then in its phase)", d.runs["site.css"])
	}
	if got, _ := mem.File("press/a/index.html"); string(got) != string(page) {
		t.Errorf("the build kept %q; the asker got %q", got, page)
	}
	if _, ok := demand.Want(ctx, "press/a/index.html"); ok {
		t.Error("Want answered after the build ended: the finished build answers then")
	}
}

// TestDemandBuildFails: once a build has failed, askers are not kept
// waiting and get nothing; tasks it never reached are not run for them.
func TestDemandBuildFails(t *testing.T) {
	d := &demandSite{release: make(chan struct{}), fail: true, runs: map[string]int{}}
	demand, _, done := runDemanded(t, d)
	close(d.release)
	if err := <-done; err == nil {
		t.Fatal("the build succeeded; its slow task fails")
	}
	var answered atomic.Bool
	got := make(chan struct{})
	go func() {
		_, ok := demand.Want(context.Background(), "press/a/index.html")
		answered.Store(ok)
		close(got)
	}()
	select {
	case <-got:
	case <-time.After(30 * time.Second):
		t.Fatal("Want waited after the build had failed")
	}
	if answered.Load() {
		t.Error("Want handed out a page of a failed build")
	}
	if d.runs["press/a/index.html"] != 0 {
		t.Error("a page of the failed build's next phase was run after it ended")
	}
}

// TestDemandNil: a Run without a Demand, and a nil Demand's End, work as
// before.
func TestDemandNil(t *testing.T) {
	var demand *Demand
	demand.End()
	d := &demandSite{release: make(chan struct{}), runs: map[string]int{}}
	close(d.release)
	mem := output.NewMemory()
	if _, _, err := Run(context.Background(), &Env{}, d.phases(), mem, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := mem.File("press/a/index.html"); string(got) != "<p>kit of 1234 bytes</p>" {
		t.Errorf("page = %q", got)
	}
}
