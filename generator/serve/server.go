package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/check"
	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/render"
)

// EventsPath is where browsers listen for reloads and errors (Server-Sent Events).
const EventsPath = "/_pressroom/events"

// DefaultDebounce is how long the site must be quiet before a rebuild starts.
// Editors save in bursts a few milliseconds long (write a temporary file,
// rename it); 10 ms folds those, and a change that arrives during a build
// folds into the next one anyway, so a longer wait only delays the reload.
const DefaultDebounce = 10 * time.Millisecond

// Config says what to serve and where.
type Config struct {
	Source string           // the site root, holding config.toml
	Bind   string           // the address to listen on; default 127.0.0.1
	Port   int              // the TCP port; 0 picks a free one
	Drafts bool             // publish drafts too
	Now    func() time.Time // the clock each build is made as of; default time.Now
	// At, when set, previews that moment: every build is made as of At and
	// the clock stands still, so nothing goes live by itself meanwhile.
	At       time.Time
	Debounce time.Duration // quiet spell before a rebuild; default DefaultDebounce

	// OnBuild, when set, is told of every finished build, good or bad.
	OnBuild func(Result)
	// OnWarning, when set, is told of trouble that does not stop serving,
	// such as a watcher error (after which everything is rebuilt).
	OnWarning func(error)
	// OnCheck, when set, is told what each pre-flight check found: serve
	// checks the site once it has been quiet for CheckAfter after a build.
	OnCheck func(Checked)
	// CheckAfter is the quiet spell after a build before the check; default
	// the constant CheckAfter. NoCheck turns the check off.
	CheckAfter time.Duration
	NoCheck    bool
	// Loaded, when set, is told how many bytes of Markdown the site holds
	// once each build has loaded it (generator.Options.Loaded): the command
	// line sizes its memory policy from it.
	Loaded func(markdown int64)
}

// Result is one finished build.
type Result struct {
	First    bool              // the build at start-up
	At       time.Time         // the moment the site was built as of
	Report   *generator.Report // the build's report; nil when it failed
	Err      error             // why it failed (a *diag.Errors for site problems)
	Duration time.Duration     // from the start of the build to the swap
	Changed  int               // output files added, changed or removed
	Sources  []string          // the source paths whose change caused it, sorted
	Reason   string            // "start", "edit", "embargo lift", "watcher error"
}

// Server serves a site from memory and keeps it current. Make it with New,
// then call Run once.
type Server struct {
	cfg     Config
	source  string // absolute
	ln      net.Listener
	base    string // "http://127.0.0.1:8080/"
	watch   *watcher
	builder rebuilder
	current atomic.Pointer[Site]
	// settling is set while saved edits wait for the build that covers
	// them, and closed once it is served or has failed (see hold).
	settling atomic.Pointer[settling]
	// early is the first build while it runs (see early), then nil.
	early    atomic.Pointer[early]
	events   *hub
	ready    chan struct{} // closed when the first build has finished
	readyOne sync.Once
	instance string // tells this process's build ids from a previous one's
	gen      int    // build ids handed out; only the loop touches it
	// checker checks the site as of a moment beside the builds (check.go);
	// nil checks nothing.
	checker func(context.Context, time.Time) (*check.Report, error)
}

// New checks the site, starts listening and watching. It fails with a clear
// message when the source has no config.toml or the port is taken.
func New(cfg Config) (*Server, error) {
	cfg = withDefaults(cfg)
	source, err := filepath.Abs(cfg.Source)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	if err := checkSite(source, cfg.Source); err != nil {
		return nil, err
	}
	ln, err := listen(cfg.Bind, cfg.Port)
	if err != nil {
		return nil, err
	}
	w, err := newWatcher(source)
	if err != nil {
		ln.Close()
		return nil, err
	}
	s := &Server{cfg: cfg, source: source, ln: ln, watch: w, events: newHub(),
		ready: make(chan struct{}), instance: strconv.FormatInt(time.Now().UnixNano(), 36)}
	s.base = baseURL(cfg.Bind, ln.Addr())
	// Made here, before anything is served, so that no request can come
	// before it; the first build in the loop uses it. Its id is the one
	// swap gives the first good build (instance-1).
	s.early.Store(&early{demand: render.NewDemand(), id: s.instance + "-1"})
	diskcache.Track()
	cache := generator.NewWatchedCache()
	s.builder = &cachedRebuild{source: source, baseURL: s.base, drafts: cfg.Drafts,
		cache: cache, disk: diskcache.Default(), loaded: cfg.Loaded}
	if !cfg.NoCheck {
		s.checker = preflight(source, cache)
	}
	return s, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Source == "" {
		cfg.Source = "."
	}
	if cfg.Bind == "" {
		cfg.Bind = "127.0.0.1"
	}
	if !cfg.At.IsZero() {
		at := cfg.At
		cfg.Now = func() time.Time { return at }
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = DefaultDebounce
	}
	if cfg.CheckAfter <= 0 {
		cfg.CheckAfter = CheckAfter
	}
	return cfg
}

func checkSite(abs, given string) error {
	info, err := os.Stat(filepath.Join(abs, config.FileName))
	if err == nil && !info.IsDir() {
		return nil
	}
	return fmt.Errorf("serve: no %s in %s: point --source at a site folder, or run `pressroom init DIR` to start one",
		config.FileName, given)
}

// baseURL is the address pages are built for. A wildcard bind is served
// as 127.0.0.1, the address that works from this machine.
func baseURL(bind string, addr net.Addr) string {
	host := bind
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	port := strconv.Itoa(addr.(*net.TCPAddr).Port)
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// URL is the served site's address, such as "http://127.0.0.1:8080/".
func (s *Server) URL() string { return s.base }

// Run builds, serves and rebuilds until ctx is cancelled, then shuts the
// HTTP server down cleanly. It returns nil after a clean shutdown.
func (s *Server) Run(ctx context.Context) error {
	defer s.watch.close()
	srv := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(s.events.close)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() {
		served <- srv.Serve(s.ln)
		cancel()
	}()
	s.loop(ctx)
	s.readyOne.Do(func() { close(s.ready) }) // stopped before a first build: release waiting requests
	shutdown, stop := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer stop()
	err := srv.Shutdown(shutdown)
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(fmt.Errorf("serve: %w", serr), err)
	}
	return err
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(EventsPath, s.events)
	mux.HandleFunc("/", s.serveFile)
	return guarded(mux)
}

// guarded adds the headers that keep a served file from running as what
// it is not. Every answer is nosniff: the browser keeps to the type named.
// An SVG may hold scripts, and opened at its own address it is a document
// of the site's origin: it is sandboxed (scripts off, an origin of its
// own), which changes nothing for an SVG shown through <img>, where no
// script runs anyway. The name is the one serveFile will answer with.
func guarded(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		if strings.EqualFold(path.Ext(path.Clean("/"+r.URL.Path)), ".svg") {
			h.Set("Content-Security-Policy", "sandbox")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) warn(err error) {
	if s.cfg.OnWarning != nil {
		s.cfg.OnWarning(err)
	}
}

func (s *Server) report(r Result) {
	if r.First {
		s.readyOne.Do(func() { close(s.ready) })
	}
	if s.cfg.OnBuild != nil {
		s.cfg.OnBuild(r)
	}
}
