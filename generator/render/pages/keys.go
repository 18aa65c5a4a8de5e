package pages

import (
	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

// summaries are the pages that show a little of everything (home, the
// library with the kits' sizes) or depend on the build's moment (events):
// they are made again in every build rather than fingerprinted. Each is
// about half a millisecond at 100,000 releases, so a page that a key
// covers (404, topics) is not one: serve makes it again only when it
// changes.
var summaries = map[string]bool{"home": true, "assets": true,
	"events": true} // which lists events as of the build's moment

// keys fingerprints pages for one plan. What many pages share (layout,
// section, tag, microsite, feeds) is fingerprinted once per combination:
// ten thousand release pages differ only in their entry.
type keys struct {
	env      *render.Env
	contexts map[pageContext]uint64
	// cards is set when list pages show only their entries' cards, as
	// the embedded theme's do: a list is then keyed by the cards
	// (site.Entry.Card), and an edit of a body leaves it as it was. A
	// site's own layouts may show anything of an entry (its Version).
	cards bool
}

type pageContext struct {
	layout    string
	section   *site.Section
	tag       *site.Tag
	microsite *site.Microsite
	feeds     *FeedLink // the first of the page's feed links, which are shared per context
}

func newKeys(env *render.Env) *keys {
	return &keys{env: env, contexts: map[pageContext]uint64{}, cards: !env.Theme.OwnLayouts()}
}

// listed is what a list page's key takes of an entry it shows.
func (k *keys) listed(e *site.Entry) uint64 {
	if k.cards {
		return e.Card
	}
	return e.Version
}

// view fingerprints all a page shows: the site's chrome (env.SiteKey), its
// context, its own entry and the entries it lists (their cards, see
// keys.cards). Zero means "always render".
func (k *keys) view(v *View) uint64 {
	if k.env.SiteKey == 0 || summaries[v.Layout] {
		return 0
	}
	if v.Entry != nil {
		return k.entry(k.context(v), v.Entry) // an entry's page lists nothing
	}
	b := fingerprint.New("page").Num(k.context(v)).Str(v.Path).Str(v.Title).Str(v.Description)
	if v.Layout == "tags" {
		for _, t := range k.env.Site.Tags {
			b.Str(t.Name).Num(uint64(len(t.Entries))) // all the topics page shows
		}
	}
	if p := v.Pager; p != nil {
		b.Num(uint64(p.Number)).Num(uint64(p.Total))
		for _, e := range p.Entries {
			b.Num(k.listed(e))
		}
	}
	return b.Sum()
}

// entry fingerprints an entry's own page in a context whose fingerprint is
// known (ten thousand releases share theirs): the entry's Version covers
// its path, title and summary shown; an event's, whether it is under way
// or over at the build's moment. It is view's key for such a page, so
// that planning can find a page the last build made without a view.
func (k *keys) entry(context uint64, e *site.Entry) uint64 {
	if k.env.SiteKey == 0 {
		return 0
	}
	b := fingerprint.New("page").Num(context).Num(e.Version)
	if e.Section == "events" {
		b.Str(Status(k.env.Site, e)) // its page says whether it is under way or over
	}
	return b.Sum()
}

func (k *keys) context(v *View) uint64 {
	c := pageContext{layout: v.Layout, section: v.Section, tag: v.Tag, microsite: v.Microsite}
	if len(v.Feeds) > 0 {
		c.feeds = &v.Feeds[0]
	}
	if sum, ok := k.contexts[c]; ok {
		return sum
	}
	b := fingerprint.New("page context").Num(k.env.SiteKey).Bool(v.Serve).Str(v.Layout)
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
	for _, f := range v.Feeds {
		b.Str(f.Path).Str(f.Title)
	}
	k.contexts[c] = b.Sum()
	return k.contexts[c]
}
