// Package scaffold writes new things for authors: a content file from its
// archetype (`pressroom new`) and a whole starter site (`pressroom init`).
// It never overwrites a file.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	defaulttheme "github.com/pressroom/pressroom/themes/default"
)

// Kinds are what `pressroom new` writes: an item of a section, or a page.
var Kinds = []string{"press", "blog", "literature", "event", "page"}

// sectionOf names the folder under content/ a kind is written into.
func sectionOf(kind string) string {
	switch kind {
	case "page":
		return "pages"
	case "event":
		return "events"
	}
	return kind
}

// archetypeData is what an archetype template sees.
type archetypeData struct {
	Title, Date, Slug, Contact string
	// Start is a day a week after Date: an event's placeholder start.
	Start string
}

// NewContent writes content/KIND/... for title, dated now in the site's time
// zone, from the site's archetype or the theme's. It returns the path
// written. With lang, one of the site's other languages, the file is in
// that language (NAME.XX.md), dated in its zone.
func NewContent(root, kind, title string, now time.Time, lang string) (string, error) {
	if !IsKind(kind) {
		return "", fmt.Errorf("new: unknown kind %q: use %s", kind, strings.Join(Kinds, ", "))
	}
	cfg, err := config.Load(filepath.Join(root, config.FileName))
	if err != nil {
		return "", err
	}
	suffix, err := languageSuffix(cfg, lang)
	if err != nil {
		return "", err
	}
	cfg = cfg.For(lang)
	slug := content.Slugify(title)
	if slug == "" {
		return "", fmt.Errorf("new: the title %q has no letters or digits to make a file name from", title)
	}
	date := now.In(cfg.Location).Format("2006-01-02")
	name := slug + suffix + ".md"
	if kind == "press" || kind == "blog" || kind == "event" {
		name = date + "-" + name // dated by its file name; literature and pages are not dated
	}
	data := archetypeData{Title: title, Date: date, Slug: slug, Contact: "press",
		Start: now.In(cfg.Location).AddDate(0, 0, 7).Format("2006-01-02")}
	if len(cfg.Contacts) > 0 {
		data.Contact = cfg.Contacts[0].ID
	}
	body, where, err := archetype(root, cfg.Theme, kind, data)
	if err != nil {
		return "", err
	}
	rel := filepath.Join(content.Dir, sectionOf(kind), name)
	// What new writes must build: an archetype that pastes the title into
	// quotes ("{{.Title}}") breaks on a title holding a quote or a backslash.
	front, err := content.Parse(sectionOf(kind), filepath.ToSlash(rel), body, cfg.Location)
	if err != nil || front.Title != strings.TrimSpace(title) {
		msg := fmt.Sprintf("its title reads %q", front.Title)
		if err != nil {
			msg = err.Error()
		}
		return "", fmt.Errorf("new: %s does not make a file that loads for this title (%s): write `title: {{yaml .Title}}` in it; nothing was written", where, msg)
	}
	return rel, writeNew(filepath.Join(root, rel), body)
}

// languageSuffix is what a file name in language lang carries before .md:
// "" for the default language, ".de" for German; a language the site does
// not have is an error.
func languageSuffix(cfg *config.Config, lang string) (string, error) {
	switch {
	case lang == "" || lang == cfg.Default():
		return "", nil
	case !cfg.Multilingual():
		return "", fmt.Errorf("new: the site has one language (%s): add [languages.%s] to config.toml to write in %s", cfg.Default(), lang, lang)
	}
	if _, ok := cfg.Languages[lang]; !ok {
		return "", fmt.Errorf("new: the site has no language %q: use one of %s, or add [languages.%s] to config.toml", lang, strings.Join(cfg.Codes(), ", "), lang)
	}
	return "." + lang, nil
}

