package generator

import (
	"context"
	"time"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/render/pages"
	"github.com/pressroom/pressroom/generator/site"
	"github.com/pressroom/pressroom/generator/theme"
)

// Schedule resolves the site at source as of at, rendering nothing: what
// it publishes, what it holds back and when that lifts (site.Site.Next),
// for `pressroom next` and for the warnings of a build as of a later
// moment. It reports every problem of the configuration and the content
// that a build would, load and resolve problems together.
func Schedule(ctx context.Context, source string, at time.Time) (*site.Site, error) {
	s, _, err := schedule(ctx, source, at, nil)
	return s, err
}

func schedule(ctx context.Context, source string, at time.Time, parses *content.Cache) (*site.Site, *content.Source, error) {
	opts := Options{Source: source, At: at}
	cfg, err := loadConfig(opts)
	if err != nil {
		return nil, nil, err
	}
	src, err := content.Load(ctx, source, zonesOf(cfg), parses)
	if err != nil {
		return nil, src, resolveAnyway(cfg, src, opts, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, src, err
	}
	s, err := site.Resolve(cfg, src, site.Options{At: at})
	return s, src, err
}

// Preflighted is a site as `pressroom check` reads it: loaded and resolved,
// rendering nothing, once as of a moment and once with everything out.
type Preflighted struct {
	// Source is what loaded; on errors, what could be read (or nil).
	Source *content.Source
	// Site is the site as of the moment, as a build then publishes it.
	Site *site.Site
	// Whole is the site with every item out, drafts too, and every embargo
	// lifted: each entry as it will be when it goes out, with its references
	// resolved. What Site holds back (Site.Held) says when.
	Whole *site.Site
	// Images are the pixel sizes of every JPEG and PNG of Whole, by path.
	Images images.Catalog
	// SVGScripts and NoSidecar are the build's own warnings (see
	// svgWarnings, photoWarnings), over every file of Whole and without
	// a bound on their number.
	SVGScripts, NoSidecar []diag.Problem
}

// farFuture is a moment after every embargo and date a site holds.
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// Preflight loads and resolves the site at source as of at, as Schedule
// does, and reports what a build as of at would reject: the problems of
// the configuration, the theme, the content and its references, and of
// photo headers (those of held photos too: they are rejected when they go
// out). On error, the Preflighted holds what loaded, if anything.
func Preflight(ctx context.Context, source string, at time.Time) (*Preflighted, error) {
	return (*Cache)(nil).Preflight(ctx, source, at)
}

// Preflight is Preflight beside the builds of c in the same process
// (serve): it reads the parses and photo sizes they made instead of
// reading every file again, and changes nothing of c, so it may run while
// they do. A nil c reads everything.
func (c *Cache) Preflight(ctx context.Context, source string, at time.Time) (*Preflighted, error) {
	s, src, err := schedule(ctx, source, at, c.contentCache().View())
	out := &Preflighted{Source: src, Site: s}
	if s != nil {
		_, themeErr := theme.Load(source, s.Config.Theme, pages.Funcs())
		_, msErr := micrositeThemes(source, s)
		err = joinProblems(themeErr, msErr)
	}
	if err != nil {
		return out, err
	}
	if err := ctx.Err(); err != nil {
		return out, err
	}
	whole, err := site.Resolve(s.Config, src, site.Options{At: farFuture, Drafts: true})
	if err != nil {
		return out, err
	}
	out.Whole = whole
	sizes := c.imageSizes()
	if sizes == nil {
		sizes = &images.Sizes{}
	}
	_, nowErr := images.Inspect(source, s, sizes)
	cat, wholeErr := images.Inspect(source, whole, sizes)
	if nowErr != nil {
		return out, nowErr
	}
	if wholeErr != nil {
		return out, wholeErr
	}
	out.Images = cat
	out.SVGScripts = svgWarnings(source, whole, "")
	out.NoSidecar = photosWithoutSidecar(whole)
	return out, nil
}
