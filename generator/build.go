// Package generator is pressroom's engine and its one front door, Build:
//
//	config.toml ─┐
//	content/ ────┼─> load ─> resolve(at) ─> render ─> write (staging dir or memory) ─> swap
//	themes/ ─────┘
//
// Each stage is a package: config and content load, site resolves (the
// publish decision lives there alone), markdown and render produce output,
// output writes it. The engine never prints and never exits; it returns a
// Report or an error that names every problem.
package generator

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/markdown"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/render/calendar"
	"github.com/pressroom/pressroom/generator/render/feeds"
	"github.com/pressroom/pressroom/generator/render/files"
	"github.com/pressroom/pressroom/generator/render/kits"
	"github.com/pressroom/pressroom/generator/render/pages"
	"github.com/pressroom/pressroom/generator/render/search"
	"github.com/pressroom/pressroom/generator/render/sitemap"
	"github.com/pressroom/pressroom/generator/render/static"
	"github.com/pressroom/pressroom/generator/render/vcard"
	"github.com/pressroom/pressroom/generator/site"
	"github.com/pressroom/pressroom/generator/sitefs"
	"github.com/pressroom/pressroom/generator/spill"
	"github.com/pressroom/pressroom/generator/theme"
)

// Outputs are every kind of file a build writes, in phases: pages come
// after the kits because they show the sizes of the kits they link; feeds
// go beside them, so that a refresh's few pages and feeds share the workers;
// static files come last, so that one at a URL the build writes is refused
// by its own name. A new output format is one package under render/ and one line here.
var Outputs = [][]render.Output{
	{kits.Output, vcard.Output, calendar.Output, files.Output, sitemap.Output, search.Output},
	{feeds.Output, pages.Output},
	{static.Output}, // last: a static file where the build writes one is the one refused
}

// Options say what to build, as of when, and where to.
type Options struct {
	Source  string    // the site root (holding config.toml)
	Dest    string    // the output folder; default Source/public
	At      time.Time // the build's moment; required (the command line passes now)
	Drafts  bool      // publish drafts too
	BaseURL string    // overrides config.toml's baseURL
	// Out, when set, receives the files instead of Dest (serve keeps them in memory).
	Out   output.Writer
	Serve bool // pages get the live-reload script
	// Cache, when set, carries parsed content and converted Markdown from
	// one build to the next of one process.
	Cache *Cache
	// Demand, when set with Out an *output.Memory, hands out files while
	// the build runs (serve's first build); the build ends it.
	Demand *render.Demand
	// Progress, when set, is updated as outputs are written.
	Progress *render.Progress
	// DiskCache keeps image derivatives, press kits and converted Markdown
	// for later builds, in any process; "" caches nothing. The command line
	// uses diskcache.Default.
	DiskCache diskcache.Dir
	// Loaded, when set, is told how many bytes of Markdown the site holds
	// once its content is loaded, before the stages that need the most
	// memory: for a caller that sizes the process to the site.
	Loaded func(markdown int64)
}

// Report says what a successful build did.
type Report struct {
	// Site is the published site. A build with a watched cache may refresh
	// it in place (see NewWatchedCache): read it before the next build.
	Site     *site.Site
	Files    []string // every file written, sorted
	Pages    int      // HTML pages
	Feeds    int
	Kits     int
	Assets   int // published library and bundle files
	Duration time.Duration
	Stages   []Stage
	// Rendered and Reused count output tasks run and taken over unchanged
	// from the previous build in the same process.
	Rendered, Reused int
	// Busy is the working time of each kind of output, summed over workers.
	Busy map[string]time.Duration
	// Refreshed is set when the build only refreshed edited entries of the
	// last build in the same process (see NewWatchedCache).
	Refreshed bool
	// Warnings are what an editor should fix that does not stop the build,
	// such as an SVG holding a script (a refresh reports none).
	Warnings []diag.Problem

	lap time.Time // when the current stage began
}

func newReport(start time.Time) *Report { return &Report{lap: start} }

