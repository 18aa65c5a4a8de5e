package deploy_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator/config"
)

const baseConfig = `title = "T"
baseURL = "https://news.example/"

[organization]
name = "O"
`

// TestDeployTablesAreChecked: each mistake in a [[deploy]] table is an
// error on its line, so a typo never sends the site somewhere else.
func TestDeployTablesAreChecked(t *testing.T) {
	cases := map[string]struct {
		toml string
		want string
	}{
		"no name":       {"[[deploy]]\nurl = \"file:///srv/x\"\n", "config.toml:7: deploy target 1 has no name"},
		"two names":     {"[[deploy]]\nname = \"p\"\nurl = \"file:///a\"\n\n[[deploy]]\nname = \"p\"\nurl = \"file:///b\"\n", `config.toml:11: two deploy targets are named "p"`},
		"bad scheme":    {"[[deploy]]\nname = \"p\"\nurl = \"ftp://host/x\"\n", `config.toml:7: deploy target "p": url "ftp://host/x" is not a blob URL`},
		"no bucket":     {"[[deploy]]\nname = \"p\"\nurl = \"s3://?region=x\"\n", `config.toml:7: deploy target "p": url "s3:?region=x" is not a blob URL`},
		"secret hidden": {"[[deploy]]\nname = \"p\"\nurl = \"ftp://u:hunter2@host/x?sas_token=hunter3\"\n", `url "ftp://host/x?sas_token=REDACTED"`},
		"maxDeletes":    {"[[deploy]]\nname = \"p\"\nurl = \"file:///a\"\nmaxDeletes = -5\n", `config.toml:7: deploy target "p": maxDeletes = -5`},
		"bad pattern":   {"[[deploy]]\nname = \"p\"\nurl = \"file:///a\"\n\n[[deploy.matchers]]\npattern = \"(\"\n", `config.toml:11: deploy target "p": matcher pattern "(" is not a Go regular expression`},
		"unknown key":   {"[[deploy]]\nname = \"p\"\nurl = \"file:///a\"\nmaxDelete = 3\n", `config.toml:10: unknown key "deploy.maxDelete"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := config.Parse([]byte(baseConfig + "\n" + tc.toml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
			if err != nil && strings.Contains(err.Error(), "hunter") {
				t.Errorf("the error shows a secret: %v", err)
			}
		})
	}
}

// TestExampleDeployTableParses uncomments the [[deploy]] example of the
// example newsroom's config.toml: it must be a valid target as it stands.
func TestExampleDeployTableParses(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	on := false
	for _, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "# [[deploy]]") {
			on = true
		}
		if on && strings.HasPrefix(line, "# ") {
			line = strings.TrimPrefix(line, "# ")
		}
		out = append(out, line)
	}
	if !on {
		t.Fatal("config.toml has no commented [[deploy]] example")
	}
	cfg, err := config.Parse([]byte(strings.Join(out, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	tg, err := cfg.Target("")
	if err != nil {
		t.Fatal(err)
	}
	if tg.Name != "production" || !strings.HasPrefix(tg.URL, "s3://") || tg.DeleteLimit() != 256 || len(tg.Matchers) != 1 ||
		!tg.Matchers[0].Re.MatchString("css/pressroom.css") || !tg.Matchers[0].Gzip {
		t.Errorf("the example target reads as %+v", tg)
	}
}
