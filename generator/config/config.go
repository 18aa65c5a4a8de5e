// Package config reads a site's config.toml into a Config. It rejects unknown
// keys and missing required ones with the line they are on, so a typo in the
// configuration never silently changes what a build publishes.
package config

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"reflect"
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
	Description  string       `toml:"description"`
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
	Check        Check        `toml:"check"`
	Mail         Mail         `toml:"mail"`
	Alerts       Alerts       `toml:"alerts"`
	// Languages are the languages besides Language, by code: each a
	// [languages.XX] table (see languages.go).
	Languages map[string]Language `toml:"languages"`

	// Derived from the fields above by Load.
	Base     *url.URL       `toml:"-"`
	Location *time.Location `toml:"-"`
	Version  uint64         `toml:"-"` // fingerprint of the file's bytes

	root string // the default language, in a copy For made for another
}

// Organization is who the newsroom speaks for.
type Organization struct {
	Name        string `toml:"name"`
	Tagline     string `toml:"tagline"`
	Website     string `toml:"website"`
	Boilerplate string `toml:"boilerplate"`
	Logo        string `toml:"logo"` // under content/assets/
	// LogoRaster is a PNG or JPEG of the logo, under content/assets/, for
	// where an SVG is not shown (social cards, structured data).
	LogoRaster string `toml:"logoRaster"`

	LogoLine       int `toml:"-"` // of the logo key, for warnings
	LogoRasterLine int `toml:"-"` // of the logoRaster key
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

// Check configures `pressroom check`, the editorial pre-flight.
type Check struct {
	// Ignore are the ids of rules the site silences ("short-photo");
	// package check knows the ids, and reports an unknown one at its line.
	Ignore []string `toml:"ignore"`

	// IgnoreLines are the config.toml lines of the Ignore ids, for errors.
	IgnoreLines []int `toml:"-"`
}

// Mail configures how `send` and `publish` mail releases to media lists
// (package mail). The SMTP server and its credentials are never here: they
// come from PRESSROOM_SMTP_URL.
type Mail struct {
	// From is the sender, "Name <address>" or an address; default the
	// organisation's name and the first contact's e-mail address.
	From string `toml:"from"`
	// Rate is the most messages sent a minute; default DefaultMailRate.
	Rate int `toml:"rate"`
	// Unsubscribe is the address List-Unsubscribe's mailto: writes to;
	// default the sender's.
	Unsubscribe string `toml:"unsubscribe"`
	// UnsubscribeURL is an https:// address for one-click unsubscribing
	// (RFC 8058), in which {email} and {list} stand for the recipient's
	// address and the list's name; none by default.
	UnsubscribeURL string `toml:"unsubscribeURL"`
	// Journal is the folder of the send journal: under media/ (relative to
	// the site), or an absolute path outside it; default "media/.sent".
	Journal string `toml:"journal"`

	FromLine int `toml:"-"` // of the from key, for errors
}

// DefaultMailRate is how many messages a minute `send` sends when [mail]
// sets no rate.
const DefaultMailRate = 60

// DefaultJournal is where the send journal lives when [mail] names none.
const DefaultJournal = "media/.sent"

// Alerts makes `publish` mail each release to a media list once it is live.
type Alerts struct {
	List string `toml:"list"` // a media list: media/LIST.csv or .toml
	When string `toml:"when"` // "lift": right after the deploy that makes a release public

	Line int `toml:"-"` // of the [alerts] header, for errors
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
		return Target{}, fmt.Errorf("%s: no [[deploy]] target: add one such as\n\n%s", FileName, missing["deploy"])
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
			return nil, &diag.Errors{Problems: []diag.Problem{{File: FileName, Line: scanPositions(src).line("theme"),
				Msg: fmt.Sprintf("theme %q not found: create themes/%s/ or set theme = \"default\"", cfg.Theme, cfg.Theme)}}}
		}
	}
	return cfg, nil
}

