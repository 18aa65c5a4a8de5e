package serve

import (
	"context"
	"path/filepath"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/spill"
)

// Site is one complete build held in memory: what the server serves until
// the next good build is swapped in. It is never changed once built.
type Site struct {
	Files  *output.Memory
	Report *generator.Report
	id     string // the build id pages carry to the event stream
}

// request is one rebuild: what changed since Prev, the site being served.
type request struct {
	At      time.Time
	Full    bool     // anything may have changed: start, watcher error, embargo lift
	Lost    bool     // the watcher may have missed changes, so nothing cached is trusted
	Changes []string // source paths changed since Prev, relative to the site root
	Prev    *Site    // the site being served, or nil
	// Early, for the first build, hands its pages out while it runs.
	Early *early
}

// early is the first build while it runs: what a browser asks for before
// any site is served is written ahead of the rest and served from it
// (serveEarly), so that the preview opens once the site is planned
// rather than once all of it is written.
type early struct {
	demand *render.Demand
	id     string         // the build id the site will have once swapped in
	files  *output.Memory // set before demand is planned
}

// rebuilder makes a complete new Site for a request, never changing Prev's
// files. It may refresh Prev's resolved site (Report.Site) in place, which
// only the loop reads, before the next build.
type rebuilder interface {
	rebuild(ctx context.Context, req request) (*Site, error)
}

// cachedRebuild builds the site into memory for every change with one
// watched cache: an edit of an entry's own fields refreshes the last build,
// anything else builds again, reusing the parse, the Markdown and the
// outputs of what did not change.
type cachedRebuild struct {
	source  string
	baseURL string
	drafts  bool
	cache   *generator.Cache
	// disk keeps derivatives and kits in the user's cache folder, never in public/.
	disk diskcache.Dir
	kept time.Time // when disk last recorded what serve uses
	// pages holds the served pages, deflated (see pagesFile).
	pages  *spill.File
	loaded func(markdown int64) // Config.Loaded
}

func (b *cachedRebuild) rebuild(ctx context.Context, req request) (*Site, error) {
	if req.Lost {
		b.cache.Reset() // what changed is unknown: reuse nothing
	}
	for _, c := range req.Changes {
		b.cache.Changed(filepath.Join(b.source, filepath.FromSlash(c)))
	}
	out := output.NewMemory()
	out.SpillPages(b.pagesFile(req.Lost))
	var demand *render.Demand
	if req.Early != nil {
		req.Early.files, demand = out, req.Early.demand
	}
	rep, err := generator.Build(ctx, generator.Options{
		Demand:    demand,
		Source:    b.source,
		At:        req.At,
		Drafts:    b.drafts,
		BaseURL:   b.baseURL,
		Out:       out,
		Serve:     true,
		Cache:     b.cache,
		DiskCache: b.disk,
		Loaded:    b.loaded,
	})
	if err != nil {
		return nil, err
	}
	b.keepUses()
	return &Site{Files: out, Report: rep}, nil
}

// pagesFile returns the spill file that the served pages go to, out of
// the heap (100,000 releases: 530 MB deflated), made by the first build
// and anew when a rebuild starts from nothing; nil (the heap) when the
// temporary folder takes no file. Rebuilds append what they write: the
// file grows by an edit's pages, and the system frees it all when serve
// stops.
func (b *cachedRebuild) pagesFile(fresh bool) *spill.File {
	if b.pages == nil || fresh {
		b.pages, _ = spill.New("")
	}
	return b.pages
}

// keepUses records the disk cache entries serve used, after the first
// build and then hourly, so that a build pruning the cache meanwhile
// spares the kits the served site links to.
func (b *cachedRebuild) keepUses() {
	if time.Since(b.kept) < time.Hour {
		return
	}
	b.kept = time.Now()
	b.disk.Keep(diskcache.RecordName(b.source, b.baseURL, b.drafts))
}

// changedFiles counts the output files that differ between two builds:
// added, removed or with other bytes. A build that took over the files of
// prev only needs to compare those it wrote again.
func changedFiles(prev, next *Site) int {
	if prev == nil {
		return len(next.Report.Files)
	}
	if touched, ok := next.Files.Touched(); ok {
		n := 0
		for _, name := range touched {
			if !next.Files.Same(prev.Files, name) {
				n++
			}
		}
		return n
	}
	n := 0
	for _, name := range next.Report.Files {
		if !next.Files.Same(prev.Files, name) {
			n++
		}
	}
	for _, name := range prev.Report.Files {
		if _, ok := next.Files.File(name); !ok {
			n++
		}
	}
	return n
}
