package content

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/diag"
)

// TestYAMLMistakes: the mistakes people make most in YAML front matter are
// each reported at the line a person would point at, saying what to do.
// Each block is front matter without its --- lines, so its line n is line
// n+1 of a content file and line n of a sidecar, which must say the same.
func TestYAMLMistakes(t *testing.T) {
	tests := map[string]struct {
		yaml string
		line int    // the block's line
		want string // a substring of the message
	}{
		"unclosed bracket": {
			"title: X\ndate: 2026-01-01\nlocation: Berlin\nsummary: [unclosed\n", 4,
			"summary: the [ opens a list that is never closed: end the list with ]",
		},
		"unclosed bracket before more keys": {
			"title: X\ntags: [storage, wind\ndate: 2026-01-01\nlocation: Berlin\n", 2,
			"tags: the [ opens a list that is never closed",
		},
		"unclosed bracket on the first line": {
			"tags: [storage, wind\ntitle: X\n", 1,
			"tags: the [ opens a list",
		},
		"unclosed double quote": {
			"title: X\ndate: 2026-01-01\nsummary: \"We open a plant\nlocation: Berlin\n", 3,
			`summary: the quote " that opens the value is never closed: end the value with " on this line`,
		},
		"unclosed single quote": {
			"title: X\nsummary: 'We open a plant\nlocation: Berlin\n", 2,
			`summary: the quote ' that opens the value is never closed`,
		},
		"unclosed quote on the first line": {
			"title: \"Acme opens a plant\ndate: 2026-01-01\nlocation: Berlin\n", 1,
			`title: the quote " that opens`,
		},
		"tab indenting a list item": {
			"title: X\ntags:\n\t- storage\n", 3,
			"this line is indented with a tab: YAML allows only spaces, so replace the tab with spaces",
		},
		"tab indenting a key": {
			"title: X\ndate: 2026-01-01\n\tlocation: Berlin\n", 3,
			"indented with a tab",
		},
		"colon in an unquoted title": {
			"date: 2026-01-01\ntitle: Acme: the new plant\nlocation: Berlin\n", 2,
			`title: the ": " in this value reads as the start of another key: put the value in quotes, as title: "Acme: the new plant"`,
		},
		"colon in an unquoted title that holds quotes": {
			"title: Acme: the \"new\" plant\n", 1,
			`put the value in quotes, as title: 'Acme: the "new" plant'`,
		},
		"duplicate key": {
			"title: Acme opens a plant\ndate: 2026-01-01\ntitle: Acme opens its plant\n", 3,
			"title is written twice, here and on line ",
		},
		"list item indented less than the one above": {
			"title: X\ntags:\n  - storage\n - wind\n", 4,
			`this list item is not in line with the list above it: write the key on a line of its own (tags:) and indent every "- " of its list by the same number of spaces`,
		},
		"list item after a comment and a blank line": {
			"# the release\n\ntitle: X\ntags:\n  - storage\n - wind\n", 6,
			"this list item is not in line with the list above it",
		},
		"list item without its key": {
			"title: X\n- storage\n", 2,
			"this list item is not in line with the list above it",
		},
		"key indented under another": {
			"title: X\n  location: Berlin\n", 2,
			"this line is indented, so it reads as part of the value above: start each key at the beginning of the line",
		},
		"text after a closing quote": {
			"date: 2026-01-01\ntitle: \"Acme\" opens a plant\n", 2,
			"title: text follows the closing quote: put the whole value in quotes",
		},
		"value starting with @": {
			"title: X\nauthor: @acme\n", 2,
			`author: a value cannot start with @: put the whole value in quotes, as author: "@acme"`,
		},
		"key without a colon": {
			"title: X\nlocation Berlin\n", 2,
			"this line is not `key: value`: add a colon and a space after the key",
		},
		"windows line ends": {
			"title: X\r\ndate: 2026-01-01\r\nsummary: [unclosed\r\n", 3,
			"summary: the [ opens a list",
		},
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			const file = "content/press/2026-01-01-x.md"
			p := parseSource([]byte("---\n"+tc.yaml+"---\nBody.\n"), &Item{Section: "press", Source: file}, berlin)
			checkOne(t, "front matter", p.problems, file, tc.line+1, tc.want)

			const sidecar = "content/assets/photo.jpg.yaml"
			var problems diag.List
			parseSidecar([]byte(strings.ReplaceAll(tc.yaml, "location", "caption")), sidecar, berlin, &problems)
			checkOne(t, "sidecar", withoutUnknownKeys(collected(&problems)), sidecar, tc.line, tc.want)
		})
	}
}

