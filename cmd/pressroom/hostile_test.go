package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/corpus"
)

// The hostile corpus: sites a careless or malicious author could write
// (self-referencing YAML, alias bombs, image bombs, Markdown that parsers
// choke on, links out of the site, broken configuration and front matter,
// absurd names), each built by the real binary in a process of its own.
// Every case must end with exit status 0 or 1 (never a panic, a crash or
// misuse), within caseTime, and under caseMemory of peak memory.
const (
	hostileCases = 520
	caseTime     = 10 * time.Second
	caseMemory   = 1 << 30
)

// ingredient writes one hostile thing into a site.
type ingredient struct {
	name  string
	write func(t *testing.T, root string, r *rand.Rand)
}

func put(t *testing.T, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func release(slug, front, body string) (string, []byte) {
	return "content/press/2026-01-0" + fmt.Sprint(len(slug)%9+1) + "-" + slug + ".md",
		[]byte("---\ntitle: Hostile " + slug + "\n" + front + "---\n" + body)
}

func putRelease(t *testing.T, root, slug, front, body string) {
	rel, data := release(slug, front, body)
	put(t, root, rel, data)
}

// bombPNG is a valid PNG header declaring w×h pixels, with one tiny
// compressed row: what a decoder would allocate for is the declared size.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(kind))
		crc.Write(data)
		b.WriteString(kind)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

func laughs(depth, width int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol]\n")
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < width; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	fmt.Fprintf(&b, "tags: *a%d\n", depth)
	return b.String()
}

