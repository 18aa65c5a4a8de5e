package pages

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/render/search"
	"github.com/pressroom/pressroom/generator/site"
	"github.com/pressroom/pressroom/generator/theme"
)

// Output is the HTML pages output.
var Output = render.Output{Name: "pages", Plan: plan}

// layoutBySection names the layout of each section's entries.
var layoutBySection = map[string]string{"press": "release", "blog": "post", "literature": "literature", "pages": "page", "events": "event"}

func plan(env *render.Env) []render.Task {
	s := env.Site
	org := s.Config.Organization.Name
	keys := newKeys(env)
	page := func(v View) render.Task {
		v.Site, v.Serve, v.env = s, env.Serve, env
		return task(env, env.Theme, keys, v)
	}
	t := func(id string, pairs ...any) string { return env.Theme.T(s.Lang, id, pairs...) }
	at := s.Prefix // the language's pages are under /XX/
	siteFeeds := FeedsAt(at, s.Config.Title)
	home := s.Config.Description
	if home == "" {
		home = s.Config.Organization.Tagline
	}
	// About one page per entry and one per twenty entries of each list.
	tasks := make([]render.Task, 0, env.Room(2*len(s.Entries)+len(s.Pages)+64))
	tasks = append(tasks,
		page(View{Layout: "home", Path: at, Feeds: siteFeeds, Description: home}),
		page(View{Layout: "404", Path: at + "404.html", Title: t("page_not_found"), Feeds: siteFeeds}),
		page(View{Layout: "tags", Path: at + "tags/", Title: t("topics"), Feeds: siteFeeds}),
		page(View{Layout: "search", Path: search.Dir(s), Title: t("search"), Feeds: siteFeeds,
			Description: t("search_description", "Org", org)}),
		page(View{Layout: "assets", Path: at + "assets/", Title: t("media_library"), Feeds: siteFeeds,
			Description: t("media_library_description", "Org", org)}))
	// A refresh leaves out every page whose key (keys.view) covers no
	// changed entry: those of the last build are kept.
	for _, sec := range s.Sections {
		feeds := FeedsAt(sec.Path, org+" — "+sec.Title)
		if sec.Name == "events" && len(sec.Entries) > 0 {
			// One page, upcoming then past as of the build's moment: made
			// again in every build (summaries), as that moment moves.
			v := View{Layout: "events", Path: sec.Path, Title: sec.Title, Section: sec, Feeds: feeds}
			if sec.Intro != nil {
				v.Description = sec.Intro.Front.Description
			}
			tasks = append(tasks, page(v))
		}
		for n := range env.ChangedPages(sec.Entries, keys.cards) { // a refresh changes no section intro
			if sec.Name == "events" {
				break
			}
			p := site.Page(sec.Path, sec.Entries, n)
			v := View{Layout: "list", Path: p.Path, Title: sec.Title, Section: sec, Pager: &p, Feeds: feeds}
			if sec.Intro != nil {
				v.Description = sec.Intro.Front.Description
			}
			tasks = append(tasks, page(v))
		}
		layout := layoutBySection[sec.Name]
		shared := keys.context(&View{Layout: layout, Section: sec, Feeds: feeds, Serve: env.Serve})
		for i := range env.Changed(sec.Entries) {
			e := sec.Entries[i]
			if key, id := keys.entry(shared, e), file(e.Path); env.Reused(id, key) {
				tasks = append(tasks, render.Task{Key: key, ID: id}) // as task would, without a view
				continue
			}
			tasks = append(tasks, page(View{Layout: layout, Path: e.Path,
				Title: e.Title, Description: e.Summary, Entry: e, Section: sec, Feeds: feeds}))
		}
	}
	if len(s.Coverage) > 0 {
		for n := range env.ChangedPages(s.Coverage, keys.cards) { // a coverage card is its Version
			p := site.Page(at+"coverage/", s.Coverage, n)
			tasks = append(tasks, page(View{Layout: "coverage", Path: p.Path, Title: t("in_the_news"), Pager: &p, Feeds: siteFeeds,
				Description: t("coverage_description", "Org", org)}))
		}
	}
	for i := range env.Changed(s.Pages) {
		e := s.Pages[i]
		tasks = append(tasks, page(View{Layout: "page", Path: e.Path, Title: e.Title,
			Description: e.Summary, Entry: e, Feeds: siteFeeds}))
	}
	for _, m := range s.Microsites {
		if env.Unchanged(m.Home) && env.Unchanged(m.Pages...) { // which m.Version covers
			continue
		}
		tasks = append(tasks, micrositePages(env, keys, m)...)
	}
	for _, t := range s.Tags {
		feeds := FeedsAt(t.Path, org+" — "+t.Name)
		for n := range env.ChangedPages(t.Entries, keys.cards) {
			p := site.Page(t.Path, t.Entries, n)
			tasks = append(tasks, page(View{Layout: "tag", Path: p.Path, Title: t.Name,
				Tag: t, Pager: &p, Feeds: feeds}))
		}
	}
	return tasks
}

// micrositePages renders a microsite's home and pages with its own theme.
func micrositePages(env *render.Env, keys *keys, m *site.Microsite) []render.Task {
	th := env.ThemeOf(m)
	feeds := FeedsAt(m.Path, m.Title)
	page := func(e *site.Entry, layout string) render.Task {
		v := View{Site: env.Site, Serve: env.Serve, Layout: layout, Path: e.Path, Title: e.Title,
			Description: e.Summary, Entry: e, Microsite: m, Feeds: feeds, env: env}
		if e == m.Home {
			v.Title, v.Description = "", m.Description
		}
		return task(env, th, keys, v)
	}
	tasks := []render.Task{page(m.Home, "microsite-home")}
	for _, e := range m.Pages {
		tasks = append(tasks, page(e, "microsite-page"))
	}
	return tasks
}

// task renders the page v shows with th. A page the last build made from
// the same inputs is taken over without rendering, so it gets no view:
// planning ten thousand of them for a rebuild must not build ten thousand.
func task(env *render.Env, th *theme.Theme, keys *keys, v View) render.Task {
	key, id := keys.view(&v), file(v.Path)
	if env.Reused(id, key) {
		return render.Task{Key: key, ID: id}
	}
	page := &v
	return render.Task{Key: key, ID: id, Run: func(out output.Writer) error {
		return write(out, th, id, page)
	}}
}

// file is where the page at path is written: its index.html, or the path
// itself when it names a file (404.html).
func file(path string) string {
	if path == "" || strings.HasSuffix(path, "/") {
		return path + "index.html"
	}
	return path
}

// buffers are reused across pages: growing a fresh buffer for every page
// was a third of all memory a build allocated.
var buffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 64<<10)) }}

// write renders v with th and writes it to name. Writers copy or write out
// the bytes before returning, so the buffer can go back to the pool.
func write(out output.Writer, th *theme.Theme, name string, v *View) error {
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	if err := th.Render(buf, v.Layout, v); err != nil {
		return fmt.Errorf("rendering /%s: %w", v.Path, err)
	}
	return out.WriteFile(name, buf.Bytes())
}
