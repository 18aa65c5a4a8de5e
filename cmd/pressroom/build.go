package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/heap"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := generator.Options{DiskCache: diskcache.Default()}
	var at string
	var verbose bool
	fs.StringVar(&opts.Source, "source", ".", "the site `folder`, holding config.toml")
	fs.StringVar(&opts.Dest, "dest", "", "the output `folder` (default SOURCE/public)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "publish drafts too")
	fs.StringVar(&at, "at", "", "build as of this `time` (RFC 3339, or a date or date-time in the site's timezone; default now), to preview what goes live then")
	fs.StringVar(&opts.BaseURL, "base-url", "", "override config.toml's baseURL")
	fs.BoolVar(&verbose, "verbose", false, "show how long each stage took")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (for go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile at the end of the build to `file`")
	alias(fs, "D", "drafts")
	alias(fs, "baseURL", "base-url")
	if status, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pressroom build: unexpected argument %q\n", fs.Arg(0))
		return exitMisuse
	}
	if opts.BaseURL != "" {
		if u, err := url.Parse(opts.BaseURL); err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			fmt.Fprintf(stderr, "pressroom build: --base-url %q is not an absolute URL such as https://news.example.com/\n", opts.BaseURL)
			return exitMisuse
		}
	}
	now := time.Now()
	var err error
	if opts.At, err = parseAt(at, opts.Source, now); err != nil {
		fmt.Fprintf(stderr, "pressroom build: %v\n", err)
		return exitMisuse
	}
	stop, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "pressroom build: %v\n", err)
		return exitMisuse
	}
	opts.Loaded = limitMemory
	opts.Progress = &render.Progress{}
	done := showProgress(stderr, opts.Progress)
	diskcache.Track()
	rep, err := generator.Build(ctx, opts)
	done()
	stop()
	var refused *output.DestError
	if errors.As(err, &refused) {
		fmt.Fprintf(stderr, "pressroom build: %v\nnothing was written\n", refused)
		return exitMisuse
	}
	if err != nil {
		printErrors(stderr, err)
		return exitSite
	}
	pruned := tidyCache(opts)
	fmt.Fprintf(stdout, "Built %s pages, %s feeds, %s kits, %s assets, %s held in %.1f s\n",
		thousands(rep.Pages), thousands(rep.Feeds), thousands(rep.Kits), thousands(rep.Assets),
		thousands(len(rep.Site.Held)), rep.Duration.Seconds())
	printWarnings(stderr, rep.Warnings)
	if verbose {
		printStages(stdout, rep)
		if pruned.Entries > 0 {
			fmt.Fprintf(stdout, "  cache: removed %s %s (%.1f MB) that no build used for %d days\n",
				thousands(pruned.Entries), plural(pruned.Entries, "file"), float64(pruned.Bytes)/1e6, int(diskcache.MaxAge.Hours()/24))
		}
	}
	printSchedule(stdout, rep.Site, opts.At)
	if opts.At.After(now) {
		warnFuture(ctx, stderr, opts, rep.Site, now)
	}
	return exitOK
}

// warnFuture says, after a build as of a later moment, how many of the
// items and assets it published are still held today: such output must
// not go live before then. It compares what the build held with what a
// resolve as of now holds (drafts aside: --drafts says so already).
func warnFuture(ctx context.Context, w io.Writer, opts generator.Options, built *site.Site, now time.Time) {
	n := heldToday(ctx, opts.Source, built, now)
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "Note: built as of %s, %d %s still held today %s in %s: do not publish this output\n",
		opts.At.In(built.Config.Location).Format("2 Jan 2006 15:04 MST"), n, plural(n, "item"),
		map[bool]string{true: "is", false: "are"}[n == 1], opts.Destination()+string(filepath.Separator))
}

// heldToday counts the items and assets a build as of a later moment
// published that a resolve as of now holds (drafts aside: --drafts says so
// already).
func heldToday(ctx context.Context, source string, built *site.Site, now time.Time) int {
	today, err := generator.Schedule(ctx, source, now)
	if err != nil {
		return 0
	}
	heldThen := map[string]bool{}
	for _, h := range built.Held {
		heldThen[h.Source] = true
	}
	n := 0
	for _, h := range today.Held {
		if h.Reason != site.HeldDraft && !heldThen[h.Source] {
			n++
		}
	}
	return n
}