// Translate writes the skeleton of a translation of the content file
// source (relative to root) into language lang beside it: the same name
// with the language (x.de.md, a bundle's index.de.md), so the same key and
// date, and the same front matter marked as a draft, over the original's
// text to translate. It returns the path written.
func Translate(root, source, lang string) (string, error) {
	cfg, err := config.Load(filepath.Join(root, config.FileName))
	if err != nil {
		return "", err
	}
	if lang == "" {
		return "", fmt.Errorf("new: --translate needs --lang: one of %s", strings.Join(cfg.Codes()[1:], ", "))
	}
	suffix, err := languageSuffix(cfg, lang)
	if err != nil {
		return "", err
	}
	if suffix == "" {
		return "", fmt.Errorf("new: %s is the default language: translate into another (%s)", lang, strings.Join(cfg.Codes()[1:], ", "))
	}
	rel := filepath.ToSlash(filepath.Clean(source))
	if abs, err := filepath.Abs(source); err == nil {
		if r, err := filepath.Rel(mustAbs(root), abs); err == nil && !strings.HasPrefix(r, "..") {
			rel = filepath.ToSlash(r)
		}
	}
	if !strings.HasPrefix(rel, content.Dir+"/") || !strings.HasSuffix(rel, ".md") {
		return "", fmt.Errorf("new: %s is not a content file: name a Markdown file under content/, such as content/press/2026-11-03-new-plant.md", source)
	}
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return "", fmt.Errorf("new: %w", err)
	}
	dir, file := filepath.Split(rel)
	stem := strings.TrimSuffix(file, ".md")
	for _, code := range cfg.Codes()[1:] {
		if strings.HasSuffix(stem, "."+code) {
			return "", fmt.Errorf("new: %s is a translation (%s) itself: translate the original", rel, code)
		}
	}
	target := dir + stem + suffix + ".md"
	body, err := skeleton(src, lang)
	if err != nil {
		return "", fmt.Errorf("new: %s: %w", rel, err)
	}
	return target, writeNew(filepath.Join(root, filepath.FromSlash(target)), body)
}

// skeleton is a translation's first draft of an original's bytes: its
// front matter with draft set, then its text, to be translated.
func skeleton(src []byte, lang string) ([]byte, error) {
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	var delim, draft string
	switch {
	case strings.HasPrefix(text, "---\n"):
		delim, draft = "---", "draft: true"
	case strings.HasPrefix(text, "+++\n"):
		delim, draft = "+++", "draft = true"
	default:
		return nil, errors.New("no front matter to copy: the file must begin with --- or +++")
	}
	end := strings.Index(text[4:], "\n"+delim+"\n")
	if end < 0 {
		return nil, errors.New("its front matter is not closed")
	}
	front, rest := text[4:4+end+1], text[4+end+len(delim)+2:]
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(front, "\n"), "\n") {
		if k := strings.TrimSpace(strings.SplitN(strings.SplitN(l, ":", 2)[0], "=", 2)[0]); k == "draft" {
			continue
		}
		lines = append(lines, l)
	}
	lines = append(lines, draft)
	note := fmt.Sprintf("<!-- The translation into %s: translate the title, summary and text below, then remove the draft line. -->\n", lang)
	return []byte(delim + "\n" + strings.Join(lines, "\n") + "\n" + delim + "\n" + note + rest), nil
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// IsKind reports whether `pressroom new` writes kind.
func IsKind(kind string) bool {
	for _, k := range Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// archetype renders the first of archetypes/KIND.md in the site, in the
// site's theme, and in the embedded theme.
func archetype(root, theme, kind string, data archetypeData) (body []byte, where string, err error) {
	name := "archetypes/" + kind + ".md"
	var src []byte
	for _, p := range []string{filepath.Join(root, name), filepath.Join(root, "themes", theme, name)} {
		if b, err := os.ReadFile(p); err == nil {
			src, where = b, p
			break
		}
	}
	if src == nil {
		b, err := fs.ReadFile(defaulttheme.FS, name)
		if err != nil {
			return nil, where, fmt.Errorf("new: no archetype for %s: %w", kind, err)
		}
		src, where = b, "(embedded) "+name
	}
	t, err := template.New(kind).Funcs(template.FuncMap{"yaml": yamlString}).Parse(string(src))
	if err != nil {
		return nil, where, fmt.Errorf("new: %s: %w", where, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, where, fmt.Errorf("new: %s: %w", where, err)
	}
	return buf.Bytes(), where, nil
}

// yamlString writes s as a YAML string in double quotes, escaped as YAML
// needs: archetypes write {{yaml .Title}}.
func yamlString(s string) string {
	out, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: s})
	if err != nil {
		return strconv.Quote(s) // not reached: a string always encodes
	}
	return strings.TrimSuffix(string(out), "\n")
}

// writeNew creates p with data, refusing to replace an existing file.
func writeNew(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("new: %w", err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: nothing was written; choose another title or edit that file", p)
	}
	if err != nil {
		return fmt.Errorf("new: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("new: writing %s: %w", p, err)
	}
	return f.Close()
}
