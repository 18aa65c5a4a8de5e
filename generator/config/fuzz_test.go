package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/diag"
)

// FuzzLoad loads any config.toml: it must not panic, and every problem is
// a diag.Problem of config.toml at one of its lines (or none, for what the
// file as a whole lacks).
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		good,
		good + "[[presskits]]\nname = \"brand\"\ntitle = \"B\"\ninclude = [\"logos/**\"]\n[languages.de]\ntitle = \"D\"\n",
		"x = " + strings.Repeat("{a = ", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n",
		"a" + strings.Repeat(".b", 5_000) + " = 1\n",
		"a = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n",
		"\"\\",
		"title = \"\"\"\nmany\nlines\"\"\"\nbaseURL = 'https://x.example/'\n# comment [[[[\n",
		"[feeds]\nlimit = 0\n[markup]\nunsafe = true\n",
		"theme = \"../../../etc\"\n" + good,
		"title = 1\n[organisation]\nname = \"O\"\n[feeds]\nlimit = \"fifty\"\n[[deploy.matcher]]\ngzip = 'yes'\ncontacts = [{id = 1}, 2]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(time.Minute):
				panic(fmt.Sprintf("loading %q runs for over a minute", src))
			}
		}()
		dir := t.TempDir()
		path := filepath.Join(dir, FileName)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path)
		if err == nil {
			return
		}
		var list *diag.Errors
		if !errors.As(err, &list) {
			t.Fatalf("%q: not a list of problems: %v", src, err)
		}
		lines := strings.Count(src, "\n") + 1
		for _, p := range list.Problems {
			if p.File != FileName || p.Line < 0 || p.Line > lines || p.Msg == "" {
				t.Fatalf("%q: problem %q at %s:%d", src, p.Msg, p.File, p.Line)
			}
		}
	})
}
