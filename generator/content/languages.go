package content

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Zones are the languages a site's file names may carry, and the zone each
// reads dates without an offset in. A file "new-plant.de.md", or a
// bundle's "index.de.md", is in the language "de" when Others has it;
// any other file is in the default language. The zero value knows only
// the default language, in UTC.
type Zones struct {
	Default *time.Location
	Others  map[string]*time.Location // by language code
}

// In is Zones of a site with one language, whose dates are read in loc.
func In(loc *time.Location) Zones { return Zones{Default: loc} }

// Of returns the zone of language code ("" is the default).
func (z Zones) Of(code string) *time.Location {
	if loc := z.Others[code]; loc != nil {
		return loc
	}
	if z.Default == nil {
		return time.UTC
	}
	return z.Default
}

// Split cuts a language code off a file name without its extension:
// "new-plant.de" is ("new-plant", "de") when de is one of Others, and
// else the name as it is with "".
func (z Zones) Split(name string) (stem, code string) {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 {
		return name, ""
	}
	if _, ok := z.Others[name[i+1:]]; ok {
		return name[:i], name[i+1:]
	}
	return name, ""
}

// isIndex reports whether a bundle file is its page: index.md, or
// index.XX.md for one of the site's languages.
func (l *loader) isIndex(name string) bool {
	if !strings.HasSuffix(name, ".md") {
		return false
	}
	stem, _ := l.zones.Split(strings.TrimSuffix(name, ".md"))
	return stem == "index"
}

// isBundle reports whether dir is a bundle: a folder holding an index.md
// or a translation of one.
func (l *loader) isBundle(dir string) bool {
	if exists(filepath.Join(dir, "index.md")) {
		return true
	}
	for code := range l.zones.Others {
		if exists(filepath.Join(dir, "index."+code+".md")) {
			return true
		}
	}
	return false
}

// bundle adds an item for each page of the bundle dir: index.md and each
// of its translations. The bundle's files are every translation's, but a
// file whose name carries a language ("photo.de.jpg") belongs to that
// language's page alone, under the plain name ("photo.jpg"), in place of
// the file of that name.
func (l *loader) bundle(section, microsite, dir string) {
	files := l.files(dir, dir)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !l.isIndex(name) {
			continue
		}
		_, lang := l.zones.Split(strings.TrimSuffix(name, ".md"))
		l.items = append(l.items, &Item{Section: section, Microsite: microsite, Source: l.rel(filepath.Join(dir, name)),
			Bundle: l.rel(dir), BundleFiles: l.filesOf(files, lang), Lang: lang})
	}
}

// filesOf are the files of a bundle that the page in language lang has.
func (l *loader) filesOf(files []*Asset, lang string) []*Asset {
	if len(l.zones.Others) == 0 {
		return files
	}
	own := map[string]*Asset{} // plain name -> this language's own file
	var out []*Asset
	for _, a := range files {
		plain, code := l.fileLang(a.Name)
		switch {
		case code == "":
			out = append(out, a)
		case code == lang:
			c := *a
			c.Name = plain
			own[plain] = &c
		}
	}
	for i, a := range out {
		if c := own[a.Name]; c != nil {
			out[i] = c
			delete(own, a.Name)
		}
	}
	for _, c := range own {
		out = append(out, c)
	}
	sortAssets(out)
	return out
}

// fileLang splits a bundle file's name "photo.de.jpg" into its plain name
// "photo.jpg" and the language "de", when de is one of the site's.
func (l *loader) fileLang(name string) (plain, code string) {
	ext := filepath.Ext(name)
	stem, code := l.zones.Split(strings.TrimSuffix(name, ext))
	if code == "" {
		return name, ""
	}
	return stem + ext, code
}
