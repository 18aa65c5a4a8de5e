package check

import (
	"bytes"
	"context"
	"fmt"
	"image"
	pngenc "image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	defaulttheme "github.com/pressroom/pressroom/themes/default"
)

// at is the moment the test sites are checked as of.
var at = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

const config = `title = "Test Newsroom"
baseURL = "https://news.example.com/"
timezone = "Europe/Berlin"

[organization]
name = "Example Co"
logo = "logos/logo.png"

[[contacts]]
id = "press"
name = "Alex Doe"
`

// good is a release no rule warns of; the cases change it.
const good = `---
title: A new plant opens
date: 2026-11-03
location: BERLIN
summary: The plant stores 200 MWh.
contacts: [press]
---
The plant opens.
`

// pngOf is a PNG of w × h pixels.
func pngOf(w, h int) string {
	var b bytes.Buffer
	pngenc.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)))
	return b.String()
}

// skip, as a file's content, leaves out a file site would write.
const skip = "\x00skip"

const sidecar = "alt: A plant\ncredit: Alex Doe\nlicense: CC BY 4.0\n"

// writeSite writes files (path: content) beside a config.toml and the logo,
// unless they give their own.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{"config.toml": config, "content/assets/logos/logo.png": pngOf(4, 4),
		"content/assets/logos/logo.png.yaml": sidecar}
	for name, body := range files {
		all[name] = body
	}
	for name, body := range all {
		if body == skip {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t *testing.T, files map[string]string) *Report {
	t.Helper()
	rep, err := Run(context.Background(), writeSite(t, files), at)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// lines are a report's findings as "file:line: rule" (errors as "error").
func lines(rep *Report) []string {
	var out []string
	for _, f := range rep.All() {
		rule := f.Rule
		if f.Severity == Error {
			rule = "error"
		}
		out = append(out, fmt.Sprintf("%s:%d: %s", f.File, f.Line, rule))
	}
	return out
}

func release(front string) string {
	return strings.Replace(good, "---\nThe plant", front+"---\nThe plant", 1)
}

const rel = "content/press/2026-11-03-new-plant.md"

// translated is rel in German, in a site of bilingualConfig.
const translated = "content/press/2026-11-03-new-plant.de.md"

// bilingualConfig is config with German (whose words words_test.go in
// package theme holds complete).
const bilingualConfig = config + "[check]\nignore = [\"missing-translation-string\"]\n[languages.de]\n"

// englishWords are the embedded theme's English words, as a translation
// that misses nothing.
func englishWords() string {
	data, err := fs.ReadFile(defaulttheme.FS, "i18n/en.toml")
	if err != nil {
		panic(err)
	}
	return string(data)
}

// TestRules has, for each rule, a site that triggers it (want: the one
// finding, to the line) and one that does not.
func TestRules(t *testing.T) {
	big, small := pngOf(2000, 1000), pngOf(1200, 800)
	tests := []struct {
		rule      string
		bad, fine map[string]string
		want      string
	}{
		{"missing-summary",
			map[string]string{rel: strings.Replace(good, "summary: The plant stores 200 MWh.\n", "", 1)},
			map[string]string{rel: good},
			rel + ":2: missing-summary"},
		{"missing-contacts",
			map[string]string{rel: strings.Replace(good, "contacts: [press]\n", "", 1)},
			map[string]string{rel: good},
			rel + ":2: missing-contacts"},
		{"missing-location",
			map[string]string{rel: strings.Replace(good, "location: BERLIN\n", "", 1)},
			map[string]string{rel: good},
			rel + ":2: missing-location"},
		{"long-headline",
			map[string]string{rel: strings.Replace(good, "A new plant opens", strings.Repeat("word ", 23), 1)},
			map[string]string{rel: strings.Replace(good, "A new plant opens", strings.Repeat("word ", 22), 1)},
			rel + ":2: long-headline"},
		{"long-summary",
			map[string]string{rel: strings.Replace(good, "The plant stores 200 MWh.", strings.Repeat("The plant stores. ", 17), 1)},
			map[string]string{rel: strings.Replace(good, "The plant stores 200 MWh.", strings.Repeat("The plant stores. ", 16), 1)},
			rel + ":5: long-summary"},
		{"missing-sidecar",
			map[string]string{rel: release("assets: [photos/a.png]\n"), "content/assets/photos/a.png": big},
			map[string]string{rel: release("assets: [photos/a.png]\n"), "content/assets/photos/a.png": big, "content/assets/photos/a.png.yaml": sidecar},
			"content/assets/photos/a.png:0: missing-sidecar"},
		{"missing-alt",
			map[string]string{rel: release("assets: [photos/a.png]\n"), "content/assets/photos/a.png": big, "content/assets/photos/a.png.yaml": "credit: X\nlicense: Y\n"},
			map[string]string{rel: good, "content/assets/photos/a.png": big, "content/assets/photos/a.png.yaml": "credit: X\nlicense: Y\n"},
			"content/assets/photos/a.png.yaml:1: missing-alt"},
		{"missing-credit",
			map[string]string{rel: release("") + "\n![A plant](/assets/photos/a.png)\n", "content/assets/photos/a.png": big, "content/assets/photos/a.png.yaml": "alt: X\nlicense: Y\n"},
			map[string]string{rel: release("") + "\n![A plant](/assets/photos/a.png)\n", "content/assets/photos/a.png": big, "content/assets/photos/a.png.yaml": sidecar},
			"content/assets/photos/a.png.yaml:1: missing-credit"},
		{"missing-license",
			map[string]string{"content/press/2026-11-03-new-plant/index.md": release("assets: [a.png]\n"), "content/press/2026-11-03-new-plant/a.png": big, "content/press/2026-11-03-new-plant/a.png.yaml": "alt: X\ncredit: Y\n"},
			map[string]string{"content/press/2026-11-03-new-plant/index.md": release("assets: [a.png]\n"), "content/press/2026-11-03-new-plant/a.png": big, "content/press/2026-11-03-new-plant/a.png.yaml": "alt: X\ncredit: Y\nlicence: Z\n"},
			"content/press/2026-11-03-new-plant/a.png.yaml:1: missing-license"},
		{"short-photo",
			map[string]string{rel: release("assets: [photos/a.png]\n"), "content/assets/photos/a.png": small, "content/assets/photos/a.png.yaml": sidecar},
			map[string]string{rel: release("assets: [photos/a.png]\n"), "content/assets/photos/a.png": pngOf(900, 1600), "content/assets/photos/a.png.yaml": sidecar},
			"content/assets/photos/a.png.yaml:0: short-photo"},
		{"svg-logo-only",
			map[string]string{"config.toml": strings.Replace(config, "logos/logo.png", "logos/logo.svg", 1), "content/assets/logos/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>", "content/assets/logos/logo.png": skip, "content/assets/logos/logo.png.yaml": skip},
			map[string]string{"config.toml": strings.Replace(config, "logos/logo.png", "logos/logo.svg", 1), "content/assets/logos/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"},
			"config.toml:7: svg-logo-only"},
		{"svg-logo-only", // a raster copy of another name, named by logoRaster
			map[string]string{"config.toml": strings.Replace(config, "logos/logo.png", "logos/logo.svg", 1), "content/assets/logos/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>", "content/assets/logos/logo.png": skip, "content/assets/logos/logo.png.yaml": skip},
			map[string]string{"config.toml": strings.Replace(config, `logo = "logos/logo.png"`, `logo = "logos/logo.svg"`+"\nlogoRaster = \"logos/brand.png\"", 1), "content/assets/logos/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
				"content/assets/logos/logo.png": skip, "content/assets/logos/logo.png.yaml": skip, "content/assets/logos/brand.png": pngOf(4, 4), "content/assets/logos/brand.png.yaml": sidecar},
			"config.toml:7: svg-logo-only"},
		{"svg-script",
			map[string]string{"content/assets/logos/x.svg": "<svg xmlns='http://www.w3.org/2000/svg'>\n<script>alert(1)</script></svg>"},
			map[string]string{"content/assets/logos/x.svg": "<svg xmlns='http://www.w3.org/2000/svg'>\n<rect/></svg>"},
			"content/assets/logos/x.svg:2: svg-script"},
		{"broken-link",
			map[string]string{rel: good + "\nSee [the old plant](/press/old-plant/).\n"},
			map[string]string{rel: good + "\nSee [the other plant](../new-plant/), [the list](/press/), [our feed](/press/feed.xml), [mail](mailto:a@example.com) and [a site](https://example.org/x/).\n"},
			rel + ":10: broken-link"},
		{"held-link",
			map[string]string{rel: good + "\nSee [the next plant](/press/next-plant/).\n", "content/press/2026-12-03-next-plant.md": strings.Replace(good, "2026-11-03", "2026-12-03", 1)},
			map[string]string{rel: good + "\nSee [the old plant](/press/old-plant/).\n", "content/press/2026-10-03-old-plant.md": strings.Replace(good, "2026-11-03", "2026-10-03", 1)},
			rel + ":10: held-link"},
		{"embargo-before-date",
			map[string]string{rel: release("embargo: 2026-11-02T09:00:00\n")},
			map[string]string{rel: release("embargo: 2026-11-03T09:00:00\n")},
			rel + ":7: embargo-before-date"},
		{"asset-held-longer",
			map[string]string{rel: release("assets: [photos/a.png]\n"), "content/assets/photos/a.png": big, "content/assets/photos/a.png.yaml": sidecar + "embargo: 2026-12-01T09:00:00\n"},
			map[string]string{rel: release("assets: [photos/a.png]\nembargo: 2026-12-01T09:00:00\n"), "content/assets/photos/a.png": big, "content/assets/photos/a.png.yaml": sidecar + "embargo: 2026-12-01T09:00:00\n"},
			rel + ":7: asset-held-longer"},
		{"date-far-from-filename",
			map[string]string{rel: strings.Replace(good, "date: 2026-11-03", "date: 2026-11-11", 1)},
			map[string]string{rel: strings.Replace(good, "date: 2026-11-03", "date: 2026-11-10", 1)},
			rel + ":3: date-far-from-filename"},
		{"translation-held-longer",
			map[string]string{"config.toml": bilingualConfig, rel: release("embargo: 2026-12-01T09:00:00\n"), translated: good},
			map[string]string{"config.toml": bilingualConfig, rel: release("embargo: 2026-12-01T09:00:00\n"), translated: release("embargo: 2026-12-01T09:00:00\n")},
			translated + ":2: translation-held-longer"},
		{"missing-translation-string",
			map[string]string{"config.toml": config + "[languages.sv]\n"},
			map[string]string{"config.toml": config + "[languages.sv]\n", "themes/default/i18n/sv.toml": englishWords()},
			"config.toml:" + strconv.Itoa(strings.Count(config, "\n")+1) + ": missing-translation-string"},
	}
	seen := map[string]bool{}
	for _, tc := range tests {
		seen[tc.rule] = true
		t.Run(tc.rule, func(t *testing.T) {
			got := lines(run(t, tc.bad))
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("triggering site: got\n%s\nwant %s", strings.Join(got, "\n"), tc.want)
			}
			if got := lines(run(t, tc.fine)); len(got) != 0 {
				t.Errorf("site that should pass: got\n%s", strings.Join(got, "\n"))
			}
		})
	}
	for _, r := range Rules {
		if !seen[r.ID] {
			t.Errorf("rule %s has no test", r.ID)
		}
	}
}

// TestSilencing: a rule is silenced for the whole site in config.toml, for
// one file by its checkIgnore, for a photo by its sidecar's; an id no rule
// has is an error at its line, with the id meant.
func TestSilencing(t *testing.T) {
	noSummary := strings.Replace(good, "summary: The plant stores 200 MWh.\n", "", 1)
	small := map[string]string{rel: release("assets: [photos/a.png]\n"), "content/assets/photos/a.png": pngOf(1200, 800)}
	tests := map[string]struct {
		files map[string]string
		want  []string
	}{
		"site": {map[string]string{"config.toml": config + "\n[check]\nignore = [\"missing-summary\"]\n", rel: noSummary}, nil},
		"file": {map[string]string{rel: strings.Replace(noSummary, "---\nThe", "checkIgnore: [missing-summary]\n---\nThe", 1)}, nil},
		"other rule": {map[string]string{rel: strings.Replace(noSummary, "---\nThe", "checkIgnore: [long-summary]\n---\nThe", 1)},
			[]string{rel + ":2: missing-summary"}},
		"sidecar": {merge(small, map[string]string{"content/assets/photos/a.png.yaml": sidecar + "checkIgnore: [short-photo]\n"}), nil},
		"unknown in config": {map[string]string{"config.toml": config + "\n[check]\nignore = [\n  \"missing-summary\",\n  \"shortphoto\",\n]\n", rel: noSummary},
			[]string{"config.toml:16: error"}},
		"unknown in front matter": {map[string]string{rel: strings.Replace(good, "---\nThe", "checkIgnore: [long-headlines]\n---\nThe", 1)},
			[]string{rel + ":7: error"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := lines(run(t, tc.files))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
	rep := run(t, tests["unknown in config"].files)
	if msg := rep.Errors[0].Message; msg != `[check] ignore: no check rule is called "shortphoto": did you mean "short-photo"?` {
		t.Errorf("message %q", msg)
	}
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// TestHeldAndDraftReleasesAreChecked: a release is checked before it goes
// out: embargoed, scheduled or a draft.
func TestHeldAndDraftReleasesAreChecked(t *testing.T) {
	noContacts := strings.Replace(good, "contacts: [press]\n", "", 1)
	rep := run(t, map[string]string{
		"content/press/2026-11-03-a.md": strings.Replace(noContacts, "---\nThe", "embargo: 2026-12-01T09:00:00\n---\nThe", 1),
		"content/press/2026-12-03-b.md": strings.Replace(noContacts, "2026-11-03", "2026-12-03", 1),
		"content/press/2026-11-03-c.md": strings.Replace(noContacts, "---\nThe", "draft: true\n---\nThe", 1),
	})
	want := "content/press/2026-11-03-a.md:2: missing-contacts\ncontent/press/2026-11-03-c.md:2: missing-contacts\ncontent/press/2026-12-03-b.md:2: missing-contacts"
	if got := strings.Join(lines(rep), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestErrorsThenWarnings: the build's errors come first, all of them,
// and the warnings of what could be loaded and resolved are not guessed at.
func TestErrorsThenWarnings(t *testing.T) {
	rep := run(t, map[string]string{
		rel:                             strings.Replace(good, "contacts: [press]", "contacts: [pres]", 1),
		"content/press/2026-11-04-b.md": "---\ntitle: B\ndate: 2026-13-01\n---\n",
	})
	want := rel + ":6: error\ncontent/press/2026-11-04-b.md:3: error"
	if got := strings.Join(lines(rep), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestLinksAtTheTop: a link to a page at the top of the site that no file
// makes is broken; the build's own files (feeds, kits, vCards, the sitemap)
// and static/ files are there.
func TestLinksAtTheTop(t *testing.T) {
	body := good + "\n[About](/about/), [kit](/press-kit.zip), [feed](/feed.xml), [vCard](/contacts/press.vcf), [CNAME](/CNAME), [tag](/tags/x/),\n[a photo](/assets/photos/nope.jpg), [kit](/press/new-plant/press-kit.zip)\n"
	rep := run(t, map[string]string{rel: body, "static/CNAME": "news.example.com\n"})
	want := rel + ":10: broken-link\n" + rel + ":11: broken-link"
	if got := strings.Join(lines(rep), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if rep.Warnings[0].Message != "the link /about/ leads nowhere: the site has no page or file at /about/; correct the address, or remove the link" {
		t.Errorf("message %q", rep.Warnings[0].Message)
	}
}

// TestLinksIntoAnotherLanguage: a body's links to the lists, tags, pages
// and kits of another language are no broken links; a wrong one is.
func TestLinksIntoAnotherLanguage(t *testing.T) {
	body := "See [the German list](/de/press/), [a topic](/de/tags/speicher/), [the translation](/de/press/new-plant/), [its kit](/de/press/new-plant/press-kit.zip), [coverage](/de/coverage/), [search](/de/search/) and [the kit](/de/press-kit.zip).\n\n[Nothing](/de/press/nowhere/).\n"
	root := writeSite(t, map[string]string{"config.toml": bilingualConfig, rel: good, translated: release("tags: [Speicher]\n") + body})
	rep, err := Run(context.Background(), root, at)
	if err != nil {
		t.Fatal(err)
	}
	var broken []string
	for _, f := range rep.All() {
		if f.Rule == "broken-link" {
			broken = append(broken, f.Message)
		}
	}
	if len(broken) != 1 || !strings.Contains(broken[0], "/de/press/nowhere/") {
		t.Errorf("broken links: %q, want only /de/press/nowhere/", broken)
	}
}
