// Package corpus writes a generated newsroom of any size, for benchmarks and
// load tests: N press releases, N/4 blog posts, a few pieces of literature and
// a small asset library, all deterministic in N. It is test tooling; the
// engine never imports it.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

var words = strings.Fields(`grid storage battery wind turbine community energy partners municipal
network capacity megawatt project investment regional operators flexible demand renewable solar
hydrogen substation transmission customers tariff reliable winter summer forecast maintenance
engineers apprentices cooperative landowners council permit construction commissioning`)

var cities = []string{"Berlin", "Hamburg", "Leipzig", "Rostock", "Kiel", "Dresden"}

// Options vary a generated newsroom.
type Options struct {
	// Translated is the share of releases (0 to 1) that also have a
	// German translation (release-NNNNN.de.md), the site then having
	// [languages.de]: every 1/Translated-th release, the newest among them.
	Translated float64
}

// Generate writes a site with n releases into dir (which must exist).
func Generate(dir string, n int) error { return GenerateWith(dir, n, Options{}) }

// GenerateWith writes a site with n releases into dir, varied by opts.
func GenerateWith(dir string, n int, opts Options) error {
	g := &gen{dir: dir, rnd: rand.New(rand.NewPCG(uint64(n), 7)), opts: opts}
	steps := []func() error{g.config, g.assets}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	for i := 0; i < n; i++ {
		day := releaseDay(i)
		if err := g.release(i, day); err != nil {
			return err
		}
		if g.translated(n, i) {
			if err := g.translation(i, day); err != nil {
				return err
			}
		}
		if i%4 == 0 {
			if err := g.post(i, day); err != nil {
				return err
			}
		}
	}
	return g.literature()
}

type gen struct {
	dir  string
	rnd  *rand.Rand
	opts Options
}

// translated reports whether release i of n has a translation: the newest
// release does, and every 1/Translated-th before it.
func (g *gen) translated(n, i int) bool {
	if g.opts.Translated <= 0 {
		return false
	}
	every := max(1, int(1/g.opts.Translated+0.5))
	return (n-1-i)%every == 0
}

// Translation names the file of the German translation of release i and
// its page.
func Translation(i int) (file, page string) {
	return fmt.Sprintf("content/press/%s-release-%05d.de.md", releaseDay(i).Format("2006-01-02"), i),
		fmt.Sprintf("/de/press/release-%05d/", i)
}

var wörter = strings.Fields(`Netz Speicher Batterie Wind Anlage Gemeinde Energie Partner kommunal
Leistung Kapazität Megawatt Projekt Investition regional Betreiber flexibel Nachfrage erneuerbar
Solar Wasserstoff Umspannwerk Übertragung Kunden Tarif zuverlässig Winter Sommer Prognose Wartung`)

func (g *gen) satz(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = wörter[g.rnd.IntN(len(wörter))]
	}
	return strings.Join(w, " ") + "."
}

func (g *gen) translation(i int, day time.Time) error {
	name, _ := Translation(i)
	fm := fmt.Sprintf("---\ntitle: %q\ndate: %s\nlocation: %s\ntags: %s\ncontacts: [press]\nsummary: %q\n---\n",
		g.satz(6), day.Format(time.RFC3339), cities[i%len(cities)], g.tags(), g.satz(20))
	var b strings.Builder
	for p := 0; p < 5; p++ {
		for k := 0; k < 5; k++ {
			b.WriteString(g.satz(8+g.rnd.IntN(12)) + " ")
		}
		b.WriteString("\n\n")
	}
	return g.write(name, fm+b.String())
}

