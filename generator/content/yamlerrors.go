package content

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlPrefix goes before every YAML block parseYAML reads. yaml.v3 takes a
// position on its line 0 for "no position" and then names another one (the
// end of the file for a quote opened on the first line), so a blank first
// line keeps every position of the author's text off line 0.
const yamlPrefix = "\n"

// yamlParserProblems are the problems yaml.v3's parser (not its scanner)
// reports. It names their lines counting from 0, and the scanner's from 1
// (see yaml.v3's parser.fail), so the kind decides which line is meant.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

var (
	yamlLine          = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlUnknownAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// yamlError turns a yaml.v3 syntax error about src (parsed after
// yamlPrefix) into a problem at the line a person would point at, in words
// that say what to do. at maps a line of src (from 1) to a line of the file.
func yamlError(err error, src []byte, at func(int) int) error {
	msg := err.Error()
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		line := 1
		if a := yamlUnknownAnchor.FindStringSubmatch(msg); a != nil {
			line = lineWith(src, "*"+a[1])
			return &syntaxError{line: at(line), msg: fmt.Sprintf("*%s names no anchor: write &%s before the value it repeats, or write the value out", a[1], a[1])}
		}
		return &syntaxError{line: at(line), msg: strings.Replace(msg, "yaml: ", "YAML: ", 1)}
	}
	n, _ := strconv.Atoi(m[1])
	problem := m[2]
	// With yamlPrefix before src, line n counted from 0 is line n of src
	// counted from 1, and line n counted from 1 is line n-1 of src.
	line := n
	if !yamlParserProblems[problem] {
		line = n - 1
	}
	switch {
	case blockProblems[problem]:
		line = blockProblemLine(src, line, problem)
	case strings.Contains(problem, "tab character"):
		// The position is where the value before the tab began.
		line = tabLine(src, line)
	}
	return &syntaxError{line: at(line), msg: explainYAML(problem, lineText(src, line))}
}

// blockProblems are the problems yaml.v3 places where the mapping or list
// they are in begins (its first key), not where the stray line is.
var blockProblems = map[string]bool{
	"did not find expected key":           true,
	"did not find expected '-' indicator": true,
}

// blockProblemLine finds the line of a problem yaml.v3 placed at start,
// the line the mapping or list it is in begins on: parsed from that line
// on, the block begins on yaml.v3's line 0, which it takes for "no
// position", and so it names the problem's own line.
func blockProblemLine(src []byte, start int, problem string) int {
	rest := src
	for i := 1; i < start; i++ {
		end := bytes.IndexAny(rest, "\r\n")
		if end < 0 {
			return start
		}
		if rest[end] == '\r' && end+1 < len(rest) && rest[end+1] == '\n' {
			end++
		}
		rest = rest[end+1:]
	}
	var doc yaml.Node
	err := yaml.Unmarshal(rest, &doc)
	if err == nil {
		return start
	}
	m := yamlLine.FindStringSubmatch(err.Error())
	switch {
	case m != nil && m[2] == problem:
		n, _ := strconv.Atoi(m[1])
		return start + n // a parser problem: n counts from 0
	case err.Error() == "yaml: "+problem:
		return start // on the block's first line
	}
	return start
}

// tabLine is the first line from start on whose indentation holds a tab.
func tabLine(src []byte, start int) int {
	for n := start; n <= yamlLines(src); n++ {
		text := lineText(src, n)
		if strings.HasPrefix(strings.TrimLeft(text, " "), "\t") {
			return n
		}
	}
	return start
}

