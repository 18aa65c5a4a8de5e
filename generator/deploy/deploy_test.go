package deploy_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/deploy"
	"github.com/pressroom/pressroom/generator/deploy/deploytest"
	"github.com/pressroom/pressroom/generator/output"
)

// at is the moment every test site is built and deployed as of.
var at = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// fast are Apply's options in tests: one try, and waits too short to see.
var fast = deploy.Options{Attempts: 1, Backoff: time.Millisecond}

// target is one kind of deploy target a test runs against.
type target struct {
	name string
	url  string
	// keys lists what the target holds; get returns one object's bytes.
	keys func(t *testing.T) []string
	get  func(t *testing.T, key string) []byte
	s3   *deploytest.Server // for an S3 target
}

// s3Target is a fresh bucket on a fresh recording S3 server.
func s3Target(t *testing.T) target {
	s := deploytest.New(t)
	s.CreateBucket(t, "news")
	return target{name: "s3", url: s.BucketURL("news"), s3: s,
		keys: func(t *testing.T) []string { return s.Keys(t, "news") },
		get: func(t *testing.T, key string) []byte {
			b, _, ok := s.Get(t, "news", key)
			if !ok {
				t.Fatalf("%s: not on the target", key)
			}
			return b
		}}
}

// fileTarget is an empty folder, as file:///path.
func fileTarget(t *testing.T) target {
	dir := t.TempDir()
	return target{name: "file", url: "file://" + filepath.ToSlash(dir),
		keys: func(t *testing.T) []string { return folderFiles(t, dir) },
		get: func(t *testing.T, key string) []byte {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(key)))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}}
}

// folderFiles lists a file:// target's files, without the .attrs files
// fileblob keeps beside each object.
func folderFiles(t *testing.T, dir string) []string {
	var keys []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".attrs") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		keys = append(keys, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(keys)
	return keys
}

func bothTargets(t *testing.T, test func(t *testing.T, tg target)) {
	for _, make := range []func(*testing.T) target{fileTarget, s3Target} {
		tg := make(t)
		t.Run(tg.name, func(t *testing.T) { test(t, tg) })
	}
}

// newSite copies the small test site into a temporary folder with one
// [[deploy]] target, named production, at url; extra is added to its table.
func newSite(t *testing.T, url, extra string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "testdata", "small")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(dir, rel), string(b))
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, []byte("\n[[deploy]]\nname = \"production\"\nurl = \""+url+"\"\n"+extra)...)
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFile(p, body string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(body), 0o644)
}

// build builds a site into memory as deploy does.
func build(t *testing.T, site string) *output.Memory {
	t.Helper()
	mem := output.NewMemory()
	if _, err := generator.Build(context.Background(), generator.Options{Source: site, At: at, Out: mem}); err != nil {
		t.Fatal(err)
	}
	return mem
}

