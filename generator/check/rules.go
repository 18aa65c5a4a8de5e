package check

import (
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/mediatype"
	"github.com/pressroom/pressroom/generator/render/pages"
	"github.com/pressroom/pressroom/generator/site"
	"github.com/pressroom/pressroom/generator/suggest"
	"github.com/pressroom/pressroom/generator/theme"
)

// Rule is one thing a careful editor looks for. Its id names it in
// config.toml's [check] ignore, a file's checkIgnore and every warning.
type Rule struct {
	ID   string
	What string // what it catches, in a few words
	find func(*checker)
}

// Limits the rules hold releases and photos to.
const (
	MaxHeadline  = 110  // characters: wires and search results cut a headline about there
	MaxSummary   = 300  // characters: a summary is the release in two sentences
	MinPhotoSide = 1600 // pixels on the long side: what print editors ask of a press photo
	MaxDateDrift = 7    // days between a file name's date and its front matter date
)

// Rules are every rule check applies, in the order they run.
var Rules = []Rule{
	{"missing-summary", "a release without summary", missingSummary},
	{"missing-contacts", "a release without media contacts", missingContacts},
	{"missing-location", "a release without a dateline city", missingLocation},
	{"long-headline", fmt.Sprintf("a headline over %d characters", MaxHeadline), longHeadline},
	{"long-summary", fmt.Sprintf("a summary over %d characters", MaxSummary), longSummary},
	{"missing-sidecar", "a published photo without a sidecar (the build's own warning)", missingSidecar},
	{"missing-alt", "a photo shown on a page whose sidecar has no alt text", missingMeta("alt", "alt text", `alt: "what the photo shows, for readers who cannot see it"`)},
	{"missing-credit", "a photo shown on a page whose sidecar has no credit", missingMeta("credit", "credit", `credit: "Photo: NAME"`)},
	{"missing-license", "a photo shown on a page whose sidecar has no licence", missingMeta("license", "licence", `license: "Free for editorial use"`)},
	{"short-photo", fmt.Sprintf("a press photo under %d px on its long side", MinPhotoSide), shortPhoto},
	{"svg-logo-only", "an SVG organisation logo without a raster copy (logoRaster, or a PNG or JPEG of its name beside it)", svgLogoOnly},
	{"svg-script", "an SVG that holds scripts (the build's own warning)", svgScript},
	{"broken-link", "a link in a body to a page or file the site does not have", brokenLink},
	{"held-link", "a link in a body to a page or file held longer than the page", heldLink},
	{"embargo-before-date", "an embargo earlier than the date", embargoBeforeDate},
	{"asset-held-longer", "an asset or cited literature held longer than the item that shows it", assetHeldLonger},
	{"date-far-from-filename", fmt.Sprintf("a date more than %d days from the file name's", MaxDateDrift), dateFarFromFilename},
	{"translation-held-longer", "a translation whose own embargo or date is earlier than the item it translates, which holds it", translationHeldLonger},
	{"missing-translation-string", "a language of the site whose words the theme lacks (they show in English)", missingTranslationString},
}

func ruleByID(id string) *Rule {
	for i := range Rules {
		if Rules[i].ID == id {
			return &Rules[i]
		}
	}
	return nil
}

func ruleIDs() []string {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	return ids
}

// nearestRule is the rule id that id is a slip of, or "".
func nearestRule(id string) string {
	if near := suggest.Nearest(id, ruleIDs()); near != "" {
		return near
	}
	fold := strings.ToLower(strings.ReplaceAll(id, "_", "-"))
	for _, r := range Rules {
		if strings.Contains(r.ID, fold) && len(id) >= 4 {
			return r.ID
		}
	}
	return ""
}

// releases are the press releases of the site, held ones and drafts too.
func (c *checker) releases() []*content.Item {
	var out []*content.Item
	for _, it := range c.pre.Source.Items {
		if it.Section == "press" && !it.Index && it.Microsite == "" {
			out = append(out, it)
		}
	}
	return out
}

