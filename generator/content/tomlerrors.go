package content

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

var (
	tomlRedefined = regexp.MustCompile(`^Key '(.*)' has already been defined\.$`)
	tomlUnquoted  = regexp.MustCompile(`^expected value but found "(.*)" instead$`)
)

// tomlError turns a TOML parse error in src into a problem at the line a
// person would point at, in words that say what to do; firstLine is the
// file line of src's first line.
func tomlError(perr toml.ParseError, src []byte, firstLine int) *syntaxError {
	line, msg := perr.Position.Line, perr.Message
	key, _, _ := strings.Cut(perr.LastKey, ".")
	keyLine := 0 // where the value being read began, or 0
	if key != "" {
		keyLine = tomlKeyLine(src, key, line)
	}
	prefix := ""
	if key != "" && keyLine > 0 {
		prefix = key + ": "
	}
	text := strings.TrimSpace(lineText(src, line))
	var plain string
	switch {
	case strings.Contains(msg, "array terminator"):
		// toml notices an unclosed list where the next key begins.
		line, plain = max(keyLine, 1), prefix+`the [ opens a list that is never closed: end the list with ], such as ["a", "b"]`
	case strings.Contains(msg, "inline table terminator"):
		line, plain = max(keyLine, 1), prefix+"the { is never closed: front matter values are text or lists, so remove it, or put the value in quotes"
	case strings.HasPrefix(msg, `unexpected EOF; expected '"""'`), strings.HasPrefix(msg, `unexpected EOF; expected "'''"`):
		line, plain = max(keyLine, 1), prefix+"the value that opens with three quotes is never closed: end it with the same three quotes"
	case msg == "strings cannot contain newlines":
		q := `"`
		if _, v, ok := strings.Cut(text, "="); ok && strings.HasPrefix(strings.TrimSpace(v), "'") {
			q = "'"
		}
		plain = prefix + fmt.Sprintf(`the quote %s that opens the value is never closed: end the value with %s on this line, or write a value of several lines between """ and """`, q, q)
	case tomlUnquoted.MatchString(msg):
		_, v, _ := strings.Cut(text, "=")
		plain = prefix + fmt.Sprintf("text needs quotes in TOML: write %s = %s", key, quoted(strings.TrimSpace(v)))
	case tomlRedefined.MatchString(msg):
		k := tomlRedefined.FindStringSubmatch(msg)[1]
		plain = k + " is written twice: keep one of the two lines"
		if first := tomlKeyLine(src, k, line-1); first > 0 {
			plain = fmt.Sprintf("%s is written twice, here and on line %d: keep one of the two lines", k, firstLine+first-1)
		}
	case strings.HasPrefix(msg, "expected '.' or '=', but got ':'"):
		plain = "between +++ lines front matter is TOML, written `key = \"value\"`: write = instead of :, or start and end the front matter with --- lines to write YAML"
	case strings.HasPrefix(msg, "invalid datetime"):
		plain = prefix + msg + ": write YYYY-MM-DD, or a date and time such as 2026-11-03T09:00:00+01:00"
	case strings.HasPrefix(msg, "expected a top-level item to end with a newline"):
		plain = "text follows the value: put the whole value in quotes, or start a comment with #"
	default:
		plain = "TOML: " + msg
	}
	return &syntaxError{line: firstLine + max(line, 1) - 1, msg: plain}
}

// tomlKeyLine is the last line (from 1) at or before line on which src
// writes `key = ...`, or 0.
func tomlKeyLine(src []byte, key string, line int) int {
	found := 0
	for i, text := range strings.SplitN(string(src), "\n", line+1) {
		if i == line {
			break
		}
		k, _, ok := strings.Cut(strings.TrimSpace(text), "=")
		if ok && strings.Trim(strings.TrimSpace(k), `"'`) == key {
			found = i + 1
		}
	}
	return found
}
