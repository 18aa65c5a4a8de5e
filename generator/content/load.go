// Package content loads a site's content/ folder into plain data: items
// (front matter, Markdown body, source position) and assets with their
// sidecars. It knows nothing of URLs, HTML or the build's moment; every
// problem it meets is collected with its file and line, never only the first.
package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/markdown/links"
	"github.com/pressroom/pressroom/generator/sitefs"
)

// Dir is the content folder inside a site.
const Dir = "content"

// AssetsDir is the asset library inside Dir.
const AssetsDir = "assets"

// MicrositesDir holds one folder per microsite inside Dir.
const MicrositesDir = "microsites"

// MicrositeSection is the Section of every microsite item.
const MicrositeSection = "microsite"

// Source is everything content/ holds.
type Source struct {
	Items  []*Item  // sorted by Source
	Assets []*Asset // the library, sorted by Name
	// Failed are the files and folders of content/ that could not be read
	// at all (a file without front matter, one whose front matter does not
	// parse, a symbolic link leading out), sorted; Load's problems say why.
	// They are in neither Items nor Assets, and what they hold is unknown:
	// a reference to them is not missing, only not yet known.
	Failed []string
}

// HasFailed reports whether p (a path relative to the site root, with
// forward slashes), a folder holding it, or a file in the folder p failed
// to load: whether what p names may be there once the failures are fixed.
func (s *Source) HasFailed(p string) bool {
	for _, f := range s.Failed {
		if f == p || strings.HasPrefix(p, f+"/") || strings.HasPrefix(f, p+"/") {
			return true
		}
	}
	return false
}

// Markdown counts the bytes of every item's body.
func (s *Source) Markdown() int64 {
	var n int64
	for _, it := range s.Items {
		n += int64(it.BodySize())
	}
	return n
}

// Load reads root/content. Dates without an offset are read in the zone of
// the file's language (Zones). Files
// unchanged since they entered cache are not read again; cache may be nil.
//
// Problems with some files do not stop the rest: Load then returns what it
// could load, with the files it could not read at all in Source.Failed, and
// a *diag.Errors naming every problem, so that a build can report the
// problems of resolving the rest beside them. Any other error (content/
// unreadable, ctx done) comes without a Source.
func Load(ctx context.Context, root string, zones Zones, cache *Cache) (*Source, error) {
	l := &loader{root: root, loc: zones.Default, zones: zones, cache: cache}
	if err := l.walk(); err != nil {
		return nil, err
	}
	read, err := l.parseItems(ctx)
	if err != nil {
		return nil, err
	}
	src := &Source{Assets: l.assets}
	for i, it := range l.items {
		if read[i] {
			src.Items = append(src.Items, it)
		} else {
			l.fail(it.Source)
		}
	}
	sort.Slice(src.Items, func(i, j int) bool { return src.Items[i].Source < src.Items[j].Source })
	src.Failed = l.failed
	sort.Strings(src.Failed)
	return src, l.problems.Err()
}

type loader struct {
	cache    *Cache
	root     string
	loc      *time.Location // the default language's zone
	zones    Zones
	problems diag.List
	items    []*Item
	assets   []*Asset
	failed   []string // see Source.Failed; only the walk, which is not parallel, adds to it
}

// fail records that the file or folder rel could not be read at all.
func (l *loader) fail(rel string) { l.failed = append(l.failed, rel) }