var ingredients = []ingredient{
	{"self alias in front matter", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "alias", "tags: &a [*a]\n", "Body.\n")
	}},
	{"self alias in a mapping", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "alias-map", "summary: &m {x: *m}\n", "Body.\n")
	}},
	{"alias bomb", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "laughs", laughs(4+r.IntN(6), 5+r.IntN(6)), "Body.\n")
	}},
	{"alias bomb in a sidecar", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/assets/docs/a.pdf", []byte("%PDF-1.4\n"))
		put(t, root, "content/assets/docs/a.pdf.yaml", []byte(laughs(4+r.IntN(6), 5+r.IntN(6))))
	}},
	{"self alias in a sidecar", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/assets/docs/b.pdf", []byte("%PDF-1.4\n"))
		put(t, root, "content/assets/docs/b.pdf.yaml", []byte("tags: &a [*a]\n"))
	}},
	{"PNG bomb", func(t *testing.T, root string, r *rand.Rand) {
		side := uint32(20000 + r.IntN(40000))
		put(t, root, fmt.Sprintf("content/assets/photos/bomb-%d.png", side), bombPNG(side, side))
	}},
	{"PNG bomb used by a release", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/assets/photos/used-bomb.png", bombPNG(40000, 40000))
		putRelease(t, root, "bomb-user", "assets: [photos/used-bomb.png]\n", "![x](/assets/photos/used-bomb.png)\n")
	}},
	{"PNG of absurd width", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/assets/photos/wide.png", bombPNG(1<<30, 1))
	}},
	{"truncated image", func(t *testing.T, root string, r *rand.Rand) {
		png := bombPNG(3000, 2000)
		put(t, root, "content/assets/photos/truncated.png", png[:20+r.IntN(len(png)-20)])
	}},
	{"garbage named .jpg", func(t *testing.T, root string, r *rand.Rand) {
		junk := make([]byte, 1+r.IntN(4096))
		for i := range junk {
			junk[i] = byte(r.IntN(256))
		}
		put(t, root, "content/assets/photos/junk.jpg", append([]byte{0xff, 0xd8, 0xff}, junk...))
	}},
	{"image links repeated", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "image-links", "", strings.Repeat("![x](", 10000+r.IntN(90000)))
	}},
	{"links repeated", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "links", "", strings.Repeat("[a](", 10000+r.IntN(90000)))
	}},
	{"brackets", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "brackets", "", strings.Repeat("[", 20000+r.IntN(80000))+strings.Repeat("]", r.IntN(1000)))
	}},
	{"nested list", func(t *testing.T, root string, r *rand.Rand) {
		var b strings.Builder
		for i := 0; i < 2000+r.IntN(3000); i++ {
			b.WriteString(strings.Repeat("  ", i))
			b.WriteString("- x\n")
		}
		putRelease(t, root, "nested-list", "", b.String())
	}},
	{"nested quotes", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "quotes", "", strings.Repeat(">", 10000+r.IntN(50000))+" deep\n")
	}},
	{"emphasis", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "emphasis", "", strings.Repeat("*a_", 20000+r.IntN(40000)))
	}},
	{"identical headings", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "headings", "", strings.Repeat("## Same\n\n", 5000+r.IntN(10000)))
	}},
	{"raw HTML", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "raw-html", "", strings.Repeat("<div><script>alert(1)</script>", 5000+r.IntN(5000)))
	}},
	{"binary body", func(t *testing.T, root string, r *rand.Rand) {
		junk := make([]byte, 1+r.IntN(20000))
		for i := range junk {
			junk[i] = byte(r.IntN(256))
		}
		putRelease(t, root, "binary", "", string(junk))
	}},
	{"NUL and invalid UTF-8 in front matter", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "nul", "summary: \"a\x00b\xff\xfe\"\n", "x\x00y\n")
	}},
	{"unclosed front matter", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/press/2026-01-02-unclosed.md", []byte("---\ntitle: X\nembargo: 2027-01-01\nBody.\n"))
	}},
	{"tabs in YAML", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "tabs", "tags:\n\t- a\n", "x\n")
	}},
	{"empty embargo", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "empty-embargo", []string{"embargo: \"\"\n", "embargo: ~\n", "embargo:\n", "draft:\n"}[r.IntN(4)], "x\n")
	}},
	{"bad dates", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "bad-date", []string{"date: 2026-02-30\n", "date: 99999-01-01\n", "date: -1\n", "embargo: [1, 2]\n", "date: {a: b}\n"}[r.IntN(5)], "x\n")
	}},
	{"huge numbers", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "huge", "weight: 999999999999999999999999999999\n", "x\n")
	}},
	{"deep YAML nesting", func(t *testing.T, root string, r *rand.Rand) {
		n := 1000 + r.IntN(9000)
		putRelease(t, root, "deep-yaml", "summary: "+strings.Repeat("[", n)+strings.Repeat("]", n)+"\n", "x\n")
	}},
	{"deep TOML nesting", func(t *testing.T, root string, r *rand.Rand) {
		n := 1000 + r.IntN(9000)
		put(t, root, "content/press/2026-01-03-deep-toml.md", []byte("+++\ntitle = \"X\"\nsummary = "+strings.Repeat("[", n)+strings.Repeat("]", n)+"\n+++\nx\n"))
	}},
	{"duplicate keys", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "dupes", "title: Again\ntags: [a]\ntags: [b]\n", "x\n")
	}},
	{"long slug", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "long-slug", "slug: "+strings.Repeat("s", 256+r.IntN(2000))+"\n", "x\n")
	}},
	{"long tag", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "long-tag", "tags: ["+strings.Repeat("t", 256+r.IntN(2000))+"]\n", "x\n")
	}},
	{"slug leading out", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "slug-out", []string{"slug: ../../etc\n", "slug: ..\n", "slug: /abs\n", "slug: \"a\\\\b\"\n", "slug: \".hidden\"\n"}[r.IntN(5)], "x\n")
	}},
	{"asset leading out", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "asset-out", "assets: [../../../etc/passwd]\n", "x\n")
	}},
	{"many tags", func(t *testing.T, root string, r *rand.Rand) {
		var tags []string
		for i := 0; i < 2000+r.IntN(3000); i++ {
			tags = append(tags, fmt.Sprintf("t%d", i))
		}
		putRelease(t, root, "many-tags", "tags: ["+strings.Join(tags, ", ")+"]\n", "x\n")
	}},
	{"symlink out of content", func(t *testing.T, root string, r *rand.Rand) {
		os.MkdirAll(filepath.Join(root, "content/assets/docs"), 0o755)
		os.Symlink("/etc/passwd", filepath.Join(root, "content/assets/docs/passwd.txt"))
	}},
	{"symlink out of the theme", func(t *testing.T, root string, r *rand.Rand) {
		os.MkdirAll(filepath.Join(root, "themes/default/static"), 0o755)
		os.Symlink("/etc/passwd", filepath.Join(root, "themes/default/static/passwd.txt"))
	}},
	{"symlink out of static", func(t *testing.T, root string, r *rand.Rand) {
		os.MkdirAll(filepath.Join(root, "static"), 0o755)
		os.Symlink("/etc/hostname", filepath.Join(root, "static/hostname"))
	}},
	{"symlink loop", func(t *testing.T, root string, r *rand.Rand) {
		os.MkdirAll(filepath.Join(root, "content/assets/loop"), 0o755)
		os.Symlink("b", filepath.Join(root, "content/assets/loop/a"))
		os.Symlink("a", filepath.Join(root, "content/assets/loop/b"))
	}},
	{"theme leading out", func(t *testing.T, root string, r *rand.Rand) {
		cfg, _ := os.ReadFile(filepath.Join(root, "config.toml"))
		put(t, root, "config.toml", append([]byte("theme = \"../../../../etc\"\n"), cfg...))
	}},
	{"microsite theme leading out", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/microsites/camp/_index.md", []byte("---\ntitle: Camp\ntheme: ../../../../tmp\n---\n"))
	}},
	{"broken layout", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "themes/default/layouts/release.html", []byte(`{{define "main"}}{{.Nope.Nope}}{{range}}`))
	}},
	{"layout that recurses", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "themes/default/layouts/partials/loop.html", []byte(`{{template "loop.html" .}}`))
		put(t, root, "themes/default/layouts/page.html", []byte(`{{define "main"}}{{template "loop.html" .}}{{end}}`))
		put(t, root, "content/pages/about.md", []byte("---\ntitle: About\n---\nx\n"))
	}},
	{"broken config", func(t *testing.T, root string, r *rand.Rand) {
		cfg, _ := os.ReadFile(filepath.Join(root, "config.toml"))
		cut := r.IntN(len(cfg))
		put(t, root, "config.toml", append(cfg[:cut:cut], []byte([]string{"[[", "= =", "\"", "[organization]\n", "feeds = 1\n"}[r.IntN(5)])...))
	}},
	{"config of wrong types", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "config.toml", []byte("title = 1\nbaseURL = [1]\ntimezone = \"Mars/Olympus\"\n[feeds]\nlimit = -5\n"))
	}},
	{"empty files", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/press/empty.md", nil)
		put(t, root, "content/assets/docs/empty.pdf", nil)
		put(t, root, "content/assets/docs/empty.pdf.yaml", nil)
	}},
	{"section index draft", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/press/_index.md", []byte("---\ntitle: Secret section\ndraft: true\n---\n"))
	}},
	{"embargoed photo linked oddly", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/assets/photos/merger/CEO handshake.png", bombPNG(10, 10))
		link := []string{"/assets/photos/merger/CEO%20handshake.png", "</assets/photos/merger/CEO handshake.png>", "/ASSETS/photos/merger/CEO%20handshake.png", "/assets//photos/./merger/CEO%20handshake.png"}[r.IntN(4)]
		putRelease(t, root, "merger", "embargo: 2099-01-01T00:00:00Z\n", "![x]("+link+")\n")
	}},
	{"SVG with script", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/assets/logos/evil.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.domain)</script></svg>`))
	}},
	{"billion-laughs XML", func(t *testing.T, root string, r *rand.Rand) {
		put(t, root, "content/assets/logos/lol.svg", []byte(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><svg>&lol3;</svg>`))
	}},
	{"unknown contact and missing asset", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "refs", "contacts: [nobody]\nassets: [nope/none.jpg]\n", "x\n")
	}},
	{"two items at one URL", func(t *testing.T, root string, r *rand.Rand) {
		putRelease(t, root, "twin", "slug: same\n", "x\n")
		put(t, root, "content/press/2026-01-05-other.md", []byte("---\ntitle: Other\nslug: same\n---\n"))
	}},
}