// stage ends the named stage of the build now.
func (r *Report) stage(name string) {
	now := time.Now()
	r.Stages = append(r.Stages, Stage{Name: name, Duration: now.Sub(r.lap)})
	r.lap = now
}

// Stage is one step's share of the build time.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Build builds the site. On error nothing at Dest has changed.
func Build(ctx context.Context, opts Options) (*Report, error) {
	defer opts.Demand.End()
	if opts.At.IsZero() {
		return nil, errors.New("generator: Options.At is required")
	}
	if opts.Out == nil {
		// Before anything else: a destination that is not the build's to
		// replace is refused with nothing touched.
		dest, err := output.ResolveDest(opts.Source, opts.Destination())
		if err != nil {
			return nil, err
		}
		opts.Dest = dest
	}
	start := time.Now()
	if rep := newReport(start); refresh(ctx, opts, rep) {
		rep.Duration = time.Since(start)
		return rep, nil
	}
	rep := newReport(time.Now())
	stage := rep.stage
	cfg, err := loadConfig(opts)
	if err != nil {
		return nil, err
	}
	th, themeErr := theme.Load(opts.Source, cfg.Theme, pages.Funcs())
	src, err := content.Load(ctx, opts.Source, zonesOf(cfg), opts.Cache.contentCache())
	if err := joinProblems(themeErr, err); err != nil {
		return nil, resolveAnyway(cfg, src, opts, err)
	}
	if err := hashAssets(ctx, opts.Source, src, opts.Cache.sumTable(opts.Source, opts.DiskCache)); err != nil {
		return nil, err
	}
	stage("load")
	if opts.Loaded != nil {
		opts.Loaded(src.Markdown())
	}
	s, err := site.Resolve(cfg, src, site.Options{At: opts.At, Drafts: opts.Drafts, SectionTitles: sectionTitles(cfg, th)})
	if err != nil {
		return nil, err
	}
	stage("resolve")
	msThemes, err := micrositeThemes(opts.Source, s)
	if err != nil {
		return nil, err
	}
	// Photos are measured first: the bodies show them at their sizes.
	catalog, err := images.Inspect(opts.Source, s, opts.Cache.imageSizes())
	if err != nil {
		return nil, err
	}
	err = convertMarkdown(ctx, s, s.Every(), catalog, opts.Cache, opts.DiskCache, bodyStore(opts))
	opts.Cache.sweep()
	for _, it := range src.Items {
		it.DropBody() // those held back too: the cache keeps them
	}
	if err != nil {
		return nil, err
	}
	stage("markdown")
	rep.Warnings = append(svgWarnings(opts.Source, s, opts.DiskCache), photoWarnings(s)...)
	env := newEnv(opts, s, th, msThemes, catalog)
	names, err := write(ctx, opts, env, rep)
	if err != nil {
		return nil, err
	}
	env.Fragments.Sweep()
	env.Demand = nil // the next build keeps env (keepLast): not the tasks it handed out
	stage("render and write")
	rep.finish(s, names)
	if opts.Cache.Watched() {
		opts.Cache.keepLast(newLastBuild(opts, env, rep))
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

// Destination is the output folder a build into a folder writes: Dest,
// or public/ in the source.
func (opts Options) Destination() string {
	if opts.Dest == "" {
		return filepath.Join(opts.Source, "public")
	}
	return opts.Dest
}

// newEnv is what the outputs render s from.
func newEnv(opts Options, s *site.Site, th *theme.Theme, msThemes map[string]*theme.Theme, catalog images.Catalog) *render.Env {
	env := &render.Env{Site: s, Theme: th, MicrositeThemes: msThemes, Source: opts.Source, Serve: opts.Serve,
		Images: catalog, DiskCache: opts.DiskCache, Progress: opts.Progress, Fragments: opts.Cache.fragments(),
		Kept: opts.Cache.keptByOutputs(), Demand: opts.Demand}
	env.SiteKey = siteKey(env)
	return env
}

// finish records what a build of s wrote.
func (r *Report) finish(s *site.Site, names []string) {
	r.Site, r.Files = s, names
	r.count()
	r.Assets = len(s.EveryFile())
}

// refinish is finish for a refresh of the build last reported: a refresh
// publishes the same library files, and when it wrote the same names (the
// same sorted list, which the output keeps while no name comes or goes) it
// counts what that build counted instead of looking at every name again
// (output.Memory.Names returns the very slice while none comes or goes).
func (r *Report) refinish(last *Report, names []string) {
	r.Site, r.Files = last.Site, names
	if len(names) == len(last.Files) && (len(names) == 0 || &names[0] == &last.Files[0]) {
		r.Pages, r.Feeds, r.Kits = last.Pages, last.Feeds, last.Kits
	} else {
		r.count()
	}
	r.Assets = last.Assets
}

// sectionTitles are the sections' titles in each language, in the theme's words.
func sectionTitles(cfg *config.Config, th *theme.Theme) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, code := range cfg.Codes() {
		out[code] = map[string]string{}
		for _, sec := range []string{"press", "blog", "literature", "events"} {
			out[code][sec] = th.T(code, "section_"+sec)
		}
	}
	return out
}

// zonesOf says which language codes file names may carry, and the zone
// each language reads dates in.
func zonesOf(cfg *config.Config) content.Zones {
	z := content.In(cfg.Location)
	for _, code := range cfg.Codes()[1:] {
		if z.Others == nil {
			z.Others = map[string]*time.Location{}
		}
		z.Others[code] = cfg.For(code).Location
	}
	return z
}

func loadConfig(opts Options) (*config.Config, error) {
	cfg, err := config.Load(filepath.Join(opts.Source, config.FileName))
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || !u.IsAbs() || u.Host == "" {
			return nil, fmt.Errorf("--base-url %q is not an absolute URL such as https://news.example.com/", opts.BaseURL)
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		cfg.BaseURL, cfg.Base = u.String(), u
	}
	return cfg, nil
}

// write renders every output into a staging folder and swaps it in, or
// into opts.Out, taking over unchanged files from the cache's last build.
func write(ctx context.Context, opts Options, env *render.Env, rep *Report) ([]string, error) {
	type namer interface{ Names() []string }
	if opts.Out != nil {
		rec, stats, err := render.Run(ctx, env, Outputs, opts.Out, opts.Cache.lastRecord())
		if err != nil {
			return nil, err
		}
		rep.Rendered, rep.Reused, rep.Busy = stats.Ran, stats.Reused, stats.Busy
		opts.Cache.remember(rec)
		if n, ok := opts.Out.(namer); ok {
			return n.Names(), nil
		}
		return nil, nil
	}
	dir, err := output.NewDir(opts.Destination())
	if err != nil {
		return nil, err
	}
	_, stats, err := render.Run(ctx, env, Outputs, dir, nil)
	if err != nil {
		dir.Abort()
		return nil, err
	}
	rep.Rendered, rep.Busy = stats.Ran, stats.Busy
	if err := dir.Commit(); err != nil {
		dir.Abort()
		return nil, err
	}
	return dir.Names(), nil
}

// bodyStore is where a build keeps its converted bodies: in a spill file
// when it is a build of its own, whose bodies nothing holds beyond it; in
// memory (nil) for serve, whose cache holds every conversion anyway, or
// where no temporary file can be made.
func bodyStore(opts Options) *spill.File {
	if opts.Cache != nil {
		return nil
	}
	f, err := spill.New("")
	if err != nil {
		return nil
	}
	return f
}

// convertMarkdown renders the bodies of entries once, in parallel; pages,
// feeds and kits all use this HTML. A conversion an earlier build made,
// in this process (cache) or any other (disk), is used again. With a
// spill file, the HTML is kept there rather than in memory.
func convertMarkdown(ctx context.Context, s *site.Site, entries []*site.Entry, catalog images.Catalog, cache *Cache, disk diskcache.Dir, bodies *spill.File) error {
	md := markdown.New(s.Config.Markup.Unsafe, markdown.WithBase(s.Config.Base))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, e := range entries {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			permalink := s.URL(e.Path)
			pics, version := pictures(s, e, catalog)
			res, err := cache.convert(version, permalink, s.Config.Markup.Unsafe, func() (markdown.Result, error) {
				return convertKept(disk, md, e.Item, version, pics, permalink, s.Config.Markup.Unsafe)
			})
			if err != nil {
				return fmt.Errorf("%s: %w", e.Item.Source, err)
			}
			switch {
			case res.spilled.Len() > 0:
				e.KeepSpilled(res.spilled) // in the cache's file
			case bodies == nil:
				e.SetHTML(template.HTML(res.html)) // goldmark escapes raw HTML unless the site opted in
			default:
				if err := e.SpillHTML(bodies, res.html); err != nil {
					return fmt.Errorf("%s: %w", e.Item.Source, err)
				}
			}
			e.Converted(res.summary)
			if cache == nil {
				e.Item.Body = nil // nothing reads it again, and a big site's bodies are a fifth of its memory
			} else {
				e.Item.DropBody() // the cache keeps it, out of the heap
			}
			return nil
		})
	}
	return g.Wait()
}

