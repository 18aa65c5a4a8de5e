package site

import (
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/diag"
)

// Options are the build-wide choices that change what is published.
type Options struct {
	At     time.Time // the build's moment
	Drafts bool      // publish drafts too
	// SectionTitles are the sections' titles by language and section name
	// ("de" -> "press" -> "Pressemitteilungen"), for sections whose
	// _index.md gives none: the theme's words. English is built in.
	SectionTitles map[string]map[string]string
}

var sectionTitles = map[string]string{"press": "Press releases", "blog": "Blog", "literature": "Literature", "events": "Events"}

// reserved are top-level paths the build writes itself; a page slug may not take them.
var reserved = map[string]bool{"press": true, "blog": true, "literature": true, "tags": true,
	"assets": true, "contacts": true, "press-kits": true, "page": true, "events": true, "events.ics": true, "coverage": true}

// Resolve decides what src publishes at opts.At and links it into a Site.
// References are checked on every item, published or not, so that a broken
// embargoed release is caught before it goes out, not at its moment.
//
// src may be what a Load with problems could read: its problems are then
// the caller's to report, and Resolve adds those of the rest. A reference
// to a file that failed to load (src.Failed) is no problem of its own: it
// may well be there once that file is fixed, and the next build says.
func Resolve(cfg *config.Config, src *content.Source, opts Options) (*Site, error) {
	r := &resolver{cfg: cfg, opts: opts, src: src, library: map[string]*content.Asset{}, held: map[*Entry]*Held{}, images: map[*Entry][]bodyImage{}}
	for _, a := range src.Assets {
		r.library[a.Name] = a
	}
	entries := r.entries(src.Items)
	r.checkKits(src.Assets)
	r.checkLogoRaster()
	if err := r.problems.Err(); err != nil {
		return nil, err
	}
	r.holdTranslations(entries)
	if err := r.problems.Err(); err != nil {
		return nil, err
	}
	sites := make([]*Site, 0, len(cfg.Codes()))
	byLang := map[string][]candidate{}
	for _, c := range entries {
		byLang[c.entry.Lang] = append(byLang[c.entry.Lang], c)
	}
	for _, code := range cfg.Codes() {
		s := &Site{Config: r.configOf(code), At: opts.At, Lang: code, base: cfg.Base.String()}
		if code != cfg.Default() {
			s.Prefix = code + "/"
		}
		r.publish(s, byLang[code])
		sites = append(sites, s)
	}
	root := sites[0]
	r.publishAssets(root, sites, src.Assets)
	for _, s := range sites {
		s.Languages = sites
		s.Assets, s.Logo, s.LogoRaster = root.Assets, root.Logo, root.LogoRaster
		r.dropHeldAssets(s)
		r.publishImages(s)
		if s != root {
			s.Coverage = shared(s.Coverage, root.Coverage)
		}
		s.Tags = buildTags(s.Entries, s.Prefix)
		s.Sections = r.sections(s, src.Items)
		s.Upcoming, s.Past, s.Moments = events(s.Section("events").Entries, opts.At)
		if s != root {
			root.Held = append(root.Held, s.Held...)
			root.Moments = append(root.Moments, s.Moments...)
		}
	}
	sortHeld(root)
	linkTranslations(sites)
	for _, s := range sites {
		if s != root {
			s.Held, s.Moments, s.NextLift = root.Held, root.Moments, root.NextLift
		}
		fingerprintEntries(s)
	}
	return root, nil
}

// shared adds to a language's coverage the default language's: a press
// mention written without a language is the newsroom's in every language.
func shared(own, all []*Entry) []*Entry {
	out := append(own[:len(own):len(own)], all...)
	sortEntries(out)
	return out
}

type resolver struct {
	cfg      *config.Config
	cfgs     map[string]*config.Config // cfg as each language sees it (configOf)
	opts     Options
	src      *content.Source
	library  map[string]*content.Asset
	problems diag.List
	// assetUsers lists, for each library asset, every entry that references it,
	// published or not; publishAssets holds back those only held entries use.
	assetUsers map[*content.Asset][]*Entry
	// folded is the library by lower-case name (see bodyAssets).
	folded map[string][]*content.Asset
	// held is why each held entry is held, once publish has decided.
	held map[*Entry]*Held
	// images are the files each entry's body images show (resolveImages).
	images map[*Entry][]bodyImage
}

