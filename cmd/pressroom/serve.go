package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/check"
	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := serve.Config{}
	fs.StringVar(&cfg.Source, "source", ".", "the site `folder`, holding config.toml")
	fs.StringVar(&cfg.Bind, "bind", "127.0.0.1", "the `address` to listen on (0.0.0.0 lets other machines see the preview)")
	fs.IntVar(&cfg.Port, "port", 8080, "the TCP `port` (0 picks a free one)")
	fs.BoolVar(&cfg.Drafts, "drafts", false, "publish drafts too")
	alias(fs, "D", "drafts")
	var at string
	fs.StringVar(&at, "at", "", "preview the site as of this `time` (RFC 3339, or a date or date-time in the site's timezone): nothing is written, and the clock stands still")
	if status, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pressroom serve: unexpected argument %q\n", fs.Arg(0))
		return exitMisuse
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		fmt.Fprintf(stderr, "pressroom serve: --port %d is not a TCP port: give one from 1 to 65535 (0 picks a free one)\n", cfg.Port)
		return exitMisuse
	}
	now := time.Now()
	if at != "" {
		t, err := parseAt(at, cfg.Source, now)
		if err != nil {
			fmt.Fprintf(stderr, "pressroom serve: %v\n", err)
			return exitMisuse
		}
		cfg.At = t
	}
	p := &servePrinter{out: stdout, err: stderr, ctx: ctx, source: cfg.Source, now: now, fixed: at != ""}
	cfg.OnBuild, cfg.OnWarning, cfg.OnCheck = p.build, p.warn, p.checked
	// serve's first build grows the heap from nothing: it runs under the
	// build's memory policy (a soft limit sized from the site's Markdown
	// that follows the live heap up), which at 10,000 releases leaves the
	// collector about as much room as the default would and at 100,000
	// keeps it from doubling a heap of gigabytes.
	cfg.Loaded = limitMemory
	if _, set := os.LookupEnv("GOGC"); !set {
		// From then on serve holds the whole site and its last build, and
		// a rebuild makes little garbage: letting the heap grow 100 %
		// before collecting (the default) only doubles the footprint, and
		// 30 % costs an edit nothing measurable. At 30 % the first build
		// would collect a dozen times on the way, so it holds from the end
		// of that build on.
		tighten := cfg.OnBuild
		cfg.OnBuild = func(r serve.Result) {
			if r.First {
				debug.SetGCPercent(30)
			}
			tighten(r)
		}
	}
	srv, err := serve.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "pressroom %v\n", err)
		return exitSite
	}
	fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C to stop)\n", cfg.Source, srv.URL())
	if ip := net.ParseIP(cfg.Bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stdout, "Note: with --bind %s other machines can open this preview%s\n", cfg.Bind, networkAddresses(cfg.Bind, srv.URL()))
	}
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "pressroom %v\n", err)
		return exitSite
	}
	fmt.Fprintln(stdout, "Stopped.")
	return exitOK
}

// servePrinter words serve's builds and warnings for the terminal, one
// line per finished rebuild so that scripts can wait for "Rebuilt in".
type servePrinter struct {
	out, err io.Writer
	ctx      context.Context
	source   string
	now      time.Time       // when serve started
	fixed    bool            // --at: a preview of one moment
	lift     time.Time       // the embargo lift last announced
	found    map[string]bool // the findings of the last check, as printed
	checks   int             // checks printed
}

func (p *servePrinter) build(r serve.Result) {
	ms := float64(r.Duration.Microseconds()) / 1000
	switch {
	case r.Err != nil:
		p.failed(r)
		return
	case r.First:
		rep := r.Report
		fmt.Fprintf(p.out, "Built %s pages, %s feeds, %s kits, %s files in %.0f ms\n",
			thousands(rep.Pages), thousands(rep.Feeds), thousands(rep.Kits), thousands(len(rep.Files)), ms)
		printSchedule(p.out, rep.Site, r.At)
		if p.fixed {
			p.preview(r)
		}
	default:
		fmt.Fprintf(p.out, "Rebuilt in %.0f ms (%s)%s\n", ms, filesChanged(r.Changed), cause(r))
	}
	p.announceLift(r)
}

// maxPrinted bounds the findings one check prints; the rest are counted.
const maxPrinted = 20

