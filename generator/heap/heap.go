// Package heap is the memory policy of a build process: how far the Go
// collector lets the heap grow before it collects. It owns that one
// decision and nothing else; the command line applies it (the engine never
// sets process-wide settings).
//
// Left to itself (GOGC=100), the collector lets a build's short-lived
// buffers (pages in flight, image scaling, kits) pile up to twice the live
// heap: a 10,000-release build peaked near 400 MB where it needs 260 MB. A
// soft limit sized from the site keeps the peak down, but a limit that
// sits under the live heap makes the collector run without pause: a
// 30,000-release build then spent about 40 % of its time collecting, and
// took 4.4 times the 10,000 build's time for 3 times the work.
//
// So the policy is a limit that follows the heap: it starts from an
// estimate of what the site needs (Estimate), and after every collection
// in which the live heap came near the limit (within Headroom), the limit
// is raised to Growth times the live heap. A small site keeps its tight
// limit; a large one gets room in proportion to what it holds, and the
// collector's work stays in proportion to the build's. Past Ceiling the
// room shrinks (Tight), so that the largest newsrooms keep their peak near
// what they hold: 100,000 releases build in under 1.5 GiB.
package heap

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Base is what the program holds whatever the site: code, the theme, the
// storage drivers, the worker pool's buffers.
const Base = 96 << 20

// Estimate is the heap a build of a site with that much Markdown needs:
// the program, and three times the text. A build no longer holds the text
// itself for long (the Markdown is dropped once converted, and the HTML
// goes to a spill file, generator/spill), so most of that is room for what
// is in flight: pages, kits, the collector's slack. Measured on the
// generated newsroom at 1,000 and 10,000 releases; past that, the live heap
// grows faster than the text (entries, lists and tags), which Follow makes
// room for.
//
// A large site's estimate stops at Ceiling: three times the text of
// 100,000 releases is 1.6 GB where such a build holds about 800 MB, and
// room beyond twice what it holds only raises the peak. Follow still
// raises the limit over a live heap that comes near it.
func Estimate(markdown int64) int64 { return min(Base+3*markdown, Ceiling) }

// Ceiling is the most that Estimate gives: 1.4 GiB, which keeps the build
// of the generated 100,000-release newsroom under 1.5 GiB all told.
const Ceiling = 1400 << 20

// Headroom and Growth: when a collection leaves the live heap above
// Headroom times the limit (the collector would then run each time the
// heap grew by less than 43 % of what it holds), the limit becomes Growth
// times the live heap (75 %). At 10,000 releases the live heap peaks at
// about 0.36 of the estimate (95 MB of 253 MiB), so the estimate stands there.
//
// Tight is the room past Ceiling: a limit of 1.3 times the live heap, so
// that a build holding more than about 1.1 GB grows its limit with what it
// holds, no faster.
const (
	Headroom = 0.7
	Growth   = 1.75
	Tight    = 1.3
)

// Policy is a soft memory limit that follows the live heap. Make it with
// Follow; Stop ends it and puts back the limit that was before.
type Policy struct {
	limit   atomic.Int64
	stopped atomic.Bool
	before  int64
	once    sync.Once
	raised  atomic.Int64 // how often the limit was raised
}

// Follow sets a soft memory limit of start bytes and raises it, after any
// collection that leaves the live heap within reach of it, to Growth times
// the live heap. The limit is never lowered while the policy runs.
func Follow(start int64) *Policy {
	p := &Policy{before: debug.SetMemoryLimit(-1)}
	p.limit.Store(start)
	debug.SetMemoryLimit(start)
	p.arm()
	return p
}

// AtLeast raises the limit to n if it is lower: for a process that builds
// again (publish), whose site may have grown.
func (p *Policy) AtLeast(n int64) {
	for {
		limit := p.limit.Load()
		if n <= limit {
			return
		}
		if p.limit.CompareAndSwap(limit, n) {
			debug.SetMemoryLimit(n)
			return
		}
	}
}

// Limit is the limit now.
func (p *Policy) Limit() int64 { return p.limit.Load() }

// Raised is how often the limit was raised.
func (p *Policy) Raised() int { return int(p.raised.Load()) }

// Stop ends the policy and puts back the limit that was set before Follow.
func (p *Policy) Stop() {
	p.once.Do(func() {
		p.stopped.Store(true)
		debug.SetMemoryLimit(p.before)
	})
}

// sentinel is garbage made to be collected: its cleanup runs after the
// collection that found it unreachable, which is the policy's moment to
// look at the live heap, and then it makes the next one. It is larger
// than the tiny allocator's 16 bytes, so that it is collected on its own.
type sentinel struct{ _ [32]byte }

func (p *Policy) arm() {
	s := new(sentinel)
	runtime.AddCleanup(s, func(p *Policy) {
		if p.stopped.Load() {
			return
		}
		p.adjust(liveHeap())
		p.arm()
	}, p)
}

// adjust raises the limit when live comes within Headroom of it.
func (p *Policy) adjust(live int64) {
	limit := p.limit.Load()
	if live <= 0 || float64(live) < Headroom*float64(limit) {
		return
	}
	next := int64(math.Min(Growth*float64(live), math.MaxInt64/2))
	if next > Ceiling {
		// Past the ceiling the room shrinks to Tight: the collector runs
		// more often, never without pause, and the peak stays near what
		// the build holds.
		next = max(Ceiling, int64(math.Min(Tight*float64(live), math.MaxInt64/2)))
	}
	if next <= limit || !p.limit.CompareAndSwap(limit, next) {
		return
	}
	p.raised.Add(1)
	debug.SetMemoryLimit(next)
}

var liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
var liveMu sync.Mutex

// liveHeap is the heap that the last collection found reachable.
func liveHeap() int64 {
	liveMu.Lock()
	defer liveMu.Unlock()
	metrics.Read(liveSample)
	if liveSample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(liveSample[0].Value.Uint64())
}
