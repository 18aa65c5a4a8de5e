// Package static publishes the static files of the theme and of the site's
// own static/ folder at the root of the output (and a microsite theme's own
// under the microsite), byte for byte. It runs in the last phase, after
// everything the build makes itself, so that a static file at a URL the
// build writes is the one refused, by its name.
package static

import (
	"fmt"

	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/theme"
)

// Output publishes static files.
var Output = render.Output{Name: "static", Once: true, Plan: plan}

func plan(env *render.Env) []render.Task {
	if env.Changes != nil {
		return nil // a refresh changes entries, and these keys cover only themes
	}
	var tasks []render.Task
	for _, name := range env.Theme.StaticFiles() {
		tasks = append(tasks, file(env.Theme, name, name))
	}
	for _, m := range env.Site.Microsites {
		th := env.MicrositeThemes[m.Name]
		if th == nil {
			continue
		}
		for _, name := range th.OwnStaticFiles() {
			tasks = append(tasks, file(th, name, m.Path+name))
		}
	}
	return tasks
}

// file publishes a theme's static file name at dest.
func file(th *theme.Theme, name, dest string) render.Task {
	key := fingerprint.New("static").Num(th.Version).Str(name).Str(dest).Sum()
	return render.Task{Key: key, ID: dest, Run: func(out output.Writer) error {
		data, where, err := th.Static(name)
		if err != nil {
			return err
		}
		if err := out.WriteFile(dest, data); err != nil {
			return fmt.Errorf("%s: %w: the build writes /%s itself; rename or remove this file", where, err, dest)
		}
		return nil
	}}
}
