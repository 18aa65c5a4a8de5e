package generator_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium to drive (the print, Lighthouse and axe
// tests). Missing, the test skips, except under CI=true, where it fails:
// CI must run it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is missing, and CI must run the browser tests: apt-get install -y chromium")
	}
	t.Skip("Chromium is not installed (apt-get install -y chromium); skipping the browser test")
	return ""
}

// TestReleasePrintsAsARelease opens a release of the example newsroom in
// a headless Chromium with print media, as a browser prints it: the
// dateline, headline, body, boilerplate and contacts are shown, the kit's
// and the vCards' full addresses are written out, the navigation is not
// printed, and no photo is loaded at its full original size.
func TestReleasePrintsAsARelease(t *testing.T) {
	if _, err := os.Stat("../config.toml"); err != nil {
		t.Skip("no example newsroom")
	}
	exe := chromium(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(buildDir(t, ".."))))
	defer srv.Close()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-extensions", true))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTime()
	type printed struct {
		Shown      map[string]bool
		KitAfter   string
		VCardAfter []string
		Images     []string
		Loaded     []string
	}
	const read = `(() => {
		const shown = sel => { const e = document.querySelector(sel); return !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0; };
		const out = {Shown: {}};
		for (const sel of ['.dateline', 'h1.p-name', '.entry-body p', '.boilerplate', '.contacts .contact-name', '.kit-link', '.site-header nav', '.site-footer'])
			out.Shown[sel] = shown(sel);
		out.KitAfter = getComputedStyle(document.querySelector('.kit-link'), '::after').content;
		out.VCardAfter = [...document.querySelectorAll('.vcard a')].map(a => getComputedStyle(a, '::after').content);
		out.Images = [...document.images].filter(i => i.currentSrc).map(i => i.currentSrc);
		out.Loaded = performance.getEntriesByType('resource').map(e => e.name);
		return out;
	})()`
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}),
		chromedp.EmulateViewport(794, 1123), // A4 at 96 dpi
		chromedp.Navigate(srv.URL+"/press/kestrel-battery-park-online/"),
		chromedp.WaitReady("body"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === 'complete'`)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[printed](read))
	if err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[string]bool{".dateline": true, "h1.p-name": true, ".entry-body p": true, ".boilerplate": true,
		".contacts .contact-name": true, ".kit-link": true, ".site-header nav": false, ".site-footer": false} {
		if got.Shown[sel] != want {
			t.Errorf("printed, %s is shown: %v, want %v", sel, got.Shown[sel], want)
		}
	}
	if kit := "https://news.northwind.example/press/kestrel-battery-park-online/press-kit.zip"; !strings.Contains(got.KitAfter, kit) {
		t.Errorf("the printed kit link says %s, want its address %s", got.KitAfter, kit)
	}
	if len(got.VCardAfter) == 0 {
		t.Error("the release prints no vCard link")
	}
	for _, after := range got.VCardAfter {
		if !strings.Contains(after, "https://news.northwind.example/contacts/") || !strings.Contains(after, ".vcf") {
			t.Errorf("a printed vCard link says %s, want its address", after)
		}
	}
	if len(got.Images) == 0 {
		t.Error("the printed release shows no photo")
	}
	for _, name := range append(got.Images, got.Loaded...) {
		if strings.HasSuffix(name, "/kestrel-aerial.jpg") {
			t.Errorf("printing loads the original photo %s, not its web-sized copy", name)
		}
	}
}
