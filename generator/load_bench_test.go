package generator_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/corpus"
)

// BenchmarkLoad reads a generated newsroom's content/ without a cache, as
// a build does: "text" is the corpus as generated (no body links the
// library), "prose" adds a sentence about assets and a percentage to every
// release (which must not cost a parse), "photos" adds a photo to every
// release's body, so that every body is parsed for its links.
//
//	go test -run '^$' -bench Load -benchmem ./generator/ [-large]
func BenchmarkLoad(b *testing.B) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchSizes() {
		root := generated(b, n)
		for _, kind := range []string{"text", "prose", "photos"} {
			add := map[string]string{"prose": "\nTotal assets rose 12% to EUR 2 billion.\n", "photos": "\n![The site](/assets/logos/halden.svg)\n"}[kind]
			for i := 0; i < n && add != ""; i++ {
				file, _ := corpus.Release(i)
				f, err := os.OpenFile(filepath.Join(root, file), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					b.Fatal(err)
				}
				fmt.Fprint(f, add)
				f.Close()
			}
			b.Run(fmt.Sprintf("releases=%d/%s", n, kind), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, err := content.Load(context.Background(), root, content.In(loc), nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
