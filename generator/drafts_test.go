package generator_test

import (
	"strings"
	"testing"
)

// draftSite has a draft of each kind beside a published release.
const draftSite = minimalConfig + `
-- content/press/2026-11-01-public.md --
---
title: Public release
---
Everyone may read this.
-- content/press/2026-11-02-draft-release.md --
---
title: A draft release
draft: true
---
Not yet.
-- content/blog/2026-11-03-draft-post.md --
---
title: A draft post
draft: true
---
Not yet.
-- content/literature/draft-sheet.md --
---
title: A draft fact sheet
draft: true
---
Not yet.
-- content/pages/draft-page.md --
---
title: A draft page
draft: true
---
Not yet.
`

// TestDraftsAreMarked: with --drafts, a draft's page says it is a draft
// (in its title too), and so does its card in every list; a published
// item is not marked, and a build without drafts marks nothing.
func TestDraftsAreMarked(t *testing.T) {
	root := writeSite(t, draftSite)
	_, mem, err := buildMemory(t, root, testAt, true)
	if err != nil {
		t.Fatal(err)
	}
	page := func(name string) string {
		t.Helper()
		data, ok := mem.File(name)
		if !ok {
			t.Fatalf("no %s", name)
		}
		return string(data)
	}
	for _, name := range []string{"press/draft-release/index.html", "blog/draft-post/index.html",
		"literature/draft-sheet/index.html", "draft-page/index.html"} {
		body := page(name)
		if !strings.Contains(body, `class="draft-flag"`) {
			t.Errorf("%s carries no draft marker", name)
		}
		if !strings.Contains(body, "<title>Draft: ") {
			t.Errorf("%s: its title does not say draft", name)
		}
	}
	if body := page("press/public/index.html"); strings.Contains(body, "draft-flag") || strings.Contains(body, "<title>Draft") {
		t.Error("a published release is marked as a draft")
	}
	for _, name := range []string{"index.html", "press/index.html", "blog/index.html", "literature/index.html"} {
		body := page(name)
		card := cardOf(body, "A draft ")
		if !strings.Contains(card, `<span class="draft-flag">Draft</span>`) {
			t.Errorf("%s: the draft's card is not marked: %q", name, card)
		}
	}
	if card := cardOf(page("press/index.html"), "Public release"); strings.Contains(card, "draft-flag") {
		t.Errorf("the published release's card is marked: %q", card)
	}

	_, mem, err = buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range mem.Names() {
		if data, _ := mem.File(name); strings.Contains(string(data), "draft-flag") && strings.HasSuffix(name, ".html") {
			t.Errorf("without --drafts, %s holds a draft marker", name)
		}
	}
}

// cardOf returns the list card (<article class="card">…</article>) whose
// text holds title, or "".
func cardOf(page, title string) string {
	for _, part := range strings.Split(page, `<article class="card">`)[1:] {
		card, _, _ := strings.Cut(part, "</article>")
		if strings.Contains(card, title) {
			return card
		}
	}
	return ""
}
