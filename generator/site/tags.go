package site

import (
	"sort"
	"strings"

	"github.com/pressroom/pressroom/generator/content"
)

// buildTags groups published entries of one language by tag, under prefix
// ("" or "de/"). A tag only held items carry
// never reaches here, so it has no page. The first spelling met names the tag.
func buildTags(entries []*Entry, prefix string) []*Tag {
	bySlug := map[string]*Tag{}
	for _, e := range entries {
		seen := map[string]bool{}
		for _, name := range e.Item.Front.Tags {
			slug := content.Slugify(name)
			if slug == "" || seen[slug] {
				continue
			}
			seen[slug] = true
			t, ok := bySlug[slug]
			if !ok {
				t = &Tag{Name: strings.TrimSpace(name), Slug: slug, Path: prefix + "tags/" + slug + "/"}
				bySlug[slug] = t
			}
			t.Entries = append(t.Entries, e)
			e.Tags = append(e.Tags, t)
		}
	}
	tags := make([]*Tag, 0, len(bySlug))
	for _, t := range bySlug {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i].Slug < tags[j].Slug })
	return tags
}