// baseSite is a small valid site that each case spoils.
func baseSite(t *testing.T, root string) {
	t.Helper()
	small := filepath.Join("..", "..", "generator", "testdata", "small")
	if err := os.CopyFS(root, os.DirFS(small)); err != nil {
		t.Fatal(err)
	}
}

// TestHostileSites builds hostileCases generated sites, each of one to
// three ingredients (every ingredient alone first), with the real binary.
func TestHostileSites(t *testing.T) {
	if testing.Short() {
		t.Skip("builds hundreds of sites")
	}
	bin := pressroomBinary(t)
	cache := t.TempDir()
	r := rand.New(rand.NewPCG(14, 2026))
	type result struct {
		name   string
		status int
		took   time.Duration
		rss    int64
		out    string
	}
	results := make([]result, hostileCases)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := 0; i < hostileCases; i++ {
		var mix []ingredient
		if i < len(ingredients) {
			mix = []ingredient{ingredients[i]}
		} else {
			for n := 1 + r.IntN(3); n > 0; n-- {
				mix = append(mix, ingredients[r.IntN(len(ingredients))])
			}
		}
		root := filepath.Join(t.TempDir(), "site")
		baseSite(t, root)
		var names []string
		seed := r.Uint64()
		for _, in := range mix {
			in.write(t, root, rand.New(rand.NewPCG(seed, uint64(len(names)))))
			names = append(names, in.name)
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, root, name string) {
			defer wg.Done()
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(context.Background(), caseTime)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, "build", "--source", root, "--at", "2026-11-24T10:00:00Z")
			cmd.Env = append(os.Environ(), "PRESSROOM_CACHE="+cache, "GOMEMLIMIT=off")
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			start := time.Now()
			err := cmd.Run()
			res := result{name: name, took: time.Since(start), out: out.String(), status: -1}
			if cmd.ProcessState != nil {
				res.status = cmd.ProcessState.ExitCode()
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					res.rss = ru.Maxrss * 1024
				}
			}
			if ctx.Err() != nil {
				res.status = -2
			}
			_ = err
			results[i] = res
			os.RemoveAll(filepath.Dir(root))
		}(i, root, strings.Join(names, " + "))
	}
	wg.Wait()
	var slowest result
	var maxRSS int64
	exits := map[int]int{}
	for i, res := range results {
		exits[res.status]++
		if res.took > slowest.took {
			slowest = res
		}
		maxRSS = max(maxRSS, res.rss)
		bad := ""
		switch {
		case res.status == -2:
			bad = fmt.Sprintf("took over %v", caseTime)
		case res.status != 0 && res.status != 1:
			bad = fmt.Sprintf("exit status %d", res.status)
		case strings.Contains(res.out, "panic:") || strings.Contains(res.out, "goroutine "):
			bad = "panicked"
		case res.rss > caseMemory:
			bad = fmt.Sprintf("peak memory %d MiB", res.rss>>20)
		}
		if bad != "" {
			t.Errorf("case %d (%s): %s\n%s", i, res.name, bad, tail(res.out, 2000))
		}
	}
	t.Logf("%d cases: exit statuses %v; slowest %v (%s); peak memory %d MiB", hostileCases, exits, slowest.took.Round(time.Millisecond), slowest.name, maxRSS>>20)
	byTime := map[string]time.Duration{}
	for _, res := range results {
		for _, n := range strings.Split(res.name, " + ") {
			byTime[n] += res.took
		}
	}
	var costly []string
	for n := range byTime {
		costly = append(costly, n)
	}
	sort.Slice(costly, func(i, j int) bool { return byTime[costly[i]] > byTime[costly[j]] })
	for _, n := range costly[:min(5, len(costly))] {
		t.Logf("  %v in cases with %s", byTime[n].Round(time.Millisecond), n)
	}
}

