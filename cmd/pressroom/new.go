package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/scaffold"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "the site `folder`, holding config.toml")
	lang := fs.String("lang", "", "write it in `language` XX, one of the site's [languages.XX]")
	translate := fs.String("translate", "", "write a translation of the content `file` into --lang, instead of a new item")
	if slices.ContainsFunc(args, isHelp) {
		status, _ := parseFlags(fs, []string{"-h"}, stdout, stderr)
		return status
	}
	if slices.ContainsFunc(args, func(a string) bool {
		return strings.TrimLeft(a, "-") == "translate" || strings.HasPrefix(strings.TrimLeft(a, "-"), "translate=")
	}) {
		if status, ok := parseFlags(fs, args, stdout, stderr); !ok {
			return status
		}
		if fs.NArg() > 0 {
			fmt.Fprintf(stderr, "pressroom new: --translate takes no KIND or title: pressroom new --translate content/press/x.md --lang de\n")
			return exitMisuse
		}
		path, err := scaffold.Translate(*source, *translate, *lang)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitSite
		}
		fmt.Fprintf(stdout, "Wrote %s (a draft: translate it, then remove `draft: true` to publish it with the original)\n", path)
		return exitOK
	}
	kind, title, rest, ok := twoArgs(args)
	if !ok {
		printUsage(stderr, fs)
		return exitMisuse
	}
	if status, ok := parseFlags(fs, rest, stdout, stderr); !ok {
		return status
	}
	if !scaffold.IsKind(kind) {
		fmt.Fprintf(stderr, "pressroom new: unknown kind %q: use %s\n", kind, strings.Join(scaffold.Kinds, ", "))
		return exitMisuse
	}
	path, err := scaffold.NewContent(*source, kind, title, time.Now(), *lang)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitSite
	}
	fmt.Fprintf(stdout, "Wrote %s (a draft: remove `draft: true` to publish)\n", path)
	return exitOK
}

// twoArgs takes KIND and "Title" from args, leaving the flags; after "--"
// every argument is KIND or "Title" (a title that begins with "-").
func twoArgs(args []string) (kind, title string, rest []string, ok bool) {
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case a == "--source" || a == "-source" || a == "--lang" || a == "-lang":
			rest = append(rest, a)
			if i+1 < len(args) {
				rest = append(rest, args[i+1])
				i++
			}
		case len(a) > 1 && a[0] == '-':
			rest = append(rest, a)
		default:
			positional = append(positional, a)
		}
	}
	if len(positional) != 2 {
		return "", "", nil, false
	}
	return positional[0], positional[1], rest, true
}

func runInit(args []string, stdout, stderr io.Writer) int {
	if slices.ContainsFunc(args, isHelp) {
		fmt.Fprintf(stdout, "Usage: %s\n\nwrites a new site into DIR: config, one release, one asset, ready to build\n", commandUsage("init"))
		return exitOK
	}
	if len(args) != 1 || args[0] == "" || args[0][0] == '-' {
		fmt.Fprintf(stderr, "Usage: %s\n", commandUsage("init"))
		return exitMisuse
	}
	written, err := scaffold.InitSite(args[0], time.Now())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitSite
	}
	for _, f := range written {
		fmt.Fprintf(stdout, "  %s\n", f)
	}
	cd := "  cd " + shellQuote(args[0]) + "\n"
	where := args[0]
	if here(args[0]) {
		cd, where = "", "this folder"
	}
	fmt.Fprintf(stdout, "A new site is in %s. Next:\n%s  pressroom serve      # preview at http://127.0.0.1:8080/\n  pressroom build      # write public/\n", where, cd)
	return exitOK
}

// here reports whether dir is the current folder.
func here(dir string) bool {
	if filepath.Clean(dir) == "." {
		return true
	}
	abs, err := filepath.Abs(dir)
	wd, werr := os.Getwd()
	return err == nil && werr == nil && abs == wd
}

// shellQuote quotes s for a POSIX shell where it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+,:@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