// candidate is an entry before the publish decision.
type candidate struct {
	entry *Entry
	held  *Held
}

func (r *resolver) entries(items []*content.Item) []candidate {
	r.assetUsers = map[*content.Asset][]*Entry{}
	byPath := map[string]string{}
	literature := map[string]*Entry{}
	coverage := map[string]*Entry{}
	var out []candidate
	for _, it := range items {
		if it.Index && it.Microsite == "" {
			r.checkSectionIndex(it)
			continue
		}
		if it.Index {
			r.checkMicrosite(it)
		}
		e := r.entry(it)
		r.resolveImages(e)
		if e.Section == "coverage" {
			// No page of its own: only its slug, which releases cite it by, must be unique.
			if prev, dup := coverage[e.Lang+"/"+e.Slug]; dup {
				r.problems.Add(it.Source, it.Front.Line("slug"), "two coverage entries with the slug %q: %s has it already; rename one or set a different slug", e.Slug, prev.Item.Source)
			} else {
				coverage[e.Lang+"/"+e.Slug] = e
			}
		} else if prev, dup := byPath[e.Path]; dup {
			r.problems.Add(it.Source, it.Front.Line("slug"), "two items at one URL /%s: %s is there already; rename one or set a different slug", e.Path, prev)
		} else {
			byPath[e.Path] = it.Source
		}
		if e.Section == "literature" {
			literature[e.Lang+"/"+e.Slug] = e
		}
		out = append(out, candidate{entry: e, held: r.holdReason(it)})
	}
	for _, c := range out {
		r.linkLiterature(c.entry, literature)
		r.linkCoverage(c.entry, coverage)
	}
	return out
}

func (r *resolver) entry(it *content.Item) *Entry {
	f := &it.Front
	e := &Entry{Item: it, Section: it.Section, Slug: it.Slug, Date: f.Date, Lang: r.cfg.Default()}
	if it.Lang != "" {
		e.Lang = it.Lang
	}
	cfg := r.configOf(e.Lang)
	e.setOwn(cfg)
	switch {
	case it.Microsite != "" && it.Index:
		e.Path = it.Microsite + "/"
	case it.Microsite != "":
		e.Path = it.Microsite + "/" + it.Slug + "/"
	case it.Section == "coverage":
		e.Path = "" // no page: /coverage/ lists it, linking the article
	case it.Section == "pages":
		e.Path = it.Slug + "/"
		if _, lang := r.cfg.Languages[it.Slug]; reserved[it.Slug] || lang {
			r.problems.Add(it.Source, f.Line("slug"), "the page slug %q is taken by the newsroom's own /%s/: choose another slug", it.Slug, it.Slug)
		}
	default:
		e.Path = it.Section + "/" + it.Slug + "/"
	}
	if e.Path != "" && e.Lang != r.cfg.Default() {
		e.Path = e.Lang + "/" + e.Path
	}
	if f.Embargo.After(e.Date) {
		e.Date = f.Embargo // once lifted, a release is dated and sorted by its moment
	}
	if it.Section == "events" && !it.Index {
		e.setMoments()
	}
	for _, id := range f.Contacts {
		if c, ok := cfg.Contact(id); ok {
			e.Contacts = append(e.Contacts, c)
		} else {
			r.problems.Add(it.Source, f.Line("contacts"), "unknown contact %q: use one of the ids under [[contacts]] in config.toml (%s)", id, r.contactIDs())
		}
	}
	for _, name := range f.Assets {
		if a := r.asset(it, name, "assets"); a != nil {
			e.Assets = append(e.Assets, a)
		}
	}
	if f.Image != "" {
		e.Image = r.asset(it, f.Image, "image")
	}
	if it.Index && it.Microsite != "" && f.Logo != "" {
		// A microsite's logo is its home's image: published, and held, with it.
		e.Image = r.asset(it, f.Logo, "logo")
	}
	if it.Section == "coverage" && it.Bundle != "" {
		r.problems.Add(it.Source, 0, "a coverage entry has no page, so no bundle: write it as one file, content/coverage/%s.md", it.Slug)
		return e
	}
	for _, a := range it.BundleFiles {
		if (it.Section == "press" || it.Section == "events") && a.Name == "press-kit.zip" {
			r.problems.Add(a.Source, 0, "press-kit.zip is the name of the release's own press kit: rename this file")
			continue
		}
		if a.Name == "index.html" {
			r.problems.Add(a.Source, 0, "index.html is the name of the page this bundle makes: rename this file")
			continue
		}
		e.Files = append(e.Files, &Asset{Asset: a, Path: e.Path + a.Name})
	}
	return e
}

