// Package config reads a site's config.toml into a Config. It rejects unknown
// keys and missing required ones with the line they are on, so a typo in the
// configuration never silently changes what a build publishes.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // zones must work on machines without a system database

	"github.com/BurntSushi/toml"

	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/sitefs"
	"github.com/pressroom/pressroom/generator/tomlguard"
)

// FileName is the configuration file at the root of every site.
const FileName = "config.toml"

// Config is a site's configuration as written in config.toml.
type Config struct {
	Title        string       `toml:"title"`
	BaseURL      string       `toml:"baseURL"`
	Language     string       `toml:"language"`
	Timezone     string       `toml:"timezone"`
	Theme        string       `toml:"theme"`
	Organization Organization `toml:"organization"`
	Contacts     []Contact    `toml:"contacts"`
	Feeds        Feeds        `toml:"feeds"`
	Markup       Markup       `toml:"markup"`
	PressKits    []PressKit   `toml:"presskits"`
	Deploy       []Target     `toml:"deploy"`

	// Derived from the fields above by Load.
	Base     *url.URL       `toml:"-"`
	Location *time.Location `toml:"-"`
	Version  uint64         `toml:"-"` // fingerprint of the file's bytes
}

// Organization is who the newsroom speaks for.
type Organization struct {
	Name        string `toml:"name"`
	Tagline     string `toml:"tagline"`
	Website     string `toml:"website"`
	Boilerplate string `toml:"boilerplate"`
	Logo        string `toml:"logo"` // under content/assets/
}

// Contact is a media contact that releases and literature refer to by ID.
type Contact struct {
	ID    string `toml:"id"`
	Name  string `toml:"name"`
	Role  string `toml:"role"`
	Email string `toml:"email"`
	Phone string `toml:"phone"`
}

// Feeds configures every feed the site writes.
type Feeds struct {
	Limit int `toml:"limit"`
}

// Markup configures Markdown rendering.
type Markup struct {
	Unsafe bool `toml:"unsafe"` // pass raw HTML through instead of escaping it
}

// PressKit is an extra downloadable kit besides the organisation's and each release's.
type PressKit struct {
	Name        string   `toml:"name"`
	Title       string   `toml:"title"`
	Description string   `toml:"description"`
	Include     []string `toml:"include"` // glob patterns under content/assets/

	// IncludeLines are the config.toml lines of the Include patterns, for errors.
	IncludeLines []int `toml:"-"`
}

// Target is a place `deploy` and `publish` put the site: a [[deploy]] table.
type Target struct {
	Name string `toml:"name"`
	// URL is a gocloud.dev blob URL: s3://, gs://, azblob:// or file:///.
	URL string `toml:"url"`
	// MaxDeletes caps the files one deploy may delete (see DeleteLimit).
	MaxDeletes *int      `toml:"maxDeletes"`
	Matchers   []Matcher `toml:"matchers"`

	Line int `toml:"-"` // of its [[deploy]] header, for errors
}

// DefaultMaxDeletes is a target's maxDeletes when config.toml sets none.
const DefaultMaxDeletes = 256

// DeleteLimit is how many files one deploy to t may delete: maxDeletes,
// DefaultMaxDeletes when unset, or -1 for no limit (maxDeletes = -1).
func (t Target) DeleteLimit() int {
	if t.MaxDeletes == nil {
		return DefaultMaxDeletes
	}
	return *t.MaxDeletes
}

// Matcher overrides the headers of the files whose path (as in the URL,
// without the leading slash: "press/x/press-kit.zip") its pattern matches:
// a [[deploy.matchers]] table. The first matching matcher wins.
type Matcher struct {
	Pattern      string `toml:"pattern"` // a Go regular expression, as hugo deploy's
	CacheControl string `toml:"cacheControl"`
	Gzip         bool   `toml:"gzip"`

	Re   *regexp.Regexp `toml:"-"`
	Line int            `toml:"-"`
}

// Target returns the deploy target named name; with name "" the only one.
func (c *Config) Target(name string) (Target, error) {
	names := make([]string, len(c.Deploy))
	for i, t := range c.Deploy {
		if t.Name == name || (name == "" && len(c.Deploy) == 1) {
			return t, nil
		}
		names[i] = fmt.Sprintf("%q", t.Name)
	}
	switch {
	case len(c.Deploy) == 0:
		return Target{}, fmt.Errorf("%s: no [[deploy]] target: add one such as\n\n%s", FileName, example["deploy"])
	case name == "":
		return Target{}, fmt.Errorf("%s: %d deploy targets (%s): choose one with --target NAME", FileName, len(c.Deploy), strings.Join(names, ", "))
	}
	return Target{}, fmt.Errorf("%s: no deploy target named %q: the targets are %s", FileName, name, strings.Join(names, ", "))
}

