package config

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Language is a [languages.XX] table: a language the newsroom publishes
// in besides its default one, with what it says differently there. Every
// key is optional and falls back to the default language's.
type Language struct {
	Title        string               `toml:"title"`
	Description  string               `toml:"description"`
	Timezone     string               `toml:"timezone"`
	Organization LanguageOrganization `toml:"organization"`
	// Contacts give media contacts' roles in the language, by id.
	Contacts []ContactRole `toml:"contacts"`

	Location *time.Location `toml:"-"` // of Timezone, or the site's
	Line     int            `toml:"-"` // of its [languages.XX] header, for warnings
}

// LanguageOrganization is what the organisation says of itself in a language.
type LanguageOrganization struct {
	Tagline     string `toml:"tagline"`
	Boilerplate string `toml:"boilerplate"`
}

// ContactRole is a media contact's role in a language.
type ContactRole struct {
	ID   string `toml:"id"`
	Role string `toml:"role"`
}

// Codes lists the site's languages: the default first, then the others
// by code.
func (c *Config) Codes() []string {
	out := make([]string, 0, 1+len(c.Languages))
	for code := range c.Languages {
		out = append(out, code)
	}
	sort.Strings(out)
	return append([]string{c.Default()}, out...)
}

// Default is the default language's code: the one at the site's root.
func (c *Config) Default() string {
	if c.root != "" {
		return c.root
	}
	return c.Language
}

// Multilingual reports whether the site has more than one language.
func (c *Config) Multilingual() bool { return len(c.Languages) > 0 }

// For returns the configuration as the language code sees it: its title,
// description, time zone, tagline, boilerplate and contacts' roles where
// [languages.XX] gives them, the default language's elsewhere, and
// Language set to code. For the default language it returns c itself.
func (c *Config) For(code string) *Config {
	l, ok := c.Languages[code]
	if !ok || code == c.Default() {
		return c
	}
	out := *c
	out.root = c.Default()
	out.Language = code
	if l.Title != "" {
		out.Title = l.Title
	}
	if l.Description != "" {
		out.Description = l.Description
	}
	if l.Location != nil {
		out.Timezone, out.Location = l.Timezone, l.Location
	}
	if l.Organization.Tagline != "" {
		out.Organization.Tagline = l.Organization.Tagline
	}
	if l.Organization.Boilerplate != "" {
		out.Organization.Boilerplate = l.Organization.Boilerplate
	}
	out.Contacts = append([]Contact(nil), c.Contacts...)
	for _, r := range l.Contacts {
		for i := range out.Contacts {
			if out.Contacts[i].ID == r.ID && r.Role != "" {
				out.Contacts[i].Role = r.Role
			}
		}
	}
	return &out
}

// checkLanguages checks the language codes and each [languages.XX] table.
func (c *Config) checkLanguages(d *decoder) {
	add := func(key, format string, args ...any) {
		if !d.reported(key) {
			d.problems.Add(FileName, d.pos.line(key), format, args...)
		}
	}
	if why := languageCode(c.Language); why != "" {
		add("language", "language %q %s", c.Language, why)
	}
	for _, code := range sortedKeys(c.Languages) {
		at := "languages." + code
		l := c.Languages[code]
		switch {
		case d.reported(at):
			continue
		case languageCode(code) != "":
			add(at, "[languages.%s]: %q %s", code, code, languageCode(code))
			continue
		case code == c.Language:
			add(at, "[languages.%s] is the default language (language = %q): its words are the top-level ones; remove the table or choose another language", code, c.Language)
			continue
		}
		l.Location, l.Line = nil, d.pos.line(at)
		if l.Timezone != "" {
			loc, err := time.LoadLocation(l.Timezone)
			if err != nil {
				add(at+".timezone", "[languages.%s] timezone %q is not a known IANA time zone (such as \"Europe/Berlin\")", code, l.Timezone)
			}
			l.Location = loc
		}
		for i, r := range l.Contacts {
			if _, ok := c.Contact(r.ID); !ok {
				add(fmt.Sprintf("%s.contacts[%d]", at, i), "[[languages.%s.contacts]] names the contact %q, which [[contacts]] does not have: use one of its ids", code, r.ID)
			}
		}
		c.Languages[code] = l
	}
}

// languageCode says what is wrong with a language code, or "" if nothing:
// a BCP 47 tag written in lower case, such as "de" or "pt-br", that
// golang.org/x/text knows.
func languageCode(code string) string {
	tag, err := language.Parse(code)
	switch {
	case code == "" || err != nil:
		return "is not a language code: write a BCP 47 code in lower case, such as \"en\", \"de\", \"fr\" or \"pt-br\""
	case code != strings.ToLower(code) || strings.Contains(code, "_"):
		return fmt.Sprintf("must be written in lower case with a hyphen: %q", strings.ToLower(strings.ReplaceAll(code, "_", "-")))
	}
	if b, conf := tag.Base(); conf == language.No || b.String() == "und" {
		return "is not a language that golang.org/x/text knows: write a code such as \"de\""
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
