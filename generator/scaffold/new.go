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
// zone, from the site's archetype or the theme's. It returns the path written.
func NewContent(root, kind, title string, now time.Time) (string, error) {
	if !IsKind(kind) {
		return "", fmt.Errorf("new: unknown kind %q: use %s", kind, strings.Join(Kinds, ", "))
	}
	cfg, err := config.Load(filepath.Join(root, config.FileName))
	if err != nil {
		return "", err
	}
	slug := content.Slugify(title)
	if slug == "" {
		return "", fmt.Errorf("new: the title %q has no letters or digits to make a file name from", title)
	}
	date := now.In(cfg.Location).Format("2006-01-02")
	name := slug + ".md"
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
