// Package tomlguard decodes TOML as BurntSushi/toml does, after refusing
// nesting that it parses in time growing with the square of the depth: a
// 60 KB line of inline tables in inline tables took 23.7 s, a 20 KB dotted
// key 3.7 s. Front matter and config.toml nest two or three levels; this
// package allows MaxDepth. It owns that one rule and nothing else.
package tomlguard

import (
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// MaxDepth is how deep tables, arrays and dotted keys (a.b.c) may nest,
// counted together.
const MaxDepth = 32

// Decode is toml.Decode for a source that nests at most MaxDepth deep; a
// deeper one is a toml.ParseError at the line where it goes too deep. A
// toml.ParseError always has a line: toml gives none (0) to some errors at
// the end of the source ("\"\\"), which are then on its last line.
func Decode(src string, v any) (toml.MetaData, error) {
	if err := Check(src); err != nil {
		return toml.MetaData{}, err
	}
	md, err := toml.Decode(src, v)
	var perr toml.ParseError
	if errors.As(err, &perr) && perr.Position.Line < 1 {
		perr.Position.Line = strings.Count(src, "\n") + 1
		return md, perr
	}
	return md, err
}

// Check returns a toml.ParseError at the first line where src nests deeper
// than MaxDepth, or nil. It reads only what it must: strings and comments
// (whose brackets and dots do not count), brackets and braces, and the dots
// between separators (= , [ ] { } and line ends), which only a dotted key
// has more than one of.
func Check(src string) error {
	line, depth, dots := 1, 0, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '\n':
			line++
			dots = 0
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			end, lines := skipString(src, i)
			i, line = end, line+lines
		case '[', '{':
			depth++
			dots = 0
		case ']', '}':
			depth = max(0, depth-1)
			dots = 0
		case '=', ',':
			dots = 0
		case '.':
			dots++
		}
		if depth+dots > MaxDepth {
			return toml.ParseError{
				Message:  fmt.Sprintf("tables, lists and dotted keys nest more than %d deep here: a site needs two or three levels, so remove the extra ones", MaxDepth),
				Position: toml.Position{Line: line},
			}
		}
	}
	return nil
}

// skipString returns the index of the last byte of the string that starts
// at src[i], and the line ends inside it. A string left open ends at the
// end of its line (one-line strings) or of src; toml reports it.
func skipString(src string, i int) (end, lines int) {
	q := src[i]
	multi := i+2 < len(src) && src[i+1] == q && src[i+2] == q
	if multi {
		i += 2
	}
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case c == '\\' && q == '"':
			if j+1 < len(src) && src[j+1] == '\n' {
				lines++
			}
			j++
		case c == '\n':
			if !multi {
				return j - 1, lines
			}
			lines++
		case c == q:
			if !multi {
				return j, lines
			}
			if j+2 < len(src) && src[j+1] == q && src[j+2] == q {
				return j + 2, lines
			}
		}
	}
	return len(src) - 1, lines
}
