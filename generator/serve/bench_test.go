package serve_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// generateSite writes a deterministic newsroom of n releases (with tags,
// contacts, a table and a list each), n/10 blog posts and a few pages.
func generateSite(tb testing.TB, n int) string {
	tb.Helper()
	root := tb.TempDir()
	writeFile(tb, root, "config.toml", `title    = "Bench Newsroom"
baseURL  = "https://news.bench.example/"
timezone = "Europe/Berlin"

[organization]
name        = "Bench Energy"
boilerplate = "Bench Energy makes benchmarks."

[[contacts]]
id    = "press"
name  = "Ben Ch"
email = "press@bench.example"
`)
	tags := []string{"storage", "wind", "solar", "grid", "hydrogen", "people", "results"}
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		date := day.AddDate(0, 0, i).Format("2006-01-02")
		writeFile(tb, root, fmt.Sprintf("content/press/%s-release-%04d.md", date, i), releaseText(i, tags))
	}
	for i := range n / 10 {
		date := day.AddDate(0, 0, 3*i).Format("2006-01-02")
		writeFile(tb, root, fmt.Sprintf("content/blog/%s-post-%04d.md", date, i), fmt.Sprintf(
			"---\ntitle: Post %d\nauthor: Ben Ch\ntags: [%s]\n---\nA post about %s.\n", i, tags[i%len(tags)], tags[i%len(tags)]))
	}
	for _, p := range []string{"about", "careers", "contact", "imprint", "privacy"} {
		writeFile(tb, root, "content/pages/"+p+".md", "---\ntitle: "+strings.ToUpper(p[:1])+p[1:]+"\n---\nText.\n")
	}
	return root
}

func releaseText(i int, tags []string) string {
	return releaseTitled(i, fmt.Sprintf("Release %d", i), tags)
}

func releaseTitled(i int, title string, tags []string) string {
	return fmt.Sprintf(`---
title: %q
subtitle: Subtitle of release %d
location: Berlin
tags: [%s, %s]
contacts: [press]
---
Bench Energy today announced item %d of its series. The **numbers** are
below, and the [press page](/press/) has the rest.

| Metric | Value |
|---|---|
| Capacity | %d MW |
| Sites | %d |

- first point
- second point
- third point
`, title, i, tags[i%len(tags)], tags[(i*3+1)%len(tags)], i, 10+i%90, 1+i%7)
}

// BenchmarkEditToServed measures what an author waits for: from saving a
// release of a 1,000-release site to the browser being told to reload and
// the page being served with the edit. It includes the debounce.
//
//	go test -run '^$' -bench EditToServed -benchtime 30x ./generator/serve
func BenchmarkEditToServed(b *testing.B) {
	const n = 1000
	root := generateSite(b, n)
	h := start(b, root)
	const i = n / 2
	source := fmt.Sprintf("content/press/%s-release-%04d.md", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02"), i)
	page := fmt.Sprintf("/press/release-%04d/", i)
	tags := []string{"storage", "wind", "solar", "grid", "hydrogen", "people", "results"}
	ev := h.listen("/")
	var waits, builds []time.Duration
	b.ResetTimer()
	for round := range b.N {
		title := fmt.Sprintf("Edition %d", round)
		began := time.Now()
		writeFile(b, root, source, releaseTitled(i, title, tags))
		for {
			ev.wait("reload")
			if heading(h.page(page)) == title {
				break
			}
		}
		waits = append(waits, time.Since(began))
		builds = append(builds, h.built(source).Duration)
	}
	b.StopTimer()
	b.ReportMetric(percentile(waits, 50), "p50-ms")
	b.ReportMetric(percentile(waits, 90), "p90-ms")
	b.ReportMetric(percentile(builds, 50), "build-p50-ms")
}

// percentile of durations, in milliseconds.
func percentile(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	k := (len(s)*p + 99) / 100
	return float64(s[max(k-1, 0)].Microseconds()) / 1000
}