func missingSummary(c *checker) {
	for _, it := range c.releases() {
		if strings.TrimSpace(it.Front.Summary) == "" {
			c.warn(it.Source, it.Front.Line("title"), "no summary: add summary: with the news in one or two sentences (lists, feeds and search results show it; without it they take the first paragraph)")
		}
	}
}

func missingContacts(c *checker) {
	for _, it := range c.releases() {
		if len(it.Front.Contacts) == 0 {
			c.warn(it.Source, it.Front.Line("title"), "no media contact: add contacts: [%s] with the ids of [[contacts]] in config.toml, so that a journalist knows whom to call", c.someContact())
		}
	}
}

func (c *checker) someContact() string {
	if cs := c.pre.Site.Config.Contacts; len(cs) > 0 {
		return cs[0].ID
	}
	return "press"
}

func missingLocation(c *checker) {
	for _, it := range c.releases() {
		if strings.TrimSpace(it.Front.Location) == "" {
			c.warn(it.Source, it.Front.Line("title"), "no dateline: add location: with the city the news comes from, such as location: BERLIN")
		}
	}
}

func longHeadline(c *checker) {
	for _, it := range c.releases() {
		if n := utf8.RuneCountInString(it.Front.Title); n > MaxHeadline {
			c.warn(it.Source, it.Front.Line("title"), "the headline is %d characters: wires and search results cut it after about %d; shorten it, and put the detail in subtitle:", n, MaxHeadline)
		}
	}
}

func longSummary(c *checker) {
	for _, it := range c.releases() {
		if n := utf8.RuneCountInString(strings.TrimSpace(it.Front.Summary)); n > MaxSummary {
			c.warn(it.Source, it.Front.Line("summary"), "the summary is %d characters: keep it under %d, the news in one or two sentences (the body tells the rest)", n, MaxSummary)
		}
	}
}

func missingSidecar(c *checker) { c.problems(c.pre.NoSidecar) }

func svgScript(c *checker) { c.problems(c.pre.SVGScripts) }

// shown is a photo that some page shows: listed in its assets, its image,
// or linked or embedded in its body.
type shown struct {
	file  *site.Asset
	on    *site.Entry // the first page that shows it
	pages int         // how many pages show it
	press *site.Entry // the first press release that shows it, or nil
}

// shownPhotos lists every photo (a raster image) some page of the whole
// site shows, by file.
func (c *checker) shownPhotos() []*shown {
	by := map[*content.Asset]*shown{}
	var out []*shown
	add := func(a *site.Asset, e *site.Entry) {
		if a == nil || !photo(a.Name) {
			return
		}
		s := by[a.Asset]
		if s == nil {
			s = &shown{file: a, on: e}
			by[a.Asset] = s
			out = append(out, s)
		}
		if s.on != e {
			s.pages++
		}
		if s.press == nil && e.Section == "press" {
			s.press = e
		}
	}
	for _, e := range c.pre.Whole.Every() {
		for _, a := range e.Assets {
			add(a, e)
		}
		add(e.Image, e)
	}
	t := c.targets()
	for _, l := range c.links {
		if tg, found, _ := t.find(l.path); found && tg.file != nil {
			add(tg.file, l.from)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file.Source < out[j].file.Source })
	return out
}

// photo reports whether name is a raster image, which needs alt text,
// credit and licence.
func photo(name string) bool {
	return mediatype.IsImage(name) && !strings.EqualFold(path.Ext(name), ".svg")
}

// where names the page that shows a photo, and how many more do.
func (c *checker) where(s *shown, e *site.Entry) string {
	out := c.pre.Whole.Href(e.Path)
	if s.pages > 0 && e == s.on {
		out += fmt.Sprintf(" and %d more %s", s.pages, map[bool]string{true: "page", false: "pages"}[s.pages == 1])
	}
	return out
}

// missingMeta is the rule for a sidecar key every shown photo needs. A
// photo without a sidecar at all is missing-sidecar's.
func missingMeta(key, what, example string) func(*checker) {
	return func(c *checker) {
		for _, s := range c.shownPhotos() {
			a := s.file
			if a.Sidecar == "" {
				continue
			}
			value := map[string]string{"alt": a.Meta.Alt, "credit": a.Meta.Credit, "license": a.Meta.License}[key]
			if strings.TrimSpace(value) == "" {
				c.warn(a.Sidecar, 1, "%s is shown on %s without %s: add %s", path.Base(a.Source), c.where(s, s.on), what, example)
			}
		}
	}
}

