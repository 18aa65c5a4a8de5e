package tomlguard

import (
	"errors"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestCheck(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	tests := map[string]struct {
		src  string
		line int // of the error, 0 for none
	}{
		"a config.toml":       {"title = \"T\"\n[languages.de.organization]\nname = \"N\"\n[[deploy.matchers]]\npattern = '.*'\n", 0},
		"front matter":        {"title = \"X\"\ndate = 2026-11-03T09:00:00.5\ntags = [\"a.b.c\", \"d\"]\nweight = 1.5\n", 0},
		"32 levels":           {"a = " + deep("[", "]", MaxDepth), 0},
		"33 levels":           {"a = " + deep("[", "]", MaxDepth+1), 1},
		"inline tables":       {"\n\na = " + deep("{b = ", "}", 40), 3},
		"a dotted key":        {"a" + strings.Repeat(".b", MaxDepth+1) + " = 1", 1},
		"a quoted dotted key": {"\"a\"" + strings.Repeat(".'b'", MaxDepth+1) + " = 1", 1},
		"brackets in strings and comments": {"a = \"" + strings.Repeat("[", 100) + "\" # " + strings.Repeat("{", 100) +
			"\nb = '''\n" + strings.Repeat("[", 100) + "\n'''\nc = \"\"\"" + strings.Repeat(".", 100) + "\\\"\"\"\"\n", 0},
		"lines of a multi-line string count": {"a = \"\"\"\n\n\n\"\"\"\nb = " + deep("[", "]", 40), 5},
		"floats in a list":                   {"a = [" + strings.Repeat("1.5, ", 100) + "2.5]", 0},
	}
	for name, tc := range tests {
		err := Check(tc.src)
		var perr toml.ParseError
		switch {
		case tc.line == 0 && err != nil:
			t.Errorf("%s: %v", name, err)
		case tc.line != 0 && (!errors.As(err, &perr) || perr.Position.Line != tc.line):
			t.Errorf("%s: %v, want an error on line %d", name, err, tc.line)
		}
	}
}

// toml itself places the error in a file of `"\` on line 0.
func TestDecodeGivesEveryErrorALine(t *testing.T) {
	var v map[string]any
	_, err := Decode("\"\\", &v)
	var perr toml.ParseError
	if !errors.As(err, &perr) || perr.Position.Line != 1 {
		t.Errorf("%v: want a toml.ParseError on line 1", err)
	}
}
