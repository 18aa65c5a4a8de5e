package generator_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeResult is what the test keeps of axe.run's results.
type axeResult struct {
	Violations []struct {
		ID, Impact, Help, HelpURL string
		Nodes                     []struct {
			Target  []any
			HTML    string
			Summary string
		}
	}
	Passes     int
	Incomplete []string
}

// TestAxe runs axe-core (as .ci/run installs it under .ci/node_modules, or
// $AXE_CORE) in a headless Chromium over pages of every kind of the
// example newsroom, 320 CSS pixels wide (the narrowest phone WCAG asks a
// page to fit) and as a desktop, with the rules of WCAG 2.0, 2.1 and 2.2
// at levels A and AA: it finds no violation, and no element is wider than
// the phone. What axe cannot decide by itself (incomplete) is logged, to
// be reviewed by a person.
func TestAxe(t *testing.T) {
	t.Parallel()
	script, err := os.ReadFile(webTool(t, "AXE_CORE", "axe-core/axe.min.js", "npm install --prefix .ci -E axe-core@4.14.1"))
	if err != nil {
		t.Fatal(err)
	}
	exe := chromium(t)
	base := serveExample(t)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelTime()
	const run = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}).then(r => ({
		Violations: r.violations.map(v => ({ID: v.id, Impact: v.impact || '', Help: v.help, HelpURL: v.helpUrl,
			Nodes: v.nodes.map(n => ({Target: n.target, HTML: n.html, Summary: n.failureSummary || ''}))})),
		Passes: r.passes.length,
		Incomplete: r.incomplete.flatMap(v => v.nodes.map(n => v.id + ' at ' + n.target.join(' ') + ': ' + [...n.any, ...n.all, ...n.none].map(c => c.message).join('; '))),
	}))`
	pages := []string{
		"/",
		"/press/northwind-opens-lausitz-storage-site/",
		"/press/",
		"/assets/",
		"/events/kestrel-site-visit/",
		"/search/",
		"/wind-in-the-classroom/",
		"/404.html",
	}
	for _, screen := range []struct {
		name          string
		width, height int64
	}{{"phone", 320, 640}, {"desktop", 1350, 940}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(screen.width, screen.height)); err != nil {
			t.Fatal(err)
		}
		for _, page := range pages {
			err := chromedp.Do(ctx, chromedp.Navigate(base+page), chromedp.WaitReady("body"))
			if err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(script)+"\n;true")); err != nil {
				t.Fatalf("%s: injecting axe-core: %v", page, err)
			}
			// WCAG 1.4.10 (reflow), which axe leaves to people: at 320
			// CSS pixels nothing reaches past the viewport, so that no
			// one has to scroll sideways to read a line.
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('body *')]
				.filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
				.map(e => e.outerHTML.slice(0, 160))`))
			if err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			for _, e := range wide {
				t.Errorf("%s as a %s (%d px): reaches past the viewport: %s", page, screen.name, screen.width, e)
			}
			res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](run, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: running axe: %v", page, err)
			}
			t.Logf("%s as a %s: %d rules pass, %d violated; to review by hand: %q", page, screen.name, res.Passes, len(res.Violations), res.Incomplete)
			for _, v := range res.Violations {
				var nodes []string
				for _, n := range v.Nodes {
					nodes = append(nodes, fmt.Sprintf("      %v: %s\n        %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n        ")))
				}
				t.Errorf("%s as a %s: %s (%s): %s (%s)\n%s", page, screen.name, v.ID, v.Impact, v.Help, v.HelpURL, strings.Join(nodes, "\n"))
			}
		}
	}
}