// convertKept converts an item's body, or reads the conversion a build of
// any process kept in the disk cache, by a fingerprint of the program, the
// file, the page it is on and the markup setting: all the HTML depends on.
func convertKept(disk diskcache.Dir, md *markdown.Renderer, it *content.Item, version uint64, pics map[string]markdown.Picture, permalink string, unsafe bool) (markdown.Result, error) {
	name := ""
	if p := fingerprint.Program(); p != 0 && disk != "" {
		name = fmt.Sprintf("%016x", fingerprint.New("markdown").Num(p).Num(version).Str(permalink).Bool(unsafe).Sum())
		if data, ok := disk.Get("markdown", name); ok {
			if res, err := markdown.Decode(data); err == nil {
				return res, nil
			}
		}
	}
	text, err := it.Markdown()
	if err != nil {
		return markdown.Result{}, err
	}
	page, _ := url.Parse(permalink)
	res, err := md.Convert(text, page, pics)
	if err == nil && name != "" {
		disk.Put("markdown", name, res.Encode())
	}
	return res, err
}

// pictures says how e's body shows each of its images: the web-sized
// derivative of a photo with its size and srcset, else the file; and a
// version of e's HTML, the item's own unless the body shows a picture.
func pictures(s *site.Site, e *site.Entry, catalog images.Catalog) (map[string]markdown.Picture, uint64) {
	if len(e.BodyImages) == 0 {
		return nil, e.Item.Version
	}
	out := make(map[string]markdown.Picture, len(e.BodyImages))
	b := fingerprint.New("pictures").Num(e.Item.Version)
	for _, img := range e.Item.Images { // in the body's order, for the fingerprint
		a := e.BodyImages[img.Dest]
		if a == nil {
			continue
		}
		info := catalog[a.Path]
		p := markdown.Picture{Src: s.URL(a.Path), Width: info.Width, Height: info.Height}
		if len(info.Variants) > 0 {
			p.Srcset = info.Srcset(s.URL, a.Path)
		}
		for _, v := range info.Variants {
			if v.Longest == images.Widths[0] { // the display size; a smaller photo is shown as it is
				p.Src, p.Width, p.Height = s.URL(v.Path), v.Width, v.Height
			}
		}
		out[img.Dest] = p
		b.Str(img.Dest).Str(p.Src).Num(uint64(p.Width)).Num(uint64(p.Height)).Str(p.Srcset)
	}
	return out, b.Sum()
}