// printWarnings lists what a build warns of, as file:line: warning: ….
func printWarnings(w io.Writer, warnings []diag.Problem) {
	for _, p := range warnings {
		p.Msg = "warning: " + p.Msg
		fmt.Fprintln(w, p.Error())
	}
}

// tidyCache records the cache entries the build used as its site's, and
// prunes those that no build used for a month (once a day): a cache that
// cannot be tidied only grows.
func tidyCache(opts generator.Options) diskcache.Pruned {
	if opts.DiskCache.Keep(diskcache.RecordName(opts.Source, opts.BaseURL, opts.Drafts)) != nil {
		return diskcache.Pruned{}
	}
	pruned, _ := opts.DiskCache.Prune(time.Now())
	return pruned
}

// limitMemory applies the build's memory policy (generator/heap) once the
// site's Markdown is loaded, unless GOMEMLIMIT is set: a soft limit from
// what the site needs that follows the live heap up, so that a small
// site's build keeps a small peak (10,000 releases: about 270 MB, where
// the collector left alone lets it near 400 MB) and a large one never
// collects without pause against a limit under what it holds. A process
// that builds again (publish) keeps one policy, raised for a larger site.
func limitMemory(markdown int64) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return
	}
	memory.Lock()
	defer memory.Unlock()
	if memory.policy == nil {
		memory.policy = heap.Follow(heap.Estimate(markdown))
		return
	}
	memory.policy.AtLeast(heap.Estimate(markdown))
}

var memory struct {
	sync.Mutex
	policy *heap.Policy
}

// printErrors lists every problem, then says that the old output stands.
func printErrors(w io.Writer, err error) {
	var list *diag.Errors
	if errors.As(err, &list) {
		for _, p := range list.Problems {
			fmt.Fprintln(w, p.Error())
		}
		noun := "error"
		if len(list.Problems) > 1 {
			noun = "errors"
		}
		fmt.Fprintf(w, "%d %s: nothing was written, the previous output is unchanged\n", len(list.Problems), noun)
		return
	}
	fmt.Fprintf(w, "%v\nnothing was written, the previous output is unchanged\n", err)
}

// printSchedule tells the author what this build held back and when it lifts.
func printSchedule(w io.Writer, s *site.Site, at time.Time) {
	if len(s.Held) == 0 {
		return
	}
	fmt.Fprintf(w, "Held back as of %s:\n", at.In(s.Config.Location).Format("2 Jan 2006 15:04 MST"))
	for _, h := range s.Held {
		when := ""
		if !h.Until.IsZero() {
			when = fmt.Sprintf(" %s (in %s)", h.Until.In(s.Config.Location).Format("2 Jan 2006 15:04 MST"), roughly(h.Until.Sub(at)))
		}
		switch {
		case h.Reason == site.HeldDraft:
			fmt.Fprintf(w, "  %-52s draft (build with --drafts to preview)\n", h.Source)
		case h.Reason == site.HeldScheduled:
			fmt.Fprintf(w, "  %-52s scheduled for%s\n", h.Source, when)
		case h.Reason == site.HeldEmbargo:
			fmt.Fprintf(w, "  %-52s embargoed until%s\n", h.Source, when)
		case h.Until.IsZero():
			fmt.Fprintf(w, "  %-52s used only by held items\n", h.Source)
		default:
			fmt.Fprintf(w, "  %-52s used only by held items, until%s\n", h.Source, when)
		}
	}
}

func roughly(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	case d >= 2*time.Hour:
		return fmt.Sprintf("%d hours", int(d.Hours()))
	case d >= 2*time.Minute:
		return fmt.Sprintf("%d minutes", int(d.Minutes()))
	}
	return fmt.Sprintf("%d seconds", int(d.Seconds()))
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// printStages shows where the build's time went: each stage's wall time,
// and within rendering, each kind of output's working time over all workers.
func printStages(w io.Writer, rep *generator.Report) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	for _, st := range rep.Stages {
		fmt.Fprintf(w, "  %-18s %8.0f ms\n", st.Name, ms(st.Duration))
	}
	names := make([]string, 0, len(rep.Busy))
	for n := range rep.Busy {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return rep.Busy[names[i]] > rep.Busy[names[j]] })
	for _, n := range names {
		fmt.Fprintf(w, "    %-16s %8.0f ms of work\n", n, ms(rep.Busy[n]))
	}
}
