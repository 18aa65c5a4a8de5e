package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/mail"
)

// runSend mails a release to a media list (or one copy with --to), or
// with --dry-run writes the messages as .eml files. It ends with one line
// saying how many got it.
func runSend(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("send", flag.ContinueOnError)
	fs.SetOutput(stderr)
	req := mail.Request{Now: time.Now, DiskCache: diskcache.Default(), SMTPURL: os.Getenv(mail.EnvSMTP)}
	fs.StringVar(&req.Source, "source", ".", "the site `folder`, holding config.toml")
	fs.StringVar(&req.List, "list", "", "the media list: `name` of media/NAME.csv (or .toml)")
	fs.BoolVar(&req.DryRun, "dry-run", false, "write the messages as .eml files under media/.outbox/ instead of sending")
	fs.StringVar(&req.To, "to", "", "send one check copy to this `address` instead of the list")
	fs.BoolVar(&req.AttachKit, "attach-kit", false, "attach the release's press kit (made for a held release too)")
	// RELEASE may come before or after the flags.
	var positional []string
	for rest := args; ; {
		if status, ok := parseFlags(fs, rest, stdout, stderr); !ok {
			return status
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(positional) != 1 || (req.List == "" && req.To == "") {
		fmt.Fprintf(stderr, "Usage: %s\n(RELEASE is a file under content/press/ or its slug; --list or --to is needed)\n", commandUsage("send"))
		return exitMisuse
	}
	req.Release = positional[0]
	req.At = time.Now()
	if isTerminal(stderr) {
		req.Progress = func(done, total int) { fmt.Fprintf(stderr, "\rsending: %d of %d", done, total) }
	}
	rep, err := mail.Send(ctx, req)
	if req.Progress != nil && rep != nil && rep.Matched > 0 {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		var list *diag.Errors
		if errors.As(err, &list) {
			for _, p := range list.Problems {
				fmt.Fprintln(stderr, p.Error())
			}
		} else {
			fmt.Fprintf(stderr, "pressroom send: %v\n", err)
		}
		if rep != nil && (rep.Sent > 0 || rep.Already > 0) {
			fmt.Fprintln(stdout, sentLine(rep))
		}
		return exitSite
	}
	fmt.Fprintln(stdout, sentLine(rep))
	for _, f := range rep.Bounced {
		fmt.Fprintf(stderr, "  bounced: %s: %s\n", f.To, f.Reply)
	}
	for _, f := range rep.Deferred {
		fmt.Fprintf(stderr, "  not yet: %s: %s (the next run tries again)\n", f.To, f.Reply)
	}
	if len(rep.Deferred) > 0 {
		return exitSite
	}
	return exitOK
}

// sentLine is the summary a send ends with: `Sent "Title" to 184 of 190
// (6 bounced at once: see media/.sent/…)`.
func sentLine(r *mail.Report) string {
	verb := "Sent"
	if r.DryRun {
		verb = "Wrote"
	}
	var notes []string
	if r.Held {
		notes = append(notes, mail.EmbargoLine(r.Until, r.Location))
	}
	if r.Already > 0 {
		notes = append(notes, fmt.Sprintf("%d had it already", r.Already))
	}
	if r.Resent > 0 {
		notes = append(notes, fmt.Sprintf("%d left in doubt by an interrupted run, sent with the same Message-ID", r.Resent))
	}
	if n := len(r.Bounced); n > 0 {
		notes = append(notes, fmt.Sprintf("%d bounced at once: see %s", n, r.Journal))
	}
	if n := len(r.Deferred); n > 0 {
		notes = append(notes, fmt.Sprintf("%d not accepted yet: run again to retry", n))
	}
	if r.NotTrusted > 0 {
		notes = append(notes, fmt.Sprintf("%d on the list not trusted with embargoes get it at the lift", r.NotTrusted))
	}
	line := ""
	switch {
	case r.Copy != "" && r.DryRun:
		line = fmt.Sprintf("Wrote a check copy of %q for %s to %s/", r.Title, r.Copy, r.Outbox)
	case r.Copy != "":
		line = fmt.Sprintf("Sent a check copy of %q to %s", r.Title, r.Copy)
	case r.DryRun:
		line = fmt.Sprintf("Wrote %q for %d of %d on %s to %s/ (a dry run: nothing sent)", r.Title, r.Sent, r.Matched, r.List, r.Outbox)
	default:
		line = fmt.Sprintf("%s %q to %d of %d", verb, r.Title, r.Sent+r.Already, r.Matched)
	}
	for i, n := range notes {
		if i == 0 {
			line += " ("
		} else {
			line += "; "
		}
		line += n
		if i == len(notes)-1 {
			line += ")"
		}
	}
	return line
}