func shortPhoto(c *checker) {
	for _, s := range c.shownPhotos() {
		if s.press == nil {
			continue
		}
		info, ok := c.pre.Images[s.file.Path]
		if !ok {
			continue // not a JPEG or PNG, which are measured
		}
		if long := max(info.Width, info.Height); long < MinPhotoSide {
			file := s.file.Source
			if s.file.Sidecar != "" {
				file = s.file.Sidecar // where checkIgnore can silence it
			}
			c.warn(file, 0, "%s is %d × %d px, shown with the release %s: a press photo needs at least %d px on its long side to print; replace it with a larger original",
				path.Base(s.file.Source), info.Width, info.Height, c.pre.Whole.Href(s.press.Path), MinPhotoSide)
		}
	}
}

func svgLogoOnly(c *checker) {
	org := c.pre.Site.Config.Organization
	if !strings.EqualFold(path.Ext(org.Logo), ".svg") || org.LogoRaster != "" {
		return // a logoRaster that names no file is the build's error
	}
	if c.pre.Site.LogoRaster != nil || (c.pre.Whole != nil && c.pre.Whole.LogoRaster != nil) {
		return // a PNG or JPEG of the logo's name beside it
	}
	stem := strings.TrimSuffix(org.Logo, path.Ext(org.Logo))
	c.warn("config.toml", org.LogoLine, "the logo %s is an SVG, which social networks and mail clients do not show, so pages without a photo are shared with no picture: add a PNG of it, content/assets/%s.png, or name one with logoRaster = \"logos/….png\" under [organization]", org.Logo, stem)
}

// targets indexes the whole site by path, once.
func (c *checker) targets() *targets {
	if c.index == nil {
		derived := map[string]string{}
		for p, info := range c.pre.Images {
			for _, v := range info.Variants {
				derived[v.Path] = p
			}
		}
		static := func(p string) bool {
			_, err := os.Lstat(filepath.Join(c.source, "static", filepath.FromSlash(strings.TrimSuffix(p, "/"))))
			return err == nil && p != ""
		}
		c.index = newTargets(c.pre.Whole, derived, static)
	}
	return c.index
}

func brokenLink(c *checker) {
	t := c.targets()
	for _, l := range c.links {
		if _, found, known := t.find(l.path); !found && known {
			c.warn(l.from.Item.Source, l.line, "the link %s leads nowhere: the site has no page or file at /%s; correct the address, or remove the link", l.dest, l.path)
		}
	}
}

func heldLink(c *checker) {
	t := c.targets()
	for _, l := range c.links {
		tg, found, _ := t.find(l.path)
		if !found || tg.other {
			continue
		}
		from := c.lifts.entry(l.from)
		var to lift
		what := ""
		if tg.file != nil {
			to, what = c.lifts.asset(tg.file, tg.entry), tg.file.Source
		} else {
			to, what = c.lifts.entry(tg.entry), tg.entry.Item.Source
		}
		if to.later(from) {
			c.warn(l.from.Item.Source, l.line, "the link %s leads to %s, which is held %s, longer than this page (out %s): it would lead nowhere until then; hold this page as long, or link something public",
				l.dest, what, to.in(c.pre.Site), from.in(c.pre.Site))
		}
	}
}

func embargoBeforeDate(c *checker) {
	loc := c.pre.Site.Config.Location
	for _, it := range c.pre.Source.Items {
		f := &it.Front
		if !f.Embargo.IsZero() && !f.Date.IsZero() && f.Embargo.Before(f.Date) {
			c.warn(it.Source, f.Line("embargo"), "the embargo (%s) is earlier than the date (%s): the item is held until its date anyway; set the embargo to the moment it may go out, or correct the date",
				f.Embargo.In(loc).Format("2 Jan 2006 15:04"), f.Date.In(loc).Format("2 Jan 2006 15:04"))
		}
	}
}

