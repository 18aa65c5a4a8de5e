package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/site"
)

// runNext prints when the site next changes by itself: the moment (RFC
// 3339, in the site's timezone) or "none", then one line per item or asset
// that goes live then. cron and CI read its first line.
func runNext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("next", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var source, at string
	fs.StringVar(&source, "source", ".", "the site `folder`, holding config.toml")
	fs.StringVar(&at, "at", "", "as of this `time` (RFC 3339, or a date or date-time in the site's timezone; default now)")
	if status, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pressroom next: unexpected argument %q\n", fs.Arg(0))
		return exitMisuse
	}
	moment, err := parseAt(at, source, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "pressroom next: %v\n", err)
		return exitMisuse
	}
	s, err := generator.Schedule(ctx, source, moment)
	if err != nil {
		printErrors(stderr, err)
		return exitSite
	}
	printNext(stdout, s)
	return exitOK
}

// printNext writes what `next` prints for s.
func printNext(w io.Writer, s *site.Site) {
	when, lifting := s.Next()
	if when.IsZero() {
		fmt.Fprintln(w, "none")
		return
	}
	fmt.Fprintln(w, when.In(s.Config.Location).Format(time.RFC3339))
	for _, h := range lifting {
		why := map[string]string{site.HeldEmbargo: "embargo lifts", site.HeldScheduled: "scheduled",
			site.HeldByUsers: "with the items that use it", site.EventStarts: "event starts", site.EventEnds: "event ends"}[h.Reason]
		fmt.Fprintf(w, "%s\t%s\t%s\n", h.Source, why, h.Title)
	}
}

// parseAt reads a --at value: RFC 3339, or a date or date-time without
// offset in the site's timezone, as front matter dates are; "" is now.
func parseAt(value, source string, now time.Time) (time.Time, error) {
	if value == "" {
		return now, nil
	}
	if t, err := time.Parse(time.RFC3339, value); err == nil {
		return t, nil
	}
	loc := time.UTC
	if cfg, err := config.Load(filepath.Join(source, config.FileName)); err == nil {
		loc = cfg.Location
	}
	t, err := content.ParseDate(value, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("--at %q is not a time: write RFC 3339 (2026-12-01T09:00:00+01:00), or 2026-12-01 or 2026-12-01T09:00 in the site's timezone", value)
	}
	return t, nil
}
