package config

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator/content"
)

// The configuration reference in README.md lists every key that
// config.toml, front matter and sidecars accept: these tests compare its
// tables with the lists the decoders check files against, both ways.

// referenceTable returns the rows of the table under the heading "### "+
// heading of README.md's "## Configuration reference", each a map from
// the table's column names to its cells.
func referenceTable(t *testing.T, heading string) []map[string]string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(src), "\n## Configuration reference\n")
	if !ok {
		t.Fatal(`README.md has no section "## Configuration reference"`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	_, sub, ok := strings.Cut(section, "\n### "+heading+"\n")
	if !ok {
		t.Fatalf("README.md's configuration reference has no %q", "### "+heading)
	}
	sub, _, _ = strings.Cut(sub, "\n### ")
	var columns []string
	var rows []map[string]string
	for _, line := range strings.Split(sub, "\n") {
		if !strings.HasPrefix(line, "|") {
			if columns != nil {
				break // the end of the table
			}
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|") // no cell holds a |
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		switch {
		case columns == nil:
			columns = cells
		case strings.HasPrefix(cells[0], "---"):
		case len(cells) != len(columns):
			t.Fatalf("README.md, %s: %d cells in %q, want %d (%s)", heading, len(cells), line, len(columns), strings.Join(columns, ", "))
		default:
			row := map[string]string{}
			for i, c := range columns {
				row[c] = cells[i]
			}
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		t.Fatalf("README.md, %s: no table", heading)
	}
	return rows
}

// code strips the backticks of a cell that is one code span, or fails.
func code(t *testing.T, cell string) string {
	t.Helper()
	if len(cell) < 3 || cell[0] != '`' || cell[len(cell)-1] != '`' || strings.Count(cell, "`") != 2 {
		t.Fatalf("README.md: %q is not one `code` span", cell)
	}
	return cell[1 : len(cell)-1]
}

// compareKeys reports the keys that one side has and the other lacks.
func compareKeys(t *testing.T, what string, code, readme map[string]bool) {
	t.Helper()
	var missing, extra []string
	for k := range code {
		if !readme[k] {
			missing = append(missing, k)
		}
	}
	for k := range readme {
		if !code[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("%s accepts keys the configuration reference in README.md does not list: %s", what, strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		t.Errorf("the configuration reference in README.md lists %s keys that it does not accept: %s", what, strings.Join(extra, ", "))
	}
}

func TestReferenceListsEveryConfigKey(t *testing.T) {
	kinds := map[string]string{}
	accepted := map[string]bool{}
	for _, k := range Keys() {
		kinds[k.Path], accepted[k.Path] = k.Kind, true
	}
	listed := map[string]bool{}
	table := "" // the table the rows are in, "" at the top
	for _, row := range referenceTable(t, "`config.toml`") {
		key := code(t, row["key"])
		path, kind, example := "", "", ""
		switch {
		case strings.HasPrefix(key, "[["):
			path, kind, example = strings.Trim(key, "[]"), KindTables, key
			table = path
		case strings.HasPrefix(key, "["):
			path, kind, example = strings.Trim(key, "[]"), KindTable, key
			table = path
		default:
			path = join(table, key)
			kind = kinds[path]
			example = exampleLine(path)
		}
		if listed[path] {
			t.Errorf("README.md lists %s twice", key)
		}
		listed[path] = true
		if !accepted[path] {
			continue // reported below
		}
		if kinds[path] != kind {
			t.Errorf("README.md writes %s as a %s; config.toml takes it as a %s", key, kind, kinds[path])
		}
		if row["type"] != kinds[path] {
			t.Errorf("README.md: %s is of type %q, want %q", path, row["type"], kinds[path])
		}
		if got := code(t, row["example"]); got != example {
			t.Errorf("README.md: the example of %s is %q; errors offer %q: make them the same", path, got, example)
		}
		if row["meaning"] == "" {
			t.Errorf("README.md: %s has no meaning", path)
		}
	}
	compareKeys(t, "config.toml", accepted, listed)
}

// where are the words of the front matter table's where column, and the
// kinds of file of content.Keys they stand for.
var where = map[string]string{
	"press":           "press",
	"blog":            "blog",
	"literature":      "literature",
	"pages":           "pages",
	"events":          "events",
	"coverage":        "coverage",
	"microsite pages": "microsite",
	"microsite home":  "microsite-index",
}

func TestReferenceListsEveryFrontMatterKey(t *testing.T) {
	kindsOf := map[string][]string{} // key -> the kinds of file that take it
	var all []string
	for kind, keys := range content.Keys() {
		if kind == "sidecar" {
			continue
		}
		all = append(all, kind)
		for _, k := range keys {
			kindsOf[k] = append(kindsOf[k], kind)
		}
	}
	accepted := map[string]bool{}
	for k := range kindsOf {
		accepted[k] = true
	}
	listed := map[string]bool{}
	for _, row := range referenceTable(t, "Front matter") {
		key := code(t, row["key"])
		listed[key] = true
		if !accepted[key] || row["type"] == "" || row["meaning"] == "" {
			if accepted[key] {
				t.Errorf("README.md: front matter key %s has no type or meaning", key)
			}
			continue
		}
		var want []string
		if row["where"] == "all" {
			want = append(want, all...)
		} else {
			for _, w := range strings.Split(row["where"], ", ") {
				kind, ok := where[w]
				if !ok {
					t.Errorf("README.md: front matter key %s: where %q is not one of all, press, blog, literature, pages, events, coverage, microsite pages, microsite home", key, w)
				}
				want = append(want, kind)
			}
		}
		got := kindsOf[key]
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("README.md: front matter key %s is for %q; the files that take it are %v", key, row["where"], got)
		}
	}
	compareKeys(t, "front matter", accepted, listed)
}

func TestReferenceListsEverySidecarKey(t *testing.T) {
	accepted := map[string]bool{}
	for _, k := range content.Keys()["sidecar"] {
		accepted[k] = true
	}
	listed := map[string]bool{}
	for _, row := range referenceTable(t, "Sidecars") {
		key := code(t, row["key"])
		listed[key] = true
		if row["type"] == "" || row["meaning"] == "" {
			t.Errorf("README.md: sidecar key %s has no type or meaning", key)
		}
	}
	compareKeys(t, "a sidecar", accepted, listed)
}
