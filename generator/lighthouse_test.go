package generator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// webTool finds a program or file that .ci/run installs under .ci/: the
// path in $env, or rel under .ci/node_modules. Missing, the test skips,
// except under CI=true, where it fails: CI must run it.
func webTool(t *testing.T, env, rel, install string) string {
	t.Helper()
	candidates := []string{os.Getenv(env), filepath.Join("..", ".ci", "node_modules", filepath.FromSlash(rel))}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if _, err := os.Stat(c); err == nil {
			abs, err := filepath.Abs(c)
			if err != nil {
				t.Fatal(err)
			}
			return abs
		}
	}
	msg := fmt.Sprintf("%s is missing: %s (as .ci/run does), or set %s", rel, install, env)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// serveExample builds the example newsroom at the root of the repository
// and serves the build on a free port of 127.0.0.1.
func serveExample(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("../config.toml"); err != nil {
		t.Skip("no example newsroom")
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(buildDir(t, ".."))))
	t.Cleanup(srv.Close)
	return srv.URL
}

// lighthouseReport is the part of Lighthouse's JSON report the test reads.
type lighthouseReport struct {
	LighthouseVersion string `json:"lighthouseVersion"`
	RuntimeError      *struct {
		Code, Message string
	} `json:"runtimeError"`
	Categories map[string]struct {
		Title     string
		Score     *float64
		AuditRefs []struct {
			ID     string
			Weight float64
		} `json:"auditRefs"`
	}
	Audits map[string]lighthouseAudit
}

type lighthouseAudit struct {
	Title            string
	Score            *float64
	ScoreDisplayMode string `json:"scoreDisplayMode"`
	DisplayValue     string `json:"displayValue"`
	Details          struct {
		Items []map[string]any
	}
}

// passed is whether an audit found nothing: a score of 1, or nothing the
// audit applies to on the page.
func (a lighthouseAudit) passed() bool {
	switch a.ScoreDisplayMode {
	case "notApplicable", "informative", "manual":
		return true
	}
	return a.Score != nil && *a.Score == 1
}

// String is the audit's title and what it found, item by item, so that a
// developer sees which element or file to fix.
func (a lighthouseAudit) String() string {
	var b strings.Builder
	score := "none"
	if a.Score != nil {
		score = fmt.Sprint(*a.Score)
	}
	fmt.Fprintf(&b, "%s (score %s", a.Title, score)
	if a.DisplayValue != "" {
		fmt.Fprintf(&b, ", %s", a.DisplayValue)
	}
	b.WriteString(")")
	for _, item := range a.Details.Items {
		b.WriteString("\n      - ")
		var parts []string
		if node, ok := item["node"].(map[string]any); ok {
			parts = append(parts, fmt.Sprintf("%v: %v", node["selector"], node["snippet"]))
		}
		keys := make([]string, 0, len(item))
		for k := range item {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			switch v := item[k].(type) {
			case string, float64, bool:
				parts = append(parts, fmt.Sprintf("%s=%v", k, v))
			}
		}
		if len(parts) == 0 {
			j, _ := json.Marshal(item)
			parts = append(parts, string(j))
		}
		b.WriteString(strings.Join(parts, " "))
	}
	return b.String()
}

// TestLighthouse runs Lighthouse 12 (lighthouse@12.2.3, as .ci/run
// installs it) with Debian's Chromium over the home page and a release
// that shows a photo in its body: search engines and accessibility score
// 100, and the release sends no image larger than it shows and none
// without its size. The release is audited as a phone (Lighthouse's
// default, and how search engines index) and as a desktop, where the
// photos of the press kit stand beside the text.
func TestLighthouse(t *testing.T) {
	t.Parallel()
	lighthouse := webTool(t, "LIGHTHOUSE", ".bin/lighthouse", "npm install --prefix .ci -E lighthouse@12.2.3")
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("Lighthouse needs Node.js: apt-get install -y nodejs")
		}
		t.Skip("Lighthouse needs Node.js: apt-get install -y nodejs")
	}
	browser := chromium(t)
	base := serveExample(t)
	const release = "/press/northwind-opens-lausitz-storage-site/"
	for _, run := range []struct {
		page, preset string
		images       bool // the page is held to the image audits
	}{
		{"/", "mobile", false},
		{release, "mobile", true},
		{release, "desktop", true},
	} {
		name := strings.Trim(run.page, "/")
		if name == "" {
			name = "home"
		}
		t.Run(name+"@"+run.preset, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.json")
			args := []string{base + run.page, "--output=json", "--output-path=" + out, "--quiet",
				"--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
				"--only-categories=seo,accessibility,best-practices,performance", "--disable-full-page-screenshot"}
			if run.preset == "desktop" {
				args = append(args, "--preset=desktop")
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, lighthouse, args...)
			cmd.Env = append(os.Environ(), "CHROME_PATH="+browser)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("lighthouse %s: %v\n%s", strings.Join(args, " "), err, msg)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var rep lighthouseReport
			if err := json.Unmarshal(data, &rep); err != nil {
				t.Fatalf("reading Lighthouse's report: %v", err)
			}
			if rep.RuntimeError != nil && rep.RuntimeError.Code != "" {
				t.Fatalf("Lighthouse could not audit %s: %s: %s", run.page, rep.RuntimeError.Code, rep.RuntimeError.Message)
			}
			var scores []string
			for _, id := range []string{"seo", "accessibility", "best-practices", "performance"} {
				if c := rep.Categories[id]; c.Score != nil {
					scores = append(scores, fmt.Sprintf("%s %.0f", id, 100**c.Score))
				}
			}
			t.Logf("Lighthouse %s, %s %s: %s", rep.LighthouseVersion, run.page, run.preset, strings.Join(scores, ", "))
			for _, id := range []string{"seo", "accessibility"} {
				c, ok := rep.Categories[id]
				if !ok || c.Score == nil {
					t.Errorf("the report has no %s score", id)
					continue
				}
				if *c.Score == 1 {
					continue
				}
				var failed []string
				for _, ref := range c.AuditRefs {
					if a := rep.Audits[ref.ID]; ref.Weight > 0 && !a.passed() {
						failed = append(failed, "    "+ref.ID+": "+a.String())
					}
				}
				t.Errorf("%s scores %.0f for %s, want 100; failing audits:\n%s", c.Title, 100**c.Score, run.page, strings.Join(failed, "\n"))
			}
			if run.images {
				for _, id := range []string{"uses-responsive-images", "unsized-images"} {
					a, ok := rep.Audits[id]
					if !ok {
						t.Errorf("the report has no audit %s", id)
					} else if !a.passed() {
						t.Errorf("%s finds on %s:\n    %s: %s", id, run.page, id, a)
					}
				}
			}
		})
	}
}
