package config

import (
	"strings"
	"testing"
)

const bilingual = `title = "Northwind Newsroom"
baseURL = "https://news.example/"
language = "en"
timezone = "Europe/London"
[organization]
name = "Northwind"
tagline = "Power, stored."
boilerplate = "Northwind builds batteries."
[[contacts]]
id = "press"
name = "Mira Sand"
role = "Head of Communications"
[[contacts]]
id = "ir"
role = "Investor Relations"
[languages.de]
title = "Northwind Pressebereich"
timezone = "Europe/Berlin"
[languages.de.organization]
boilerplate = "Northwind baut Batterien."
[[languages.de.contacts]]
id = "press"
role = "Leiterin Kommunikation"
[languages.fr]
`

func TestForAppliesALanguage(t *testing.T) {
	cfg, err := Parse([]byte(bilingual))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cfg.Codes(), " "); got != "en de fr" {
		t.Errorf("Codes = %q, want the default first, then by code", got)
	}
	de := cfg.For("de")
	for _, c := range []struct{ what, got, want string }{
		{"title", de.Title, "Northwind Pressebereich"},
		{"language", de.Language, "de"},
		{"default", de.Default(), "en"},
		{"zone", de.Location.String(), "Europe/Berlin"},
		{"tagline", de.Organization.Tagline, "Power, stored."},
		{"boilerplate", de.Organization.Boilerplate, "Northwind baut Batterien."},
		{"press role", de.Contacts[0].Role, "Leiterin Kommunikation"},
		{"ir role", de.Contacts[1].Role, "Investor Relations"},
		{"the default's press role", cfg.Contacts[0].Role, "Head of Communications"},
		{"fr title", cfg.For("fr").Title, "Northwind Newsroom"},
		{"fr zone", cfg.For("fr").Location.String(), "Europe/London"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if cfg.For("en") != cfg || cfg.For("it") != cfg {
		t.Error("For of the default or an unknown language must be the configuration itself")
	}
}

func TestLanguageErrors(t *testing.T) {
	base := "title = \"T\"\nbaseURL = \"https://x.example/\"\n[organization]\nname = \"O\"\n[[contacts]]\nid = \"press\"\n"
	for name, c := range map[string]struct{ src, want string }{
		"not a code":      {base + "[languages.german]\n", `config.toml:7: [languages.german]: "german" is not a language`},
		"upper case":      {base + "[languages.pt-BR]\n", `config.toml:7: [languages.pt-BR]: "pt-BR" must be written in lower case with a hyphen: "pt-br"`},
		"the default":     {base + "[languages.en]\n", `config.toml:7: [languages.en] is the default language`},
		"a bad zone":      {base + "[languages.de]\ntimezone = \"Berlin\"\n", `config.toml:8: [languages.de] timezone "Berlin" is not a known IANA time zone`},
		"unknown contact": {base + "[languages.de]\n[[languages.de.contacts]]\nid = \"pres\"\nrole = \"x\"\n", `config.toml:8: [[languages.de.contacts]] names the contact "pres"`},
		"not a table":     {"languages = \"de\"\n" + base, `config.toml:1: languages must be tables by name`},
		"bad default":     {"language = \"EN\"\n" + base, `config.toml:1: language "EN" must be written in lower case`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(c.src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Parse: %v\nwant an error holding %q", err, c.want)
			}
		})
	}
}
