package mail_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	pmail "github.com/pressroom/pressroom/generator/mail"
)

// exampleMessages writes, by a dry run over a copy of the example
// newsroom, the HTML part of a release's message as of testAt: a held one
// (the Lubmin release, with its tables) and a public one. It returns the
// files, named for what they are.
func exampleMessages(t *testing.T) map[string]string {
	t.Helper()
	root := t.TempDir()
	for _, name := range []string{"config.toml", "content", "media", "static"} {
		if _, err := os.Stat(filepath.Join("..", "..", name)); err != nil {
			continue
		}
		if out, err := exec.Command("cp", "-R", filepath.Join("..", "..", name), root).CombinedOutput(); err != nil {
			t.Fatalf("copying the example: %v\n%s", err, out)
		}
	}
	os.RemoveAll(filepath.Join(root, "media", ".outbox"))
	out := map[string]string{}
	for name, release := range map[string]string{"held": "lubmin-storage-hub-with-boddenwerke", "public": "q3-2026-results"} {
		rep, err := pmail.Send(context.Background(), pmail.Request{Source: root, Release: release, List: "press", At: testAt,
			Now: time.Now, DryRun: true, DiskCache: testDiskCache})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Held != (name == "held") || rep.Sent == 0 {
			t.Fatalf("%s: report %+v", release, rep)
		}
		files, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(rep.Outbox), "*.eml"))
		data, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		p := parse(t, data)
		f := filepath.Join(root, name+".html")
		write(t, f, p.HTML)
		out[name] = f
	}
	return out
}

// vnuJar finds the W3C Nu HTML checker: $VNU_JAR, or the copy .ci/run
// installs. In CI a missing checker fails the test; elsewhere it skips.
func vnuJar(t *testing.T) string {
	t.Helper()
	_, javaErr := exec.LookPath("java")
	for _, c := range []string{os.Getenv("VNU_JAR"), filepath.Join("..", "..", ".ci", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")} {
		if _, err := os.Stat(c); c != "" && err == nil && javaErr == nil {
			return c
		}
	}
	msg := "the W3C Nu HTML checker needs java and vnu.jar (npm install --prefix .ci vnu-jar; or set VNU_JAR)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

func TestMessageHTMLIsValid(t *testing.T) {
	jar := vnuJar(t)
	files := exampleMessages(t)
	args := []string{"-jar", jar, "--format", "json", "--also-check-css"}
	for _, f := range files {
		args = append(args, f)
	}
	out, _ := exec.Command("java", args...).CombinedOutput()
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("cannot read the checker's report: %v\n%s", err, out)
	}
	for _, m := range report.Messages {
		if m.Type == "error" || m.SubType == "warning" {
			t.Errorf("%s:%d: %s %s: %s\n  %s", filepath.Base(m.URL), m.LastLine, m.Type, m.SubType, m.Message, m.Extract)
		}
	}
}

// chromiumPath finds a Chromium to drive; missing, the test skips, except
// under CI=true, where it fails.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
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

// TestMessageFitsPhonesAndDesktops opens the messages in headless Chromium
// at a phone's width (375 px) and a mail client's pane (600 px): nothing
// is wider than the window, so nobody scrolls sideways, and the column is
// as wide as the window allows, up to 600 px.
func TestMessageFitsPhonesAndDesktops(t *testing.T) {
	exec := chromiumPath(t)
	files := exampleMessages(t)
	profile := t.TempDir()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(exec), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-extensions", true))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTime()
	for name, f := range files {
		for _, width := range []int64{375, 600} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate("file://"+f)); err != nil {
				t.Fatal(err)
			}
			eval := func(js string) float64 {
				v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](js))
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			scroll, inner := eval(`document.documentElement.scrollWidth`), eval(`window.innerWidth`)
			column := eval(`document.querySelectorAll('table')[1].getBoundingClientRect().width`)
			widest, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { for (const e of document.body.querySelectorAll('*')) { const r = e.getBoundingClientRect(); if (r.right > window.innerWidth + 0.5) return e.tagName + ' ' + Math.round(r.right) } return '' })()`))
			if err != nil {
				t.Fatal(err)
			}
			if scroll > inner || widest != "" {
				t.Errorf("%s at %d px: the page is %v px wide (%s sticks out)", name, width, scroll, widest)
			}
			if want := float64(min(width, 600)) - 16; column < want-1 || column > 600 {
				t.Errorf("%s at %d px: the column is %v px wide, want %v", name, width, column, want)
			}
		}
	}
}
