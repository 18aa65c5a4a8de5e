package content

import "sort"

// Keys returns the front matter keys each kind of file accepts, sorted, by
// kind: "press", "blog", "literature" and "pages" (a section's files),
// "microsite" (a microsite's pages), "microsite-index" (a microsite's
// _index.md), "section-index" (a section's _index.md) and "sidecar" (an
// asset's sidecar, with the other spellings it takes, such as licence).
// They are the lists the decoder checks files against, for the reference
// in README.md to be tested against.
func Keys() map[string][]string {
	out := map[string][]string{}
	for kind, set := range keysBySection {
		keys := make([]string, 0, len(set))
		for k := range set {
			keys = append(keys, k)
		}
		if kind == "sidecar" {
			for k := range sidecarSpellings {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		out[kind] = keys
	}
	return out
}
