package serve

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/mediatype"
)

// contentType names a file's type by its extension.
func contentType(name string, data []byte) string {
	if t := mediatype.Of(name); t != "" {
		return t
	}
	if t := mime.TypeByExtension(strings.ToLower(path.Ext(name))); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// serveFile answers from the served site in memory: "/x/" is x/index.html,
// "/x" redirects to "/x/" when that is a page, anything else missing gets
// the site's 404.html with status 404.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	select {
	case <-s.ready:
	case <-r.Context().Done():
		return
	}
	site := s.current.Load()
	if site == nil {
		s.serveErrorPage(w)
		return
	}
	name := path.Clean("/" + r.URL.Path)[1:]
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if data, ok := site.Files.File(name); ok {
		s.send(w, r, site, name, data, http.StatusOK)
		return
	}
	if _, ok := site.Files.File(path.Join(name, "index.html")); ok {
		target := "/" + name + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	s.notFound(w, r, site)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, site *Site) {
	if data, ok := site.Files.File("404.html"); ok {
		s.send(w, r, site, "404.html", data, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

// send writes one file. Pages get their build id added to the event
// stream's address, so the stream can tell when the page is out of date.
func (s *Server) send(w http.ResponseWriter, r *http.Request, site *Site, name string, data []byte, status int) {
	h := w.Header()
	h.Set("Content-Type", contentType(name, data))
	h.Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		data = withBuildID(data, site.id)
	}
	if status != http.StatusOK {
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			_, _ = w.Write(data)
		}
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data)) // ranges, HEAD
}

// eventsURL is how the theme's livereload partial names the event stream.
var eventsURL = []byte(`"` + EventsPath + `"`)

func withBuildID(page []byte, id string) []byte {
	return bytes.Replace(page, eventsURL, []byte(`"`+EventsPath+`?build=`+id+`"`), 1)
}
