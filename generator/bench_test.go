package generator_test

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/corpus"
)

var large = flag.Bool("large", false, "also benchmark a 10,000-release site")

// BenchmarkBuild builds a generated newsroom into a folder, as `pressroom
// build` does, and reports the time per page written.
func BenchmarkBuild(b *testing.B) {
	sizes := []int{1000}
	if *large {
		sizes = append(sizes, 10000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("releases=%d", n), func(b *testing.B) {
			root := b.TempDir()
			if err := corpus.Generate(root, n); err != nil {
				b.Fatal(err)
			}
			dest := filepath.Join(b.TempDir(), "public")
			b.ReportAllocs()
			b.ResetTimer()
			pages := 0
			for i := 0; i < b.N; i++ {
				rep, err := generator.Build(context.Background(), generator.Options{Source: root, Dest: dest, At: testAt})
				if err != nil {
					b.Fatal(err)
				}
				pages = rep.Pages
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*pages), "µs/page")
		})
	}
}