// explainYAML says in plain words what is wrong with a line of front matter
// or a sidecar, for the mistakes people make most; text is the line.
func explainYAML(problem, text string) string {
	key, value, isPair := yamlPair(text)
	trimmed := strings.TrimSpace(text)
	prefix := ""
	if isPair {
		prefix = key + ": "
	}
	indented := trimmed != "" && (text[0] == ' ' || text[0] == '\t')
	switch problem {
	case "did not find expected ',' or ']'":
		return prefix + "the [ opens a list that is never closed: end the list with ] on this line, such as [a, b], or put the whole value in quotes if the [ is part of the text"
	case "did not find expected ',' or '}'":
		return prefix + "the { is never closed: front matter values are text or lists, so remove it, or put the whole value in quotes if the { is part of the text"
	case "found unexpected end of stream", "found unexpected document indicator":
		// Only a quoted value that never ends runs into these.
		q := `"`
		if i := strings.IndexAny(value, `"'`); i >= 0 {
			q = value[i : i+1]
		}
		return prefix + fmt.Sprintf("the quote %s that opens the value is never closed: end the value with %s on this line", q, q)
	case "found character that cannot start any token", "found a tab character that violates indentation",
		"found a tab character where an indentation space is expected":
		if strings.Contains(problem, "tab") || strings.HasPrefix(strings.TrimLeft(text, " "), "\t") {
			return "this line is indented with a tab: YAML allows only spaces, so replace the tab with spaces"
		}
		if isPair && value != "" {
			return prefix + fmt.Sprintf("a value cannot start with %s: put the whole value in quotes, as %s: %s", value[:1], key, quoted(value))
		}
	case "mapping values are not allowed in this context":
		if indented {
			return "this line is indented, so it reads as part of the value above: start each key at the beginning of the line, and put a value that holds \": \" in quotes"
		}
		if isPair && strings.Contains(value, ":") {
			return prefix + fmt.Sprintf("the \": \" in this value reads as the start of another key: put the value in quotes, as %s: %s", key, quoted(value))
		}
	case "did not find expected key", "did not find expected '-' indicator", "block sequence entries are not allowed in this context":
		switch {
		case strings.HasPrefix(trimmed, "- ") || trimmed == "-":
			return "this list item is not in line with the list above it: write the key on a line of its own (tags:) and indent every \"- \" of its list by the same number of spaces"
		case isPair && (strings.HasPrefix(value, `"`) || strings.HasPrefix(value, "'")):
			return prefix + "text follows the closing quote: put the whole value in quotes, using ' around a value that holds \" (and \" around one that holds ')"
		case isPair && strings.HasPrefix(value, "- "):
			return prefix + "a list item cannot follow its key on one line: put each \"- item\" on a line of its own, indented under the key, or write the list as [a, b]"
		case indented:
			return "this line is indented, but it does not continue the value above: start each key at the beginning of the line"
		}
	case "could not find expected ':'":
		return "this line is not `key: value`: add a colon and a space after the key, or put a value that runs over several lines in quotes"
	}
	return "YAML: " + problem + ": check this line's quotes and indentation (each line is `key: value`, or `  - item` under a key, indented with spaces)"
}

// yamlPair splits a line `key: value` that starts at the beginning of the
// line; isPair is false for any other line.
func yamlPair(text string) (key, value string, isPair bool) {
	if text == "" || text[0] == ' ' || text[0] == '\t' || text[0] == '-' || text[0] == '#' {
		return "", "", false
	}
	for i := 0; i < len(text); i++ {
		if text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t') {
			return text[:i], strings.TrimSpace(text[i+1:]), i > 0
		}
	}
	return "", "", false
}

// quoted writes text as a quoted YAML or TOML value, for a message to show.
func quoted(text string) string {
	switch {
	case !strings.ContainsAny(text, `"\`):
		return `"` + text + `"`
	case !strings.Contains(text, "'"):
		return "'" + text + "'"
	}
	return strconv.Quote(text)
}

// lineText returns line n (from 1) of src, lines ending as yamlLines counts them.
func lineText(src []byte, n int) string {
	for i := 1; ; i++ {
		end := bytes.IndexAny(src, "\r\n")
		switch {
		case end < 0 && i == n:
			return string(src)
		case end < 0:
			return ""
		case i == n:
			return string(src[:end])
		}
		if src[end] == '\r' && end+1 < len(src) && src[end+1] == '\n' {
			end++
		}
		src = src[end+1:]
	}
}

// lineWith returns the first line (from 1) of src that holds s, or 1.
func lineWith(src []byte, s string) int {
	i := bytes.Index(src, []byte(s))
	if i < 0 {
		return 1
	}
	return yamlLines(src[:i])
}
