package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator/diag"
)

const good = `title = "T"
baseURL = "https://news.example/sub"
timezone = "Europe/Berlin"
[organization]
name = "O"
[[contacts]]
id = "press"
name = "P"
`

func TestParseGood(t *testing.T) {
	cfg, err := Parse([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Base.String() != "https://news.example/sub/" || cfg.Location.String() != "Europe/Berlin" || cfg.Feeds.Limit != 50 {
		t.Errorf("cfg = %+v", cfg)
	}
	if c, ok := cfg.Contact("press"); !ok || c.Name != "P" {
		t.Error("contact press not found")
	}
}

func TestParseProblems(t *testing.T) {
	tests := map[string]struct {
		src  string
		want []string
	}{
		"unknown top-level key":  {"colour = \"red\"\n" + good, []string{`config.toml:1: unknown key "colour"`}},
		"unknown key in a table": {strings.Replace(good, "name = \"O\"", "name = \"O\"\nlogo_url = \"x\"", 1), []string{`config.toml:6: unknown key "organization.logo_url"`}},
		"missing title and name": {"baseURL = \"https://x.example/\"\n", []string{"missing title", "missing organization.name"}},
		"relative baseURL":       {strings.Replace(good, "https://news.example/sub", "news.example", 1), []string{`config.toml:2: baseURL "news.example" is not an absolute URL`}},
		"bad zone":               {strings.Replace(good, "Europe/Berlin", "Europe/Atlantis", 1), []string{`config.toml:3: timezone "Europe/Atlantis"`}},
		"syntax error":           {"title = \n", []string{"config.toml:1:"}},
		"duplicate contact":      {good + "[[contacts]]\nid = \"press\"\n", []string{`config.toml:9: two contacts have the id "press"`}},
		"an SVG as logoRaster":   {strings.Replace(good, "name = \"O\"", "name = \"O\"\nlogoRaster = \"logos/o.svg\"", 1), []string{`config.toml:6: organization.logoRaster "logos/o.svg" is not a PNG or JPEG`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src))
			var list *diag.Errors
			if !errors.As(err, &list) {
				t.Fatalf("error %v", err)
			}
			if len(list.Problems) != len(tc.want) {
				t.Fatalf("problems %v, want %v", list.Problems, tc.want)
			}
			for i, w := range tc.want {
				if !strings.Contains(list.Problems[i].Error(), w) {
					t.Errorf("problem %q, want %q", list.Problems[i].Error(), w)
				}
			}
		})
	}
}
