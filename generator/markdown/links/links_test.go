package links

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestAssetNameSpellings: every spelling of a library file's address names
// that file, and nothing else does.
func TestAssetNameSpellings(t *testing.T) {
	base := mustURL(t, "https://news.example/")
	page := mustURL(t, "https://news.example/press/merger/")
	const photo = "photos/merger/Acme CEO handshake.jpg"
	names := map[string]string{
		"plain, escaped space":          "/assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"literal spaces":                "/assets/photos/merger/Acme CEO handshake.jpg",
		"%2E for a dot":                 "/assets/photos/merger/Acme%20CEO%20handshake%2Ejpg",
		"%2E%2E for a parent":           "/assets/photos/x/%2E%2E/merger/Acme%20CEO%20handshake.jpg",
		"%2e in lower case":             "/assets/photos/%2e/merger/Acme%20CEO%20handshake.jpg",
		"/./ in the path":               "/assets/./photos/./merger/Acme%20CEO%20handshake.jpg",
		"// in the path":                "/assets//photos//merger/Acme%20CEO%20handshake.jpg",
		"upper-case ASSETS":             "/ASSETS/photos/merger/Acme%20CEO%20handshake.jpg",
		"mixed-case Assets":             "/Assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"relative ../../assets":         "../../assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"relative beyond the root":      "../../../../assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"absolute on the site's host":   "https://news.example/assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"the host in upper case":        "https://NEWS.Example/assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"the host with a trailing dot":  "https://news.example./assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"the default port":              "https://news.example:443/assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"http for https":                "http://news.example/assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"scheme-relative":               "//news.example/assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"three slashes before the host": "https:///news.example/assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"https: without slashes":        "https:/assets/photos/merger/Acme%20CEO%20handshake.jpg",
		"a query and a fragment":        "/assets/photos/merger/Acme%20CEO%20handshake.jpg?w=1200#top",
		"%2F for a slash":               "/assets/photos%2Fmerger%2FAcme%20CEO%20handshake.jpg",
		"backslashes":                   `\assets\photos\merger\Acme%20CEO%20handshake.jpg`,
		"a tab and a line break inside": "/as\tsets/photos/mer\nger/Acme%20CEO%20handshake.jpg",
		"spaces around":                 "  /assets/photos/merger/Acme%20CEO%20handshake.jpg \n",
		"every letter escaped":          "/%61%73%73%65%74%73/photos/merger/Acme%20CEO%20handshake.jpg",
	}
	for what, dest := range names {
		t.Run(what, func(t *testing.T) {
			name, ok := AssetName(dest, page, base)
			if !ok || name != photo {
				t.Errorf("AssetName(%q) = %q, %v; want %q", dest, name, ok, photo)
			}
		})
	}
	notLibrary := map[string]string{
		"another host":            "https://cdn.example/assets/photos/x.jpg",
		"a subdomain":             "https://www.news.example/assets/photos/x.jpg",
		"another port":            "https://news.example:8443/assets/photos/x.jpg",
		"a host named assets":     "//assets/photos/x.jpg",
		"/assets-old/":            "/assets-old/photos/x.jpg",
		"/assetsx/":               "/assetsx/x.jpg",
		"the library's index":     "/assets/",
		"the library without /":   "/assets",
		"a bundle's assets/":      "assets/photos/x.jpg", // /press/merger/assets/photos/x.jpg
		"a fragment only":         "#assets",
		"a query only":            "?assets/x.jpg",
		"mailto":                  "mailto:assets@news.example",
		"data":                    "data:text/plain,assets/x",
		"javascript":              "javascript:location='/assets/x.jpg'",
		"ftp on the site's host":  "ftp://news.example/assets/x.jpg",
		"empty":                   "",
		"a path that only quotes": "/press/assets-and-liabilities/",
	}
	for what, dest := range notLibrary {
		t.Run("not "+what, func(t *testing.T) {
			if name, ok := AssetName(dest, page, base); ok {
				t.Errorf("AssetName(%q) = %q, true; want not a library file", dest, name)
			}
		})
	}
}

