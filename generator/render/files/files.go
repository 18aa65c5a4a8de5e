// Package files publishes files as they are: the published asset library
// and the published files of bundles (the static files of themes and the
// site are package static's). It never sees a held file, because the
// resolved site does not contain one.
package files

import (
	"fmt"
	"path/filepath"

	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

// Output copies library and bundle files.
var Output = render.Output{Name: "files", Once: true, Plan: plan}

func plan(env *render.Env) []render.Task {
	if env.Changes != nil {
		return nil // a refresh changes entries, and these keys cover only themes and assets
	}
	var tasks []render.Task
	copyAsset := func(a *site.Asset) render.Task {
		key := fingerprint.New("copy").Str(a.Path).Num(a.Version()).Sum()
		return render.Task{Key: key, ID: a.Path, Run: func(out output.Writer) error {
			if err := out.CopyFile(a.Path, filepath.Join(env.Source, filepath.FromSlash(a.Source))); err != nil {
				return err
			}
			return writeVariants(env, out, a)
		}}
	}
	for _, a := range env.Site.EveryFile() { // the library, and the bundles of every language
		tasks = append(tasks, copyAsset(a))
	}
	return tasks
}

// writeVariants publishes the web-sized derivatives of a photo beside it.
func writeVariants(env *render.Env, out output.Writer, a *site.Asset) error {
	info, ok := env.Images[a.Path]
	all := info.All()
	if !ok || len(all) == 0 {
		return nil
	}
	data, err := images.Derive(env.Context(), env.DiskCache, filepath.Join(env.Source, filepath.FromSlash(a.Source)), a.Meta.Orientation, all)
	if err != nil {
		return fmt.Errorf("%s: %w", a.Source, err)
	}
	for i, v := range all {
		if err := out.WriteFile(v.Path, data[i]); err != nil {
			return err
		}
	}
	return nil
}
