package generator_test

import (
	"regexp"
	"strings"
	"testing"
)

const svgSite = minimalConfig + `
-- content/assets/logos/evil.svg --
<svg xmlns="http://www.w3.org/2000/svg">
  <rect width="10" height="10"/>
  <script>alert(document.domain)</script>
</svg>
-- content/assets/logos/handler.svg --
<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>
-- content/assets/logos/clean.svg --
<svg xmlns="http://www.w3.org/2000/svg"><a href="https://example.com/"><rect width="1" height="1"/></a></svg>
-- content/press/2026-11-01-launch.md --
---
title: Launch
assets: [logos/evil.svg]
---
Body.
`

// TestSVGsWithScriptsAreWarnedAbout: the build reports each SVG that holds
// a script or an event handler, at its file and line, and builds.
func TestSVGsWithScriptsAreWarnedAbout(t *testing.T) {
	rep, _, err := buildMemory(t, writeSite(t, svgSite), testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range rep.Warnings {
		got = append(got, w.Error())
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], "content/assets/logos/evil.svg:3: ") || !strings.Contains(got[0], "<script>") ||
		!strings.HasPrefix(got[1], "content/assets/logos/handler.svg:1: ") || !strings.Contains(got[1], "onload=") {
		t.Errorf("warnings = %q", got)
	}
}

// TestSVGsAreShownOnlyThroughImg: no page links an SVG to be opened as a
// document; it is shown through <img>, and its download link downloads.
func TestSVGsAreShownOnlyThroughImg(t *testing.T) {
	_, mem, err := buildMemory(t, writeSite(t, svgSite), testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	anchor := regexp.MustCompile(`<a\s[^>]*href="[^"]*\.svg"[^>]*>`)
	for _, page := range []string{"assets/index.html", "press/launch/index.html"} {
		data, ok := mem.File(page)
		if !ok {
			t.Fatalf("no %s", page)
		}
		html := string(data)
		if !strings.Contains(html, `<img src="/assets/logos/evil.svg"`) {
			t.Errorf("%s does not show the SVG through <img>", page)
		}
		links := anchor.FindAllString(html, -1)
		if len(links) == 0 {
			t.Errorf("%s has no download link for the SVG", page)
		}
		for _, a := range links {
			if !regexp.MustCompile(`\sdownload[\s>=]`).MatchString(a) {
				t.Errorf("%s links an SVG without download: %s", page, a)
			}
		}
	}
}
