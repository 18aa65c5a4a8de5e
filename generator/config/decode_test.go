package config

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/pressroom/pressroom/generator/diag"
)

// base is a valid config.toml of six lines, to which each case adds its own.
const base = `title = "T"
baseURL = "https://news.example/"
[organization]
name = "O"
[[contacts]]
id = "press"
`

// problems parses src and returns its problems, or fails.
func problems(t *testing.T, src string) []string {
	t.Helper()
	_, err := Parse([]byte(src))
	var list *diag.Errors
	if !errors.As(err, &list) {
		t.Fatalf("Parse: %v, want problems", err)
	}
	out := make([]string, len(list.Problems))
	for i, p := range list.Problems {
		out[i] = p.Error()
	}
	return out
}

// TestTypeMismatchesInPlainWords: a value of the wrong kind is named with
// its line, what to write instead and what it is, in the words of the
// reference ("text", "whole number"), never in toml's Go types.
func TestTypeMismatchesInPlainWords(t *testing.T) {
	tests := map[string]struct {
		add  string
		want string
	}{
		"text for a whole number": {"[feeds]\nlimit = \"fifty\"\n",
			`config.toml:8: feeds.limit must be a whole number, like limit = 50 (it is the text "fifty")`},
		"a fraction for a whole number": {"[feeds]\nlimit = 12.5\n",
			`config.toml:8: feeds.limit must be a whole number, like limit = 50 (it is the number 12.5)`},
		"a number for text": {"[[contacts]]\nid = \"ir\"\nphone = 4930555\n",
			`config.toml:9: contacts.phone must be text in quotes, like phone = "+1 555 0100" (it is the number 4930555)`},
		"a date for text": {"[[presskits]]\nname = \"brand\"\ntitle = 2026-01-01\ninclude = [\"logos/**\"]\n",
			`config.toml:9: presskits.title must be text in quotes, like title = "Brand assets" (it is the date 2026-01-01)`},
		"text for a list": {"[[presskits]]\nname = \"brand\"\ninclude = \"logos/**\"\n",
			`config.toml:9: presskits.include must be a list of texts in quotes, like include = ["logos/**", "photos/leadership/**"] (it is the text "logos/**")`},
		"a number in a list": {"[[presskits]]\nname = \"brand\"\ninclude = [\"logos/**\", 2026]\n",
			`config.toml:9: presskits.include must be a list of texts in quotes, like include = ["logos/**", "photos/leadership/**"] (entry 2 is the number 2026)`},
		"a table for text": {"[[contacts]]\nid = \"ir\"\n[contacts.name]\nfirst = \"A\"\n",
			`config.toml:9: contacts.name must be text in quotes, like name = "Alex Doe" (it is a table)`},
		"an inline table for text": {"[organization.logo]\nfile = \"l.svg\"\n",
			`config.toml:7: organization.logo must be text in quotes, like logo = "logos/logo.svg" (it is a table)`},
		"text for true or false": {"[markup]\nunsafe = \"yes\"\n",
			`config.toml:8: markup.unsafe must be true or false, without quotes, like unsafe = false (it is the text "yes")`},
		"true or false for text": {"[[deploy]]\nname = true\nurl = \"file:///srv/x\"\n",
			`config.toml:8: deploy.name must be text in quotes, like name = "production" (it is the value true)`},
		"text for a number behind a pointer": {"[[deploy]]\nname = \"p\"\nurl = \"file:///srv/x\"\nmaxDeletes = \"all\"\n",
			`config.toml:10: deploy.maxDeletes must be a whole number, like maxDeletes = 256 (it is the text "all")`},
		"a table's name as a key of another": {"[feeds]\n[markup]\nunsafe = true\nfeeds = 50\n",
			`config.toml:10: unknown key "markup.feeds"`},
		"a number for a table at the top": {"\x00feeds = 50\n",
			`config.toml:1: feeds must be a table: a line [feeds] with its keys on the lines below, such as limit = 50 (it is the number 50)`},
		"one table for a list of tables": {"[presskits]\nname = \"brand\"\n",
			`config.toml:7: presskits must be a list of tables: a line [[presskits]] before each, with its keys on the lines below, such as name = "brand" (it is one table, [presskits]: write [[presskits]], with two brackets, before each)`},
		"text in a second deploy's matcher": {"[[deploy]]\nname = \"a\"\nurl = \"file:///a\"\n[[deploy]]\nname = \"b\"\nurl = \"file:///b\"\n[[deploy.matchers]]\npattern = 'x'\n[[deploy.matchers]]\npattern = 'y'\ngzip = \"yes\"\n",
			`config.toml:17: deploy.matchers.gzip must be true or false, without quotes, like gzip = true (it is the text "yes")`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			src := base + tc.add
			if top, ok := strings.CutPrefix(tc.add, "\x00"); ok { // before the first table
				src = top + base
			}
			got := problems(t, src)
			if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Errorf("problems:\n%s\nwant one:\n%s", strings.Join(got, "\n"), tc.want)
			}
			for _, p := range got {
				if strings.Contains(p, "incompatible") || strings.Contains(p, "integer") || strings.Contains(p, "destination") {
					t.Errorf("Go decoder's words in %q", p)
				}
			}
		})
	}
}

