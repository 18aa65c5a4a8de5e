package render

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/pressroom/pressroom/generator/output"
)

// Demand hands out files of a build into memory while it runs: serve's
// first build answers the page a browser asks for as soon as the site is
// planned, writing that page (and the kit it links, see Env.Size) ahead
// of the thousands queued before it, instead of after the whole site.
//
// A file handed out is the one the build keeps: the task that writes it
// first runs once, whoever runs it, and the build waits for it like any
// other. Only a task of the last phase (static files, which are refused
// where the build writes the same name, so must come after everything
// else) is not run ahead: it is run into a scratch output for the asker
// and again in its phase, as always.
//
// Make one with NewDemand, pass it as Env.Demand to one Run into an
// *output.Memory, and End it when the build ends, however it ends.
type Demand struct {
	planned chan struct{} // closed when Run has planned, or the build ended
	ended   chan struct{} // closed by End
	once    sync.Once     // closes planned
	end     sync.Once

	// Set by open before planned is closed, read only after; r is nil
	// when the build ended before it planned.
	slots map[string]*slot // by task ID
	r     *runner
}

// slot is one task a Demand may run ahead.
type slot struct {
	task  planned
	last  bool         // in the last phase: run for the asker into scratch, never ahead
	state atomic.Int32 // 0 waiting, 1 claimed
	done  chan struct{}
	err   error // set before done is closed
}

// claim reports whether the caller is the one to run the slot's task.
func (s *slot) claim() bool { return s.state.CompareAndSwap(0, 1) }

// NewDemand returns a Demand for one build.
func NewDemand() *Demand {
	return &Demand{planned: make(chan struct{}), ended: make(chan struct{})}
}

// Planned is closed once the build has planned its tasks (Want can then
// answer) or has ended without getting that far.
func (d *Demand) Planned() <-chan struct{} { return d.planned }

// End says the build is over: Want answers no more, and nobody waits for a
// task that will not run. It is safe to call more than once, and on nil.
func (d *Demand) End() {
	if d == nil {
		return
	}
	d.end.Do(func() { close(d.ended) })
	d.once.Do(func() { close(d.planned) })
}

// open makes the tasks of plans available to Want; every phase's runner
// then skips those an asker claimed, and waits for them.
func (d *Demand) open(plans [][]planned, r *runner) {
	d.slots = map[string]*slot{}
	for i, tasks := range plans {
		for _, t := range tasks {
			if t.ID == "" || t.reused || t.Run == nil {
				continue
			}
			d.slots[t.ID] = &slot{task: t, last: i == len(plans)-1 && len(plans) > 1, done: make(chan struct{})}
		}
	}
	d.r = r
	d.once.Do(func() { close(d.planned) })
}

// slot returns the slot of the task with ID id, or nil.
func (d *Demand) slot(id string) *slot {
	if d == nil {
		return nil
	}
	select {
	case <-d.planned:
	default:
		return nil // not planned yet: open may be filling the map
	}
	return d.slots[id] // nil when the build ended before it planned
}

// ahead returns the slot of the task with ID id when it may run ahead of
// its phase (any but the last), or nil.
func (d *Demand) ahead(id string) *slot {
	if s := d.slot(id); s != nil && !s.last {
		return s
	}
	return nil
}

// Want returns the file name of the running build, running the task that
// writes it first now unless a worker has started it, then waiting for it.
// ok is false when no task of the build begins with name, the build ended
// before the task ran, or the task failed: then the whole build's outcome
// answers for name. Call it after Planned is closed.
func (d *Demand) Want(ctx context.Context, name string) (data []byte, ok bool) {
	s := d.slot(name)
	if s == nil {
		return nil, false
	}
	select {
	case <-d.ended:
		return nil, false // the build's outcome answers now
	default:
	}
	if s.last {
		scratch := output.NewMemory()
		if err := s.task.Run(scratch); err != nil {
			return nil, false
		}
		return scratch.File(name)
	}
	if !d.ensure(ctx, s) {
		return nil, false
	}
	return d.r.mem.File(name)
}

// ensure runs s's task if nobody has claimed it, or waits until it is done,
// the build ends or ctx is done. It reports whether the task succeeded.
func (d *Demand) ensure(ctx context.Context, s *slot) bool {
	if s.claim() {
		select {
		case <-d.ended: // too late: the build will not take it any more
			return false
		default:
		}
		s.err = d.r.run(s.task)
		close(s.done)
		return s.err == nil
	}
	select {
	case <-s.done:
		return s.err == nil
	case <-d.ended:
		return false
	case <-ctx.Done():
		return false
	}
}

// sized makes sure the task that writes name first has run, when it is one
// of an earlier phase that nobody has started yet: a page run ahead reads
// the size of the kit it links (Env.Size).
func (d *Demand) sized(name string) {
	if s := d.ahead(name); s != nil {
		d.ensure(context.Background(), s)
	}
}
