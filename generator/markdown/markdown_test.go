package markdown

import (
	"net/url"
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	page, _ := url.Parse("https://news.example/press/new-plant/")
	tests := map[string]struct {
		unsafe   bool
		src      string
		contains []string
		lacks    []string
	}{
		"raw HTML is escaped by default": {false, "Hi <script>alert(1)</script> <b>bold</b>\n",
			[]string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt;"}, []string{"<script>", "<b>"}},
		"an HTML block is escaped by default": {false, "<div onclick=\"x()\">\nhi\n</div>\n",
			[]string{"&lt;div onclick=&quot;x()&quot;&gt;"}, []string{"<div"}},
		"raw HTML passes when the site opts in": {true, "Hi <b>bold</b>\n", []string{"<b>bold</b>"}, nil},
		"dangerous links are dropped":           {false, "[x](javascript:alert(1))\n", nil, []string{"javascript:"}},
		"relative links become absolute": {false, "![photo](photo.jpg) [prev](../older/) [root](/about/) [ext](https://x.example/) [frag](#figures)\n",
			[]string{`src="https://news.example/press/new-plant/photo.jpg"`, `href="https://news.example/press/older/"`,
				`href="https://news.example/about/"`, `href="https://x.example/"`, `href="#figures"`}, nil},
		"GFM tables":    {false, "| a | b |\n|---|---|\n| 1 | 2 |\n", []string{"<table>", "<td>1</td>"}, nil},
		"footnotes":     {false, "Claim.[^1]\n\n[^1]: Source.\n", []string{`class="footnotes"`, `id="fn:1"`}, nil},
		"typographer":   {false, "\"Quoted\" -- and...\n", []string{"&ldquo;Quoted&rdquo;", "&ndash;", "&hellip;"}, nil},
		"heading ids":   {false, "## Key figures\n\n## Key figures\n", []string{`id="key-figures"`, `id="key-figures-1"`}, nil},
		"strikethrough": {false, "~~old~~\n", []string{"<del>old</del>"}, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			res, err := New(tc.unsafe).Convert([]byte(tc.src), page, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tc.contains {
				if !strings.Contains(res.HTML, want) {
					t.Errorf("missing %s in:\n%s", want, res.HTML)
				}
			}
			for _, bad := range tc.lacks {
				if strings.Contains(res.HTML, bad) {
					t.Errorf("found %s in:\n%s", bad, res.HTML)
				}
			}
		})
	}
}

func TestSummaryIsFirstParagraphAsText(t *testing.T) {
	res, _ := New(false).Convert([]byte("## Heading\n\nNorthwind \"opens\" a *new* [plant](x/)\nin Kiel.\n\nSecond.\n"), nil, nil)
	if want := "Northwind “opens” a new plant in Kiel."; res.Summary != want {
		t.Errorf("summary %q, want %q", res.Summary, want)
	}
}

// BenchmarkManyIdenticalHeadings guards against goldmark#594: ids for many
// identical headings must not cost quadratic time.
func BenchmarkManyIdenticalHeadings(b *testing.B) {
	src := []byte(strings.Repeat("## Update\n\ntext\n\n", 5000))
	md := New(false)
	for i := 0; i < b.N; i++ {
		if _, err := md.Convert(src, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestManyIdenticalHeadingsGetUniqueIDs(t *testing.T) {
	res, _ := New(false).Convert([]byte(strings.Repeat("## Update\n\n", 300)), nil, nil)
	if !strings.Contains(res.HTML, `id="update-299"`) || strings.Count(res.HTML, `id="update"`) != 1 {
		t.Error("ids are not unique")
	}
}
