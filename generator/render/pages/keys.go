package pages

import (
	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/render"
)

// summaries are the pages that show a little of everything (home, topics,
// the library, 404); they are cheap, so they are made again in every build
// rather than fingerprinted.
var summaries = map[string]bool{"home": true, "tags": true, "assets": true, "404": true}

// viewKey fingerprints all a page shows: the site's chrome (env.SiteKey),
// its own entry and the entries it lists. Zero means "always render".
func viewKey(env *render.Env, v *View) uint64 {
	if env.SiteKey == 0 || summaries[v.Layout] {
		return 0
	}
	b := fingerprint.New("page").Num(env.SiteKey).Bool(v.Serve).Str(v.Layout).Str(v.Path)
	if v.Entry != nil {
		b.Num(v.Entry.Version) // covers the title and summary shown
	} else {
		b.Str(v.Title).Str(v.Description)
	}
	if v.Microsite != nil {
		b.Num(v.Microsite.Version)
	}
	if v.Section != nil {
		b.Str(v.Section.Name)
		if v.Section.Intro != nil {
			b.Num(v.Section.Intro.Version)
		}
	}
	if v.Tag != nil {
		b.Str(v.Tag.Name)
	}
	if p := v.Pager; p != nil {
		b.Num(uint64(p.Number)).Num(uint64(p.Total))
		for _, e := range p.Entries {
			b.Str(e.Path).Num(e.Version)
		}
	}
	for _, f := range v.Feeds {
		b.Str(f.Path).Str(f.Title)
	}
	return b.Sum()
}
