package config

import (
	"path"
	"strconv"
	"strings"
)

// MatchInclude reports whether name, a path under content/assets/, matches
// one of a press kit's include patterns, where "**" stands for any number
// of folders and the rest is path.Match per segment.
func MatchInclude(patterns []string, name string) bool {
	for _, p := range patterns {
		if matchSegments(strings.Split(p, "/"), strings.Split(name, "/")) {
			return true
		}
	}
	return false
}

func matchSegments(pattern, name []string) bool {
	for len(pattern) > 0 {
		if pattern[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegments(pattern[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pattern[0], name[0]); !ok {
			return false
		}
		pattern, name = pattern[1:], name[1:]
	}
	return len(name) == 0
}

// includeLines finds the line of each pattern in the [[presskits]] table
// whose header is on line header: the first line of the table, from its
// include key on, that holds the pattern quoted. A pattern not found so
// (written with escapes) is given the include key's line, or the header's.
func includeLines(src []byte, header int, patterns []string) []int {
	return valueLines(src, header, "include", patterns)
}

// valueLines is the line of each of the texts of the list key of the
// table whose header (or first key) is on line header: as includeLines.
func valueLines(src []byte, header int, name string, patterns []string) []int {
	if header == 0 {
		return make([]int, len(patterns))
	}
	lines := strings.Split(string(src), "\n")
	end, key := len(lines), header
	for l := header; l < len(lines); l++ { // lines[l] is line l+1
		t := strings.TrimSpace(lines[l])
		if strings.HasPrefix(t, "[") && !strings.HasPrefix(t, "[\"") && !strings.HasPrefix(t, "['") {
			end = l // the next table's header
			break
		}
		if k, _, ok := strings.Cut(t, "="); ok && strings.TrimSpace(k) == name {
			key = l + 1
		}
	}
	out := make([]int, len(patterns))
	for i, p := range patterns {
		out[i] = key
		quoted := []string{strconv.Quote(p), "'" + p + "'"}
		for l := key - 1; l < end; l++ {
			if strings.Contains(lines[l], quoted[0]) || strings.Contains(lines[l], quoted[1]) {
				out[i] = l + 1
				break
			}
		}
	}
	return out
}