// TestTOMLMistakes: the same for TOML front matter (between +++ lines) and
// TOML sidecars.
func TestTOMLMistakes(t *testing.T) {
	tests := map[string]struct {
		toml string
		line int
		want string
	}{
		"unclosed bracket before more keys": {
			"title = \"X\"\ntags = [\"storage\", \"wind\"\nlocation = \"Berlin\"\n", 2,
			`tags: the [ opens a list that is never closed: end the list with ], such as ["a", "b"]`,
		},
		"unclosed bracket over two lines": {
			"title = \"X\"\ntags = [\"storage\",\n  \"wind\"\n", 2,
			"tags: the [ opens a list that is never closed",
		},
		"unclosed bracket on the last line": {
			"title = \"X\"\ntags = [\"storage\"\n", 2,
			"tags: the [ opens a list that is never closed",
		},
		"unclosed quote": {
			"title = \"X\"\nsummary = \"We open a plant\nlocation = \"Berlin\"\n", 2,
			`summary: the quote " that opens the value is never closed`,
		},
		"unquoted title with a colon": {
			"date = 2026-01-01\ntitle = Acme: the new plant\n", 2,
			`title: text needs quotes in TOML: write title = "Acme: the new plant"`,
		},
		"duplicate key": {
			"title = \"A\"\ndate = 2026-01-01\ntitle = \"B\"\n", 3,
			"title is written twice, here and on line ",
		},
		"YAML colon between +++ lines": {
			"title: \"X\"\n", 1,
			"write = instead of :, or start and end the front matter with --- lines to write YAML",
		},
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			const file = "content/press/2026-01-01-x.md"
			p := parseSource([]byte("+++\n"+tc.toml+"+++\nBody.\n"), &Item{Section: "press", Source: file}, berlin)
			checkOne(t, "front matter", p.problems, file, tc.line+1, tc.want)

			const sidecar = "content/assets/photo.jpg.toml"
			var problems diag.List
			parseSidecar([]byte(strings.ReplaceAll(tc.toml, "location", "caption")), sidecar, berlin, &problems)
			checkOne(t, "sidecar", withoutUnknownKeys(collected(&problems)), sidecar, tc.line, tc.want)
		})
	}
}

// TestSidecarMistakeLines loads a site whose sidecars hold mistakes: the
// loader reports each at its line, as the file's own parse does.
func TestSidecarMistakeLines(t *testing.T) {
	_, errs := loadFiles(t, map[string]string{
		"content/assets/photos/a.jpg":      "jpeg",
		"content/assets/photos/a.jpg.yaml": "title: Plant\ncredit: Acme\ncaption: [unclosed\n",
		"content/assets/photos/b.jpg":      "jpeg",
		"content/assets/photos/b.jpg.yaml": "\uFEFFtitle: Plant: the hall\n",
		"content/assets/photos/c.jpg":      "jpeg",
		"content/assets/photos/c.jpg.yaml": "title: Plant\ncredit: Acme\ncredit: Acme GmbH\n",
	})
	want := []string{
		"content/assets/photos/a.jpg.yaml:3: caption: the [ opens a list that is never closed: end the list with ] on this line, such as [a, b], or put the whole value in quotes if the [ is part of the text",
		`content/assets/photos/b.jpg.yaml:1: title: the ": " in this value reads as the start of another key: put the value in quotes, as title: "Plant: the hall"`,
		"content/assets/photos/c.jpg.yaml:3: credit is written twice, here and on line 2: keep one of the two lines",
	}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

func checkOne(t *testing.T, what string, problems []diag.Problem, file string, line int, want string) {
	t.Helper()
	if len(problems) != 1 {
		t.Errorf("%s: problems %v, want one at %s:%d", what, problems, file, line)
		return
	}
	p := problems[0]
	if p.File != file || p.Line != line || !strings.Contains(p.Msg, want) {
		t.Errorf("%s: problem %q, want %s:%d: …%s…", what, p.Error(), file, line, want)
	}
}

// withoutUnknownKeys drops the problems of keys a sidecar does not take
// (location, date): the tables share their blocks with front matter.
func withoutUnknownKeys(problems []diag.Problem) []diag.Problem {
	var out []diag.Problem
	for _, p := range problems {
		if !strings.HasPrefix(p.Msg, "unknown front matter key") {
			out = append(out, p)
		}
	}
	return out
}