// TestAssetNameUnderABasePath: a site served under a path has its library
// there, and only there.
func TestAssetNameUnderABasePath(t *testing.T) {
	base := mustURL(t, "https://example.com/News/")
	page := mustURL(t, "https://example.com/News/press/a/")
	for dest, want := range map[string]string{
		"/News/assets/x.jpg":     "x.jpg",
		"/news/ASSETS/x.jpg":     "x.jpg", // case-insensitive hosts
		"../../assets/x.jpg":     "x.jpg",
		"../../assets/Sub/X.JPG": "Sub/X.JPG",
		"/assets/x.jpg":          "",
		"../../../assets/x.jpg":  "",
	} {
		name, ok := AssetName(dest, page, base)
		if ok != (want != "") || name != want {
			t.Errorf("AssetName(%q) = %q, %v; want %q", dest, name, ok, want)
		}
	}
	if name, ok := AssetName("assets/x.jpg", nil, base); !ok || name != "x.jpg" {
		t.Errorf("without a page, a relative link is read against the base: %q, %v", name, ok)
	}
}

func TestAssetURLIsCanonical(t *testing.T) {
	for _, tc := range []struct{ base, name, want string }{
		{"https://news.example/", "photos/merger/Acme CEO handshake.jpg", "https://news.example/assets/photos/merger/Acme%20CEO%20handshake.jpg"},
		{"https://example.com/news/", "a&b+c?#.jpg", "https://example.com/news/assets/a%26b%2Bc%3F%23.jpg"},
		{"https://news.example/", "Überblick (1).pdf", "https://news.example/assets/%C3%9Cberblick%20%281%29.pdf"},
	} {
		base := mustURL(t, tc.base)
		got := AssetURL(tc.name, base)
		if got != tc.want {
			t.Errorf("AssetURL(%q) = %q, want %q", tc.name, got, tc.want)
		}
		if back, ok := AssetName(got, nil, base); !ok || back != tc.name {
			t.Errorf("AssetName(AssetURL(%q)) = %q, %v", tc.name, back, ok)
		}
	}
}

// TestFindEveryKindOfLink: links, images, references, autolinks and raw
// HTML are all found, unescaped once.
func TestFindEveryKindOfLink(t *testing.T) {
	src := `Inline [a](/a.jpg "t") and ![b](<my photo.jpg>) and [c](\/c\%2E.jpg) and [d](/d&#46;jpg).

A [full][r1], a [collapsed][] and a [shortcut].

<https://news.example/e.jpg> and www.example.com/f and https://example.org/g.

Inline <img src="/h.jpg" alt="x"> and <a href='/i&amp;j.pdf'>i</a> and <img srcset="/k1.jpg 1x, /k2.jpg 2x">.

<div style="background: url(&quot;/l.jpg&quot;)">
<video poster=/m.jpg src="/n.mp4"></video>
</div>

` + "`<img src=\"/not-in-code.jpg\">`" + `

    <img src="/not-in-a-code-block.jpg">

[r1]: /r1.jpg
[collapsed]: </r 2.jpg>
[shortcut]: /r3.jpg
[unused]: /r4.jpg
`
	got := Find([]byte(src))
	for _, want := range []string{"/a.jpg", "my photo.jpg", "/c%2E.jpg", "/d.jpg", "/r1.jpg", "/r 2.jpg", "/r3.jpg", "/r4.jpg",
		"https://news.example/e.jpg", "http://www.example.com/f", "https://example.org/g",
		"/h.jpg", "/i&j.pdf", "/k1.jpg", "/k2.jpg", "/l.jpg", "/m.jpg", "/n.mp4"} {
		if !slices.Contains(got, want) {
			t.Errorf("Find misses %q; found %q", want, got)
		}
	}
	for _, bad := range []string{"/not-in-code.jpg", "/not-in-a-code-block.jpg"} {
		if slices.Contains(got, bad) {
			t.Errorf("Find takes %q from code", bad)
		}
	}
}

