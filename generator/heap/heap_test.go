package heap

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestAdjust(t *testing.T) {
	for _, c := range []struct {
		name              string
		limit, live, want int64
	}{
		{"far below the limit: unchanged", 1000, 100, 1000},
		{"just under headroom: unchanged", 1000, 699, 1000},
		{"at headroom: raised to growth times live", 1000, 700, 1225},
		{"above the limit: raised", 1000, 1500, 2625},
		{"no reading: unchanged", 1000, 0, 1000},
		{"growth would pass the ceiling: the ceiling", 1000 << 20, 900 << 20, Ceiling},
		{"at the ceiling, under tight room: unchanged", Ceiling, 1000 << 20, Ceiling},
		{"at the ceiling, live past it: tight room", Ceiling, 1200 << 20, 1560 << 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := &Policy{}
			p.limit.Store(c.limit)
			before := debug.SetMemoryLimit(-1)
			defer debug.SetMemoryLimit(before)
			p.adjust(c.live)
			if got := p.Limit(); got != c.want {
				t.Errorf("limit %d, live %d: limit now %d, want %d", c.limit, c.live, got, c.want)
			}
			if c.want != c.limit {
				if got := debug.SetMemoryLimit(-1); got != c.want {
					t.Errorf("the runtime's limit is %d, want %d", got, c.want)
				}
			}
		})
	}
}

// TestFollowRaisesTheLimitOverTheLiveHeap: a heap that grows past the
// start raises the limit after a collection, so the collector never runs
// against a limit under what the program holds; Stop puts the old one back.
func TestFollowRaisesTheLimitOverTheLiveHeap(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	p := Follow(8 << 20)
	held := make([][]byte, 0, 64)
	for range 64 {
		held = append(held, make([]byte, 256<<10)) // 16 MiB live, twice the start
	}
	deadline := time.Now().Add(10 * time.Second)
	for p.Raised() == 0 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(held)
	if p.Raised() == 0 {
		t.Fatalf("the limit stayed at %d with 16 MiB live", p.Limit())
	}
	if p.Limit() < 16<<20 {
		t.Errorf("limit %d, under the 16 MiB live heap", p.Limit())
	}
	if got := debug.SetMemoryLimit(-1); got != p.Limit() {
		t.Errorf("the runtime's limit is %d, the policy's %d", got, p.Limit())
	}
	p.Stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("after Stop the limit is %d, want the one before, %d", got, before)
	}
}

func TestEstimate(t *testing.T) {
	for _, c := range []struct {
		markdown, want int64
	}{
		{0, Base},
		{50 << 20, Base + 150<<20}, // 10,000 releases: about 253 MiB
		{525 << 20, Ceiling},       // 100,000 releases: three times the text would be 1.6 GiB
	} {
		if got := Estimate(c.markdown); got != c.want {
			t.Errorf("Estimate(%d MiB) = %d MiB, want %d MiB", c.markdown>>20, got>>20, c.want>>20)
		}
	}
}
