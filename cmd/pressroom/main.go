// Command pressroom builds a company newsroom from Markdown: pages, feeds and
// press kits. It only parses the command line and calls the generator.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/pressroom/pressroom/generator/suggest"
)

// exit statuses, as the README promises.
const (
	exitOK     = 0
	exitSite   = 1 // the site has errors
	exitMisuse = 2 // the command was misused
)

var version = "0.1.0-dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `pressroom builds a company newsroom from Markdown: pages, feeds and press kits.

Usage:
  pressroom build [--source DIR] [--dest DIR] [--drafts] [--at TIME] [--base-url URL] [--verbose]
  pressroom serve [--source DIR] [--bind 127.0.0.1] [--port 8080] [--drafts] [--at TIME]
  pressroom check [--source DIR] [--strict] [--at TIME] [--format json]
  pressroom next [--source DIR] [--at TIME]
  pressroom deploy [--source DIR] [--target NAME] [--dry-run] [--at TIME] [--force]
  pressroom publish [--source DIR] [--target NAME] [--watch]
  pressroom send RELEASE --list NAME [--source DIR] [--dry-run] [--to ADDRESS] [--attach-kit]
  pressroom new press|blog|literature|event|page "Title" [--source DIR] [--lang XX]
  pressroom new --translate FILE --lang XX [--source DIR]
  pressroom init DIR
  pressroom version

Run "pressroom help COMMAND" or "pressroom COMMAND -h" for a command's flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitMisuse
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "next":
		return runNext(ctx, args[1:], stdout, stderr)
	case "deploy":
		return runDeploy(ctx, args[1:], stdout, stderr)
	case "publish":
		return runPublish(ctx, args[1:], stdout, stderr)
	case "send":
		return runSend(ctx, args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintf(stdout, "pressroom %s\n", version)
		return exitOK
	case "help", "-h", "--help":
		if len(args) > 1 && args[0] == "help" {
			// pressroom help CMD is CMD --help, all on stdout.
			switch {
			case !slices.Contains(commands, args[1]):
				return unknownCommand(args[1], stderr)
			case args[1] != "help" && args[1] != "version":
				return run(ctx, []string{args[1], "--help"}, stdout, stdout)
			}
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	return unknownCommand(args[0], stderr)
}

// unknownCommand says that name is no command, and which it might mean.
func unknownCommand(name string, stderr io.Writer) int {
	fmt.Fprintf(stderr, "pressroom: unknown command %q", name)
	if near := suggest.Nearest(name, commands); near != "" {
		fmt.Fprintf(stderr, ": did you mean %s?", near)
	}
	fmt.Fprintf(stderr, "\n\n%s", usage)
	return exitMisuse
}
