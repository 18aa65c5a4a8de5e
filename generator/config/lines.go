package config

import (
	"strconv"
	"strings"
)

// positions maps where each key and table of config.toml is written, for
// errors: BurntSushi/toml keeps no positions for what it decoded. A key is
// written as the decoder walks it: parts joined by ".", the i-th table of an
// array of tables as "[i]" ("contacts[1].email", "deploy[0].matchers[2]").
// It reads lines as TOML writes keys and headers, skipping comments and the
// insides of multi-line strings; a close guess beats no line at all.
type positions struct {
	lines   map[string]int  // the first line each key or table is on
	headers map[string]bool // keys written as a [header] or [[header]]
}

func scanPositions(src []byte) positions {
	p := positions{lines: map[string]int{}, headers: map[string]bool{}}
	count := map[string]int{} // tables so far of each array of tables
	// resolve turns header parts into a key, each array of tables standing
	// for its last table so far, as TOML reads them.
	record := func(key string, line int) {
		if _, ok := p.lines[key]; !ok {
			p.lines[key] = line
		}
	}
	// header resolves the parts of a header's key, each array of tables
	// standing for its last table so far, as TOML reads them; the tables
	// it names on the way are written at line n, if not before.
	header := func(parts []string, n int) string {
		key := ""
		for i, part := range parts {
			if i > 0 {
				key += "."
			}
			key += part
			if c := count[key]; c > 0 {
				key += "[" + strconv.Itoa(c-1) + "]"
			}
			record(key, n)
			p.headers[key] = true
		}
		return key
	}
	table, multi := "", ""
	text := strings.TrimPrefix(string(src), "\ufeff")
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		t := strings.TrimSpace(line)
		if multi != "" {
			if strings.Contains(t, multi) {
				multi = ""
			}
			continue
		}
		switch {
		case strings.HasPrefix(t, "[["):
			parts, rest, ok := parseKey(t[2:])
			if !ok || !strings.HasPrefix(rest, "]]") {
				continue
			}
			parent := header(parts[:len(parts)-1], n)
			array := parts[len(parts)-1]
			if parent != "" {
				array = parent + "." + array
			}
			record(array, n)
			p.headers[array] = true
			table = array + "[" + strconv.Itoa(count[array]) + "]"
			count[array]++
			record(table, n)
			p.headers[table] = true
		case strings.HasPrefix(t, "["):
			parts, rest, ok := parseKey(t[1:])
			if !ok || !strings.HasPrefix(rest, "]") {
				continue
			}
			table = header(parts, n)
		default:
			parts, rest, ok := parseKey(t)
			if !ok || !strings.HasPrefix(rest, "=") {
				continue
			}
			key := table
			for _, part := range parts {
				if key != "" {
					key += "."
				}
				key += part
				record(key, n) // a dotted key's tables, then the key
			}
			multi = opensMultiline(rest[1:])
		}
	}
	return p
}

// line is the line of key, or of the nearest table it is in that is
// written down, or 0.
func (p positions) line(key string) int {
	for key != "" {
		if n, ok := p.lines[key]; ok {
			return n
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

// parseKey reads a TOML key at the start of s (bare, "quoted" or
// 'literal' parts joined by dots) and returns its parts and what follows
// it, without the spaces between.
func parseKey(s string) (parts []string, rest string, ok bool) {
	for {
		s = strings.TrimLeft(s, " \t")
		var part string
		switch {
		case strings.HasPrefix(s, `"`):
			end := 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(s) {
				return nil, "", false
			}
			unq, err := strconv.Unquote(s[:end+1])
			if err != nil {
				unq = s[1:end]
			}
			part, s = unq, s[end+1:]
		case strings.HasPrefix(s, "'"):
			end := strings.IndexByte(s[1:], '\'')
			if end < 0 {
				return nil, "", false
			}
			part, s = s[1:end+1], s[end+2:]
		default:
			end := 0
			for end < len(s) && isBare(s[end]) {
				end++
			}
			if end == 0 {
				return nil, "", false
			}
			part, s = s[:end], s[end:]
		}
		parts = append(parts, part)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return parts, s, true
		}
		s = s[1:]
	}
}

func isBare(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// opensMultiline returns the delimiter of a multi-line string that value
// (the text after a key's "=") opens and does not close, or "".
func opensMultiline(value string) string {
	value = strings.TrimSpace(value)
	for _, q := range []string{`"""`, `'''`} {
		if strings.HasPrefix(value, q) && !strings.Contains(value[3:], q) {
			return q
		}
	}
	return ""
}