// setOwn sets what an entry shows of itself alone from its front matter:
// the fields an edit may change without a full resolve (see Refresh).
func (e *Entry) setOwn(cfg *config.Config) {
	f := &e.Item.Front
	e.Title, e.Lastmod, e.Summary = f.Title, f.Lastmod, f.Summary
	e.Boilerplate = f.Boilerplate
	if e.Boilerplate == "" && e.Section == "press" {
		e.Boilerplate = cfg.Organization.Boilerplate
	}
}

// configOf is the configuration as language code sees it, made once.
func (r *resolver) configOf(code string) *config.Config {
	if c := r.cfgs[code]; c != nil {
		return c
	}
	if r.cfgs == nil {
		r.cfgs = map[string]*config.Config{}
	}
	r.cfgs[code] = r.cfg.For(code)
	return r.cfgs[code]
}

func (r *resolver) contactIDs() string {
	ids := make([]string, len(r.cfg.Contacts))
	for i, c := range r.cfg.Contacts {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

// asset finds a referenced file: first in the item's bundle, then in the library.
func (r *resolver) asset(it *content.Item, name, key string) *Asset {
	line := it.Front.Line(key)
	clean := path.Clean(strings.TrimPrefix(name, "/"))
	clean = strings.TrimPrefix(clean, "assets/")
	if clean == ".." || strings.HasPrefix(clean, "../") || path.IsAbs(clean) {
		r.problems.Add(it.Source, line, "asset %q leaves content/assets/: name a file under content/assets/ or in the bundle", name)
		return nil
	}
	for _, a := range it.BundleFiles {
		if a.Name == clean {
			return &Asset{Asset: a} // its Path is set with the bundle's files
		}
	}
	a, ok := r.library[clean]
	if !ok && (r.src.HasFailed(path.Join(content.Dir, content.AssetsDir, clean)) || it.Bundle != "" && r.src.HasFailed(path.Join(it.Bundle, clean))) {
		return nil // it failed to load, and says so
	}
	if !ok {
		where := "content/assets/"
		if it.Bundle != "" {
			where += " or " + it.Bundle + "/"
		}
		r.problems.Add(it.Source, line, "missing asset %q: no such file in %s", name, where)
		return nil
	}
	return &Asset{Asset: a, Path: "assets/" + a.Name}
}

// linkCoverage links the coverage a release cites by slug.
func (r *resolver) linkCoverage(e *Entry, coverage map[string]*Entry) {
	for _, slug := range e.Item.Front.Coverage {
		c, ok := r.inLanguage(coverage, e.Lang, slug)
		if !ok && r.src.HasFailed(path.Join(content.Dir, "coverage")) {
			continue
		}
		if !ok {
			r.problems.Add(e.Item.Source, e.Item.Front.Line("coverage"), "unknown coverage %q: use the slug of a file in content/coverage/", slug)
			continue
		}
		e.Coverage = append(e.Coverage, c)
	}
}

// inLanguage finds the entry of a slug in a language, else in the default
// language: a translated release cites the translation of a piece where
// there is one.
func (r *resolver) inLanguage(by map[string]*Entry, lang, slug string) (*Entry, bool) {
	if e, ok := by[lang+"/"+slug]; ok {
		return e, true
	}
	e, ok := by[r.cfg.Default()+"/"+slug]
	return e, ok
}

func (r *resolver) linkLiterature(e *Entry, literature map[string]*Entry) {
	for _, slug := range e.Item.Front.Literature {
		lit, ok := r.inLanguage(literature, e.Lang, slug)
		if !ok && r.src.HasFailed(path.Join(content.Dir, "literature")) {
			continue // it may be the file that failed to load, whose slug is not known
		}
		if !ok {
			r.problems.Add(e.Item.Source, e.Item.Front.Line("literature"), "unknown literature %q: use the slug of a file in content/literature/", slug)
			continue
		}
		e.Literature = append(e.Literature, lit)
	}
}

// holdReason is the publish decision: the one place embargo, date and
// draft are read. A draft is held until built with --drafts, whatever its
// moments; an item whose embargo or date is later than the build's moment
// is held until the later of the two (a date is scheduled publishing).
func (r *resolver) holdReason(it *content.Item) *Held {
	f := &it.Front
	if f.Draft && !r.opts.Drafts {
		return &Held{Source: it.Source, Title: f.Title, Reason: HeldDraft}
	}
	until, reason := f.Embargo, HeldEmbargo
	if f.Date.After(until) {
		until, reason = f.Date, HeldScheduled
	}
	if until.After(r.opts.At) {
		return &Held{Source: it.Source, Title: f.Title, Reason: reason, Until: until}
	}
	return nil
}

// checkSectionIndex refuses a section's _index.md that would be held: it
// only titles and introduces the section's list, which every page's
// navigation links, so holding it has no meaning (a microsite's _index.md,
// which holds its whole microsite, is the way to hold many pages at once).
// Its date, if any, is no publish moment.
func (r *resolver) checkSectionIndex(it *content.Item) {
	if it.Front.Draft {
		r.problems.Add(it.Source, it.Front.Line("draft"), "a section's _index.md cannot be a draft: it only titles the section's list, which is always published; remove `draft`, and mark the items themselves as drafts")
	}
	if !it.Front.Embargo.IsZero() {
		r.problems.Add(it.Source, it.Front.Line("embargo"), "a section's _index.md cannot be embargoed: it only titles the section's list, which is always published; remove `embargo`, and embargo the items themselves")
	}
}

func (r *resolver) publish(s *Site, candidates []candidate) {
	published := map[*Entry]bool{}
	heldSites := map[string]*Held{}
	for _, c := range candidates {
		if c.held != nil && c.entry.Item.Index {
			heldSites[c.entry.Item.Microsite] = c.held
		}
	}
	for _, c := range candidates {
		if h := heldSites[c.entry.Item.Microsite]; h != nil {
			c.held = longer(c.held, &Held{Source: c.entry.Item.Source, Title: c.entry.Title, Reason: h.Reason, Until: h.Until})
		}
		if c.held != nil {
			r.held[c.entry] = c.held
			s.Held = append(s.Held, *c.held)
			continue
		}
		published[c.entry] = true
	}
	homes := map[string]*Entry{}
	var micrositePages []*Entry
	for _, c := range candidates {
		e := c.entry
		for _, a := range append(append([]*Asset{}, e.Assets...), e.Image) {
			if a != nil && r.inLibrary(a.Asset) {
				r.assetUsers[a.Asset] = append(r.assetUsers[a.Asset], e)
			}
		}
		for _, a := range r.bodyAssets(e) {
			r.assetUsers[a] = append(r.assetUsers[a], e)
		}
		for _, img := range r.images[e] {
			if r.inLibrary(img.file) {
				r.assetUsers[img.file] = append(r.assetUsers[img.file], e)
			}
		}
		if !published[e] {
			continue
		}
		e.Literature = onlyPublished(e.Literature, published)
		e.Coverage = onlyPublished(e.Coverage, published)
		e.Files = r.publishedFiles(s, e)
		e.Assets = r.bundlePaths(e)
		switch {
		case e.Item.Microsite != "" && e.Item.Index:
			homes[e.Item.Microsite] = e
		case e.Item.Microsite != "":
			micrositePages = append(micrositePages, e)
		case e.Section == "pages":
			s.Pages = append(s.Pages, e)
		case e.Section == "coverage":
			s.Coverage = append(s.Coverage, e)
		default:
			s.Entries = append(s.Entries, e)
		}
	}
	sortEntries(s.Entries)
	sortEntries(s.Coverage)
	sortByWeight(s.Pages)
	r.microsites(s, homes, micrositePages)
}

// publishedFiles drops bundle files whose own sidecar embargo has not lifted.
func (r *resolver) publishedFiles(s *Site, e *Entry) []*Asset {
	var out []*Asset
	for _, a := range e.Files {
		if a.Meta.Embargo.After(r.opts.At) {
			s.Held = append(s.Held, Held{Source: a.Source, Title: a.Name, Reason: HeldEmbargo, Until: a.Meta.Embargo})
			continue
		}
		out = append(out, a)
	}
	return out
}

// bundlePaths points the entry's bundle assets at its published files, and
// drops those held back by their own embargo.
func (r *resolver) bundlePaths(e *Entry) []*Asset {
	var out []*Asset
	for _, a := range e.Assets {
		if a.Path != "" {
			out = append(out, a)
			continue
		}
		for _, f := range e.Files {
			if f.Asset == a.Asset {
				out = append(out, f)
			}
		}
	}
	return out
}

func onlyPublished(entries []*Entry, published map[*Entry]bool) []*Entry {
	var out []*Entry
	for _, e := range entries {
		if published[e] {
			out = append(out, e)
		}
	}
	return out
}

// sortEntries orders newest first; ties by path, so order never depends on
// the order files were read.
func sortEntries(entries []*Entry) {
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.Path < b.Path
	})
}