// Contact returns the contact with the given id.
func (c *Config) Contact(id string) (*Contact, bool) {
	for i := range c.Contacts {
		if c.Contacts[i].ID == id {
			return &c.Contacts[i], true
		}
	}
	return nil, false
}

// Load reads and checks path. Every problem is reported, each with its line.
func Load(path string) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &diag.Errors{Problems: []diag.Problem{{File: FileName,
				Msg: "not found: a site needs a config.toml at its root (run `pressroom init DIR` to start one)"}}}
		}
		return nil, fmt.Errorf("config: %w", err)
	}
	cfg, err := Parse(src)
	if err != nil {
		return nil, err
	}
	// A theme of the site's own must be there; the name itself Parse checked.
	if cfg.Theme != "default" {
		if info, err := os.Stat(filepath.Join(filepath.Dir(path), "themes", cfg.Theme)); err != nil || !info.IsDir() {
			return nil, &diag.Errors{Problems: []diag.Problem{{File: FileName, Line: keyLine(src, toml.Key{"theme"}),
				Msg: fmt.Sprintf("theme %q not found: create themes/%s/ or set theme = \"default\"", cfg.Theme, cfg.Theme)}}}
		}
	}
	return cfg, nil
}

// Parse decodes config.toml source and checks it.
func Parse(src []byte) (*Config, error) {
	var problems diag.List
	cfg := &Config{Language: "en", Timezone: "UTC", Theme: "default", Feeds: Feeds{Limit: 50}}
	md, err := tomlguard.Decode(string(src), cfg) // toml's, refusing nesting it would take seconds over
	if err != nil {
		var perr toml.ParseError
		line := 0
		if errors.As(err, &perr) {
			line = perr.Position.Line
			err = errors.New(perr.Message)
		}
		problems.Add(FileName, line, "%v", err)
		return nil, problems.Err()
	}
	for _, key := range md.Undecoded() {
		problems.Add(FileName, keyLine(src, key), "unknown key %q: check its spelling against the configuration reference in README.md", key.String())
	}
	cfg.check(src, &problems)
	cfg.Version = fingerprint.Of(src)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

func (c *Config) check(src []byte, problems *diag.List) {
	required := func(value, key string) {
		if strings.TrimSpace(value) == "" {
			problems.Add(FileName, 0, "missing %s: add a line such as %s", key, example[key])
		}
	}
	required(c.Title, "title")
	required(c.BaseURL, "baseURL")
	required(c.Organization.Name, "organization.name")
	if why := sitefs.CheckFolderName(c.Theme); why != "" {
		problems.Add(FileName, keyLine(src, toml.Key{"theme"}), "theme %q %s: name a folder under themes/, or set theme = \"default\"", c.Theme, why)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || !u.IsAbs() || u.Host == "" {
			problems.Add(FileName, keyLine(src, toml.Key{"baseURL"}), "baseURL %q is not an absolute URL such as %s", c.BaseURL, example["baseURL"])
		} else {
			if !strings.HasSuffix(u.Path, "/") {
				u.Path += "/"
			}
			c.Base = u
		}
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		problems.Add(FileName, keyLine(src, toml.Key{"timezone"}), "timezone %q is not a known IANA time zone (such as \"Europe/Berlin\")", c.Timezone)
	}
	c.Location = loc
	if c.Feeds.Limit < 1 {
		problems.Add(FileName, keyLine(src, toml.Key{"feeds", "limit"}), "feeds.limit must be at least 1")
	}
	seen := map[string]bool{}
	for i, ct := range c.Contacts {
		switch {
		case ct.ID == "":
			problems.Add(FileName, arrayLine(src, "contacts", i), "contact %d (%s) has no id: add id = \"press\" or similar", i+1, ct.Name)
		case seen[ct.ID]:
			problems.Add(FileName, arrayLine(src, "contacts", i), "two contacts have the id %q: ids must be unique", ct.ID)
		case !validName.MatchString(ct.ID):
			problems.Add(FileName, arrayLine(src, "contacts", i), "contact id %q may only use a-z, 0-9 and -", ct.ID)
		}
		seen[ct.ID] = true
	}
	kits := map[string]bool{}
	for i, kit := range c.PressKits {
		switch {
		case !validName.MatchString(kit.Name):
			problems.Add(FileName, arrayLine(src, "presskits", i), "presskit %d: name %q may only use a-z, 0-9 and -", i+1, kit.Name)
		case kits[kit.Name]:
			problems.Add(FileName, arrayLine(src, "presskits", i), "two presskits are named %q", kit.Name)
		}
		c.PressKits[i].IncludeLines = includeLines(src, arrayLine(src, "presskits", i), kit.Include)
		for _, pattern := range kit.Include {
			if _, err := path.Match(strings.ReplaceAll(pattern, "**", "*"), ""); err != nil || pattern == "" || strings.HasPrefix(pattern, "/") || strings.Contains(pattern, "..") {
				problems.Add(FileName, arrayLine(src, "presskits", i), "presskit %q: include pattern %q is not a path pattern under content/assets/ such as \"logos/**\"", kit.Name, pattern)
			}
		}
		kits[kit.Name] = true
	}
	c.checkDeploy(src, problems)
}

// deploySchemes are the blob URL schemes the deploy package opens.
var deploySchemes = map[string]bool{"s3": true, "gs": true, "azblob": true, "file": true}

func (c *Config) checkDeploy(src []byte, problems *diag.List) {
	targets := map[string]bool{}
	m := 0 // matchers are counted over all targets: their headers are one list
	for i := range c.Deploy {
		t := &c.Deploy[i]
		t.Line = arrayLine(src, "deploy", i)
		switch {
		case t.Name == "":
			problems.Add(FileName, t.Line, "deploy target %d has no name: add name = \"production\" or similar", i+1)
		case !validName.MatchString(t.Name):
			problems.Add(FileName, t.Line, "deploy target name %q may only use a-z, 0-9 and -", t.Name)
		case targets[t.Name]:
			problems.Add(FileName, t.Line, "two deploy targets are named %q", t.Name)
		}
		targets[t.Name] = true
		if u, err := url.Parse(t.URL); err != nil || !deploySchemes[u.Scheme] || (u.Scheme != "file" && u.Host == "") || (u.Scheme == "file" && u.Path == "") {
			problems.Add(FileName, t.Line, "deploy target %q: url %q is not a blob URL such as \"s3://BUCKET?region=eu-central-1\", \"gs://BUCKET\", \"azblob://CONTAINER\" or \"file:///srv/newsroom\"", t.Name, Redact(t.URL))
		}
		if t.MaxDeletes != nil && *t.MaxDeletes < -1 {
			problems.Add(FileName, t.Line, "deploy target %q: maxDeletes = %d: give the most files one deploy may delete (default %d), or -1 for no limit", t.Name, *t.MaxDeletes, DefaultMaxDeletes)
		}
		for j := range t.Matchers {
			mt := &t.Matchers[j]
			mt.Line = arrayLine(src, "deploy.matchers", m)
			m++
			re, err := regexp.Compile(mt.Pattern)
			if err != nil || mt.Pattern == "" {
				problems.Add(FileName, mt.Line, "deploy target %q: matcher pattern %q is not a Go regular expression such as \"\\\\.zip$\"", t.Name, mt.Pattern)
				continue
			}
			mt.Re = re
		}
	}
}

// Redact returns a URL fit to print: without user and password, and with
// the value of any query parameter that could carry a secret replaced.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an unreadable URL)"
	}
	u.User = nil
	q := u.Query()
	for k := range q {
		switch l := strings.ToLower(k); {
		case strings.Contains(l, "key") && !strings.Contains(l, "kmskeyid"), strings.Contains(l, "secret"), strings.Contains(l, "token"),
			strings.Contains(l, "sig"), strings.Contains(l, "pass"), strings.Contains(l, "credential"):
			q.Set(k, "REDACTED")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

var validName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

var example = map[string]string{
	"title":             `title = "Northwind Newsroom"`,
	"baseURL":           `baseURL = "https://news.example.com/"`,
	"organization.name": `name = "Northwind Energy" under [organization]`,
	"deploy":            "[[deploy]]\nname = \"production\"\nurl  = \"s3://BUCKET?region=eu-central-1\"",
}

// keyLine finds the line a key is written on: the first assignment to its
// last part after the header of its table. BurntSushi/toml keeps no
// positions for decoded keys, and a close guess beats no line at all.
func keyLine(src []byte, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	name := key[len(key)-1]
	table := strings.Join(key[:len(key)-1], ".")
	inTable := table == ""
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			header := strings.Trim(t, "[] ")
			inTable = header == table
			if header == strings.Join(key, ".") {
				return i + 1 // an unknown table is reported at its header
			}
			continue
		}
		if inTable {
			k, _, ok := strings.Cut(t, "=")
			if ok && strings.Trim(strings.TrimSpace(k), `"`) == name {
				return i + 1
			}
		}
	}
	return 0
}

// arrayLine finds the header line of the i-th [[name]] table.
func arrayLine(src []byte, name string, i int) int {
	n := 0
	for l, line := range strings.Split(string(src), "\n") {
		if strings.TrimSpace(line) == "[["+name+"]]" {
			if n == i {
				return l + 1
			}
			n++
		}
	}
	return 0
}
