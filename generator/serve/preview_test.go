package serve_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/serve"
)

// TestAtPreviewsAMoment: serve with At shows the site as of that moment (a
// release under embargo until then is served and listed), writes nothing
// into the site, and its clock stands still: a release that lifts a moment
// after At never appears by itself.
func TestAtPreviewsAMoment(t *testing.T) {
	at := time.Now().Add(30 * 24 * time.Hour).Truncate(time.Second)
	root := copySite(t, small)
	writeFile(t, root, "content/press/lifted.md", "---\ntitle: Lifted by then\ndate: 2026-01-01\nembargo: "+
		at.Add(-time.Hour).Format(time.RFC3339)+"\n---\nNews.\n")
	writeFile(t, root, "content/press/later.md", "---\ntitle: Lifts a second later\ndate: 2026-01-01\nembargo: "+
		at.Add(time.Second).Format(time.RFC3339)+"\n---\nLater news.\n")
	h := start(t, root, func(c *serve.Config) { c.At = at })
	if got := heading(h.page("/press/lifted/")); got != "Lifted by then" {
		t.Errorf("the release lifted by then: heading %q", got)
	}
	if !strings.Contains(h.page("/press/"), "Lifted by then") {
		t.Error("the release lifted by then is not listed")
	}
	select {
	case r := <-h.results:
		t.Errorf("a preview of a fixed moment rebuilt by itself (%s)", r.Reason)
	case <-time.After(2500 * time.Millisecond):
	}
	if code, _, _ := h.get("/press/later/"); code != http.StatusNotFound {
		t.Errorf("a release that lifts after the moment is served with status %d", code)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("the preview wrote public/ (%v)", err)
	}
}

// TestLinksFollowTheAddressOpened: pages are built for the address serve
// prints; opened at another address of the machine (a colleague on the
// network, serve bound to 0.0.0.0), every link of a page or feed names
// that address, and files that are not text are served as built.
func TestLinksFollowTheAddressOpened(t *testing.T) {
	h := start(t, copySite(t, small))
	port := strings.TrimSuffix(h.url[strings.LastIndex(h.url, ":")+1:], "/")
	other := "localhost:" + port
	get := func(path, host string) string {
		t.Helper()
		req, _ := http.NewRequest("GET", h.url+strings.TrimPrefix(path, "/"), nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	for _, path := range []string{"/", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/nothere/"} {
		body := get(path, other)
		if strings.Contains(body, h.url) {
			t.Errorf("%s opened at %s still links %s", path, other, h.url)
		}
		if !strings.Contains(body, "http://"+other+"/") {
			t.Errorf("%s opened at %s does not link it", path, other)
		}
		if same := get(path, strings.TrimPrefix(strings.TrimSuffix(h.url, "/"), "http://")); !strings.Contains(same, h.url) {
			t.Errorf("%s opened at the printed address does not link it", path)
		}
	}
	kit := "/press-kit.zip"
	if a, b := get(kit, other), get(kit, "127.0.0.1:"+port); a != b || a == "" {
		t.Errorf("the kit opened at another address differs (%d and %d bytes)", len(a), len(b))
	}
}
