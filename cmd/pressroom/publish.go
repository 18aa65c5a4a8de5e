package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pressroom/pressroom/generator/deploy"
	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/mail"
)

// runPublish deploys now, then at every moment the site changes by itself,
// and with --watch after every change of the source, until SIGINT or
// SIGTERM. It logs one line per deploy; a failed deploy is logged and
// retried, never the end of the process.
func runPublish(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := deploy.PublishOptions{Now: time.Now, Request: deploy.Request{DiskCache: diskcache.Default(), Loaded: limitMemory}}
	fs.StringVar(&opts.Request.Source, "source", ".", "the site `folder`, holding config.toml")
	fs.StringVar(&opts.Request.Target, "target", "", "the [[deploy]] target `name` (may be left out when config.toml has one)")
	fs.BoolVar(&opts.Watch, "watch", false, "deploy also after every change of config.toml, content/, themes/ or static/")
	if status, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pressroom publish: unexpected argument %q\n", fs.Arg(0))
		return exitMisuse
	}
	// A target config.toml lacks is misuse, found before the loop starts.
	// (a broken config.toml is logged by the first deploy, and retried)
	var noTarget *deploy.NoTargetError
	if _, err := deploy.TargetOf(opts.Request.Source, opts.Request.Target); errors.As(err, &noTarget) {
		fmt.Fprintf(stderr, "pressroom publish: %v\n", noTarget)
		return exitMisuse
	}
	opts.Log = func(ev deploy.Event) { logPublish(stdout, stderr, ev) }
	// [alerts] mails releases as deploys make them live, beside the deploys.
	alerts := mail.NewAlerts(mail.AlertOptions{Source: opts.Request.Source, SMTPURL: os.Getenv(mail.EnvSMTP),
		DiskCache: opts.Request.DiskCache, Now: time.Now, Log: func(rep *mail.Report, err error) { logAlert(stdout, stderr, rep, err) }})
	opts.Deployed = func(ev deploy.Event) { alerts.Deployed(ev.At) }
	sending := make(chan struct{})
	go func() {
		defer close(sending)
		alerts.Run(ctx)
	}()
	fmt.Fprintf(stdout, "%s publishing %s (Ctrl-C or SIGTERM stops)\n", stamp(time.Now()), opts.Request.Source)
	err := deploy.Publish(ctx, opts)
	<-sending // ends with ctx, after the message under way
	if err != nil {
		fmt.Fprintf(stderr, "pressroom %v\n", err)
		return exitSite
	}
	fmt.Fprintf(stdout, "%s stopped\n", stamp(time.Now()))
	return exitOK
}

// logPublish writes one line per deploy (and a failed deploy's errors).
func logPublish(stdout, stderr io.Writer, ev deploy.Event) {
	now := stamp(time.Now())
	if ev.Err != nil {
		var list *diag.Errors
		if errors.As(ev.Err, &list) {
			for _, p := range list.Problems {
				fmt.Fprintf(stderr, "%s %s\n", now, p.Error())
			}
		} else {
			fmt.Fprintf(stderr, "%s %v\n", now, ev.Err)
		}
		fmt.Fprintf(stderr, "%s deploy failed (%s): the target keeps a working site; trying again in %s\n", now, ev.Cause, ev.RetryIn.Round(time.Second))
		return
	}
	next := "nothing scheduled"
	if !ev.Next.IsZero() {
		loc := ev.Report.Build.Site.Config.Location
		next = fmt.Sprintf("next %s (%d %s)", ev.Next.In(loc).Format(time.RFC3339), len(ev.Lifting), plural(len(ev.Lifting), "item"))
	}
	fmt.Fprintf(stdout, "%s %s (%s); %s\n", now, deployedLine(ev.Report), ev.Cause, next)
}

// logAlert writes one line per alert sent ([alerts]), or its errors.
func logAlert(stdout, stderr io.Writer, rep *mail.Report, err error) {
	now := stamp(time.Now())
	if rep != nil && (err == nil || rep.Sent > 0) {
		fmt.Fprintf(stdout, "%s %s\n", now, sentLine(rep))
	}
	if err == nil {
		return
	}
	var list *diag.Errors
	if errors.As(err, &list) {
		for _, p := range list.Problems {
			fmt.Fprintf(stderr, "%s %s\n", now, p.Error())
		}
	} else {
		fmt.Fprintf(stderr, "%s alerts: %v\n", now, err)
	}
	fmt.Fprintf(stderr, "%s alerts not all sent: trying again at the next deploy, or within minutes\n", now)
}

// stamp is the moment a log line is written, as logs show it.
func stamp(t time.Time) string { return t.Format("2006-01-02T15:04:05Z07:00") }
