package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/pressroom/pressroom/generator/deploy"
	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/diskcache"
)

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("deploy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	req := deploy.Request{DiskCache: diskcache.Default()}
	var at string
	fs.StringVar(&req.Source, "source", ".", "the site `folder`, holding config.toml")
	fs.StringVar(&req.Target, "target", "", "the [[deploy]] target `name` (may be left out when config.toml has one)")
	fs.BoolVar(&req.DryRun, "dry-run", false, "list what would be uploaded and deleted, and change nothing")
	fs.StringVar(&at, "at", "", "build as of this `time` (RFC 3339, or a date or date-time in the site's timezone; default now)")
	fs.BoolVar(&req.Force, "force", false, "upload every file, changed or not (after changing a matcher's cacheControl)")
	if status, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pressroom deploy: unexpected argument %q\n", fs.Arg(0))
		return exitMisuse
	}
	now := time.Now()
	var err error
	if req.At, err = parseAt(at, req.Source, now); err != nil {
		fmt.Fprintf(stderr, "pressroom deploy: %v\n", err)
		return exitMisuse
	}
	// A build as of a later moment publishes what is embargoed until then:
	// on a live target that would break the embargo. A dry run may look.
	if req.At.After(now.Add(time.Minute)) && !req.DryRun {
		fmt.Fprintf(stderr, "pressroom deploy: --at %s is in the future: deploying it would publish embargoed and scheduled items before their moment. "+
			"Preview it with pressroom build --at or serve, or add --dry-run to see what would change; nothing was deployed\n", at)
		return exitMisuse
	}
	// A deploy writes its build into a scratch folder and reads it from
	// there: it holds what a build into a folder does, under its limit.
	req.Loaded = limitMemory
	req.Options.Progress = &deploy.Progress{}
	if req.DryRun {
		req.Planned = func(p *deploy.Plan) { printPlan(stdout, p) }
	}
	done := showDeployProgress(stderr, req.Options.Progress)
	rep, err := deploy.Run(ctx, req)
	done()
	if err != nil {
		return deployFailed(stderr, "deploy", req, rep, err)
	}
	if req.DryRun {
		fmt.Fprintf(stdout, "Dry run for %s (%s): %s to upload, %s to delete, %s unchanged; nothing was changed\n",
			rep.Target.Name, rep.Target.Where, thousands(len(rep.Plan.Uploads)), thousands(len(rep.Plan.Deletes)), thousands(rep.Plan.Unchanged))
		return exitOK
	}
	fmt.Fprintln(stdout, deployedLine(rep))
	printSchedule(stdout, rep.Build.Site, req.At)
	return exitOK
}

// deployedLine is the one line a deploy ends with.
func deployedLine(rep *deploy.Report) string {
	return fmt.Sprintf("Deployed to %s: %s uploaded, %s deleted, %s unchanged in %.1f s",
		rep.Target.Name, thousands(rep.Result.Uploaded), thousands(rep.Result.Deleted), thousands(rep.Plan.Unchanged), rep.Duration.Seconds())
}

// printPlan lists every upload and deletion of a plan, in the order a
// deploy makes them, with the reason.
func printPlan(w io.Writer, p *deploy.Plan) {
	for _, c := range p.Uploads {
		fmt.Fprintf(w, "upload  %-60s %s (%s)\n", c.Name, c.Reason, c.Phase)
	}
	for _, c := range p.Deletes {
		fmt.Fprintf(w, "delete  %-60s %s\n", c.Name, c.Reason)
	}
}

// deployFailed prints why a deploy failed and what the target holds now,
// and returns the exit status: 2 for a target config.toml lacks that
// --target named, else 1.
func deployFailed(stderr io.Writer, cmd string, req deploy.Request, rep *deploy.Report, err error) int {
	var list *diag.Errors
	var noTarget *deploy.NoTargetError
	switch {
	case errors.As(err, &list):
		for _, p := range list.Problems {
			fmt.Fprintln(stderr, p.Error())
		}
		fmt.Fprintf(stderr, "%d %s: nothing was deployed, the target is unchanged\n", len(list.Problems), plural(len(list.Problems), "error"))
		return exitSite
	case errors.As(err, &noTarget):
		fmt.Fprintf(stderr, "pressroom %s: %v\n", cmd, noTarget)
		if req.Target != "" {
			return exitMisuse
		}
		return exitSite
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "pressroom %s: interrupted\n", cmd)
	} else {
		fmt.Fprintln(stderr, err)
	}
	switch {
	case rep == nil || rep.Plan == nil || errors.Is(err, deploy.ErrTooManyDeletes):
		fmt.Fprintln(stderr, "nothing was deployed: the target is unchanged")
	case rep.Result.Uploaded == 0 && rep.Result.Deleted == 0:
		fmt.Fprintln(stderr, "nothing was changed on the target")
	default:
		fmt.Fprintf(stderr, "the deploy stopped after %s of %s uploads and %s of %s deletions: the target still serves a working site "+
			"(files go before the pages that link them, deletions last); deploy again to complete it\n",
			thousands(rep.Result.Uploaded), thousands(len(rep.Plan.Uploads)), thousands(rep.Result.Deleted), thousands(len(rep.Plan.Deletes)))
	}
	return exitSite
}
