package generator_test

import (
	"bytes"
	"strings"
	"testing"
)

const micrositeSite = minimalConfig + `
-- content/microsites/wind-at-school/_index.md --
---
title: Wind at School
description: Lessons about wind power for schools.
accent: "#1f7a72"
weight: 1
---
Welcome, teachers.
-- content/microsites/wind-at-school/lessons.md --
---
title: Lessons
weight: 2
---
Lesson plans.
-- content/microsites/wind-at-school/visits.md --
---
title: Site visits
weight: 1
---
Visit a turbine.
-- content/microsites/wind-at-school/later.md --
---
title: Later page
embargo: 2027-01-01
---
Not yet.
-- content/microsites/own-look/_index.md --
---
title: Own Look
---
Home.
-- content/microsites/own-look/layouts/microsite-home.html --
{{define "main"}}<p class="own-layout">{{.Microsite.Title}}</p>{{end}}
-- content/microsites/hidden/_index.md --
---
title: Hidden campaign
draft: true
---
-- content/microsites/hidden/page.md --
---
title: Hidden page
---
`

func TestMicrosites(t *testing.T) {
	rep, mem, err := buildMemory(t, writeSite(t, micrositeSite), testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	home, ok := mem.File("wind-at-school/index.html")
	if !ok {
		t.Fatal("no microsite home")
	}
	for _, want := range []string{"Welcome, teachers.", "--accent: #1f7a72", "<title>Wind at School</title>",
		`href="/wind-at-school/visits/"`, "A campaign of Test Org"} {
		if !bytes.Contains(home, []byte(want)) {
			t.Errorf("microsite home lacks %q", want)
		}
	}
	if i, j := bytes.Index(home, []byte(">Site visits<")), bytes.Index(home, []byte(">Lessons<")); i < 0 || j < i {
		t.Error("navigation is not in weight order")
	}
	if _, ok := mem.File("wind-at-school/lessons/index.html"); !ok {
		t.Error("no microsite page")
	}
	own, _ := mem.File("own-look/index.html")
	if !bytes.Contains(own, []byte(`<p class="own-layout">Own Look</p>`)) {
		t.Errorf("the microsite's own layout was not used:\n%s", own)
	}
	newsroom, _ := mem.File("index.html")
	if !bytes.Contains(newsroom, []byte(`href="/wind-at-school/"`)) {
		t.Error("the newsroom does not list its microsites")
	}
	sitemap, _ := mem.File("sitemap.xml")
	if !bytes.Contains(sitemap, []byte("https://news.test.example/wind-at-school/lessons/")) {
		t.Error("microsite pages are missing from the sitemap")
	}
	for _, name := range rep.Files {
		if strings.HasPrefix(name, "hidden/") || strings.Contains(name, "later") {
			t.Errorf("held microsite content written: %s", name)
		}
	}
}

func TestMicrositeErrors(t *testing.T) {
	tests := map[string]struct{ files, want string }{
		"no _index.md": {minimalConfig + "-- content/microsites/x/page.md --\n---\ntitle: P\n---\n",
			"content/microsites/x: a microsite needs an _index.md"},
		"bad accent": {minimalConfig + "-- content/microsites/x/_index.md --\n---\ntitle: X\naccent: \"red; background: url(evil)\"\n---\n",
			`content/microsites/x/_index.md:3: accent "red; background: url(evil)" is not a CSS colour`},
		"reserved name": {minimalConfig + "-- content/microsites/press/_index.md --\n---\ntitle: X\n---\n",
			`the microsite name "press" is taken`},
		"missing theme": {minimalConfig + "-- content/microsites/x/_index.md --\n---\ntitle: X\ntheme: nope\n---\n",
			`content/microsites/x/_index.md:3: theme "nope" not found`},
		"collides with a page": {minimalConfig + "-- content/microsites/about/_index.md --\n---\ntitle: X\n---\n-- content/pages/about.md --\n---\ntitle: About\n---\n",
			"two items at one URL /about/"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, _, err := buildMemory(t, writeSite(t, tc.files), testAt, false)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
