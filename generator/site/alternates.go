package site

import "strings"

// Alternate is a page's version in one language: for hreflang links, the
// sitemap's alternates and the language switcher.
type Alternate struct {
	Lang string // the language code, "de"
	Path string // the page's path in that language, "de/press/x/"
}

// Alternates lists the versions in every language of the page at path of
// s, which shows entry e (nil for a list or home page), the default
// language first, or nil when the page has none besides itself. An entry's
// are its translations; a home page, a section's first list page, the
// library, the tags and the coverage are every language's own.
func (s *Site) Alternates(path string, e *Entry) []Alternate {
	if len(s.Languages) < 2 {
		return nil
	}
	var out []Alternate
	if e != nil {
		if len(e.Translations) == 0 || path != e.Path {
			return nil
		}
		for _, l := range s.Languages {
			if l.Lang == e.Lang {
				out = append(out, Alternate{e.Lang, e.Path})
			} else if t := e.Translation(l.Lang); t != nil {
				out = append(out, Alternate{t.Lang, t.Path})
			}
		}
		return out
	}
	rest, ok := strings.CutPrefix(path, s.Prefix)
	if !ok {
		return nil
	}
	for _, l := range s.Languages {
		if l.has(rest) {
			out = append(out, Alternate{l.Lang, l.Prefix + rest})
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// has reports whether the site has a list page at rest, a path below its
// prefix: its home, a section with entries, the library, the tags, the
// coverage.
func (s *Site) has(rest string) bool {
	switch rest {
	case "", "assets/", "tags/":
		return true
	case "coverage/":
		return len(s.Coverage) > 0
	}
	for _, sec := range s.Sections {
		if rest == sec.Name+"/" {
			return len(sec.Entries) > 0
		}
	}
	return false
}
