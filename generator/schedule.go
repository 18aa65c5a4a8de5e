package generator

import (
	"context"
	"time"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/site"
)

// Schedule resolves the site at source as of at, rendering nothing: what
// it publishes, what it holds back and when that lifts (site.Site.Next),
// for `pressroom next` and for the warnings of a build as of a later
// moment. It reports every problem of the configuration and the content
// that a build would, load and resolve problems together.
func Schedule(ctx context.Context, source string, at time.Time) (*site.Site, error) {
	opts := Options{Source: source, At: at}
	cfg, err := loadConfig(opts)
	if err != nil {
		return nil, err
	}
	src, err := content.Load(ctx, source, cfg.Location, nil)
	if err != nil {
		return nil, resolveAnyway(cfg, src, opts, err)
	}
	return site.Resolve(cfg, src, site.Options{At: at})
}
