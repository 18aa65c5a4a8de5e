package guard

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// goldmarks returns goldmark as New configures it, without and with the guards.
func goldmarks() (plain, guarded goldmark.Markdown) {
	opts := []goldmark.Option{
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
	}
	plain = goldmark.New(opts...)
	guarded = goldmark.New(append([]goldmark.Option{goldmark.WithParser(NewParser())}, opts...)...)
	return plain, guarded
}

func render(t testing.TB, md goldmark.Markdown, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// goldmarkTests returns the examples goldmark tests itself with: the
// CommonMark spec's and its extensions', from the module cache.
func goldmarkTests(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skip("goldmark's sources are not at hand")
	}
	data, err := os.ReadFile(filepath.Join(dir, "_test", "spec.json"))
	if err != nil {
		t.Skip("goldmark's sources are not at hand:", err)
	}
	var spec []struct{ Markdown string }
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	var examples []string
	for _, e := range spec {
		examples = append(examples, e.Markdown)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "extension", "_test", "*.txt"))
	files = append(files, filepath.Join(dir, "_test", "extra.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range strings.Split(string(data), "//= = = = = = = = = = = = = = = = = = = = = = = =//") {
			if parts := strings.Split(c, "//- - - - - - - - -//\n"); len(parts) >= 2 {
				examples = append(examples, parts[1])
			}
		}
	}
	return examples
}

func TestGuardsChangeNothingForGoldmarksOwnExamples(t *testing.T) {
	plain, guarded := goldmarks()
	examples := goldmarkTests(t)
	site, _ := filepath.Glob("../../../content/*/*.md")
	more, _ := filepath.Glob("../../../content/*/*/*.md")
	for _, f := range append(site, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		examples = append(examples, string(data))
	}
	if len(examples) < 700 {
		t.Fatalf("only %d examples", len(examples))
	}
	for i, src := range examples {
		if want, got := render(t, plain, src), render(t, guarded, src); got != want {
			t.Errorf("example %d %q:\nguarded %q\nplain   %q", i, src, got, want)
		}
	}
}

func TestGuardsKeepWhatPeopleWrite(t *testing.T) {
	plain, guarded := goldmarks()
	var list strings.Builder
	for i := range 20 {
		list.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	var table strings.Builder
	table.WriteString("| a | b | c |\n|---|:-:|--:|\n")
	for range 500 {
		table.WriteString("| 1 |\n")
	}
	tests := map[string]string{
		"parentheses in an address": "[x](https://en.example/wiki/A_(b_(c)_d))\n",
		"an address in <…>":         "[x](<a b.pdf>) and [y](<c\\<d>)\n",
		"a list 20 levels deep":     list.String(),
		"quotes 10 deep":            strings.Repeat("> ", 10) + "quoted\n",
		"a table with short rows":   table.String(),
		"many emphases":             strings.Repeat("*a* **b** _c_ ~~d~~ ", 100) + "\n",
		"many code spans":           strings.Repeat("`a` ``b`` ", 300) + "\n",
		"many links":                strings.Repeat("[a](/x) ![b](/y.jpg) [c][r] ", 100) + "\n\n[r]: /z \"Z\"\n",
		"unclosed code span":        "a `b\n\nc `d` e\n",
	}
	for name, src := range tests {
		if want, got := render(t, plain, src), render(t, guarded, src); got != want {
			t.Errorf("%s:\nguarded %q\nplain   %q", name, got, want)
		}
	}
}

func TestGuardBounds(t *testing.T) {
	_, md := goldmarks()
	nested := func(levels int) string {
		var b strings.Builder
		for i := range levels {
			b.WriteString(strings.Repeat("  ", i) + "- a\n")
		}
		return b.String()
	}
	parens := func(n int) string {
		return "[x](/" + strings.Repeat("(", n) + strings.Repeat(")", n) + ")\n"
	}
	shortRows := func(rows int) string { // 13 columns at most, 12 padded per row
		return strings.Repeat("|a", 11) + "|\n" + strings.Repeat("|-", 11) + "|\n" + strings.Repeat("|x|\n", rows)
	}
	tests := []struct {
		name, src, count string
		want             int
	}{
		{"32 parentheses in an address", parens(maxLinkParens), "<a href", 1},
		{"33 parentheses are text", parens(maxLinkParens + 1), "<a href", 0},
		{"lists nest 32 deep", nested(32), "<ul>", 32},
		{"and no deeper", nested(40), "<ul>", 32},
		{"block quotes nest 63 deep", strings.Repeat(">", 70) + " a\n", "<blockquote>", 63},
		{"emphasis runs in a paragraph", strings.Repeat("*a* ", maxDelimiters/2+10) + "\n", "<em>", maxDelimiters / 2},
		{"emphasis counts per paragraph", strings.Repeat(strings.Repeat("*a* ", maxDelimiters/4)+"\n\n", 3), "<em>", 3 * maxDelimiters / 4},
		{"32 open labels", strings.Repeat("[", maxLinkLabels-1) + "[a](/b)" + strings.Repeat("]", maxLinkLabels-1) + "\n", `<a href="/b">a</a>`, 1},
		{"a 33rd label is text", strings.Repeat("[", maxLinkLabels) + "[a](/b)" + strings.Repeat("]", maxLinkLabels) + "\n", `<a href="/b">a</a>`, 0},
		{"a table padded within the budget", shortRows(MaxPaddedCells / 12), "<table>", 1},
		{"a table padded past it is text", shortRows(MaxPaddedCells/12 + 1), "<table>", 0},
	}
	for _, tc := range tests {
		if got := strings.Count(render(t, md, tc.src), tc.count); got != tc.want {
			t.Errorf("%s: %d %s, want %d", tc.name, got, tc.count, tc.want)
		}
	}
}

func TestRepeatedReferenceIsBoundedAndShownAsText(t *testing.T) {
	src := "[a]: /" + strings.Repeat("x", 10_000) + "\n\n" + strings.Repeat("[a]", 3000) + "\n"
	html := render(t, func() goldmark.Markdown { _, g := goldmarks(); return g }(), src)
	if len(html) > ReferenceBudget(len(src))+len(src)*4 {
		t.Errorf("%d bytes of HTML from %d", len(html), len(src))
	}
	if strings.Count(html, "<a href") < 10 || !strings.Contains(html, "[a][a]") {
		t.Errorf("want the first uses as links and the rest as text, got %.300s…", html)
	}
}

func TestEveryGuardIsInstalled(t *testing.T) {
	p := NewParser()
	goldmark.New(goldmark.WithParser(p), goldmark.WithExtensions(extension.GFM, extension.Footnote))
	if err := p.Check(); err != nil {
		t.Fatal(err)
	}
}
