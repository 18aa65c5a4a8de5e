package mail_test

import (
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator/content"
	pmail "github.com/pressroom/pressroom/generator/mail"
	"github.com/pressroom/pressroom/generator/site"
)

func TestListProblemsComeAllAtOnceWithTheirLines(t *testing.T) {
	for name, c := range map[string]struct {
		file, body string
		want       []string
	}{
		"csv": {"media/press.csv", "name,email,outlet,language,beats,embargo_ok\n" +
			"Jane,jane@example.com,A,en,storage,true\n" +
			"Bad,jane@,B,en,,false\n" +
			"Maybe,m@example.com,C,en,,perhaps\n" +
			"Lang,l@example.com,D,english!,,\n" +
			"Again,JANE@example.com,E,en,,\n" +
			"Short,s@example.com\n",
			[]string{`media/press.csv:3: "jane@" is not an email address: write it as jane.doe@example.com`,
				`media/press.csv:4: embargo_ok "perhaps": write true or false`,
				`media/press.csv:5: language "english!" is not a language code`,
				`media/press.csv:6: JANE@example.com is on this list already, at line 2: keep one row`,
				`media/press.csv:7: 2 fields where the header has 6`}},
		"csv header": {"media/press.csv", "name,mail\nx,y\n", []string{`media/press.csv:1: the header row has no column "email"`}},
		"toml": {"media/press.toml", "[[journalist]]\nname = \"Jane\"\nemail = \"jane@example.com\"\n\n[[journalist]]\nname = \"Bad\"\nemail = \"bad@\"\nbeat = [\"x\"]\n",
			[]string{`media/press.toml:5: "bad@" is not an email address`, `media/press.toml:8: unknown key "journalist.beat"`}},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root+"/"+c.file, c.body)
			_, err := pmail.LoadList(root, "press")
			if err == nil {
				t.Fatal("no error")
			}
			got := err.Error()
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("errors lack %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestListReadsCSVAndTOMLAlike(t *testing.T) {
	root := t.TempDir()
	write(t, root+"/media/a.csv", "name,email,outlet,language,beats,embargo_ok\nJane Doe,jane@example.com,Daily,DE,Storage; Grid ,yes\n")
	write(t, root+"/media/b.toml", "[[journalist]]\nname = \"Jane Doe\"\nemail = \"jane@example.com\"\noutlet = \"Daily\"\nlanguage = \"de\"\nbeats = [\"storage\", \"grid\"]\nembargo_ok = true\n")
	var got []string
	for _, n := range []string{"a", "b"} {
		l, err := pmail.LoadList(root, n)
		if err != nil {
			t.Fatal(err)
		}
		r := l.Recipients[0]
		got = append(got, strings.Join([]string{r.Name, r.Email, r.Outlet, r.Language, strings.Join(r.Beats, ";"), map[bool]string{true: "ok"}[r.EmbargoOK]}, "|"))
	}
	if got[0] != "Jane Doe|jane@example.com|Daily|de|storage;grid|ok" || got[0] != got[1] {
		t.Errorf("csv %q, toml %q", got[0], got[1])
	}
}

func TestWhoGetsARelease(t *testing.T) {
	entry := func(tags ...string) *site.Entry {
		e := &site.Entry{}
		for _, tg := range tags {
			e.Tags = append(e.Tags, &site.Tag{Name: tg, Slug: content.Slugify(tg)})
		}
		return e
	}
	for name, c := range map[string]struct {
		beats     []string
		embargoOK bool
		tags      []string
		held      bool
		want      bool
	}{
		"a beat of the release":       {[]string{"grid", "storage"}, false, []string{"storage"}, false, true},
		"no beat of the release":      {[]string{"wind"}, true, []string{"storage"}, false, false},
		"a release without tags":      {[]string{"wind"}, false, nil, false, true},
		"a desk without beats":        {nil, false, []string{"storage"}, false, true},
		"held, trusted, on the beat":  {[]string{"storage"}, true, []string{"storage"}, true, true},
		"held, not trusted":           {[]string{"storage"}, false, []string{"storage"}, true, false},
		"held, not trusted, no beats": {nil, false, nil, true, false},
		"held, trusted, off the beat": {[]string{"wind"}, true, []string{"storage"}, true, false},
		"a tag spelt as words":        {[]string{"community-energy"}, false, []string{"Community Energy"}, false, true},
	} {
		t.Run(name, func(t *testing.T) {
			r := pmail.Recipient{Beats: c.beats, EmbargoOK: c.embargoOK}
			if got := pmail.Matches(r, entry(c.tags...), c.held); got != c.want {
				t.Errorf("Matches = %v, want %v", got, c.want)
			}
		})
	}
}
