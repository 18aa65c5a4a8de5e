package serve_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/corpus"
)

var large = flag.Bool("large", false, "also benchmark a 10,000-release site")

// BenchmarkEditToServed measures what an author waits for: from saving a
// release of a generated newsroom to the browser being told to reload and
// the page being served with the edit, debounce included. "text" adds a
// sentence to the newest release (its page, the home page, /press/, its
// tags and every feed it is in change); "title" retitles it, which changes
// its front matter.
//
//	go test -run '^$' -bench EditToServed -benchtime 20x ./generator/serve [-large]
func BenchmarkEditToServed(b *testing.B) {
	sizes := []int{1000}
	if *large {
		sizes = append(sizes, 10000)
	}
	for _, n := range sizes {
		root := b.TempDir()
		if err := corpus.Generate(root, n); err != nil {
			b.Fatal(err)
		}
		source, page := corpus.Release(n - 1)
		original, err := os.ReadFile(filepath.Join(root, source))
		if err != nil {
			b.Fatal(err)
		}
		h := start(b, root)
		kinds := map[string]func(round int) (text, want string){
			"text": func(round int) (string, string) {
				marker := fmt.Sprintf("marker%dx%d", n, round)
				return string(original) + "\nThis sentence was added while editing, " + marker + ".\n", marker
			},
			"title": func(round int) (string, string) {
				title := fmt.Sprintf("Edition %d of %d", round, n)
				return retitle(string(original), title), title
			},
		}
		for _, kind := range []string{"text", "title"} {
			b.Run(fmt.Sprintf("releases=%d/%s", n, kind), func(b *testing.B) {
				editToServed(b, h, root, source, page, kinds[kind])
			})
		}
	}
}

// edits numbers every edit of a benchmark run, so that no two are alike:
// the framework calls a benchmark more than once, and an edit that writes
// what is there already changes no page and reloads none.
var edits int

// settle is the pause after each edit is served, longer than serve waits
// before collecting garbage.
const settle = 500 * time.Millisecond

func editToServed(b *testing.B, h *harness, root, source, page string, edit func(round int) (text, want string)) {
	ev := h.listen(page)
	var waits, builds []time.Duration
	for range b.N {
		edits++
		text, want := edit(edits)
		began := time.Now()
		writeFile(b, root, source, text)
		for {
			ev.wait("reload")
			if strings.Contains(h.page(page), want) {
				break
			}
		}
		waits = append(waits, time.Since(began))
		builds = append(builds, h.built(source).Duration)
		// An author reads the page before saving again; serve collects
		// garbage in that pause (collectAfter), not during the next build.
		b.StopTimer()
		time.Sleep(settle)
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(percentile(waits, 50), "p50-ms")
	b.ReportMetric(percentile(waits, 90), "p90-ms")
	b.ReportMetric(percentile(builds, 50), "build-p50-ms")
}

// retitle replaces the title line of a release's front matter.
func retitle(text, title string) string {
	start := strings.Index(text, "\ntitle: ") + 1
	end := start + strings.IndexByte(text[start:], '\n')
	return text[:start] + "title: " + fmt.Sprintf("%q", title) + text[end:]
}

// percentile of durations, in milliseconds.
func percentile(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	k := (len(s)*p + 99) / 100
	return float64(s[max(k-1, 0)].Microseconds()) / 1000
}
