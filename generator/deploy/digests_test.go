package deploy_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/deploy"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/output"
)

// readCounter is a build that counts the files a plan reads.
type readCounter struct {
	*output.Memory
	mu   sync.Mutex
	read []string
}

func (r *readCounter) File(name string) ([]byte, bool) {
	r.mu.Lock()
	r.read = append(r.read, name)
	r.mu.Unlock()
	return r.Memory.File(name)
}

// TestUnchangedKitsAreComparedWithoutReading: kits are most of a
// newsroom's bytes and are links to the disk cache; once their MD5 is
// known (the table of the cache), a deploy with nothing changed compares
// them by the listing alone and reads none, and still finds an edited one.
func TestUnchangedKitsAreComparedWithoutReading(t *testing.T) {
	bothTargets(t, func(t *testing.T, tg target) {
		site := newSite(t, tg.url, "")
		cache := diskcache.Dir(t.TempDir())
		mem := output.NewMemory()
		if _, err := generator.Build(context.Background(), generator.Options{Source: site, At: at, Out: mem, DiskCache: cache}); err != nil {
			t.Fatal(err)
		}
		var kits []string
		for _, name := range mem.Names() {
			if _, linked := mem.Linked(name); linked && strings.HasSuffix(name, ".zip") {
				kits = append(kits, name)
			}
		}
		if len(kits) < 2 {
			t.Fatalf("the build links %d kits from the cache", len(kits))
		}
		ctx := context.Background()
		deployOnce := func(files deploy.Files) *deploy.Plan {
			t.Helper()
			target, err := deploy.Open(ctx, config.Target{Name: "production", URL: tg.url})
			if err != nil {
				t.Fatal(err)
			}
			defer target.Close()
			digests := cache.MD5s()
			p, err := deploy.NewPlan(ctx, target, files, deploy.PlanOptions{Digests: digests})
			if err != nil {
				t.Fatal(err)
			}
			digests.Save()
			if _, err := deploy.Apply(ctx, p, fast); err != nil {
				t.Fatal(err)
			}
			return p
		}
		deployOnce(mem)
		// A kit made within the last two seconds may still change within
		// its file system's clock tick: its MD5 is used, not kept. Older,
		// as the kits of a real newsroom are, the next deploy keeps them.
		time.Sleep(2100 * time.Millisecond)
		deployOnce(mem)
		counted := &readCounter{Memory: mem}
		hashed := diskcache.Hashed()
		p := deployOnce(counted)
		if n := diskcache.Hashed() - hashed; n != 0 {
			t.Errorf("the kits were hashed again (%d files) although the table knew them", n)
		}
		if len(p.Uploads) != 0 {
			t.Fatalf("nothing changed, yet %d uploads", len(p.Uploads))
		}
		for _, name := range counted.read {
			if strings.HasSuffix(name, ".zip") {
				t.Errorf("an unchanged kit was read: %s", name)
			}
		}
	})
}
