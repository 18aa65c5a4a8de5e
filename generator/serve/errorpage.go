package serve

import (
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	defaulttheme "github.com/pressroom/pressroom/themes/default"
)

// errorPage stands in for every page while no build has succeeded yet: it
// lists the errors and carries the live-reload script, so the real site
// appears by itself once the errors are fixed.
var errorPage = template.Must(template.New("errors").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The site has errors · pressroom serve</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; margin: 2rem; }
.pressroom-errors { background: #2b0d0d; color: #ffe9e9; border: 2px solid #ff6b6b; border-radius: 6px; padding: 1rem 1.25rem; font: 0.9rem/1.5 ui-monospace, monospace; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>The site has errors</h1>
<p>pressroom has not built this site yet. Fix these, save, and this page reloads by itself.</p>
<div class="pressroom-errors" role="alert">{{.Errors}}</div>
{{.Script}}
</body>
</html>
`))

// liveReload is the embedded theme's live-reload script, pointed at the
// state "no build yet" so that the first good build reloads the page.
var liveReload = func() template.HTML {
	src, err := fs.ReadFile(defaulttheme.FS, "layouts/partials/livereload.html")
	if err != nil {
		panic("serve: the embedded theme has no livereload.html partial: " + err.Error())
	}
	return template.HTML(strings.Replace(string(src), string(eventsURL), `"`+EventsPath+`?build="`, 1))
}()

func (s *Server) serveErrorPage(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	_ = errorPage.Execute(w, struct {
		Errors string
		Script template.HTML
	}{s.events.errors(), liveReload})
}
