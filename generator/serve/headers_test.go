package serve_test

import (
	"strings"
	"testing"
)

// TestServedSVGsAreSandboxed: an SVG opened at its own address must not run
// its scripts on the site's origin, however the address is spelled; every
// answer tells the browser not to guess another type.
func TestServedSVGsAreSandboxed(t *testing.T) {
	root := copySite(t, small)
	writeFile(t, root, "content/assets/logos/evil.svg", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(1)</script></svg>`)
	h := start(t, root)
	for _, p := range []string{"/assets/logos/evil.svg", "/assets/logos/acme.svg", "/assets/logos/./evil.svg", "/assets/logos/evil.svg/.", "/assets//logos/evil.svg"} {
		code, body, hdr := h.get(p)
		if code != 200 || !strings.Contains(body, "<svg") {
			t.Errorf("GET %s: %d", p, code)
		}
		if got := hdr.Get("Content-Security-Policy"); got != "sandbox" {
			t.Errorf("GET %s: Content-Security-Policy %q, want sandbox", p, got)
		}
		if got := hdr.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", p, got)
		}
	}
	for _, p := range []string{"/", "/assets/", "/press/bundle-launch/photo.png", "/no/such/page/"} {
		_, _, hdr := h.get(p)
		if got := hdr.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", p, got)
		}
		if got := hdr.Get("Content-Security-Policy"); got != "" {
			t.Errorf("GET %s: Content-Security-Policy %q: only SVGs are sandboxed", p, got)
		}
	}
}
