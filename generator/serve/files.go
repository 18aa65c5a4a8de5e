package serve

import (
	"bytes"
	"mime"
	"net"
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
	name := path.Clean("/" + r.URL.Path)[1:]
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	select {
	case <-s.ready:
	default:
		if s.serveEarly(w, r, name) {
			return
		}
		select {
		case <-s.ready:
		case <-r.Context().Done():
			return
		}
	}
	if !s.settled(r) {
		return
	}
	site := s.current.Load()
	if site == nil {
		s.serveErrorPage(w)
		return
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

// serveEarly answers from the first build while it runs, once it has
// planned: the file asked for is written ahead of the rest (render.Demand).
// It reports false, having written nothing, when the first build has no
// task that writes name (a redirect, a 404, a file a task writes second)
// or ended first: the finished build answers those.
func (s *Server) serveEarly(w http.ResponseWriter, r *http.Request, name string) bool {
	e := s.early.Load()
	if e == nil {
		return false
	}
	select {
	case <-e.demand.Planned():
	case <-s.ready:
		return false
	case <-r.Context().Done():
		return true
	}
	data, ok := e.demand.Want(r.Context(), name)
	if !ok {
		return false
	}
	s.send(w, r, &Site{Files: e.files, id: e.id}, name, data, http.StatusOK)
	return true
}

// notFound answers with the 404.html of the address's language: a missing
// /de/... gets de/404.html, anything else the site's.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, site *Site) {
	name := "404.html"
	if first, _, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); ok {
		if _, ok := site.Files.File(first + "/404.html"); ok {
			name = first + "/404.html"
		}
	}
	if data, ok := site.Files.File(name); ok {
		s.send(w, r, site, name, data, http.StatusNotFound)
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
	data = s.asOpened(r, h.Get("Content-Type"), data)
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

// asOpened makes the links of a text file work from the address it was
// opened at. Pages are built for the address serve prints (127.0.0.1 when
// it listens on every interface); a colleague who opens the preview at
// http://192.168.1.20:8080/ gets links to that address instead.
func (s *Server) asOpened(r *http.Request, ctype string, data []byte) []byte {
	host := r.Host
	if host == "" || "http://"+host+"/" == s.base || !textual(ctype) || !plainHost(host) {
		return data
	}
	data = bytes.ReplaceAll(data, []byte(s.base), []byte("http://"+host+"/"))
	// The same address as html/template writes it inside a script
	// (structured data): with its slashes escaped.
	escaped := func(u string) []byte { return []byte(strings.ReplaceAll(u, "/", `\/`)) }
	return bytes.ReplaceAll(data, escaped(s.base), escaped("http://"+host+"/"))
}

// textual reports whether a type is text that may hold the site's address
// (pages, feeds, the sitemap, vCards, CSS), not a photo or a kit.
func textual(ctype string) bool {
	t, _, _ := strings.Cut(ctype, ";")
	return strings.HasPrefix(t, "text/") || strings.HasSuffix(t, "xml") || strings.HasSuffix(t, "json")
}

// plainHost reports whether a Host header is a bare name or address with
// an optional port, safe to write into a page as it is.
func plainHost(host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = host, ""
	}
	if name == "" || len(host) > 255 {
		return false
	}
	for _, c := range port {
		if c < '0' || c > '9' {
			return false
		}
	}
	if ip := net.ParseIP(strings.Trim(name, "[]")); ip != nil {
		return true
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}
