// Package output is the one writer every rendered file goes through. It
// refuses any name that would leave the destination, refuses to write one
// name twice (two outputs at one URL), and records what was written. A Dir
// builds into a staging folder beside the destination and swaps it in only
// when the whole build succeeded; a Memory keeps the site in memory for serve.
package output

import (
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"sync"
)

// Writer receives a build's files by slash-separated names relative to the
// destination ("press/x/index.html"). It is safe for concurrent use.
type Writer interface {
	// WriteFile writes a whole file.
	WriteFile(name string, data []byte) error
	// Create opens a file for streaming; the file exists once Close returns nil.
	Create(name string) (io.WriteCloser, error)
	// CopyFile copies a source file (an absolute path) to name.
	CopyFile(name, src string) error
	// Link publishes a file that never changes once written (an entry of
	// the disk cache) at name, without copying it where the writer can.
	Link(name, src string) error
}

// CheckName returns the cleaned name, or an error when it is not a plain
// relative path inside the destination.
func CheckName(name string) (string, error) {
	clean := path.Clean(name)
	switch {
	case name == "" || clean == ".":
		return "", fmt.Errorf("output: empty file name")
	case path.IsAbs(name) || strings.Contains(name, `\`):
		return "", fmt.Errorf("output: %q is not a relative path", name)
	case clean == ".." || strings.HasPrefix(clean, "../"):
		return "", fmt.Errorf("output: %q would be written outside the destination", name)
	}
	return clean, nil
}

// ledger records names as they are claimed, rejecting a second claim.
type ledger struct {
	mu    sync.Mutex
	names map[string]bool
}

func (l *ledger) claim(name string) (string, error) {
	clean, err := CheckName(name)
	if err != nil {
		return "", err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.names == nil {
		l.names = map[string]bool{}
	}
	if l.names[clean] {
		return "", fmt.Errorf("output: two outputs at one URL: /%s is written twice", clean)
	}
	l.names[clean] = true
	return clean, nil
}

// Names lists every name written, sorted.
func (l *ledger) Names() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]string, 0, len(l.names))
	for n := range l.names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
