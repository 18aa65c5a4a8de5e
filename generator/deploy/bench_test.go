package deploy_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/corpus"
	"github.com/pressroom/pressroom/generator/deploy"
	"github.com/pressroom/pressroom/generator/deploy/deploytest"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/output"
)

var large = flag.Bool("large", false, "also benchmark a 10,000-release newsroom")

func benchSizes() []int {
	if *large {
		return []int{1000, 10000}
	}
	return []int{1000}
}

// benchAt is the moment the generated newsroom is built as of.
var benchAt = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// BenchmarkDeploy deploys a generated newsroom, built into memory once (as
// deploy builds it, kits linked from a disk cache), to a file:// folder and
// to the S3 test server: a first deploy to an empty target, a deploy with
// nothing changed, and deploys after one edit of the newest release (each
// iteration toggles the edit, so each uploads what one edit changes). It
// reports the objects uploaded per deploy and the peak heap.
func BenchmarkDeploy(b *testing.B) {
	for _, n := range benchSizes() {
		root := b.TempDir()
		if err := corpus.Generate(root, n); err != nil {
			b.Fatal(err)
		}
		cache := b.TempDir()
		source, _ := corpus.Release(n - 1)
		file := filepath.Join(root, source)
		original, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		builds := [2]*output.Memory{buildBench(b, root, cache)}
		os.WriteFile(file, append(append([]byte{}, original...), "\nA sentence added in an edit.\n"...), 0o644)
		builds[1] = buildBench(b, root, cache)
		os.WriteFile(file, original, 0o644)
		s := deploytest.New(b)
		for _, kind := range []string{"file", "s3"} {
			newTarget := func(b *testing.B) config.Target {
				if kind == "file" {
					return config.Target{Name: "bench", URL: "file://" + filepath.ToSlash(b.TempDir())}
				}
				name := fmt.Sprintf("bucket-%d", bucketSeq.Add(1))
				s.CreateBucket(b, name)
				return config.Target{Name: "bench", URL: s.BucketURL(name)}
			}
			prefix := fmt.Sprintf("releases=%d/target=%s", n, kind)
			b.Run(prefix+"/first", func(b *testing.B) {
				var uploaded int
				peak := measure(b, func() {
					uploaded = deployOnce(b, newTarget(b), builds[0], cache)
				})
				report(b, uploaded, peak)
			})
			b.Run(prefix+"/nochange", func(b *testing.B) {
				tc := newTarget(b)
				deployOnce(b, tc, builds[0], cache)
				var uploaded int
				peak := measure(b, func() { uploaded = deployOnce(b, tc, builds[0], cache) })
				if uploaded != 0 {
					b.Fatalf("a deploy of nothing new uploaded %d", uploaded)
				}
				report(b, uploaded, peak)
			})
			b.Run(prefix+"/oneedit", func(b *testing.B) {
				tc := newTarget(b)
				deployOnce(b, tc, builds[0], cache)
				i := 0
				var uploaded int
				peak := measure(b, func() {
					i++
					uploaded = deployOnce(b, tc, builds[i%2], cache)
				})
				report(b, uploaded, peak)
			})
		}
	}
}

var bucketSeq atomic.Int64

func buildBench(b *testing.B, root, cache string) *output.Memory {
	mem := output.NewMemory()
	if _, err := generator.Build(context.Background(), generator.Options{Source: root, At: benchAt, Out: mem, DiskCache: diskcache.Dir(cache)}); err != nil {
		b.Fatal(err)
	}
	return mem
}

// deployOnce plans and applies one deploy of mem to the target, with the
// MD5s of the kits known from cache as a deploy knows them, and returns
// the objects it uploaded.
func deployOnce(b *testing.B, tc config.Target, mem *output.Memory, cache string) int {
	ctx := context.Background()
	tg, err := deploy.Open(ctx, tc)
	if err != nil {
		b.Fatal(err)
	}
	defer tg.Close()
	digests := diskcache.Dir(cache).MD5s()
	p, err := deploy.NewPlan(ctx, tg, mem, deploy.PlanOptions{Digests: digests})
	if err != nil {
		b.Fatal(err)
	}
	digests.Save()
	res, err := deploy.Apply(ctx, p, deploy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return res.Uploaded
}

// measure times b.N runs of f and returns the peak heap in use while they
// ran, sampled every 10 ms.
func measure(b *testing.B, f func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f()
	}
	b.StopTimer()
	close(stop)
	<-sampled
	return peak.Load()
}

func report(b *testing.B, uploaded int, peak uint64) {
	b.ReportMetric(float64(uploaded), "uploads")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