func (r *Report) count() {
	for _, name := range r.Files {
		switch {
		case strings.HasSuffix(name, ".html"):
			r.Pages++
		case strings.HasSuffix(name, ".zip"):
			if name == kits.OrganizationPath || strings.HasSuffix(name, "/press-kit.zip") || strings.HasPrefix(name, "press-kits/") || strings.Contains(name, "/press-kits/") {
				r.Kits++ // a bundle may hold ZIPs of its own; those are not kits
			}
		default:
			if base := path.Base(name); base == "feed.xml" || base == "atom.xml" || base == "feed.json" {
				r.Feeds++
			}
		}
	}
}

// micrositeThemes loads a theme for each microsite that names its own or
// keeps a layouts/ folder: its layouts, then themes/THEME, then the default.
func micrositeThemes(root string, s *site.Site) (map[string]*theme.Theme, error) {
	out := map[string]*theme.Theme{}
	var problems []error
	for _, m := range s.Microsites {
		dir := path.Join(content.Dir, content.MicrositesDir, m.Name)
		var overlays []string
		if info, err := os.Stat(filepath.Join(root, filepath.FromSlash(dir), "layouts")); err == nil && info.IsDir() {
			overlays = append(overlays, dir)
		}
		if len(overlays) == 0 && m.Theme == "" {
			continue
		}
		name := m.Theme
		if name == "" {
			name = s.Config.Theme
		} else if why := sitefs.CheckFolderName(name); why != "" {
			problems = append(problems, &diag.Errors{Problems: []diag.Problem{{File: m.Home.Item.Source,
				Line: m.Home.Item.Front.Line("theme"), Msg: fmt.Sprintf("theme %q %s: name a folder under themes/", name, why)}}})
			continue
		} else if info, err := os.Stat(filepath.Join(root, "themes", name)); err != nil || !info.IsDir() {
			problems = append(problems, &diag.Errors{Problems: []diag.Problem{{File: m.Home.Item.Source,
				Line: m.Home.Item.Front.Line("theme"), Msg: fmt.Sprintf("theme %q not found: create themes/%s/ or remove the theme line", name, name)}}})
			continue
		}
		t, err := theme.Load(root, name, pages.Funcs(), overlays...)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		out[m.Name] = t
	}
	return out, joinProblems(problems...)
}