func run(t *testing.T, site string, opts deploy.Options) *deploy.Report {
	t.Helper()
	rep, err := deploy.Run(context.Background(), deploy.Request{Source: site, At: at, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// holdsExactly requires the target to hold every file of the build, byte
// for byte, and nothing else.
func holdsExactly(t *testing.T, tg target, mem *output.Memory) {
	t.Helper()
	want := mem.Names()
	if got := tg.keys(t); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("the target holds\n%s\nthe build is\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, name := range want {
		b, _ := mem.File(name)
		if got := tg.get(t, name); !bytes.Equal(got, b) {
			t.Errorf("%s: the target holds %d other bytes than the build's %d", name, len(got), len(b))
		}
	}
}

// changedNames are the files of b that a lacks or holds other bytes of,
// and the files of a that b lacks.
func changedNames(a, b *output.Memory) (changed, gone []string) {
	for _, name := range b.Names() {
		x, ok := a.File(name)
		y, _ := b.File(name)
		if !ok || !bytes.Equal(x, y) {
			changed = append(changed, name)
		}
	}
	for _, name := range a.Names() {
		if _, ok := b.Size(name); !ok {
			gone = append(gone, name)
		}
	}
	return changed, gone
}

func names(cs []deploy.Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	sort.Strings(out)
	return out
}

func TestFirstDeployHoldsExactlyTheBuild(t *testing.T) {
	bothTargets(t, func(t *testing.T, tg target) {
		site := newSite(t, tg.url, "")
		rep := run(t, site, fast)
		mem := build(t, site)
		if rep.Result.Uploaded != len(mem.Names()) || rep.Plan.Unchanged != 0 || rep.Result.Deleted != 0 {
			t.Errorf("first deploy: %+v, unchanged %d; want %d uploaded", rep.Result, rep.Plan.Unchanged, len(mem.Names()))
		}
		holdsExactly(t, tg, mem)
	})
}

func TestSecondDeployUploadsNothing(t *testing.T) {
	bothTargets(t, func(t *testing.T, tg target) {
		site := newSite(t, tg.url, "")
		first := run(t, site, fast)
		if tg.s3 != nil {
			tg.s3.Reset()
		}
		second := run(t, site, fast)
		if second.Result.Uploaded != 0 || second.Result.Deleted != 0 || second.Plan.Unchanged != first.Result.Uploaded {
			t.Errorf("second deploy: %+v, %d unchanged; want 0 uploaded and %d unchanged", second.Result, second.Plan.Unchanged, first.Result.Uploaded)
		}
		if second.Plan.Checked != 0 {
			t.Errorf("%d objects' metadata read: the listing's MD5s should have told", second.Plan.Checked)
		}
		if tg.s3 != nil {
			for _, r := range tg.s3.Requests() {
				if r.Method != "GET" || r.Key != "" {
					t.Errorf("a deploy of nothing new sent %s %s: only the listing is needed", r.Method, r.Key)
				}
			}
		}
	})
}

func TestEditedReleaseUploadsOnlyWhatChanged(t *testing.T) {
	bothTargets(t, func(t *testing.T, tg target) {
		site := newSite(t, tg.url, "")
		run(t, site, fast)
		before := build(t, site)
		release := filepath.Join(site, "content", "press", "second.md")
		body, err := os.ReadFile(release)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(release, append(body, []byte("\nOne more paragraph, written after the first deploy.\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
		rep := run(t, site, fast)
		after := build(t, site)
		changed, _ := changedNames(before, after)
		if len(changed) == 0 || len(changed) == len(after.Names()) {
			t.Fatalf("the edit changed %d of %d files: the test needs some", len(changed), len(after.Names()))
		}
		if got := names(rep.Plan.Uploads); strings.Join(got, " ") != strings.Join(changed, " ") || rep.Result.Uploaded != len(changed) {
			t.Errorf("uploaded %d: %v\nthe files whose bytes changed: %d: %v", rep.Result.Uploaded, got, len(changed), changed)
		}
		if rep.Plan.Unchanged != len(after.Names())-len(changed) {
			t.Errorf("%d unchanged, want %d", rep.Plan.Unchanged, len(after.Names())-len(changed))
		}
		holdsExactly(t, tg, after)
	})
}

func TestDeletedReleaseDeletesItsFiles(t *testing.T) {
	bothTargets(t, func(t *testing.T, tg target) {
		site := newSite(t, tg.url, "")
		run(t, site, fast)
		before := build(t, site)
		if err := os.RemoveAll(filepath.Join(site, "content", "press", "2026-03-02-bundle-launch")); err != nil {
			t.Fatal(err)
		}
		rep := run(t, site, fast)
		after := build(t, site)
		_, gone := changedNames(before, after)
		if len(gone) < 3 {
			t.Fatalf("deleting a bundle release removed only %v", gone)
		}
		if got := names(rep.Plan.Deletes); strings.Join(got, " ") != strings.Join(gone, " ") || rep.Result.Deleted != len(gone) {
			t.Errorf("deleted %d: %v, want %v", rep.Result.Deleted, got, gone)
		}
		holdsExactly(t, tg, after)
	})
}

func TestTooManyDeletesChangesNothing(t *testing.T) {
	tg := s3Target(t)
	site := newSite(t, tg.url, "maxDeletes = 2\n")
	run(t, site, fast)
	before := tg.keys(t)
	if err := os.RemoveAll(filepath.Join(site, "content", "press", "2026-03-02-bundle-launch")); err != nil {
		t.Fatal(err)
	}
	writeFile(filepath.Join(site, "content", "press", "2026-11-20-new.md"), "---\ntitle: A new release\n---\nIt is new.\n")
	tg.s3.Reset()
	_, err := deploy.Run(context.Background(), deploy.Request{Source: site, At: at, Options: fast})
	if !errors.Is(err, deploy.ErrTooManyDeletes) {
		t.Fatalf("err = %v, want too many deletions", err)
	}
	line := strings.Count(strings.Split(readFile(t, filepath.Join(site, "config.toml")), "[[deploy]]")[0], "\n") + 1
	for _, want := range []string{"config.toml:" + itoa(line) + `: deploy target "production"`, "more than maxDeletes = 2", "nothing was changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	for _, r := range tg.s3.Requests() {
		if r.Method == "PUT" || r.Method == "DELETE" {
			t.Errorf("%s %s: a refused deploy must change nothing", r.Method, r.Key)
		}
	}
	if after := tg.keys(t); strings.Join(after, " ") != strings.Join(before, " ") {
		t.Errorf("the target changed")
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	tg := s3Target(t)
	site := newSite(t, tg.url, "")
	run(t, site, fast)
	before := tg.keys(t)
	os.RemoveAll(filepath.Join(site, "content", "press", "2026-03-02-bundle-launch"))
	writeFile(filepath.Join(site, "content", "press", "2026-11-20-new.md"), "---\ntitle: A new release\n---\nIt is new.\n")
	tg.s3.Reset()
	var planned *deploy.Plan
	rep, err := deploy.Run(context.Background(), deploy.Request{Source: site, At: at, DryRun: true, Options: fast,
		Planned: func(p *deploy.Plan) { planned = p }})
	if err != nil {
		t.Fatal(err)
	}
	if planned == nil || len(rep.Plan.Uploads) == 0 || len(rep.Plan.Deletes) == 0 {
		t.Fatalf("the dry run planned nothing: %+v", rep.Plan)
	}
	for _, c := range rep.Plan.Uploads {
		if c.Reason != deploy.ReasonNew && c.Reason != deploy.ReasonChanged {
			t.Errorf("upload %s: reason %q", c.Name, c.Reason)
		}
	}
	for _, c := range rep.Plan.Deletes {
		if c.Reason != deploy.ReasonGone {
			t.Errorf("delete %s: reason %q", c.Name, c.Reason)
		}
	}
	for _, r := range tg.s3.Requests() {
		if r.Method != "GET" && r.Method != "HEAD" {
			t.Errorf("%s %s: a dry run must change nothing", r.Method, r.Key)
		}
	}
	if after := tg.keys(t); strings.Join(after, " ") != strings.Join(before, " ") {
		t.Errorf("the dry run changed the target")
	}
}

// TestOrderOnTheWire proves the SPEC's order from what the server saw:
// no page before the other files of the deploy, new pages before changed
// ones, no feed, sitemap or robots.txt before the pages, deletions last.
func TestOrderOnTheWire(t *testing.T) {
	tg := s3Target(t)
	site := newSite(t, tg.url, "")
	run(t, site, fast)
	os.RemoveAll(filepath.Join(site, "content", "press", "second.md"))
	writeFile(filepath.Join(site, "content", "press", "2026-11-20-new", "index.md"),
		"---\ntitle: A new release\ntags: [plants, brand-new]\n---\nWith a photo: ![the plant](plant.png)\n")
	png, _ := os.ReadFile(filepath.Join(site, "content", "press", "2026-03-02-bundle-launch", "photo.png"))
	os.WriteFile(filepath.Join(site, "content", "press", "2026-11-20-new", "plant.png"), png, 0o644)
	tg.s3.Reset()
	run(t, site, fast)
	kind := func(key string) int {
		base := key[strings.LastIndex(key, "/")+1:]
		switch {
		case strings.HasSuffix(key, ".html"):
			return 1
		case base == "feed.xml" || base == "atom.xml" || base == "feed.json" || base == "sitemap.xml" || base == "robots.txt",
			strings.HasPrefix(key, "search/"): // the search index lists pages too
			return 3
		}
		return 0
	}
	var seq []string
	stage := 0 // 0 files, 1 pages, 3 indexes, 4 deletions
	seen := map[int]int{}
	for _, r := range tg.s3.Requests() {
		switch r.Method {
		case "PUT":
			k := kind(r.Key)
			seen[k]++
			if k < stage {
				t.Errorf("PUT %s after a later kind of file: %v", r.Key, seq)
			}
			stage = k
			seq = append(seq, "PUT "+r.Key)
		case "DELETE":
			seen[4]++
			stage = 4
			seq = append(seq, "DELETE "+r.Key)
		}
	}
	if seen[0] == 0 || seen[1] == 0 || seen[3] == 0 || seen[4] == 0 {
		t.Fatalf("the deploy lacks a kind of change (files %d, pages %d, indexes %d, deletions %d): %v", seen[0], seen[1], seen[3], seen[4], seq)
	}
	// The new release's page goes before the pages that link it.
	newPage, home := -1, -1
	for i, s := range seq {
		switch s {
		case "PUT press/new/index.html":
			newPage = i
		case "PUT index.html":
			home = i
		}
	}
	if newPage < 0 || home < 0 || newPage > home {
		t.Errorf("the new page (%d) must go before the home page that links it (%d): %v", newPage, home, seq)
	}
}

func TestHeadersAsTheServerStoresThem(t *testing.T) {
	tg := s3Target(t)
	site := newSite(t, tg.url, "\n[[deploy.matchers]]\npattern = \"\\\\.css$\"\ncacheControl = \"public, max-age=600\"\ngzip = true\n")
	run(t, site, fast)
	mem := build(t, site)
	for name, want := range map[string][2]string{
		"index.html":                        {"text/html; charset=utf-8", deploy.CacheShort},
		"press/second-release/index.html":   {"text/html; charset=utf-8", deploy.CacheShort},
		"feed.xml":                          {"application/xml; charset=utf-8", deploy.CacheShort},
		"feed.json":                         {"application/json", deploy.CacheShort},
		"sitemap.xml":                       {"application/xml; charset=utf-8", deploy.CacheShort},
		"contacts/press.vcf":                {"text/vcard; charset=utf-8", deploy.CacheShort},
		"press-kit.zip":                     {"application/zip", deploy.CacheLong},
		"assets/logos/acme.svg":             {"image/svg+xml", deploy.CacheLong},
		"press/bundle-launch/photo.png":     {"image/png", deploy.CacheLong},
		"press/bundle-launch/press-kit.zip": {"application/zip", deploy.CacheLong},
		"css/pressroom.css":                 {"text/css; charset=utf-8", "public, max-age=600"},
	} {
		body, h, ok := tg.s3.Get(t, "news", name)
		if !ok {
			t.Errorf("%s: not on the target", name)
			continue
		}
		if got := h.Get("Content-Type"); got != want[0] {
			t.Errorf("%s: Content-Type %q, want %q", name, got, want[0])
		}
		if got := h.Get("Cache-Control"); got != want[1] {
			t.Errorf("%s: Cache-Control %q, want %q", name, got, want[1])
		}
		if got, svg := h.Get("Content-Disposition"), strings.HasSuffix(name, ".svg"); svg != (got == "attachment") {
			t.Errorf("%s: Content-Disposition %q", name, got)
		}
		built, _ := mem.File(name)
		if strings.HasSuffix(name, ".css") {
			if h.Get("Content-Encoding") != "gzip" {
				t.Errorf("%s: Content-Encoding %q, want gzip", name, h.Get("Content-Encoding"))
				continue
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			body, _ = io.ReadAll(zr)
		} else if h.Get("Content-Encoding") != "" {
			t.Errorf("%s: Content-Encoding %q, want none", name, h.Get("Content-Encoding"))
		}
		if !bytes.Equal(body, built) {
			t.Errorf("%s: the target serves other bytes than the build", name)
		}
	}
	if rep := run(t, site, fast); rep.Result.Uploaded != 0 {
		t.Errorf("a second deploy with a gzip matcher uploaded %v", names(rep.Plan.Uploads))
	}
}

// TestInterruptedDeploy stops a deploy mid-way, as a killed process would,
// and requires the target to keep serving every page and every file those
// pages link, then the next deploy to complete it.
func TestInterruptedDeploy(t *testing.T) {
	tg := s3Target(t)
	site := newSite(t, tg.url, "")
	run(t, site, fast)
	old := build(t, site)
	for i := 0; i < 6; i++ {
		writeFile(filepath.Join(site, "content", "press", "2026-11-1"+itoa(i)+"-news-"+itoa(i)+".md"),
			"---\ntitle: News number "+itoa(i)+"\ntags: [plants]\n---\nThe body of news "+itoa(i)+".\n")
	}
	os.RemoveAll(filepath.Join(site, "content", "press", "second.md"))
	for _, stop := range []int{2, 5, 5} {
		plan, err := deploy.Run(context.Background(), deploy.Request{Source: site, At: at, DryRun: true, Options: fast})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Plan.Uploads) <= stop {
			t.Fatalf("only %d uploads left to stop after %d", len(plan.Plan.Uploads), stop)
		}
		ctx, cancel := context.WithCancel(context.Background())
		tg.s3.AfterPuts(stop, cancel)
		_, err = deploy.Run(ctx, deploy.Request{Source: site, At: at, Options: deploy.Options{Attempts: 1, Concurrency: 2}})
		cancel()
		if err == nil {
			t.Fatalf("the deploy stopped after %d PUTs reported no error", stop)
		}
		for _, name := range old.Names() {
			if _, _, ok := tg.s3.Get(t, "news", name); !ok {
				t.Errorf("stopped after %d PUTs: %s of the old site is gone", stop, name)
			}
		}
		linksResolve(t, tg)
	}
	tg.s3.AfterPuts(0, nil)
	run(t, site, fast)
	holdsExactly(t, tg, build(t, site))
}

var localLink = regexp.MustCompile(`(?:href|src)="(?:https://news\.acme\.example)?/([^"#?]*)"`)

// linksResolve requires every site link of every page on the target to
// name an object the target holds.
func linksResolve(t *testing.T, tg target) {
	t.Helper()
	held := map[string]bool{}
	keys := tg.keys(t)
	for _, k := range keys {
		held[k] = true
	}
	for _, k := range keys {
		if !strings.HasSuffix(k, ".html") {
			continue
		}
		for _, m := range localLink.FindAllStringSubmatch(string(tg.get(t, k)), -1) {
			link := m[1]
			if link == "" || strings.HasSuffix(link, "/") {
				link += "index.html"
			}
			if !held[link] {
				t.Errorf("%s links /%s, which the target does not hold", k, m[1])
			}
		}
	}
}

func TestEmbargoedReleaseNeverReachesTheTarget(t *testing.T) {
	tg := s3Target(t)
	site := newSite(t, tg.url, "")
	writeFile(filepath.Join(site, "content", "press", "2026-11-20-merger.md"),
		"---\ntitle: The merger\nembargo: 2026-11-25T09:00:00\n---\nSecret until tomorrow.\n")
	run(t, site, fast)
	for _, k := range tg.keys(t) {
		if strings.Contains(k, "merger") || strings.Contains(string(tg.get(t, k)), "merger") {
			t.Errorf("%s: the embargoed release reached the target", k)
		}
	}
}

func TestErrorsNameTheTargetAndWhatToDo(t *testing.T) {
	s := deploytest.New(t)
	s.CreateBucket(t, "news")
	cases := map[string]struct {
		url, env string
		want     []string
	}{
		"missing bucket":  {s.BucketURL("no-such-bucket"), "", []string{"does not exist"}},
		"bad credentials": {s.BucketURL("news"), "AKIAWRONG", []string{"refused the credentials", "AWS_ACCESS_KEY_ID"}},
		"bad parameter":   {s.BucketURL("news") + "&colour=blue", "", []string{"fix the url"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if tc.env != "" {
				t.Setenv("AWS_ACCESS_KEY_ID", tc.env)
			}
			site := newSite(t, tc.url, "")
			_, err := deploy.Run(context.Background(), deploy.Request{Source: site, At: at, Options: fast})
			if err == nil {
				t.Fatal("no error")
			}
			line := strings.Count(strings.Split(readFile(t, filepath.Join(site, "config.toml")), "[[deploy]]")[0], "\n") + 1
			for _, want := range append(tc.want, "config.toml:"+itoa(line)+`: deploy target "production"`) {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if strings.Contains(err.Error(), deploytest.SecretKey) {
				t.Errorf("the error shows the secret key: %v", err)
			}
		})
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func itoa(n int) string { return strconv.Itoa(n) }
