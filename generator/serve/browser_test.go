package serve_test

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pressroom/pressroom/generator/serve"
)

// chromiumPath finds a Chromium to drive. Missing, the browser test skips,
// except under CI=true, where it fails: CI must run it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is missing, and CI must run the browser test: apt-get install -y chromium")
	}
	t.Skip("Chromium is not installed (apt-get install -y chromium); skipping the browser test")
	return ""
}

// browser starts a headless Chromium for the test.
func browser(t *testing.T) context.Context {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profileDir(t)),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// profileDir is a fresh Chromium profile, removed after the test. Chromium's
// helpers may still write in it for a moment after it stops, so removing
// it is tried a few times.
func profileDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "pressroom-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return dir
}

// until watches the page, with no action of its own, until a JavaScript
// condition holds. It only reads: a reload in the middle of a check is
// just a check to repeat.
func until(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	var lastErr error
	for time.Now().Before(deadline) {
		check, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(check, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		lastErr = err
		time.Sleep(50 * time.Millisecond)
	}
	heading, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("h1")||{}).textContent||""`))
	t.Fatalf("waiting for %s: not within %v (heading now %q, last error %v)", what, patience, heading, lastErr)
}

func headingIs(text string) string {
	return `(function(){var h=document.querySelector("h1");return !!h && h.textContent===` + strconv.Quote(text) +
		` && !document.querySelector(".pressroom-errors")})()`
}

// TestBrowserLiveReload opens a page in real Chromium and edits its source:
// the page must update itself, show the errors of a broken edit as an
// overlay, recover when fixed, and come back after a server restart.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browser(t)
	root := copySite(t, small)
	h := start(t, root)
	const second = "content/press/second.md"
	if err := chromedp.Do(ctx, chromedp.Navigate(h.url+"press/second-release/")); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the first build", headingIs("Acme doubles capacity"))
	// The pre-flight check's findings: a collapsed list in a corner.
	until(t, ctx, "the check's findings", `(function(){var d=document.querySelector("details.pressroom-warnings");`+
		`return !!d && !d.open && d.parentNode===document.body && /^pressroom check: \d+ warnings$/.test(d.querySelector("summary").textContent)`+
		` && d.textContent.indexOf("content/press/second.md:2: warning: no media contact")>=0})()`)

	writeFile(t, root, second, release("Edited while the page is open"))
	until(t, ctx, "the page to reload with the edit", headingIs("Edited while the page is open"))

	writeFile(t, root, second, "+++\ntitle = \"never closed\"\n")
	until(t, ctx, "the error overlay", `(function(){var o=document.querySelector(".pressroom-errors");`+
		`return !!o && o.textContent.indexOf("content/press/second.md:")>=0})()`)
	until(t, ctx, "the findings below the errors", `(function(){var o=document.querySelector(".pressroom-errors");`+
		`var d=o && o.querySelector("details.pressroom-warnings"); return !!d && !d.open && o.lastChild===d})()`)

	writeFile(t, root, second, release("Fixed"))
	until(t, ctx, "the fix to clear the overlay", headingIs("Fixed"))

	// Restart on the same port: the page reconnects by itself and reloads.
	u, err := url.Parse(h.url)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(u.Port())
	h.stop()
	writeFile(t, root, second, release("After a restart"))
	start(t, root, func(c *serve.Config) { c.Port = port })
	until(t, ctx, "the page to come back after a restart", headingIs("After a restart"))
}