func (r *resolver) sections(s *Site, items []*content.Item) []*Section {
	var out []*Section
	for _, name := range []string{"press", "blog", "literature", "events"} {
		sec := &Section{Name: name, Title: r.sectionTitle(s.Lang, name), Path: s.Prefix + name + "/"}
		for _, it := range items {
			if it.Index && it.Section == name && path.Dir(it.Source) == "content/"+name && r.langOf(it) == s.Lang {
				sec.Intro = it
				if it.Front.Title != "" {
					sec.Title = it.Front.Title
				}
			}
		}
		for _, e := range s.Entries {
			if e.Section == name {
				sec.Entries = append(sec.Entries, e)
			}
		}
		out = append(out, sec)
	}
	return out
}

// sectionTitle is a section's title in a language when its _index.md
// gives none: the theme's word for it, else the English one.
func (r *resolver) sectionTitle(lang, section string) string {
	if t := r.opts.SectionTitles[lang][section]; t != "" {
		return t
	}
	return sectionTitles[section]
}

// langOf is the language of an item: its file name's, or the default.
func (r *resolver) langOf(it *content.Item) string {
	if it.Lang != "" {
		return it.Lang
	}
	return r.cfg.Default()
}

func sortHeld(s *Site) {
	sort.SliceStable(s.Held, func(i, j int) bool {
		a, b := s.Held[i], s.Held[j]
		if !a.Until.Equal(b.Until) {
			if a.Until.IsZero() || b.Until.IsZero() {
				return b.Until.IsZero()
			}
			return a.Until.Before(b.Until)
		}
		return a.Source < b.Source
	})
	s.NextLift, _ = s.Next()
}

// longer is whichever of two reasons to hold the same thing holds it
// longer: one that never lifts by itself, else the later; nil is none.
func longer(a, b *Held) *Held {
	switch {
	case a == nil:
		return b
	case b == nil || a.Until.IsZero():
		return a
	case b.Until.IsZero() || b.Until.After(a.Until):
		return b
	}
	return a
}

// checkKits makes each [[presskits]] include pattern that matches no file of
// the library an error at its line: it would publish an empty or a partial
// kit. Held files count, so that a kit of embargoed photos is no error
// before its moment; so do files of the library that failed to load.
func (r *resolver) checkKits(library []*content.Asset) {
	if r.src.HasFailed(path.Join(content.Dir, content.AssetsDir)) {
		return
	}
	for _, kit := range r.cfg.PressKits {
		for i, pattern := range kit.Include {
			if slices.ContainsFunc(library, func(a *content.Asset) bool { return config.MatchInclude([]string{pattern}, a.Name) }) {
				continue
			}
			line := 0
			if i < len(kit.IncludeLines) {
				line = kit.IncludeLines[i]
			}
			r.problems.Add(config.FileName, line, "presskit %q: include pattern %q matches no file under content/assets/: correct it or remove it", kit.Name, pattern)
		}
	}
}
