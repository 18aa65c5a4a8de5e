package check

import (
	"context"
	"flag"
	"fmt"
	"testing"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/corpus"
	"github.com/pressroom/pressroom/generator/output"
)

var large = flag.Bool("large", false, "also benchmark a 10,000-release newsroom")

// BenchmarkCheck checks a generated newsroom: loading, resolving twice
// (as of the moment and with everything out), reading photo headers and
// every body's links, and the rules.
func BenchmarkCheck(b *testing.B) {
	sizes := []int{1000}
	if *large {
		sizes = append(sizes, 10000)
	}
	for _, n := range sizes {
		root := b.TempDir()
		if err := corpus.Generate(root, n); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("releases=%d", n), func(b *testing.B) {
			for b.Loop() {
				rep, err := Run(context.Background(), root, at)
				if err != nil {
					b.Fatal(err)
				}
				if len(rep.Errors) > 0 {
					b.Fatal(rep.Errors[0])
				}
				b.ReportMetric(float64(len(rep.Warnings)), "warnings")
			}
		})
	}
}

// BenchmarkCheckBesideServe checks a generated newsroom as serve does
// after a build: reading the parses and photo sizes of that build's cache.
func BenchmarkCheckBesideServe(b *testing.B) {
	sizes := []int{1000}
	if *large {
		sizes = append(sizes, 10000)
	}
	for _, n := range sizes {
		root := b.TempDir()
		if err := corpus.Generate(root, n); err != nil {
			b.Fatal(err)
		}
		cache := generator.NewWatchedCache()
		if _, err := generator.Build(context.Background(), generator.Options{Source: root, At: at, Out: output.NewMemory(), Serve: true, Cache: cache}); err != nil {
			b.Fatal(err)
		}
		session := NewSession(cache)
		b.Run(fmt.Sprintf("releases=%d", n), func(b *testing.B) {
			for b.Loop() {
				rep, err := session.Run(context.Background(), root, at)
				if err != nil {
					b.Fatal(err)
				}
				if len(rep.Errors) > 0 {
					b.Fatal(rep.Errors[0])
				}
			}
		})
	}
}
