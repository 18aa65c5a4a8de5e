package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// field is one front matter value with the file line it was written on.
// Values are kept as plain Go values (string, bool, int64, float64, []any)
// so that YAML and TOML are checked by the same code; dates stay as the text
// the author wrote, because their zone is the site's, not the parser's.
type field struct {
	value any
	line  int
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
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlError(err, firstLine)
	}
	out := fields{}
	if len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &syntaxError{line: firstLine + root.Line - 1, msg: "front matter must be a list of `key: value` lines"}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		v, err := yamlValue(val)
		if err != nil {
			return nil, &syntaxError{line: firstLine + val.Line - 1, msg: fmt.Sprintf("%s: %v", key.Value, err)}
		}
		out[key.Value] = field{value: v, line: firstLine + key.Line - 1}
	}
	return out, nil
}

func yamlValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(n.Alias)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c)
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
		return strconv.ParseBool(strings.ToLower(n.Value))
	case "!!int":
		return strconv.ParseInt(n.Value, 0, 64)
	case "!!float":
		return strconv.ParseFloat(n.Value, 64)
	case "!!null":
		return nil, nil
	}
	return n.Value, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlError(err error, firstLine int) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &syntaxError{line: firstLine + n - 1, msg: "YAML: " + m[2]}
	}
	return &syntaxError{line: firstLine, msg: strings.Replace(msg, "yaml: ", "YAML: ", 1)}
}

// parseTOML reads a TOML table; lines are found by scanning for each key,
// since BurntSushi/toml keeps no positions for values it decoded.
func parseTOML(src []byte, firstLine int) (fields, error) {
	raw := map[string]any{}
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, &syntaxError{line: firstLine + perr.Position.Line - 1, msg: "TOML: " + perr.Message}
		}
		return nil, &syntaxError{line: firstLine, msg: "TOML: " + err.Error()}
	}
	lines := bytes.Split(src, []byte("\n"))
	out := fields{}
	for key, v := range raw {
		out[key] = field{value: tomlValue(v), line: firstLine + tomlKeyLine(lines, key)}
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

func tomlKeyLine(lines [][]byte, key string) int {
	for i, line := range lines {
		k, _, ok := bytes.Cut(bytes.TrimSpace(line), []byte("="))
		if ok && strings.Trim(string(bytes.TrimSpace(k)), `"'`) == key {
			return i
		}
	}
	return 0
}
