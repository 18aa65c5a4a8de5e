package search_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render/search"
)

// BenchmarkIndex makes the index of the generated newsroom from nothing,
// as a build without a cache does: 1,000 releases, and 10,000 with -large.
func BenchmarkIndex(b *testing.B) {
	sizes := []int{1000}
	if *large {
		sizes = append(sizes, 10000)
	}
	for _, n := range sizes {
		b.Run("releases="+strconv.Itoa(n), func(b *testing.B) {
			root := generatedCorpus(b, n)
			rep, err := generator.Build(context.Background(), generator.Options{Source: root, At: testAt, Out: output.NewMemory()})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			var bytes, files int
			for range b.N {
				index, err := search.Files(rep.Site)
				if err != nil {
					b.Fatal(err)
				}
				bytes, files = 0, len(index)
				for _, data := range index {
					bytes += len(data)
				}
			}
			b.ReportMetric(float64(bytes), "index-bytes")
			b.ReportMetric(float64(files), "files")
		})
	}
}