func (l *loader) rel(abs string) string {
	r, err := filepath.Rel(l.root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

func (l *loader) walk() error {
	dir := filepath.Join(l.root, Dir)
	if info, err := os.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 && !l.inside(dir, fs.FileInfoToDirEntry(info)) {
		return l.problems.Err() // content/ itself leads out of the site
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a new site with nothing written yet builds an empty newsroom
	}
	if err != nil {
		return fmt.Errorf("content: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		abs := filepath.Join(dir, name)
		switch {
		case ignored(name):
		case name == AssetsDir && e.IsDir():
			l.assets = l.files(abs, abs)
		case isSection(name) && e.IsDir():
			l.walkSection(name, abs)
		case name == MicrositesDir && e.IsDir():
			l.walkMicrosites(abs)
		default:
			l.problems.Add(l.rel(abs), 0, "unknown entry in content/: use the folders press, blog, literature, pages, events, coverage, microsites or assets")
		}
	}
	return nil
}

// walkMicrosites loads each folder of content/microsites/ as a microsite,
// which must describe itself in an _index.md.
func (l *loader) walkMicrosites(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		l.problems.Add(l.rel(dir), 0, "cannot read folder: %v", err)
		l.fail(l.rel(dir))
		return
	}
	for _, e := range entries {
		abs := filepath.Join(dir, e.Name())
		switch {
		case ignored(e.Name()):
		case !e.IsDir():
			l.problems.Add(l.rel(abs), 0, "a file outside a microsite: put it in a folder content/microsites/NAME/")
		case !exists(filepath.Join(abs, "_index.md")):
			l.problems.Add(l.rel(abs), 0, "a microsite needs an _index.md with its title (and description, accent, logo)")
		default:
			l.walkItems(MicrositeSection, e.Name(), abs)
		}
	}
}

func isSection(name string) bool {
	for _, s := range Sections {
		if s == name {
			return true
		}
	}
	return false
}

// ignored reports editor and system files that are never content.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || EditorFile(name)
}

// EditorFile reports whether a name is an editor's own file beside the
// one edited: a backup ("x~"), Vim's swap files and its write test "4913",
// an Emacs autosave ("#x#") or lock (".#x"). Nothing publishes them, not
// even static/, which publishes dot files such as .well-known/.
func EditorFile(name string) bool {
	return strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")) || strings.HasPrefix(name, ".#") || name == "4913"
}

// walkSection finds the items of one section: single files, bundles
// (a folder with index.md) and plain folders that only group items.
func (l *loader) walkSection(section, dir string) {
	l.walkItems(section, "", dir)
}

// walkItems finds items under dir for a section, or for a microsite when
// microsite is set.
func (l *loader) walkItems(section, microsite, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		l.problems.Add(l.rel(dir), 0, "cannot read folder: %v", err)
		l.fail(l.rel(dir))
		return
	}
	for _, e := range entries {
		name := e.Name()
		abs := filepath.Join(dir, name)
		if ignored(name) || !l.inside(abs, e) {
			continue
		}
		switch {
		case e.IsDir() && l.isBundle(abs):
			l.bundle(section, microsite, abs)
		case e.IsDir() && microsite != "" && name == "layouts" && filepath.Dir(abs) == filepath.Join(l.root, Dir, MicrositesDir, microsite):
			// a microsite's own layouts, read by the theme
		case e.IsDir():
			l.walkItems(section, microsite, abs)
		case strings.HasSuffix(name, ".md"):
			stem, lang := l.zones.Split(strings.TrimSuffix(name, ".md"))
			l.items = append(l.items, &Item{Section: section, Microsite: microsite, Source: l.rel(abs), Index: stem == "_index", Lang: lang})
		default:
			l.problems.Add(l.rel(abs), 0, "a file outside a bundle: move it to content/assets/, or into a folder beside an index.md to make a bundle")
		}
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// inside checks a symlink's target stays within the site; anything else is
// an error, since following it would publish files from elsewhere.
func (l *loader) inside(abs string, e fs.DirEntry) bool {
	if e.Type()&fs.ModeSymlink == 0 {
		return true
	}
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		l.problems.Add(l.rel(abs), 0, "broken symbolic link: %v", err)
		l.fail(l.rel(abs))
		return false
	}
	root, err := filepath.EvalSymlinks(l.root)
	if err != nil {
		root = l.root
	}
	if !sitefs.Inside(target, root) {
		l.problems.Add(l.rel(abs), 0, "symbolic link points outside the site (%s): copy the file into the site instead", target)
		l.fail(l.rel(abs))
		return false
	}
	if info, err := os.Stat(target); err == nil && info.IsDir() {
		l.problems.Add(l.rel(abs), 0, "symbolic link to a folder: folders are not followed, copy or move it here")
		l.fail(l.rel(abs))
		return false
	}
	return true
}

// files lists every file under dir as assets named relative to base,
// attaching sidecars to their files. index.md of a bundle is not an asset.
func (l *loader) files(dir, base string) []*Asset {
	byName := map[string]*Asset{}
	sidecars := map[string]string{} // target name -> sidecar absolute path
	err := filepath.WalkDir(dir, func(abs string, e fs.DirEntry, err error) error {
		if err != nil {
			l.problems.Add(l.rel(abs), 0, "cannot read: %v", err)
			l.fail(l.rel(abs))
			return nil
		}
		if abs != dir && ignored(e.Name()) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() || !l.inside(abs, e) {
			return nil
		}
		name := filepath.ToSlash(must(filepath.Rel(base, abs)))
		if dir != filepath.Join(l.root, Dir, AssetsDir) && l.isIndex(name) {
			return nil // the bundle's page, or a translation of it
		}
		if target, ok := sidecarTarget(name); ok {
			sidecars[target] = abs
			return nil
		}
		info, err := os.Stat(abs)
		if err != nil {
			l.problems.Add(l.rel(abs), 0, "cannot read: %v", err)
			l.fail(l.rel(abs))
			return nil
		}
		byName[name] = &Asset{Name: name, Source: l.rel(abs), Size: info.Size(), ModTime: info.ModTime(), changes: l.cache.changes(abs)}
		return nil
	})
	if err != nil {
		l.problems.Add(l.rel(dir), 0, "cannot read folder: %v", err)
		l.fail(l.rel(dir))
	}
	for target, abs := range sidecars {
		a, ok := byName[target]
		if !ok {
			l.problems.Add(l.rel(abs), 0, "sidecar without its file: %s is not here; rename the sidecar or add the file", path.Base(target))
			continue
		}
		a.Sidecar = l.rel(abs)
		a.changes += l.cache.changes(abs)
		a.Meta = readSidecar(abs, a.Sidecar, l.loc, &l.problems)
	}
	out := make([]*Asset, 0, len(byName))
	for _, a := range byName {
		// A photo's own metadata fills what its sidecar leaves out.
		a.Meta.fill(readEmbedded(filepath.Join(l.root, filepath.FromSlash(a.Source))))
		out = append(out, a)
	}
	sortAssets(out)
	return out
}

func sortAssets(out []*Asset) {
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
}

func must(s string, err error) string {
	if err != nil {
		panic(err) // filepath.Rel of a path found under base cannot fail
	}
	return s
}

// parseItems reads every item's file in parallel, and reports which could
// be read as content at all.
func (l *loader) parseItems(ctx context.Context) ([]bool, error) {
	read := make([]bool, len(l.items))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, it := range l.items {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			read[i] = l.parseItem(it)
			return nil
		})
	}
	return read, g.Wait()
}

