package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator/markdown/guard"
)

// billionLaughs is nine lines that each repeat the line before nine times:
// 410 bytes that expanded to 9⁹ values (7.7 s and 1.6 GB before the bound).
const billionLaughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
tags: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`

func TestHostileFrontMatterIsRefusedWithItsLine(t *testing.T) {
	tests := map[string]struct {
		files map[string]string
		want  []string // each a substring of one problem, in order
	}{
		// a stack overflow after 26 s and 953 MB, which killed serve
		"an alias inside what it names": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\ntags: &a [*a]\n---\n"},
			[]string{"content/press/2026-01-01-x.md:3: tags: *a repeats the list it is in, so it never ends"},
		},
		"an alias deeper inside what it names": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\ntags: &a\n  - b\n  - [c, *a]\n---\n"},
			[]string{"content/press/2026-01-01-x.md:5: tags: *a repeats the list it is in"},
		},
		"an alias inside what it names, in a sidecar": {
			map[string]string{"content/assets/logo.svg": "<svg/>", "content/assets/logo.svg.yaml": "title: Logo\ntags: &a [x, *a]\n"},
			[]string{"content/assets/logo.svg.yaml:2: tags: *a repeats the list it is in"},
		},
		"aliases that expand past the budget": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\n" + billionLaughs + "---\n"},
			[]string{"content/press/2026-01-01-x.md:7: e: *d and the aliases in it repeat more than 10000 values: write the values out"},
		},
		"aliases past the budget in a sidecar": {
			map[string]string{"content/assets/logo.svg": "<svg/>", "content/assets/logo.svg.yaml": billionLaughs},
			[]string{"content/assets/logo.svg.yaml:5: e: *d and the aliases"},
		},
		"TOML nested too deep": {
			map[string]string{"content/press/2026-01-01-x.md": "+++\ntitle = \"X\"\nx = " + strings.Repeat("{a = ", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n+++\n"},
			[]string{"content/press/2026-01-01-x.md:3: TOML: tables, lists and dotted keys nest more than 32 deep"},
		},
		"a TOML dotted key too long": {
			map[string]string{"content/assets/logo.svg": "<svg/>", "content/assets/logo.svg.toml": "title = \"L\"\n\na" + strings.Repeat(".b", 5000) + " = 1\n"},
			[]string{"content/assets/logo.svg.toml:3: TOML: tables, lists and dotted keys nest more than 32 deep"},
		},
		"a file over the limit": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\n---\n" + strings.Repeat("![x](", MaxFileBytes/5+1)},
			[]string{"content/press/2026-01-01-x.md:1: the file is 1025 KB; the limit is 1 MB (1024 KB): split it into several pages"},
		},
		"a sidecar over the limit": {
			map[string]string{"content/assets/logo.svg": "<svg/>", "content/assets/logo.svg.yaml": "title: " + strings.Repeat("x", MaxFileBytes)},
			[]string{"content/assets/logo.svg.yaml:1: the file is 1025 KB; the limit is 1 MB (1024 KB): a sidecar holds a few lines"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, errs := loadFiles(t, tc.files)
			if len(errs) != len(tc.want) {
				t.Fatalf("problems = %.500q, want %d like %q", errs, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.Contains(errs[i], w) {
					t.Errorf("problem %d = %.500q, want it to contain %q", i, errs[i], w)
				}
			}
		})
	}
}

func TestAliasesWithinTheBudgetAreFollowed(t *testing.T) {
	got, errs := loadFiles(t, map[string]string{
		"content/press/2026-01-01-x.md": "---\ntitle: X\ntags: &t [storage, wind]\ncontacts: *t\nsummary: &s Short.\ndescription: *s\n---\n",
	})
	if errs != nil {
		t.Fatal(errs)
	}
	f := got.Items[0].Front
	if !reflect.DeepEqual(f.Contacts, []string{"storage", "wind"}) || f.Description != "Short." {
		t.Errorf("contacts %v, description %q", f.Contacts, f.Description)
	}
}

func TestEmptyEmbargoOrDraftIsAnError(t *testing.T) {
	tests := map[string]struct {
		file, src, want string
	}{
		"embargo: \"\"":       {"content/press/2026-01-01-x.md", "---\ntitle: X\nembargo: \"\"\n---\n", ":3: embargo is empty: give a date-time such as 2026-12-01T09:00:00, or remove the line"},
		"embargo: ~":          {"content/press/2026-01-01-x.md", "---\ntitle: X\nembargo: ~\n---\n", ":3: embargo is empty"},
		"embargo:":            {"content/press/2026-01-01-x.md", "---\ntitle: X\nembargo:\n---\n", ":3: embargo is empty"},
		"embargo: blank":      {"content/press/2026-01-01-x.md", "---\ntitle: X\nembargo: \"  \"\n---\n", ":3: embargo is empty"},
		"TOML embargo = \"\"": {"content/press/2026-01-01-x.md", "+++\ntitle = \"X\"\nembargo = \"\"\n+++\n", ":3: embargo is empty"},
		"draft:":              {"content/blog/2026-01-01-x.md", "---\ntitle: X\n\ndraft:\n---\n", ":4: draft is empty: write true to keep it unpublished, or remove the line"},
		"draft: ~":            {"content/blog/2026-01-01-x.md", "---\ntitle: X\ndraft: ~\n---\n", ":3: draft is empty"},
		"draft: \"\"":         {"content/blog/2026-01-01-x.md", "---\ntitle: X\ndraft: \"\"\n---\n", ":3: draft is empty"},
		"date:":               {"content/press/x.md", "---\ntitle: X\ndate:\n---\n", ":3: date is empty: give a date such as 2026-12-01, or remove the line"},
		"lastmod: \"\"":       {"content/pages/x.md", "---\ntitle: X\nlastmod: \"\"\n---\n", ":3: lastmod is empty"},
		"a sidecar's embargo": {"content/assets/photo.jpg.yaml", "title: P\nembargo: \"\"\n", ":2: embargo is empty"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			files := map[string]string{tc.file: tc.src}
			if strings.HasSuffix(tc.file, ".yaml") {
				files["content/assets/photo.jpg"] = "jpeg"
			}
			_, errs := loadFiles(t, files)
			if len(errs) != 1 || errs[0] != tc.file+tc.want && !strings.HasPrefix(errs[0], tc.file+tc.want) {
				t.Errorf("problems = %q, want one starting %q", errs, tc.file+tc.want)
			}
		})
	}
}

func TestLongSlugsAndManyTagsAreRefusedWithTheLimit(t *testing.T) {
	long := strings.Repeat("a", 300)
	tests := map[string]struct {
		files map[string]string
		want  string
	}{
		"a slug in front matter": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\nslug: " + long + "\n---\n"},
			`content/press/2026-01-01-x.md:3: slug "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…" is 300 bytes long; the limit is 200: set a shorter slug`,
		},
		"a slug from a bundle's folder": {
			map[string]string{"content/blog/2026-01-01-" + long[:220] + "/index.md": "---\ntitle: X\n---\n"},
			"is 220 bytes long; the limit is 200",
		},
		"too many tags": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\ntags: [" + strings.Repeat("t, ", MaxTags) + "t]\n---\n"},
			"content/press/2026-01-01-x.md:3: tags: 101 tags; the limit is 100: keep the few a reader would follow",
		},
		"a tag": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\n\ntags: [ok, \"" + strings.Repeat("Wind ", 60) + "\"]\n---\n"},
			`content/press/2026-01-01-x.md:4: tags: the tag "Wind Wind Wind Wind Wind Wind Wind Wind …" makes a URL word of 299 bytes; the limit is 200: shorten the tag`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, errs := loadFiles(t, tc.files)
			if len(errs) != 1 || !strings.Contains(errs[0], tc.want) {
				t.Errorf("problems = %q, want one with %q", errs, tc.want)
			}
		})
	}
	if _, errs := loadFiles(t, map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\nslug: " + long[:MaxSlugBytes] + "\ntags: [" + long[:MaxSlugBytes] + "]\n---\n"}); errs != nil {
		t.Errorf("a slug and a tag of %d bytes: %q", MaxSlugBytes, errs)
	}
}

// TestHostileBodiesLoad loads a release of each body that goldmark alone
// took seconds to minutes over: the loader parses a body for its links
// when it may link the asset library, through the same guards as the
// conversion (markdown/guard).
func TestHostileBodiesLoad(t *testing.T) {
	files := map[string]string{}
	for i, h := range guard.Hostile {
		files[fmt.Sprintf("content/press/2026-01-01-x%d.md", i)] = "---\ntitle: X\n---\n![p](/assets/p.jpg)\n\n" + h.Make(64_000)
	}
	got, errs := loadFiles(t, files)
	if errs != nil {
		t.Fatal(errs)
	}
	if len(got.Items) != len(guard.Hostile) {
		t.Errorf("%d items", len(got.Items))
	}
}
