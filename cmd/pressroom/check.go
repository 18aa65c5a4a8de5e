package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/pressroom/pressroom/generator/check"
)

// runCheck is the editorial pre-flight: the build's errors, then what an
// editor would catch, grouped by file, and a count. It exits 1 on errors,
// and with --strict on warnings too.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var source, at, format string
	var strict bool
	fs.StringVar(&source, "source", ".", "the site `folder`, holding config.toml")
	fs.BoolVar(&strict, "strict", false, "fail (exit 1) on warnings too, as a CI job before publishing would")
	fs.StringVar(&at, "at", "", "check as of this `time` (RFC 3339, or a date or date-time in the site's timezone; default now)")
	fs.StringVar(&format, "format", "text", "text, or json: an array of {file, line, severity, rule, message}")
	if status, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pressroom check: unexpected argument %q\n", fs.Arg(0))
		return exitMisuse
	}
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "pressroom check: --format %q: give text or json\n", format)
		return exitMisuse
	}
	moment, err := parseAt(at, source, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "pressroom check: %v\n", err)
		return exitMisuse
	}
	rep, err := check.Run(ctx, source, moment)
	if err != nil {
		fmt.Fprintf(stderr, "pressroom check: %v\n", err)
		return exitSite
	}
	if format == "json" {
		printFindingsJSON(stdout, rep)
	} else {
		printFindings(stdout, rep)
	}
	if len(rep.Errors) > 0 || strict && len(rep.Warnings) > 0 {
		return exitSite
	}
	return exitOK
}

// printFindings writes the errors, then the warnings, each as
// file:line: [warning: ]message (rule), a blank line between files, and
// a count.
func printFindings(w io.Writer, rep *check.Report) {
	last := ""
	for i, f := range rep.All() {
		if i > 0 && (f.File != last || i == len(rep.Errors)) {
			fmt.Fprintln(w)
		}
		last = f.File
		line := f.Problem().Error()
		if f.Rule != "" {
			line += " [" + f.Rule + "]"
		}
		fmt.Fprintln(w, line)
	}
	if len(rep.Errors)+len(rep.Warnings) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, countLine(rep))
}

// countLine says how many errors and warnings there are, and what next.
func countLine(rep *check.Report) string {
	ne, nw := len(rep.Errors), len(rep.Warnings)
	files := map[string]bool{}
	for _, f := range rep.All() {
		files[f.File] = true
	}
	counts := fmt.Sprintf("%d %s, %d %s", ne, plural(ne, "error"), nw, plural(nw, "warning"))
	switch {
	case ne > 0:
		return fmt.Sprintf("%s in %d %s: the site does not build until the errors are fixed", counts, len(files), plural(len(files), "file"))
	case nw > 0:
		return fmt.Sprintf("%s in %d %s: the site builds; silence a rule with checkIgnore: [RULE] in a file, or [check] ignore in config.toml", counts, len(files), plural(len(files), "file"))
	}
	return counts + ": ready to go out"
}

// printFindingsJSON writes every finding as one JSON array, errors first.
func printFindingsJSON(w io.Writer, rep *check.Report) {
	all := rep.All()
	if all == nil {
		all = []check.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(all)
}