// parseItem fills in an item from its file, or from the cache when the
// file has not changed since. It reports false when the file could not be
// read as content at all (unreadable, or its front matter does not parse);
// an item with only some bad values is read, those values left empty.
func (l *loader) parseItem(it *Item) bool {
	abs := filepath.Join(l.root, filepath.FromSlash(it.Source))
	info, _ := os.Stat(abs)
	loc := l.zones.Of(it.Lang)
	p, ok := l.cache.get(abs, info, loc)
	if !ok {
		p = l.parseFile(abs, it, loc)
		p.kept = l.cache.put(abs, info, p) // the body stays in memory for this build, which converts it
	}
	it.kept = p.kept
	it.Front, it.Body, it.BodyLine, it.Version, it.LinkedAssets, it.Images = p.front, p.body, p.bodyLine, p.version, p.linked, p.images
	l.problems.Append(p.problems...)
	if !p.unreadable {
		l.applyNameRules(it)
	}
	return !p.unreadable
}

func (l *loader) parseFile(abs string, it *Item, loc *time.Location) parsed {
	src, err := readFile(abs)
	if err != nil {
		var problems diag.List
		if big, ok := err.(*tooLarge); ok {
			problems.Add(it.Source, 1, "%v: split it into several pages, or put long data in a file under content/assets/ and link to it", big)
		} else {
			problems.Add(it.Source, 0, "cannot read: %v", err)
		}
		return parsed{loc: loc, problems: collected(&problems), unreadable: true}
	}
	return parseSource(src, it, loc)
}

// parseSource reads an item's front matter and body from the file's bytes.
func parseSource(src []byte, it *Item, loc *time.Location) parsed {
	var problems diag.List
	b, err := splitFrontMatter(src)
	if err != nil {
		reportSyntax(&problems, it.Source, err)
		return parsed{loc: loc, problems: collected(&problems), unreadable: true}
	}
	d := &decoder{file: it.Source, fields: b.fields, loc: loc, problems: &problems}
	d.checkKeys(keySet(it))
	front := d.front()
	switch {
	case it.Index:
	case it.Section == "events":
		d.event(&front)
	case it.Section == "coverage":
		d.coverage(&front)
	}
	if front.Title == "" && (!it.Index || it.Microsite != "") {
		problems.Add(it.Source, 1, "missing title: add `title: ...` to the front matter")
	}
	return parsed{loc: loc, front: front, body: b.body, bodyLine: b.bodyLine, version: fingerprint.Of(src),
		linked: linkedAssets(b.body), images: links.Images(b.body), problems: collected(&problems)}
}

