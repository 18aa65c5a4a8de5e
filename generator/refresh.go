package generator

import (
	"context"
	"path/filepath"
	"time"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
	"github.com/pressroom/pressroom/generator/theme"
)

// lastBuild is what a watched cache keeps of its last good build, for a
// rebuild that only refreshes the entries whose files were edited.
type lastBuild struct {
	made     madeWith
	site     *site.Site
	theme    *theme.Theme
	msThemes map[string]*theme.Theme
	images   images.Catalog
	bySource map[string]*site.Entry // published entries by their file
	report   *Report                // its report, whose counts a refresh takes over (Report.refinish)
}

func newLastBuild(opts Options, env *render.Env, rep *Report) *lastBuild {
	by := map[string]*site.Entry{}
	for _, e := range env.Site.Every() {
		by[e.Item.Source] = e
	}
	return &lastBuild{made: madeWithOf(opts), site: env.Site, theme: env.Theme,
		msThemes: env.MicrositeThemes, images: env.Images, bySource: by,
		report: rep}
}

// madeWith is what of a build's options a refresh of it must share: only
// those, not the options themselves, which hold what the build alone
// needed (serve's first build hands out files through a Demand that holds
// every task it planned, 60 MB at 100,000 releases).
type madeWith struct {
	source, baseURL string
	disk            diskcache.Dir
	drafts, serve   bool
}

func madeWithOf(opts Options) madeWith {
	return madeWith{source: opts.Source, baseURL: opts.BaseURL, disk: opts.DiskCache, drafts: opts.Drafts, serve: opts.Serve}
}

func (l *lastBuild) matches(opts Options) bool {
	return l.made == madeWithOf(opts) && opts.Out != nil
}

// refresh is the fast path of a rebuild in a watching process: when every
// file changed since the last good build is a published entry's own and
// each edit is site.Refreshable (its text, title, summary, ...), it applies
// them to the last build's site and renders what their fingerprints say
// changed, instead of loading, resolving and planning from nothing. It
// reports false when the edits need the full path, or when anything went
// wrong, so that the full path finds and reports it.
func refresh(ctx context.Context, opts Options, rep *Report) bool {
	c := opts.Cache
	last, edits := c.refreshable(opts)
	if last == nil {
		return false
	}
	rep.stage("load")
	for e := range edits {
		c.dropHTML(e.Item.Version, last.site.URL(e.Path), last.site.Config.Markup.Unsafe)
	}
	// From here on the last build's site is changed: if anything fails,
	// the cache must not offer it again.
	c.forgetLast()
	changed := last.site.Refresh(edits, opts.At)
	rep.stage("resolve")
	if err := convertMarkdown(ctx, last.site, changed.Edited, last.images, c, "", nil); err != nil { // edits need not outlive serve
		return false
	}
	changed.Converted() // which cards the new summaries changed
	rep.stage("markdown")
	env := newEnv(opts, last.site, last.theme, last.msThemes, last.images)
	env.Changes = changed // plan only what the changed entries are in
	// The kits of an edit in progress stay in memory: the disk cache would
	// gain an entry per save that no later build wants.
	env.DiskCache = ""
	names, err := write(ctx, opts, env, rep)
	if err != nil {
		return false
	}
	rep.stage("render and write")
	rep.refinish(last.report, names)
	last.report = rep
	c.keepLast(last) // the same site, refreshed
	rep.Refreshed = true
	return true
}

// refreshable returns the last build and the edits to apply to it when the
// fast path can take every pending change, else nil.
func (c *Cache) refreshable(opts Options) (*lastBuild, map[*site.Entry]*content.Item) {
	if c == nil || !c.watched {
		return nil, nil
	}
	c.mu.Lock()
	last, pending := c.last, c.pending
	c.mu.Unlock()
	if last == nil || len(pending) == 0 || !last.matches(opts) || lifts(last.site, opts.At) {
		return nil, nil
	}
	var entries []*site.Entry
	var items []*content.Item
	for abs := range pending {
		rel, err := filepath.Rel(opts.Source, abs)
		e := last.bySource[filepath.ToSlash(rel)]
		if err != nil || e == nil {
			return nil, nil // not a published entry's file: anything may follow from it
		}
		entries, items = append(entries, e), append(items, e.Item)
	}
	fresh, err := content.Reload(opts.Source, zonesOf(last.site.Config), &c.content, items)
	if err != nil {
		return nil, nil // the full path reports every problem of the site
	}
	edits := map[*site.Entry]*content.Item{}
	for i, e := range entries {
		if !site.Refreshable(e.Item, fresh[i]) {
			return nil, nil
		}
		edits[e] = fresh[i]
	}
	return last, edits
}

// lifts reports whether an item s holds back is published at at.
func lifts(s *site.Site, at time.Time) bool {
	return !s.NextLift.IsZero() && !at.Before(s.NextLift)
}
