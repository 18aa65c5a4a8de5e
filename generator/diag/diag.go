// Package diag holds the errors a build reports to people: each names a file
// and, where known, a line, and a build collects all of them before it stops.
// It owns the wording of positions ("content/press/x.md:4: ...") and nothing else.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Problem is one thing wrong with the site, at a position in a source file.
type Problem struct {
	File string // path relative to the site root, with forward slashes
	Line int    // 1-based; 0 when the line is unknown
	Msg  string
}

func (p Problem) Error() string {
	switch {
	case p.File == "":
		return p.Msg
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	default:
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
}

// List collects problems from any number of goroutines.
type List struct {
	mu       sync.Mutex
	problems []Problem
}

// Add records a problem at file:line.
func (l *List) Add(file string, line int, format string, args ...any) {
	l.Append(Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Append records problems made elsewhere.
func (l *List) Append(ps ...Problem) {
	l.mu.Lock()
	l.problems = append(l.problems, ps...)
	l.mu.Unlock()
}

// Len is the number of problems so far.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.problems)
}

// Err returns nil when there were no problems, or an *Errors holding all of
// them sorted by file and line so that the report reads top to bottom.
func (l *List) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.problems) == 0 {
		return nil
	}
	ps := append([]Problem(nil), l.problems...)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
	return &Errors{Problems: ps}
}

// Errors is every problem of a failed build.
type Errors struct {
	Problems []Problem
}

func (e *Errors) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}