// checked prints what a pre-flight check found that the last one did not,
// and a count line whenever that changes, so that a save repeats nothing:
// the build's own warnings (an SVG with a script, a photo without a
// sidecar) are among them. serve checks after good builds only, so the
// errors are the check's own (a misspelt rule in [check] ignore).
func (p *servePrinter) checked(c serve.Checked) {
	list := append(append([]check.Finding{}, c.Report.Errors...), c.Report.Warnings...)
	found := make(map[string]bool, len(list))
	var fresh []string
	for _, f := range list {
		line := f.Problem().Error()
		if f.Rule != "" {
			line += " [" + f.Rule + "]"
		}
		found[line] = true
		if !p.found[line] {
			fresh = append(fresh, line)
		}
	}
	gone := 0
	for line := range p.found {
		if !found[line] {
			gone++
		}
	}
	first := p.checks == 0
	p.found = found
	if len(fresh) == 0 && gone == 0 && !(first && len(list) > 0) {
		return
	}
	p.checks++
	for i, line := range fresh {
		if i == maxPrinted {
			fmt.Fprintf(p.err, "… and %d more\n", len(fresh)-maxPrinted)
			break
		}
		fmt.Fprintln(p.err, line)
	}
	ne, nw := len(list)-len(c.Report.Warnings), len(c.Report.Warnings)
	var counts []string
	if ne > 0 {
		counts = append(counts, fmt.Sprintf("%d %s", ne, plural(ne, "error")))
	}
	counts = append(counts, fmt.Sprintf("%d %s", nw, plural(nw, "warning")))
	change := ""
	switch {
	case first:
	case len(fresh) > 0 && gone > 0:
		change = fmt.Sprintf(" (%d new, %d fixed)", len(fresh), gone)
	case len(fresh) > 0:
		change = fmt.Sprintf(" (%d new)", len(fresh))
	default:
		change = fmt.Sprintf(" (%d fixed)", gone)
	}
	what := ": `pressroom check` lists them all"
	if len(list) == 0 {
		what = ": ready to go out"
	}
	fmt.Fprintf(p.out, "Checked in %.0f ms: %s%s%s\n", float64(c.Duration.Microseconds())/1000, strings.Join(counts, " and "), change, what)
}

func (p *servePrinter) failed(r serve.Result) {
	var list *diag.Errors
	n := 1
	if errors.As(r.Err, &list) {
		n = len(list.Problems)
	}
	fmt.Fprintln(p.err, r.Err)
	still := "still serving the last good build"
	if r.First {
		still = "the browser shows the errors until they are fixed"
	}
	fmt.Fprintf(p.err, "Build failed (%d %s)%s: %s; save a fix and it rebuilds\n", n, plural(n, "error"), cause(r), still)
}

// announceLift says when the next embargo lifts, each time that changes.
func (p *servePrinter) announceLift(r serve.Result) {
	next := r.Report.Site.NextLift
	if next.Equal(p.lift) {
		return
	}
	p.lift = next
	if !next.IsZero() && !r.First {
		loc := r.Report.Site.Config.Location
		fmt.Fprintf(p.out, "Next held item goes live %s (an embargo or a scheduled date): the site rebuilds itself then\n", next.In(loc).Format("2 Jan 2006 15:04:05 MST"))
	}
}

// preview says, once, what a preview of a later moment (--at) shows that
// is not public now, and that it stays a preview.
func (p *servePrinter) preview(r serve.Result) {
	loc := r.Report.Site.Config.Location
	shows := ""
	if r.At.After(p.now) {
		n := heldToday(p.ctx, p.source, r.Report.Site, p.now)
		shows = fmt.Sprintf(": it shows %d %s still held today", n, plural(n, "item"))
	}
	fmt.Fprintf(p.out, "Preview as of %s%s. Nothing is written, and its clock stands still: nothing goes live by itself\n",
		r.At.In(loc).Format("2 Jan 2006 15:04 MST"), shows)
}

func (p *servePrinter) warn(err error) {
	fmt.Fprintf(p.err, "pressroom %v\n", err)
}

func filesChanged(n int) string {
	if n == 0 {
		return "no files changed"
	}
	return fmt.Sprintf("%s %s changed", thousands(n), plural(n, "file"))
}

// cause names what set a rebuild off: the changed sources, or the reason.
func cause(r serve.Result) string {
	switch {
	case r.First:
		return ""
	case len(r.Sources) > 3:
		return fmt.Sprintf(": %s and %d more", strings.Join(r.Sources[:3], ", "), len(r.Sources)-3)
	case len(r.Sources) > 0:
		return ": " + strings.Join(r.Sources, ", ")
	case r.Reason == "embargo lift":
		return ": its moment came (an embargo lifting, a scheduled date, an event starting or ending)"
	case r.Reason != "":
		return ": " + r.Reason
	}
	return ""
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// networkAddresses names the addresses other machines can open the preview
// at, when serve listens on every interface.
func networkAddresses(bind, url string) string {
	ip := net.ParseIP(bind)
	if ip == nil || !ip.IsUnspecified() {
		return ""
	}
	_, port, err := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/"))
	if err != nil {
		return ""
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return ""
	}
	var urls []string
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || n.IP.To4() == nil {
			continue
		}
		urls = append(urls, "http://"+net.JoinHostPort(n.IP.String(), port)+"/")
		if len(urls) == 3 {
			break
		}
	}
	if len(urls) == 0 {
		return ""
	}
	return " at " + strings.Join(urls, ", ")
}