var built struct {
	once sync.Once
	path string
	err  error
	out  []byte
}

// pressroomBinary builds the pressroom command once per test run, without the race
// detector, so that cases measure what users run.
func pressroomBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "pressroom-bin-")
		if err != nil {
			built.err = err
			return
		}
		built.path = filepath.Join(dir, "pressroom")
		built.out, built.err = exec.Command("go", "build", "-o", built.path, ".").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return built.path
}

// TestKilledBuildsLeaveNothingBehind kills builds mid-way (SIGKILL, as the
// OOM killer or a closed laptop would) and requires the next build to
// remove their staging folders, to leave the output whole meanwhile, and
// to remove nothing else beside the destination.
func TestKilledBuildsLeaveNothingBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated newsroom several times")
	}
	bin := pressroomBinary(t)
	root := t.TempDir()
	site := filepath.Join(root, "site")
	os.MkdirAll(site, 0o755)
	if err := corpus.Generate(site, 400); err != nil {
		t.Fatal(err)
	}
	neighbour := filepath.Join(site, ".public.notes")
	os.WriteFile(neighbour, []byte("mine"), 0o644)
	cache := t.TempDir()
	buildCmd := func() *exec.Cmd {
		cmd := exec.Command(bin, "build", "--source", site, "--at", "2026-11-24T10:00:00Z")
		cmd.Env = append(os.Environ(), "PRESSROOM_CACHE="+cache)
		return cmd
	}
	start := time.Now()
	if out, err := buildCmd().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	took := time.Since(start)
	index := filepath.Join(site, "public", "index.html")
	want, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	for i, part := range []float64{0.5, 0.7, 0.85, 0.95} {
		cmd := buildCmd()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(part * float64(took)))
		cmd.Process.Kill()
		cmd.Wait()
		if got, err := os.ReadFile(index); err != nil || !bytes.Equal(got, want) {
			// killed in the swap itself: the next build puts it back
			t.Logf("kill %d: index.html missing (%v): the swap was under way", i, err)
		}
	}
	left := 0
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.Contains(e.Name(), "staging") {
			left++
		}
	}
	t.Logf("the killed builds left %d staging folders", left)
	if out, err := buildCmd().CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, out)
	}
	entries, _ = os.ReadDir(site)
	for _, e := range entries {
		if strings.Contains(e.Name(), "staging") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	if got, err := os.ReadFile(index); err != nil || !bytes.Equal(got, want) {
		t.Errorf("the output after the kills differs: %v", err)
	}
	if data, err := os.ReadFile(neighbour); err != nil || string(data) != "mine" {
		t.Errorf("a file beside the destination was touched: %v", err)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