// TestEveryMismatchIsReported: toml stops at its first mismatch; a site
// hears of all of them at once.
func TestEveryMismatchIsReported(t *testing.T) {
	got := problems(t, "title = 1\nbaseURL = 2\n[organization]\nname = 3\n[feeds]\nlimit = \"x\"\n")
	want := []string{"config.toml:1: title must be", "config.toml:2: baseURL must be", "config.toml:4: organization.name must be", "config.toml:6: feeds.limit must be"}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d (and no \"missing title\" for a title of the wrong kind)", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %q, want %q…", got[i], want[i])
		}
	}
}

// TestUnknownKeysAndTablesSuggest: a slip is one problem at its line
// naming what was meant; a table's keys are not reported one by one.
func TestUnknownKeysAndTablesSuggest(t *testing.T) {
	tests := map[string]struct {
		src  string
		want []string
	}{
		"a table spelt the British way": {"title = \"T\"\nbaseURL = \"https://x.example/\"\n\n[organisation]\nname = \"O\"\ntagline = \"t\"\nwebsite = \"https://o.example/\"\nlogo = \"l.svg\"\nboilerplate = \"b\"\n",
			[]string{"config.toml:4: unknown table [organisation]: did you mean [organization]?"}},
		"an array of tables with one s too few": {base + "[[presskit]]\nname = \"brand\"\ninclude = [\"logos/**\"]\n",
			[]string{"config.toml:7: unknown table [[presskit]]: did you mean [[presskits]]?"}},
		"a nested array of tables": {base + "[[deploy]]\nname = \"p\"\nurl = \"file:///a\"\n[[deploy.matcher]]\npattern = \"x\"\n",
			[]string{"config.toml:10: unknown table [[deploy.matcher]]: did you mean [[deploy.matchers]]?"}},
		"a key in snake case": {base + "[[deploy]]\nname = \"p\"\nurl = \"file:///a\"\nmax_deletes = 3\n",
			[]string{`config.toml:10: unknown key "deploy.max_deletes": did you mean "maxDeletes"?`}},
		"a key in the wrong case": {"title = \"T\"\nbaseurl = \"https://x.example/\"\n[organization]\nname = \"O\"\n",
			[]string{`config.toml:2: unknown key "baseurl": did you mean "baseURL"?`}},
		"a key of a second contact": {base + "[[contacts]]\nid = \"ir\"\nemial = \"ir@x.example\"\n",
			[]string{`config.toml:9: unknown key "contacts.emial": did you mean "email"?`}},
		"a key like nothing": {base + "[feeds]\ncolour = \"red\"\n",
			[]string{`config.toml:8: unknown key "feeds.colour": [feeds] has the keys limit (see "Configuration reference" in README.md)`}},
		"a table like nothing": {base + "[colours.de]\ntitle = \"D\"\n",
			[]string{`config.toml:7: unknown table [colours]: config.toml has the keys title, description, baseURL, language, timezone, theme and the tables [organization], [[contacts]], [feeds], [markup], [[presskits]], [[deploy]], [check], [mail], [alerts], [languages.XX] (see "Configuration reference" in README.md)`}},
		"a language's unknown key": {base + "[languages.de]\ntitel = \"D\"\n",
			[]string{`config.toml:8: unknown key "languages.de.titel": did you mean "title"?`}},
		"a key named like a table is no table": {"language = \"en\"\nfeed = 5\n" + base,
			[]string{`config.toml:2: unknown key "feed": config.toml has the keys`}},
		"a key after a multi-line string": {"title = \"\"\"\nbaseURL = \"x\"\n\"\"\"\nbaseURL = \"https://x.example/\"\n[organization]\nname = \"O\"\ntagine = \"t\"\n",
			[]string{`config.toml:7: unknown key "organization.tagine": did you mean "tagline"?`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := problems(t, tc.src)
			if len(got) != len(tc.want) {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %q, want %q", got[i], w)
				}
			}
		})
	}
}