// Parse decodes config.toml source and checks it.
func Parse(src []byte) (*Config, error) {
	var problems diag.List
	cfg := &Config{Language: "en", Timezone: "UTC", Theme: "default", Feeds: Feeds{Limit: 50}}
	raw := map[string]any{}
	_, err := tomlguard.Decode(string(src), &raw) // toml's, refusing nesting it would take seconds over
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
	d := newDecoder(src, &problems)
	d.table(raw, reflect.ValueOf(cfg).Elem(), "", "", "")
	cfg.check(d)
	cfg.Version = fingerprint.Of(src)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// check checks what the decoder set, saying nothing more about a key it
// reported already.
func (c *Config) check(d *decoder) {
	add := func(key, format string, args ...any) {
		d.problems.Add(FileName, d.pos.line(key), format, args...)
	}
	required := func(value, key string) {
		table, _, _ := strings.Cut(key, ".")
		if strings.TrimSpace(value) == "" && !d.reported(key) && !d.bad[table] {
			d.problems.Add(FileName, 0, "missing %s: add a line such as %s", key, missing[key])
		}
	}
	required(c.Title, "title")
	required(c.BaseURL, "baseURL")
	required(c.Organization.Name, "organization.name")
	if why := sitefs.CheckFolderName(c.Theme); why != "" {
		add("theme", "theme %q %s: name a folder under themes/, or set theme = \"default\"", c.Theme, why)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || !u.IsAbs() || u.Host == "" {
			add("baseURL", "baseURL %q is not an absolute URL such as %s", c.BaseURL, examples["baseURL"])
		} else {
			if !strings.HasSuffix(u.Path, "/") {
				u.Path += "/"
			}
			c.Base = u
		}
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		add("timezone", "timezone %q is not a known IANA time zone (such as \"Europe/Berlin\")", c.Timezone)
	}
	c.Location = loc
	if c.Feeds.Limit < 1 {
		add("feeds.limit", "feeds.limit must be at least 1")
	}
	seen := map[string]bool{}
	for i, ct := range c.Contacts {
		at := fmt.Sprintf("contacts[%d]", i)
		switch {
		case d.reported(at):
		case ct.ID == "":
			add(at, "contact %d (%s) has no id: add id = \"press\" or similar", i+1, ct.Name)
		case seen[ct.ID]:
			add(at, "two contacts have the id %q: ids must be unique", ct.ID)
		case !validName.MatchString(ct.ID):
			add(at, "contact id %q may only use a-z, 0-9 and -", ct.ID)
		}
		seen[ct.ID] = true
	}
	kits := map[string]bool{}
	for i, kit := range c.PressKits {
		at := fmt.Sprintf("presskits[%d]", i)
		switch {
		case d.reported(at):
		case !validName.MatchString(kit.Name):
			add(at, "presskit %d: name %q may only use a-z, 0-9 and -", i+1, kit.Name)
		case kits[kit.Name]:
			add(at, "two presskits are named %q", kit.Name)
		}
		c.PressKits[i].IncludeLines = includeLines(d.src, d.pos.line(at), kit.Include)
		for _, pattern := range kit.Include {
			if _, err := path.Match(strings.ReplaceAll(pattern, "**", "*"), ""); err != nil || pattern == "" || strings.HasPrefix(pattern, "/") || strings.Contains(pattern, "..") {
				add(at, "presskit %q: include pattern %q is not a path pattern under content/assets/ such as \"logos/**\"", kit.Name, pattern)
			}
		}
		kits[kit.Name] = true
	}
	c.checkDeploy(d)
	c.checkMail(d)
	c.Organization.LogoLine = d.pos.line("organization.logo")
	c.Organization.LogoRasterLine = d.pos.line("organization.logoRaster")
	if r := c.Organization.LogoRaster; r != "" && !d.reported("organization.logoRaster") {
		switch strings.ToLower(path.Ext(r)) {
		case ".png", ".jpg", ".jpeg":
		default:
			add("organization.logoRaster", "organization.logoRaster %q is not a PNG or JPEG: name a raster copy of the logo under content/assets/, such as %s", r, examples["organization.logoRaster"])
		}
	}
	c.Check.IgnoreLines = valueLines(d.src, d.pos.line("check"), "ignore", c.Check.Ignore)
	c.checkLanguages(d)
}

func (c *Config) checkMail(d *decoder) {
	add := func(key, format string, args ...any) {
		if !d.reported(key) {
			d.problems.Add(FileName, d.pos.line(key), format, args...)
		}
	}
	m := &c.Mail
	m.FromLine = d.pos.line("mail.from")
	if m.From != "" {
		if _, err := mail.ParseAddress(m.From); err != nil {
			add("mail.from", "mail.from %q is not an e-mail address such as %s", m.From, examples["mail.from"])
		}
	}
	if m.Unsubscribe != "" {
		if a, err := mail.ParseAddress(m.Unsubscribe); err != nil || a.Name != "" {
			add("mail.unsubscribe", "mail.unsubscribe %q is not a bare e-mail address such as %s", m.Unsubscribe, examples["mail.unsubscribe"])
		}
	}
	if m.UnsubscribeURL != "" {
		if u, err := url.Parse(m.UnsubscribeURL); err != nil || u.Scheme != "https" || u.Host == "" {
			add("mail.unsubscribeURL", "mail.unsubscribeURL %q is not an https:// address such as %s (one-click unsubscribing needs HTTPS)", m.UnsubscribeURL, examples["mail.unsubscribeURL"])
		}
	}
	if m.Rate < 0 {
		add("mail.rate", "mail.rate = %d: give the most messages to send a minute (default %d)", m.Rate, DefaultMailRate)
	} else if m.Rate == 0 {
		m.Rate = DefaultMailRate
	}
	if m.Journal == "" {
		m.Journal = DefaultJournal
	} else if j := path.Clean(filepath.ToSlash(m.Journal)); !filepath.IsAbs(m.Journal) && !strings.HasPrefix(j, "media/") {
		add("mail.journal", "mail.journal %q must be a folder under media/, which is never published, such as %s, or an absolute path outside the site", m.Journal, examples["mail.journal"])
	}
	a := &c.Alerts
	a.Line = d.pos.line("alerts")
	if a.List == "" && a.When == "" {
		return
	}
	if a.List == "" {
		add("alerts", "[alerts] has no list: add %s (media/press.csv)", exampleLine("alerts.list"))
	} else if !validName.MatchString(a.List) {
		add("alerts.list", "alerts.list %q may only use a-z, 0-9 and -: name a file media/NAME.csv", a.List)
	}
	if a.When != "lift" {
		add("alerts.when", "alerts.when %q: the one moment alerts know is %s (right after the deploy that makes a release public)", a.When, examples["alerts.when"])
	}
}

// deploySchemes are the blob URL schemes the deploy package opens.
var deploySchemes = map[string]bool{"s3": true, "gs": true, "azblob": true, "file": true}

func (c *Config) checkDeploy(d *decoder) {
	add := func(key, format string, args ...any) {
		d.problems.Add(FileName, d.pos.line(key), format, args...)
	}
	targets := map[string]bool{}
	for i := range c.Deploy {
		t := &c.Deploy[i]
		at := fmt.Sprintf("deploy[%d]", i)
		t.Line = d.pos.line(at)
		if d.reported(at) {
			continue
		}
		switch {
		case t.Name == "":
			add(at, "deploy target %d has no name: add name = \"production\" or similar", i+1)
		case !validName.MatchString(t.Name):
			add(at, "deploy target name %q may only use a-z, 0-9 and -", t.Name)
		case targets[t.Name]:
			add(at, "two deploy targets are named %q", t.Name)
		}
		targets[t.Name] = true
		if u, err := url.Parse(t.URL); err != nil || !deploySchemes[u.Scheme] || (u.Scheme != "file" && u.Host == "") || (u.Scheme == "file" && u.Path == "") {
			add(at, "deploy target %q: url %q is not a blob URL such as \"s3://BUCKET?region=eu-central-1\", \"gs://BUCKET\", \"azblob://CONTAINER\" or \"file:///srv/newsroom\"", t.Name, Redact(t.URL))
		}
		if t.MaxDeletes != nil && *t.MaxDeletes < -1 {
			add(at, "deploy target %q: maxDeletes = %d: give the most files one deploy may delete (default %d), or -1 for no limit", t.Name, *t.MaxDeletes, DefaultMaxDeletes)
		}
		for j := range t.Matchers {
			mt := &t.Matchers[j]
			mat := fmt.Sprintf("%s.matchers[%d]", at, j)
			mt.Line = d.pos.line(mat)
			re, err := regexp.Compile(mt.Pattern)
			if err != nil || mt.Pattern == "" {
				add(mat, "deploy target %q: matcher pattern %q is not a Go regular expression such as \"\\\\.zip$\"", t.Name, mt.Pattern)
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

// missing says what to write for each required key.
var missing = map[string]string{
	"title":             exampleLine("title"),
	"baseURL":           exampleLine("baseURL"),
	"organization.name": exampleLine("organization.name") + " under [organization]",
	"deploy":            "[[deploy]]\n" + exampleLine("deploy.name") + "\n" + exampleLine("deploy.url"),
}
