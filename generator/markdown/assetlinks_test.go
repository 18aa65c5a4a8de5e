package markdown

import (
	"net/url"
	"strings"
	"testing"
)

// TestLibraryLinksAreWrittenCanonically: however an author spells a link
// into the asset library, the HTML carries its one canonical address, which
// case-sensitive hosts such as S3 serve.
func TestLibraryLinksAreWrittenCanonically(t *testing.T) {
	base, _ := url.Parse("https://news.example/")
	page, _ := url.Parse("https://news.example/press/merger/")
	const want = `"https://news.example/assets/photos/merger/Acme%20CEO%20handshake.jpg"`
	for what, src := range map[string]string{
		"escaped":          "![x](/assets/photos/merger/Acme%20CEO%20handshake.jpg)",
		"angle brackets":   "![x](</assets/photos/merger/Acme CEO handshake.jpg>)",
		"%2E":              "![x](/assets/photos/merger/Acme%20CEO%20handshake%2Ejpg)",
		"/./":              "![x](/assets/./photos/merger/Acme%20CEO%20handshake.jpg)",
		"//":               "![x](/assets//photos/merger//Acme%20CEO%20handshake.jpg)",
		"/ASSETS/":         "![x](/ASSETS/photos/merger/Acme%20CEO%20handshake.jpg)",
		"relative":         "![x](../../assets/photos/merger/Acme%20CEO%20handshake.jpg)",
		"own host":         "![x](https://NEWS.example/assets/photos/merger/Acme%20CEO%20handshake.jpg)",
		"a link":           "[x](/assets/photos/merger/Acme%20CEO%20handshake.jpg?download=1#top)",
		"a reference":      "![x][p]\n\n[p]: </assets/photos/merger/Acme CEO handshake.jpg>",
		"escapes":          `![x](/assets/photos/merger/Acme%20CEO%20handshake\.jpg)`,
		"entity for a dot": "![x](/assets/photos/merger/Acme%20CEO%20handshake&#46;jpg)",
	} {
		for _, r := range []*Renderer{New(false, WithBase(base)), New(false)} {
			res, err := r.Convert([]byte(src+"\n"), page, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(res.HTML, want) {
				t.Errorf("%s: %s\nwant %s in:\n%s", what, src, want, res.HTML)
			}
		}
	}
}

// TestOtherLinksKeepTheirAddress: links that do not lead into the library
// are resolved against the page as before, not taken for library files.
func TestOtherLinksKeepTheirAddress(t *testing.T) {
	base, _ := url.Parse("https://example.com/news/")
	page, _ := url.Parse("https://example.com/news/press/merger/")
	src := "[a](/assets-old/x.jpg) [b](https://cdn.example/assets/x.jpg) [c](photo.jpg) [d](../../assets/) [e](/news/Assets/x%2Ejpg) [f](/assets/y.jpg)\n"
	res, err := New(false, WithBase(base)).Convert([]byte(src), page, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="https://example.com/assets-old/x.jpg"`, `href="https://cdn.example/assets/x.jpg"`,
		`href="https://example.com/news/press/merger/photo.jpg"`, `href="https://example.com/news/assets/"`,
		`href="https://example.com/news/assets/x.jpg"`, `href="https://example.com/assets/y.jpg"`} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("missing %s in:\n%s", want, res.HTML)
		}
	}
}