// resolveAnyway is the error of a build whose theme or content has the
// problems err: with those of resolving what content did load, so that a bad
// date in one file and an unknown contact in another come out together.
func resolveAnyway(cfg *config.Config, src *content.Source, opts Options, err error) error {
	var list *diag.Errors
	if src == nil || !errors.As(err, &list) {
		return err // nothing loaded, or not a problem of the site's files
	}
	_, resolveErr := site.Resolve(cfg, src, site.Options{At: opts.At, Drafts: opts.Drafts})
	return joinProblems(err, resolveErr)
}

// joinProblems reports the problems of several stages as one list, so that
// a broken theme and a broken release show up in the same run.
func joinProblems(errs ...error) error {
	var all diag.List
	for _, err := range errs {
		var list *diag.Errors
		switch {
		case err == nil:
		case errors.As(err, &list):
			all.Append(list.Problems...)
		default:
			return err
		}
	}
	return all.Err()
}

// siteKey fingerprints what every page shows besides its own content: the
// configuration, the themes, and the navigation (sections with entries,
// pages, microsites, the logo).
func siteKey(env *render.Env) uint64 {
	s := env.Site
	b := fingerprint.New("site").Num(s.Config.Version).Str(s.Config.BaseURL).Num(env.Theme.Version).Bool(env.Serve)
	for _, l := range s.Languages { // every language's navigation, shown on its pages
		b.Str(l.Lang)
		for _, m := range l.Microsites {
			b.Str(m.Path).Str(m.Title).Str(m.Description)
			if t := env.MicrositeThemes[m.Name]; t != nil {
				b.Num(t.Version)
			}
		}
		for _, sec := range l.Sections {
			b.Str(sec.Name).Str(sec.Title).Bool(len(sec.Entries) > 0)
		}
		b.Bool(len(l.Coverage) > 0) // "In the news" in the navigation
		for _, e := range l.Pages {
			b.Str(e.Path).Str(e.Title)
		}
	}
	for _, logo := range []*site.Asset{s.Logo, s.LogoRaster} { // every page's head shows the raster one
		if logo != nil {
			b.Str(logo.Path).Num(logo.Asset.Version())
		}
	}
	return b.Sum()
}
