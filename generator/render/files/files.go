// Package files publishes files as they are: the theme's static files, the
// published asset library and the published files of bundles. It never sees
// a held file, because the resolved site does not contain one.
package files

import (
	"path/filepath"

	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

// Output copies static, library and bundle files.
var Output = render.Output{Name: "files", Plan: plan}

func plan(env *render.Env) []render.Task {
	var tasks []render.Task
	for _, name := range env.Theme.StaticFiles() {
		tasks = append(tasks, func() error {
			data, err := env.Theme.Static(name)
			if err != nil {
				return err
			}
			return env.Out.WriteFile(name, data)
		})
	}
	copyAsset := func(a *site.Asset) render.Task {
		return func() error {
			return env.Out.CopyFile(a.Path, filepath.Join(env.Source, filepath.FromSlash(a.Source)))
		}
	}
	for _, a := range env.Site.Assets {
		tasks = append(tasks, copyAsset(a))
	}
	for _, m := range env.Site.Microsites {
		th := env.MicrositeThemes[m.Name]
		if th == nil {
			continue
		}
		for _, name := range th.OwnStaticFiles() {
			tasks = append(tasks, func() error {
				data, err := th.Static(name)
				if err != nil {
					return err
				}
				return env.Out.WriteFile(m.Path+name, data)
			})
		}
	}
	for _, e := range env.Site.All() {
		for _, f := range e.Files {
			tasks = append(tasks, copyAsset(f))
		}
	}
	return tasks
}