func assetHeldLonger(c *checker) {
	s := c.pre.Site
	for _, e := range c.pre.Whole.Every() {
		out := c.lifts.entry(e)
		check := func(key, what string, to lift) {
			if to.later(out) {
				c.warn(e.Item.Source, e.Item.Front.Line(key), "%s is held %s, longer than this item (out %s): it would be missing when this goes out; lift its hold as early, or hold this as long",
					what, to.in(s), out.in(s))
			}
		}
		for _, a := range e.Assets {
			check("assets", a.Source, c.lifts.asset(a, e))
		}
		if e.Image != nil {
			key := "image"
			if e.Item.Index && e.Item.Microsite != "" && e.Item.Front.Logo != "" {
				key = "logo"
			}
			check(key, e.Image.Source, c.lifts.asset(e.Image, e))
		}
		for _, lit := range e.Literature {
			check("literature", lit.Item.Source, c.lifts.entry(lit))
		}
	}
}

func dateFarFromFilename(c *checker) {
	loc := c.pre.Site.Config.Location
	for _, it := range c.pre.Source.Items {
		if _, written := it.Front.Lines["date"]; !written || it.Front.Date.IsZero() {
			continue
		}
		file, what := path.Base(it.Source), "file"
		if it.Bundle != "" {
			file, what = path.Base(it.Bundle), "folder"
		}
		named, _, ok := content.SplitDatePrefix(strings.TrimSuffix(file, path.Ext(file)), loc)
		if !ok {
			continue
		}
		day := it.Front.Date.In(loc).Format("2006-01-02")
		dated, _ := time.ParseInLocation("2006-01-02", day, loc)
		if days := int(math.Round(dated.Sub(named).Hours() / 24)); days > MaxDateDrift || days < -MaxDateDrift {
			c.warn(it.Source, it.Front.Line("date"), "the date %s is %d days from the %s name's %s: rename the %s to %s, or correct the date",
				day, abs(days), what, named.Format("2006-01-02"), what, strings.Replace(file, named.Format("2006-01-02"), day, 1))
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// translationHeldLonger finds translations that their originals hold past
// their own moment (rule 1): an editor who set a translation's embargo
// expects it out then.
func translationHeldLonger(c *checker) {
	s := c.pre.Site
	root := s.Root().Lang
	for _, e := range c.pre.Whole.Every() {
		if e.Lang == root {
			continue
		}
		o := e.Translation(root)
		if o == nil {
			continue
		}
		f := &e.Item.Front
		own := lift{at: s.At}
		switch {
		case f.Draft:
			own = lift{never: true}
		case f.Embargo.After(s.At) || f.Date.After(s.At):
			own.at = f.Embargo
			if f.Date.After(own.at) {
				own.at = f.Date
			}
		}
		orig := c.lifts.of(o.Item.Source)
		if !orig.later(own) {
			continue
		}
		line := f.Line("title")
		if _, ok := f.Lines["embargo"]; ok {
			line = f.Line("embargo")
		}
		c.warn(e.Item.Source, line, "this translation is held %s, with %s, which it translates: a translation never goes out before its original; give both the same embargo, or lift the original's",
			orig.in(s), o.Item.Source)
	}
}

// missingTranslationString names each language of the site whose words
// the theme lacks, at its [languages.XX] line.
func missingTranslationString(c *checker) {
	cfg := c.pre.Site.Root().Config
	if !cfg.Multilingual() {
		return
	}
	th, err := theme.LoadWords(c.source, cfg.Theme)
	if err != nil {
		return // the build reports a broken theme
	}
	for _, code := range cfg.Codes() {
		missing := th.Missing(code)
		if len(missing) == 0 {
			continue
		}
		shown := missing
		if len(shown) > 5 {
			shown = append(shown[:5:5], "…")
		}
		c.warn("config.toml", cfg.Languages[code].Line, "the theme has no %s words for %d of its messages (%s): they show in English; add them to themes/%s/i18n/%s.toml, copying the ids of the embedded theme's en.toml (see \"Several languages\" in README.md)",
			pages.EnglishName(code), len(missing), strings.Join(shown, ", "), cfg.Theme, code)
	}
}