func TestAssetCandidates(t *testing.T) {
	for src, want := range map[string][]string{
		"No links at all.\n":                           nil,
		"A [page](/press/x/) but no library.\n":        nil,
		"An ![x](/ASSETS/x.jpg).\n":                    {"/ASSETS/x.jpg"},
		"An ![x](/%61ssets/x.jpg).\n":                  {"/%61ssets/x.jpg"},
		"An ![x](/&#97;ssets/x.jpg).\n":                {"/assets/x.jpg"},
		"Raw <img src=\"/as\nsets/x.jpg\"> HTML.\n":    {"/as\nsets/x.jpg"},
		"Raw <img src=\"/as&Tab;sets/x.jpg\"> HTML.\n": {"/as\tsets/x.jpg"},
		"The word assets, and a [page](/x/).\n":        nil,
	} {
		if got := AssetCandidates([]byte(src)); !slices.Equal(got, want) {
			t.Errorf("AssetCandidates(%q) = %q, want %q", src, got, want)
		}
	}
}

// TestMayLink: the cheap look that spares most bodies a parse passes every
// body that could link the library, and only few others.
func TestMayLink(t *testing.T) {
	for src, want := range map[string]bool{
		"Total assets of EUR 2 billion, up 12% on the year; assets. Assets, ASSETS!": false,
		"R&D spending & more":            false,
		"See [x](/press/a/).":            false,
		"![x](/assets/x.jpg)":            true,
		"![x](../ASSETS/x.jpg)":          true,
		`<img src="\assets\x.jpg">`:      true,
		"![x](/assets%2Fx.jpg)":          true,
		"<img src='/assets&#47;x.jpg'>":  true,
		"![x](/%61ssets/x.jpg)":          true,
		"![x](/a%73sets/x.jpg)":          true,
		"![x](/asse%54s/x.jpg)":          true,
		"![x](/&#x61;ssets/x.jpg)":       true,
		"<img src='/as&Tab;sets/x.jpg'>": true,
		"<img src='/as\nsets\n/x.jpg'>":  true,
	} {
		if got := mayLink([]byte(src)); got != want {
			t.Errorf("mayLink(%q) = %v, want %v", src, got, want)
		}
	}
}

// BenchmarkAssetCandidates is what loading costs per body: one without any
// link into the library (most releases), and one with a photo.
func BenchmarkAssetCandidates(b *testing.B) {
	text := "Halden Grid Systems commissioned its storage park on Monday. The grid operator, the council and " +
		"the cooperative of landowners signed the agreement in Kiel, and construction starts in the summer.\n\n"
	body := ""
	for i := 0; i < 6; i++ {
		body += text
	}
	body += "| Measure | Value |\n|---|---|\n| Capacity | 40 MW |\n\nRead the [previous release](/press/release-00041/).\n"
	prose := body + "\nTotal assets rose 12% to EUR 2 billion.\n"
	for name, src := range map[string]string{"plain": body, "prose": prose, "photo": body + "\n![The park](/assets/photos/park.jpg)\n"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				AssetCandidates([]byte(src))
			}
		})
	}
}

// TestImages: every image of a body with the line it is on; a body that
// cannot hold one is not parsed.
func TestImages(t *testing.T) {
	tests := map[string]struct {
		src  string
		want []Image
	}{
		"inline":               {"Text.\n\n![A](photos/a.jpg) and ![B](/assets/b.png \"t\")\n", []Image{{"photos/a.jpg", 3}, {"/assets/b.png", 3}}},
		"reference":            {"![A][a]\n\n[a]: photos/a.jpg\n", []Image{{"photos/a.jpg", 1}}},
		"empty alt":            {"\n\n![](x.jpg)\n", []Image{{"x.jpg", 3}}},
		"escaped":              {"![A](a\\_b.jpg)\n", []Image{{"a_b.jpg", 1}}},
		"a link is no image":   {"[A](a.jpg)\n", nil},
		"unclosed, not parsed": {strings.Repeat("![x](", 1000), nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Images([]byte(tc.src)); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