func (g *gen) write(name, body string) error {
	p := filepath.Join(g.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return os.WriteFile(p, []byte(body), 0o644)
}

func (g *gen) config() error {
	return g.write("config.toml", `title = "Halden Newsroom"
baseURL = "https://news.halden.example/"
timezone = "Europe/Berlin"

[organization]
name = "Halden Grid Systems"
boilerplate = "Halden Grid Systems builds and runs grid storage across northern Europe."
logo = "logos/halden.svg"

[[contacts]]
id = "press"
name = "Ines Berg"
role = "Press Officer"
email = "press@halden.example"
phone = "+49 40 555 0100"

[[contacts]]
id = "ir"
name = "Tom Lind"
role = "Investor Relations"
email = "ir@halden.example"

[feeds]
limit = 50
`+g.languages()+`
[[presskits]]
name = "brand"
title = "Brand assets"
include = ["logos/**"]
`)
}

func (g *gen) languages() string {
	if g.opts.Translated <= 0 {
		return ""
	}
	return "\n[languages.de]\ntitle = \"Halden Pressebereich\"\n\n[languages.de.organization]\nboilerplate = \"Halden Grid Systems baut und betreibt Netzspeicher in Nordeuropa.\"\n"
}

func (g *gen) assets() error {
	files := map[string]string{
		"logos/halden.svg":      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="40" height="40" fill="#0b5c8a"/></svg>`,
		"documents/profile.txt": "Halden Grid Systems company profile.\n",
	}
	for name, body := range files {
		if err := g.write("content/assets/"+name, body); err != nil {
			return err
		}
		if err := g.write("content/assets/"+name+".yaml", "title: "+name+"\ncredit: Halden\nlicense: CC BY 4.0\n"); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) sentence(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[g.rnd.IntN(len(words))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) paragraph() string {
	s := make([]string, 3+g.rnd.IntN(4))
	for i := range s {
		s[i] = g.sentence(8 + g.rnd.IntN(12))
	}
	return strings.Join(s, " ")
}

func (g *gen) tags() string {
	k := 2 + g.rnd.IntN(3)
	t := make([]string, k)
	for i := range t {
		t[i] = fmt.Sprintf("topic-%02d", g.rnd.IntN(40))
	}
	return "[" + strings.Join(t, ", ") + "]"
}

func (g *gen) body(i int) string {
	var b strings.Builder
	for p := 0; p < 5; p++ {
		b.WriteString(g.paragraph() + "\n\n")
	}
	b.WriteString("## Key figures\n\n| Measure | Value |\n|---|---|\n")
	fmt.Fprintf(&b, "| Capacity | %d MW |\n| Investment | EUR %d million |\n\n", 10+i%90, 5+i%300)
	b.WriteString("> \"" + g.sentence(14) + "\" said the chief executive.\n\n")
	if i > 0 {
		fmt.Fprintf(&b, "Read the [previous release](/press/release-%05d/).\n\n", i-1)
	}
	b.WriteString("- " + g.sentence(6) + "\n- " + g.sentence(7) + "\n\n" + g.paragraph() + "\n")
	return b.String()
}

// releaseDay is when release i is dated: every 16 hours from January 2004
// for the first 12,000 (to November 2025), then every two minutes (a wire
// service's pace), so that even 250,000 releases are dated before the
// moment benchmarks build at (24 November 2026) and before today: a later
// date would be scheduled publishing, and the release held back. A date
// depends on i alone, so that release i has one file name at every size.
func releaseDay(i int) time.Time {
	const slow = 12000
	start := time.Date(2004, 1, 5, 9, 0, 0, 0, time.UTC)
	if i < slow {
		return start.Add(time.Duration(i) * 16 * time.Hour)
	}
	return start.Add(slow*16*time.Hour + time.Duration(i-slow)*2*time.Minute)
}

// Release names the file of release i (relative to the site) and the path
// of its page; release n-1 is the newest.
func Release(i int) (file, page string) {
	return fmt.Sprintf("content/press/%s-release-%05d.md", releaseDay(i).Format("2006-01-02"), i),
		fmt.Sprintf("/press/release-%05d/", i)
}

func (g *gen) release(i int, day time.Time) error {
	name, _ := Release(i)
	fm := fmt.Sprintf("---\ntitle: %q\nsubtitle: %q\ndate: %s\nlocation: %s\ntags: %s\ncontacts: [press]\nassets: [logos/halden.svg]\nsummary: %q\n---\n",
		g.sentence(6), g.sentence(9), day.Format(time.RFC3339), cities[i%len(cities)], g.tags(), g.sentence(20))
	return g.write(name, fm+g.body(i))
}

func (g *gen) post(i int, day time.Time) error {
	name := fmt.Sprintf("content/blog/%s-post-%05d.md", day.Format("2006-01-02"), i)
	fm := fmt.Sprintf("---\ntitle: %q\ndate: %s\nauthor: Ines Berg\ntags: %s\n---\n", g.sentence(5), day.Format(time.RFC3339), g.tags())
	return g.write(name, fm+g.paragraph()+"\n\n"+g.paragraph()+"\n")
}

func (g *gen) literature() error {
	for i, kind := range []string{"fact-sheet", "backgrounder", "bio", "brochure"} {
		fm := fmt.Sprintf("---\ntitle: %q\ndate: 2024-01-0%d\nkind: %s\ncontacts: [press]\n---\n", g.sentence(4), i+1, kind)
		if err := g.write(fmt.Sprintf("content/literature/%s.md", kind), fm+g.paragraph()+"\n"); err != nil {
			return err
		}
	}
	return nil
}