// TestMessagesNameNoCompany: config.toml's errors go to every newsroom,
// so what they offer to write names no company, least of all the example's.
func TestMessagesNameNoCompany(t *testing.T) {
	for _, src := range []string{"baseURL = 1\n", "", "[organization]\nname = 1\n", "title = 5\n[[contacts]]\n[feeds]\nlimit = \"x\"\n"} {
		_, err := Parse([]byte(src))
		if err == nil {
			t.Fatalf("%q parses", src)
		}
		if strings.Contains(err.Error(), "Northwind") {
			t.Errorf("%q: %v", src, err)
		}
	}
	got := problems(t, "baseURL = \"https://x.example/\"\n")
	want := []string{`config.toml: missing title: add a line such as title = "Your Company Newsroom"`,
		`config.toml: missing organization.name: add a line such as name = "Your Company" under [organization]`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNoSourceMessageNamesTheExampleCompany looks through every string the
// program (not its tests) may print, in generator/ and cmd/, for the name
// of the example newsroom's company.
func TestNoSourceMessageNamesTheExampleCompany(t *testing.T) {
	fset := token.NewFileSet()
	seen := 0
	for _, dir := range []string{"../../generator", "../../cmd"} {
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() && e.Name() == "testdata" {
				return filepath.SkipDir
			}
			if e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			seen++
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && strings.Contains(s, "Northwind") {
						t.Errorf("%s: %s names the example company: use a placeholder such as \"Your Company\"", fset.Position(lit.Pos()), lit.Value)
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if seen < 50 {
		t.Fatalf("read %d Go files, want the whole program", seen)
	}
}

// TestEveryKeyHasAnExample: each key's errors offer a line to write, and
// that line, under its table's header, is a value the key takes.
func TestEveryKeyHasAnExample(t *testing.T) {
	kinds := map[string]string{}
	for _, k := range Keys() {
		kinds[k.Path] = k.Kind
	}
	for _, k := range Keys() {
		if k.Kind == KindTable || k.Kind == KindTables {
			continue
		}
		if examples[k.Path] == "" {
			t.Errorf("%s has no example", k.Path)
			continue
		}
		var src strings.Builder
		parts := strings.Split(k.Path, ".")
		for i := 1; i < len(parts); i++ {
			table := strings.Join(parts[:i], ".")
			if kinds[table] == KindTables {
				src.WriteString("[[" + table + "]]\n")
			} else {
				src.WriteString("[" + table + "]\n")
			}
		}
		src.WriteString(exampleLine(k.Path) + "\n")
		raw := map[string]any{}
		if _, err := toml.Decode(src.String(), &raw); err != nil {
			t.Errorf("%s: %q: %v", k.Path, src.String(), err)
			continue
		}
		var list diag.List
		d := newDecoder([]byte(src.String()), &list)
		d.table(raw, reflect.ValueOf(&Config{}).Elem(), "", "", "")
		if err := list.Err(); err != nil {
			t.Errorf("%s: %q: %v", k.Path, src.String(), err)
		}
	}
}

// TestInlineTables: a list of tables may be written inline, or empty.
func TestInlineTables(t *testing.T) {
	cfg, err := Parse([]byte("title = \"T\"\nbaseURL = \"https://x.example/\"\ncontacts = [{id = \"press\"}, {id = \"ir\", name = \"I\"}]\npresskits = []\n[organization]\nname = \"O\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Contacts) != 2 || cfg.Contacts[1].ID != "ir" || cfg.Contacts[1].Name != "I" || len(cfg.PressKits) != 0 {
		t.Errorf("contacts %+v, kits %+v", cfg.Contacts, cfg.PressKits)
	}
	got := problems(t, "title = \"T\"\nbaseURL = \"https://x.example/\"\ncontacts = [{id = \"press\"}, \"ir\"]\n[organization]\nname = \"O\"\n")
	if want := "config.toml:3: contacts must be a list of tables"; len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("problems %q, want %q…", got, want)
	}
}
