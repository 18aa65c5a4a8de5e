package markdown

import (
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator/markdown/guard"
)

// TestHostileMarkdownIsConverted converts each hostile body at 64 KB,
// where goldmark alone took from seconds to minutes for most; a regression
// shows as this test taking that long.
func TestHostileMarkdownIsConverted(t *testing.T) {
	r := New(false)
	for _, h := range guard.Hostile {
		src := h.Make(64_000)
		res, err := r.Convert([]byte(src), nil, nil)
		if err != nil {
			t.Errorf("%s: %v", h.Name, err)
			continue
		}
		if len(res.HTML) == 0 || len(res.HTML) > 16*len(src)+guard.ReferenceBudget(len(src)) {
			t.Errorf("%s: %d bytes of HTML from %d", h.Name, len(res.HTML), len(src))
		}
	}
}

func BenchmarkHostileMarkdown(b *testing.B) {
	r := New(false)
	for _, h := range guard.Hostile {
		src := []byte(h.Make(256_000))
		b.Run(strings.ReplaceAll(h.Name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := r.Convert(src, nil, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
