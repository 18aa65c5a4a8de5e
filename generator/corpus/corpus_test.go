package corpus

import (
	"testing"
	"time"
)

// TestReleaseDays checks that every release of the sizes benchmarks build,
// up to 250,000, is dated in order and before the moment they build at:
// a later date would hold it back as scheduled publishing, and the
// benchmark would measure a smaller site than it says.
func TestReleaseDays(t *testing.T) {
	at := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	for _, n := range []int{1000, 10000, 12000, 12001, 30000, 100000, 250000} {
		if last := releaseDay(n - 1); !last.Before(at) {
			t.Errorf("%d releases: the newest is dated %s, after the benchmarks' moment %s", n, last, at)
		}
	}
	for i := 1; i < 250000; i++ {
		if !releaseDay(i).After(releaseDay(i - 1)) {
			t.Fatalf("release %d is dated %s, not after release %d's %s", i, releaseDay(i), i-1, releaseDay(i-1))
		}
	}
	if got, want := releaseDay(9999), time.Date(2004, 1, 5, 9, 0, 0, 0, time.UTC).Add(9999*16*time.Hour); !got.Equal(want) {
		t.Errorf("release 9999 is dated %s, want %s: the first 12,000 keep their dates and file names", got, want)
	}
}
