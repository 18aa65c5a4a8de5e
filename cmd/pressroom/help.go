package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/pressroom/pressroom/generator/suggest"
)

// commandUsage is each command's usage line, as the general usage lists it.
func commandUsage(name string) string {
	for _, line := range strings.Split(usage, "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "pressroom "+name); ok && (rest == "" || rest[0] == ' ') {
			return line
		}
	}
	return "pressroom " + name
}

// commands are the names run knows, for "did you mean".
var commands = []string{"build", "serve", "check", "next", "deploy", "publish", "send", "new", "init", "version", "help"}

// hidden flags are other spellings of a flag (Hugo's habits), accepted but
// not listed.
var hidden = map[string]bool{}

// alias makes name another spelling of the flag to, not listed in the usage
// (which names it beside to's description).
func alias(fs *flag.FlagSet, name, to string) {
	f := fs.Lookup(to)
	fs.Var(f.Value, name, "")
	hidden[name] = true
	f.Usage += fmt.Sprintf(" (also -%s)", name)
}

// parseFlags parses a command's flags. -h and --help print the command's
// usage on stdout and exit 0; a misused flag is said on stderr, with the
// flag meant if one is near, and the usage. ok is false when the command
// should return status.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (status int, ok bool) {
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	fs.Usage = func() { printUsage(&buf, fs) }
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	if errors.Is(err, flag.ErrHelp) {
		stdout.Write(buf.Bytes())
		return exitOK, false
	}
	if err != nil {
		msg, _, _ := strings.Cut(buf.String(), "\n")
		if name, found := strings.CutPrefix(msg, "flag provided but not defined: "); found {
			if near := nearFlag(fs, name); near != "" {
				msg += fmt.Sprintf(": did you mean --%s?", near)
			}
		}
		fmt.Fprintf(stderr, "pressroom %s: %s\nRun \"pressroom %s -h\" for its flags.\n", fs.Name(), msg, fs.Name())
		return exitMisuse, false
	}
	return 0, true
}

// printUsage writes the command's usage line and its listed flags.
func printUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: %s\n\n", commandUsage(fs.Name()))
	listed := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	fs.VisitAll(func(f *flag.Flag) {
		if !hidden[f.Name] {
			listed.Var(f.Value, f.Name, f.Usage)
			listed.Lookup(f.Name).DefValue = f.DefValue
		}
	})
	listed.SetOutput(w)
	listed.PrintDefaults()
}

// nearFlag is the flag of fs that name (as given, with its dashes) most
// likely meant, or "".
func nearFlag(fs *flag.FlagSet, name string) string {
	name = strings.TrimLeft(name, "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if !hidden[f.Name] {
			names = append(names, f.Name)
		}
	})
	return suggest.Nearest(name, names)
}

// isHelp reports whether a is -h, -help or --help.
func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }
