package scaffold

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/pressroom/pressroom/generator/config"
)

// starter is the site `pressroom init` writes; *.tmpl files are templates.
//
//go:embed all:starter
var starter embed.FS

// InitSite writes a new site into dir: config.toml, one release dated now,
// one asset with its sidecar and a guide for authors. It refuses a folder
// that already holds a site, or any file it would write, and then writes
// nothing.
func InitSite(dir string, now time.Time) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "config.toml")); err == nil {
		return nil, fmt.Errorf("%s already holds a site (config.toml): nothing was written", dir)
	}
	// The release is dated today where the newsroom is: in the starter
	// config's timezone, as `new` and every build read dates.
	if src, err := starter.ReadFile("starter/config.toml"); err == nil {
		if cfg, err := config.Parse(src); err == nil && cfg.Location != nil {
			now = now.In(cfg.Location)
		}
	}
	data := struct{ Date, Year string }{now.Format("2006-01-02"), now.Format("2006")}
	type file struct {
		rel  string
		body []byte
	}
	var files []file
	var there []string
	err := fs.WalkDir(starter, "starter", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := starter.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "starter/")
		if name, ok := strings.CutSuffix(rel, ".tmpl"); ok {
			if body, err = render(p, body, data); err != nil {
				return err
			}
			rel = strings.ReplaceAll(name, "DATE", data.Date)
		}
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel))); err == nil {
			there = append(there, rel)
		}
		files = append(files, file{rel, body})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(there) > 0 {
		return nil, fmt.Errorf("%s already holds %s, which init would write: nothing was written; init a new or empty folder", dir, strings.Join(there, ", "))
	}
	var written []string
	for _, f := range files {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(f.rel)), f.body); err != nil {
			return written, err
		}
		written = append(written, f.rel)
	}
	return written, nil
}

func render(name string, src []byte, data any) ([]byte, error) {
	t, err := template.New(name).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("init: %s: %w", name, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("init: %s: %w", name, err)
	}
	return buf.Bytes(), nil
}
