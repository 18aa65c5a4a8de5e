package markdown

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/markdown/guard"
)

// FuzzConvert converts anything: it must not panic, must not fail, and its
// HTML must stay within a fixed multiple of the body (plus what tables and
// link references may add), so no few bytes make a page of gigabytes.
func FuzzConvert(f *testing.F) {
	for _, h := range guard.Hostile {
		f.Add(h.Make(2_000))
	}
	for _, s := range []string{
		"# Northwind opens a plant\n\nKIEL — Northwind *opens* a [plant](../plant/) today.[^1]\n\n[^1]: Source.\n",
		"| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 |\n",
		"- a\n  - b\n    > c\n\n1. d\n2. e\n\n```go\nx := 1\n```\n",
		"[a]: /x \"T\"\n\n[a] [a][] [b][a] ![a]\n",
		"<div onclick=\"x()\">hi</div> <b>b</b> <!-- c --> ~~d~~ https://e.example www.f.example g@h.example\n",
		"Setext\n===\n\n\"Quotes\" -- and... 'single'\n",
	} {
		f.Add(s)
	}
	renderers := []*Renderer{New(false), New(true)}
	page, _ := url.Parse("https://news.example/press/new-plant/")
	f.Fuzz(func(t *testing.T, src string) {
		// A conversion that never ends would stall the fuzzer without a
		// word: after a minute, crash with the input, which the fuzzer keeps.
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(time.Minute):
				panic(fmt.Sprintf("conversion of %q runs for over a minute", src))
			}
		}()
		for _, r := range renderers {
			res, err := r.Convert([]byte(src), page, nil)
			if err != nil {
				t.Fatalf("%q: %v", src, err)
			}
			if limit := 100*len(src) + 10*guard.MaxPaddedCells + 4*guard.ReferenceBudget(len(src)); len(res.HTML) > limit {
				t.Fatalf("%d bytes of HTML from %d: %q", len(res.HTML), len(src), src)
			}
		}
	})
}
