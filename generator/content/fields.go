package content

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"github.com/pressroom/pressroom/generator/tomlguard"
)

// field is one front matter value with the file line it was written on.
// Values are kept as plain Go values (string, bool, int64, float64, []any)
// so that YAML and TOML are checked by the same code; dates stay as the text
// the author wrote, because their zone is the site's, not the parser's.
type field struct {
	value any
	line  int
	again []int // lines where the same key is written again, an error
}

type fields map[string]field

// syntaxError is a front matter parse failure at a line of the block.
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string { return e.msg }

// parseYAML reads a YAML mapping. firstLine is the file line of the block's
// first line, so that positions name the file's lines, not the block's.
func parseYAML(src []byte, firstLine int) (fields, error) {
	// yaml.v3 counts lines from 1 and may place an error or an empty node
	// on the line after the last; positions stay within the block.
	last := firstLine + yamlLines(src) - 1
	at := func(line int) int { return min(max(firstLine+line-1, firstLine), last) }
	// A sidecar may begin with a byte-order mark, which yamlPrefix would
	// move into the text.
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	var doc yaml.Node
	if err := yaml.Unmarshal(append([]byte(yamlPrefix), src...), &doc); err != nil {
		return nil, yamlError(err, src, at)
	}
	// Positions of nodes count yamlPrefix's line too.
	nodeLine := func(n *yaml.Node) int { return at(n.Line - 1) }
	out := fields{}
	if len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return out, nil // "---" and nothing else
	}
	if root.Kind != yaml.MappingNode {
		return nil, &syntaxError{line: nodeLine(root), msg: "expected `key: value` lines, such as `title: …`"}
	}
	r := &yamlReader{open: map[*yaml.Node]bool{}}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		v, err := r.value(val)
		if err != nil {
			line := val.Line
			var ae *aliasError
			if errors.As(err, &ae) {
				line = ae.line
			}
			return nil, &syntaxError{line: at(line - 1), msg: fmt.Sprintf("%s: %v", key.Value, err)}
		}
		if first, dup := out[key.Value]; dup {
			// yaml.v3 keeps the last of two; which one the author meant is
			// theirs to say (checkKeys reports it).
			first.again = append(first.again, nodeLine(key))
			out[key.Value] = first
			continue
		}
		out[key.Value] = field{value: v, line: nodeLine(key)}
	}
	return out, nil
}

// yamlLines counts lines as YAML does: a line ends with \n, \r\n or \r.
func yamlLines(src []byte) int {
	n := 1
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			n++
		case '\r':
			if i+1 >= len(src) || src[i+1] != '\n' {
				n++
			}
		}
	}
	return n
}

// maxAliasValues bounds the values that aliases (*name) may expand to in
// one front matter block or sidecar. Without a bound, nine lines that each
// repeat the previous one nine times (a 410-byte "billion laughs") took
// 7.7 s and 1.6 GB; real front matter has a few dozen values.
const maxAliasValues = 10_000

// yamlReader turns YAML nodes into plain values, following aliases with a
// budget and refusing one that refers to a node it is inside of (`tags: &a
// [*a]`), which would never end.
type yamlReader struct {
	open     map[*yaml.Node]bool // the nodes being read, outermost first
	expanded int                 // values read through aliases so far
	via      *yaml.Node          // the outermost alias being followed, or nil
}

// aliasError is a problem with an alias, at the alias's line of the block.
type aliasError struct {
	line int
	msg  string
}

func (e *aliasError) Error() string { return e.msg }

func (r *yamlReader) value(n *yaml.Node) (any, error) {
	if r.via != nil {
		if r.expanded++; r.expanded > maxAliasValues {
			return nil, &aliasError{line: r.via.Line, msg: fmt.Sprintf("*%s and the aliases in it repeat more than %d values: write the values out instead of repeating them with & and *", r.via.Value, maxAliasValues)}
		}
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, &aliasError{line: n.Line, msg: fmt.Sprintf("*%s names no anchor", n.Value)}
		}
		if r.open[n.Alias] {
			return nil, &aliasError{line: n.Line, msg: fmt.Sprintf("*%s repeats the list it is in, so it never ends: write the values out instead", n.Value)}
		}
		if r.via == nil {
			r.via = n
			defer func() { r.via = nil }()
		}
		return r.value(n.Alias)
	case yaml.SequenceNode:
		r.open[n] = true
		defer delete(r.open, n)
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := r.value(c)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case yaml.MappingNode:
		return nil, errors.New("expected a value or a list, not a nested mapping")
	}
	switch n.ShortTag() {
	case "!!bool":
		if b, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
			return b, nil
		}
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			return i, nil
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f, nil
		}
	case "!!null":
		return nil, nil
	}
	// Text, or a number too large or too odd to read (.inf): as text, the
	// key that wants a number says so with its line.
	return n.Value, nil
}

// parseTOML reads a TOML table; lines are found by scanning for each key,
// since BurntSushi/toml keeps no positions for values it decoded.
func parseTOML(src []byte, firstLine int) (fields, error) {
	raw := map[string]any{}
	if _, err := tomlguard.Decode(string(src), &raw); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, tomlError(perr, src, firstLine)
		}
		return nil, &syntaxError{line: firstLine, msg: "TOML: " + err.Error()}
	}
	lines := tomlKeyLines(src)
	out := fields{}
	for key, v := range raw {
		out[key] = field{value: tomlValue(v), line: firstLine + lines[key]}
	}
	return out, nil
}

func tomlValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		// BurntSushi/toml marks values written without an offset by their location's name.
		switch v.Location().String() {
		case "date-local":
			return v.Format("2006-01-02")
		case "datetime-local":
			return v.Format("2006-01-02T15:04:05")
		}
		return v.Format(time.RFC3339)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = tomlValue(e)
		}
		return out
	case []map[string]any:
		return v // rejected later as "not a value"
	}
	return v
}

// tomlKeyLines maps each key written as `key = ...` to the first line
// (from 0) it is on.
func tomlKeyLines(src []byte) map[string]int {
	out := map[string]int{}
	for i, line := range bytes.Split(src, []byte("\n")) {
		k, _, ok := bytes.Cut(bytes.TrimSpace(line), []byte("="))
		if !ok {
			continue
		}
		key := strings.Trim(string(bytes.TrimSpace(k)), `"'`)
		if _, seen := out[key]; !seen {
			out[key] = i
		}
	}
	return out
}