func collected(problems *diag.List) []diag.Problem {
	if err, ok := problems.Err().(*diag.Errors); ok {
		return err.Problems
	}
	return nil
}

// applyNameRules derives the slug and the default date from the file or
// bundle name: "2026-11-03-new-plant.md" is slug "new-plant" dated 3 November.
func (l *loader) applyNameRules(it *Item) {
	name, _ := l.zones.Split(strings.TrimSuffix(path.Base(it.Source), ".md"))
	if it.Bundle != "" {
		name = path.Base(it.Bundle)
	}
	date, rest, ok := SplitDatePrefix(name, l.zones.Of(it.Lang))
	it.Slug = rest
	if ok && it.Front.Date.IsZero() {
		it.Front.Date = date
	}
	if it.Front.Slug != "" {
		it.Slug = it.Front.Slug
	}
	if it.Index {
		return
	}
	if msg := CheckSlug(it.Slug); msg != "" {
		l.problems.Add(it.Source, it.Front.Line("slug"), "slug %q %s", shorten(it.Slug), msg)
	}
	if (it.Section == "press" || it.Section == "blog" || it.Section == "coverage") && it.Front.Date.IsZero() {
		if _, written := it.Front.Lines["date"]; !written {
			l.problems.Add(it.Source, 1, "missing date: add `date: YYYY-MM-DD` or start the file name with one (2026-11-03-title.md)")
		}
	}
}

// CheckSlug returns why a slug cannot be used as one URL segment, or "".
func CheckSlug(slug string) string {
	switch {
	case slug == "":
		return "is empty: give the file a name or set slug"
	case slug == "." || slug == ".." || strings.ContainsAny(slug, `/\`):
		return "would lead outside its section: a slug is one word of letters, digits and hyphens"
	case strings.HasPrefix(slug, "."):
		return "starts with a dot: such files are hidden on most servers"
	case len(slug) > MaxSlugBytes:
		return fmt.Sprintf("is %d bytes long; the limit is %d: set a shorter slug, or give the file a shorter name", len(slug), MaxSlugBytes)
	}
	for _, r := range slug {
		if r < ' ' || strings.ContainsRune(`?#%"<>|*:`, r) || r == ' ' {
			return fmt.Sprintf("contains %q: use letters, digits and hyphens", r)
		}
	}
	return ""
}

// keySet names the front matter keys an item may use.
func keySet(it *Item) string {
	if it.Index && it.Microsite != "" {
		return "microsite-index"
	}
	if it.Index {
		return "section-index"
	}
	return it.Section
}

// linkedAssets lists the links of a body that may lead into the asset
// library, unescaped as written (see links.AssetCandidates); which file
// each names depends on the page's address, and is decided in site.
func linkedAssets(body []byte) []string {
	return links.AssetCandidates(body)
}

// Reload reads the files of items again, as Load would, for a rebuild that
// knows which files changed and that nothing was added or removed. It
// returns fresh items in the same order; items are not changed.
func Reload(root string, zones Zones, cache *Cache, items []*Item) ([]*Item, error) {
	l := &loader{root: root, loc: zones.Default, zones: zones, cache: cache}
	out := make([]*Item, len(items))
	for i, old := range items {
		it := &Item{Section: old.Section, Microsite: old.Microsite, Source: old.Source, Bundle: old.Bundle,
			BundleFiles: old.BundleFiles, Index: old.Index, Lang: old.Lang}
		l.parseItem(it)
		out[i] = it
	}
	return out, l.problems.Err()
}

// Parse reads the front matter of a content file of section from its
// bytes, as a build would: `pressroom new` checks a file before writing it.
// source names the file in problems.
func Parse(section, source string, src []byte, loc *time.Location) (Front, error) {
	p := parseSource(src, &Item{Section: section, Source: source}, loc)
	if len(p.problems) > 0 {
		return p.front, &diag.Errors{Problems: p.problems}
	}
	return p.front, nil
}
