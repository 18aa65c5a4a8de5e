// Package check is `pressroom check`, the editorial pre-flight: what a
// build would reject, and what a careful press officer would catch before
// a release goes out (a release without contacts, a photo without credit,
// a link to a page that is not there, a photo held longer than the release
// that shows it).
//
// It owns the rules, each in one place: the table Rules, one id and one
// function each (rules.go); their silencing, per site in config.toml
// ([check] ignore) and per file (checkIgnore in front matter or a
// sidecar); and the order of what it reports. It reads the site as
// generator.Preflight loads and resolves it, renders nothing and prints
// nothing: the command line words and prints the Report.
package check

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/diag"
)

// Severities of a Finding.
const (
	Error   = "error"   // a build would refuse the site
	Warning = "warning" // the site builds, but an editor would not let it go out so
)

// Finding is one thing check reports, at a position in a source file.
type Finding struct {
	File     string `json:"file"` // relative to the site root, with forward slashes
	Line     int    `json:"line"` // 1-based; 0 when it is the whole file
	Severity string `json:"severity"`
	Rule     string `json:"rule"` // the rule's id; "" for a build error
	Message  string `json:"message"`
}

// Problem is f as a diag.Problem, worded as builds word their problems:
// "content/press/x.md:4: warning: …".
func (f Finding) Problem() diag.Problem {
	msg := f.Message
	if f.Severity == Warning {
		msg = "warning: " + msg
	}
	return diag.Problem{File: f.File, Line: f.Line, Msg: msg}
}

// Report is what a check found: the build's errors, then the warnings,
// each sorted by file and line.
type Report struct {
	Errors   []Finding
	Warnings []Finding
}

// All is every finding, errors first.
func (r *Report) All() []Finding {
	return append(append([]Finding{}, r.Errors...), r.Warnings...)
}

// Run checks the site at source as of at. Problems of the site are in the
// Report; the error is for anything else (a folder that cannot be read).
func Run(ctx context.Context, source string, at time.Time) (*Report, error) {
	return NewSession(nil).Run(ctx, source, at)
}

// Session checks one site again and again in one process (serve), doing
// again only what changed: it reads the parses and photo sizes of the
// builds of cache, changing nothing of them, so that it may run beside
// them, and keeps the links it found in each text from one check to the
// next. One check at a time.
type Session struct {
	cache *generator.Cache
	links linkMemo
}

// NewSession returns a session beside the builds of cache (nil: none).
func NewSession(cache *generator.Cache) *Session { return &Session{cache: cache} }

// Run checks the site at source as of at, as Run does; it stops early,
// with ctx's error, once ctx is cancelled.
func (s *Session) Run(ctx context.Context, source string, at time.Time) (*Report, error) {
	pre, err := s.cache.Preflight(ctx, source, at)
	rep := &Report{}
	var list *diag.Errors
	switch {
	case errors.As(err, &list):
		for _, p := range list.Problems {
			rep.Errors = append(rep.Errors, Finding{File: p.File, Line: p.Line, Severity: Error, Message: p.Msg})
		}
	case err != nil:
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if pre.Whole != nil {
		c := newChecker(source, pre)
		c.memo = &s.links
		if err := c.run(ctx); err != nil {
			return nil, err
		}
		rep.Errors = append(rep.Errors, c.errors...)
		rep.Warnings = c.warnings
	}
	sortFindings(rep.Errors)
	sortFindings(rep.Warnings)
	return rep, nil
}

// sortFindings orders by file, line, rule and message: the same site
// reports in the same order every time.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Rule != b.Rule:
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// checker is one run of the rules over one preflighted site.
type checker struct {
	source string
	pre    *generator.Preflighted
	rule   string // the rule running, which warn files its findings under

	ignoreSite map[string]bool
	ignoreFile map[string]map[string]bool // by file: an item's, a sidecar's (and its asset's)

	errors, warnings []Finding
	lifts            lifts
	links            []link // every body link of the whole site, found once
	memo             *linkMemo
	index            *targets // the whole site by path, made when first needed
}

func newChecker(source string, pre *generator.Preflighted) *checker {
	c := &checker{source: source, pre: pre, ignoreSite: map[string]bool{}, ignoreFile: map[string]map[string]bool{}}
	c.lifts = newLifts(pre.Site)
	cfg := pre.Site.Config
	for i, id := range cfg.Check.Ignore {
		line := 0
		if i < len(cfg.Check.IgnoreLines) {
			line = cfg.Check.IgnoreLines[i]
		}
		if c.known(id, "config.toml", line, "[check] ignore") {
			c.ignoreSite[id] = true
		}
	}
	for _, it := range pre.Source.Items {
		c.ignore(it.Source, it.Front.CheckIgnore, it.Front.Line("checkIgnore"))
	}
	for _, a := range pre.Whole.EveryFile() {
		if a.Sidecar != "" {
			c.ignore(a.Sidecar, a.Meta.CheckIgnore, a.Meta.Lines["checkIgnore"])
			c.ignoreFile[a.Source] = c.ignoreFile[a.Sidecar]
		}
	}
	return c
}

// ignore records the rules a file silences; an id no rule has is an error.
func (c *checker) ignore(file string, ids []string, line int) {
	if len(ids) == 0 || c.ignoreFile[file] != nil {
		return
	}
	set := map[string]bool{}
	for _, id := range ids {
		if c.known(id, file, line, "checkIgnore") {
			set[id] = true
		}
	}
	c.ignoreFile[file] = set
}

// known reports whether id names a rule, and makes it an error if not.
func (c *checker) known(id, file string, line int, where string) bool {
	if ruleByID(id) != nil {
		return true
	}
	msg := fmt.Sprintf("%s: no check rule is called %q", where, id)
	if near := nearestRule(id); near != "" {
		msg += fmt.Sprintf(": did you mean %q?", near)
	} else {
		msg += fmt.Sprintf(" (the rules are %s)", strings.Join(ruleIDs(), ", "))
	}
	c.errors = append(c.errors, Finding{File: file, Line: line, Severity: Error, Message: msg})
	return false
}

// run runs every rule, stopping early when ctx is cancelled.
func (c *checker) run(ctx context.Context) error {
	c.targets() // before the links are found in parallel, which read it
	var unread []Finding
	c.links, unread = findLinks(ctx, c.pre.Whole, c.doubtful, c.memo)
	c.errors = append(c.errors, unread...)
	for _, r := range Rules {
		if err := ctx.Err(); err != nil {
			return err
		}
		if c.ignoreSite[r.ID] {
			continue
		}
		c.rule = r.ID
		r.find(c)
	}
	return nil
}

// doubtful reports whether a link found by a scan needs a parse of its
// body to be sure of: one that a rule would warn of, or that shows a file.
func (c *checker) doubtful(l link) bool {
	tg, found, known := c.targets().find(l.path)
	switch {
	case !found:
		return known
	case tg.file != nil:
		return true
	case tg.other:
		return false
	}
	return c.lifts.entry(tg.entry).later(c.lifts.entry(l.from))
}

// warn reports what the running rule found at file:line, unless the file
// silences the rule.
func (c *checker) warn(file string, line int, format string, args ...any) {
	if c.ignoreFile[file][c.rule] {
		return
	}
	c.warnings = append(c.warnings, Finding{File: file, Line: line, Severity: Warning, Rule: c.rule, Message: fmt.Sprintf(format, args...)})
}

// problems reports warnings the build words itself, under the running rule.
func (c *checker) problems(ps []diag.Problem) {
	for _, p := range ps {
		c.warn(p.File, p.Line, "%s", p.Msg)
	}
}
