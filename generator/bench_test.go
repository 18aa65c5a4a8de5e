package generator_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/corpus"
	"github.com/pressroom/pressroom/generator/output"
)

var (
	large = flag.Bool("large", false, "also benchmark a 10,000-release site")
	huge  = flag.Bool("huge", false, "also benchmark 30,000- and 100,000-release sites (minutes each, and gigabytes of disk and memory: never in CI)")
)

// benchSizes are the numbers of releases benchmarks build: 1,000; 10,000
// with -large; 30,000 and 100,000 with -huge.
func benchSizes() []int {
	sizes := []int{1000}
	if *large || *huge {
		sizes = append(sizes, 10000)
	}
	if *huge {
		sizes = append(sizes, 30000, 100000)
	}
	return sizes
}

// generated writes a generated newsroom of n releases into a temporary folder.
func generated(b *testing.B, n int) string { return generatedWith(b, n, corpus.Options{}) }

func generatedWith(b *testing.B, n int, opts corpus.Options) string {
	root := b.TempDir()
	if err := corpus.GenerateWith(root, n, opts); err != nil {
		b.Fatal(err)
	}
	return root
}

// translated is the share of releases the benchmarks of a bilingual
// newsroom translate into German, as issue 18 measures it.
var translated = corpus.Options{Translated: 0.2}

// BenchmarkBuild builds a generated newsroom into a folder, as `pressroom
// build` does, and reports the time per page written.
func BenchmarkBuild(b *testing.B) { benchmarkBuild(b, corpus.Options{}) }

// BenchmarkBuildTranslated is BenchmarkBuild of the same releases, a fifth
// of them also in German: a second language's home, lists, tags, feeds and
// kits besides the translations' own pages.
func BenchmarkBuildTranslated(b *testing.B) { benchmarkBuild(b, translated) }

func benchmarkBuild(b *testing.B, opts corpus.Options) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("releases=%d", n), func(b *testing.B) {
			root := generatedWith(b, n, opts)
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

// BenchmarkRebuild edits the newest release's text and rebuilds in memory
// with a watched cache, as serve does after a save: the rebuild refreshes
// the last build (its page, the home page, /press/, its tags, its feeds and
// kit) instead of building from nothing.
func BenchmarkRebuild(b *testing.B) { benchmarkRebuild(b, corpus.Options{}) }

// BenchmarkRebuildTranslation edits the German translation of the newest
// release of a bilingual newsroom.
func BenchmarkRebuildTranslation(b *testing.B) { benchmarkRebuild(b, translated) }

func benchmarkRebuild(b *testing.B, opts corpus.Options) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("releases=%d", n), func(b *testing.B) {
			root := generatedWith(b, n, opts)
			source, _ := corpus.Release(n - 1)
			if opts.Translated > 0 {
				source, _ = corpus.Translation(n - 1)
			}
			file := filepath.Join(root, source)
			original, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			cache := generator.NewWatchedCache()
			rebuild := func() *generator.Report {
				rep, err := generator.Build(context.Background(), generator.Options{Source: root, At: testAt,
					Out: output.NewMemory(), Serve: true, Cache: cache})
				if err != nil {
					b.Fatal(err)
				}
				return rep
			}
			rebuild()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				text := fmt.Sprintf("%s\nA sentence added in edit %d.\n", original, i)
				if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				cache.Changed(file)
				if rep := rebuild(); !rep.Refreshed {
					b.Fatal("the rebuild did not refresh the last build")
				}
			}
		})
	}
}
