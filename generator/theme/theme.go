// Package theme loads a site's theme: the embedded default theme with the
// site's own themes/NAME/ files laid over it file by file. It parses the
// layouts once per build into html/template sets (safe to execute in
// parallel) and lists the static files to copy. It knows nothing of content.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/sitefs"
	defaulttheme "github.com/pressroom/pressroom/themes/default"
)

// Theme is a parsed theme.
type Theme struct {
	layers []layer // the site's own first, then the embedded default
	pages  map[string]*template.Template
	base   *template.Template // baseof and the partials, for partialCached
	cached sync.Map           // partialCached results by name and key
	// Version fingerprints every layout and static file the theme uses.
	Version uint64
	// nesting counts partialCached calls under way, on every worker.
	nesting atomic.Int32
	words   *Words
	// WordsVersion fingerprints the theme's words (i18n/), which outputs
	// outside the layouts use too (kits' READMEs).
	WordsVersion uint64
	ownLayouts   bool // see OwnLayouts
}

// OwnLayouts reports whether the site's files hold a layout or partial of
// their own, one the embedded theme lacks or has with other bytes: then no
// output may assume what the embedded theme's layouts show of an entry (a
// list page, only its card). A copy of the embedded theme (the example
// newsroom's themes/default) is not the site's own.
func (t *Theme) OwnLayouts() bool { return t.ownLayouts }

// hasOwnLayouts looks in the site's own layers for a file under layouts/
// that differs from the embedded theme's.
func (t *Theme) hasOwnLayouts() bool {
	for _, l := range t.layers {
		if !l.own || !l.serves("layouts/") {
			continue
		}
		found := false
		fs.WalkDir(l.fsys, "layouts", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil // a missing or unreadable folder holds nothing of ours
			}
			mine, err := fs.ReadFile(l.fsys, name)
			embedded, embErr := fs.ReadFile(defaulttheme.FS, name)
			if err != nil || embErr != nil || !bytes.Equal(mine, embedded) {
				found = true
				return fs.SkipAll
			}
			return nil
		})
		if found {
			return true
		}
	}
	return false
}

// maxNesting bounds the partialCached calls under way at once, over all
// workers: a theme nests a few per worker, a partial calling itself
// without end thousands (and every level wraps the error of the one
// below, so the bound must stay small).
var maxNesting = int32(32 * runtime.GOMAXPROCS(0))

type layer struct {
	fsys fs.FS
	root string // for error messages: "themes/default" or "(embedded)"
	own  bool   // the site's own theme files, not the embedded theme
	// only, when set, is the one folder the layer serves: the site's
	// static/ is a layer of static files and never of layouts.
	only string
}

// StaticDir is the site's folder of files published at the root as they
// are (CNAME, favicons, verification files); they win over the theme's.
const StaticDir = "static"

// Load lays site/themes/name over the embedded default and parses its
// layouts; the site's static/ folder lies over all of them. Overlays are
// further folders (relative to the site root, each holding layouts/ or
// static/) laid on top, first wins: a microsite's own. Every file of the
// site is read through sitefs, so no name or symbolic link leads outside it.
func Load(siteRoot, name string, funcs template.FuncMap, overlays ...string) (*Theme, error) {
	t, err := layered(siteRoot, name, overlays)
	if err != nil {
		return nil, err
	}
	if err := t.loadWords(); err != nil {
		return nil, err
	}
	withCache := template.FuncMap{"partialCached": t.partialCached, "t": t.translate}
	for name, f := range funcs {
		withCache[name] = f
	}
	version, err := t.fingerprint()
	if err != nil {
		return nil, err
	}
	if err := t.parse(withCache); err != nil {
		return nil, err
	}
	t.Version, t.ownLayouts = version, t.hasOwnLayouts()
	return t, nil
}

// layered lays the theme's folders over the embedded default, first wins.
func layered(siteRoot, name string, overlays []string) (*Theme, error) {
	t := &Theme{}
	if siteStatic, err := sitefs.Sub(siteRoot, "."); err == nil {
		if info, err := fs.Stat(siteStatic, StaticDir); err == nil && info.IsDir() {
			t.layers = append(t.layers, layer{fsys: siteStatic, root: ".", only: StaticDir})
		} else if errors.Is(err, sitefs.ErrOutside) {
			return nil, problem(StaticDir, 0, sitefs.ErrOutside.Error())
		}
	}
	for _, o := range overlays {
		fsys, err := sitefs.Sub(siteRoot, o)
		if err != nil {
			return nil, problem(o, 0, err.Error())
		}
		t.layers = append(t.layers, layer{fsys: fsys, root: o, own: true})
	}
	if why := sitefs.CheckFolderName(name); why != "" {
		return nil, problem("config.toml", 0, fmt.Sprintf("theme %q %s: name a folder under themes/, or set theme = \"default\"", name, why))
	}
	fsys, _ := sitefs.Sub(siteRoot, "themes/"+name)
	info, err := fs.Stat(fsys, ".")
	switch {
	case err == nil && info.IsDir():
		t.layers = append(t.layers, layer{fsys: fsys, root: "themes/" + name, own: true})
	case errors.Is(err, sitefs.ErrOutside):
		return nil, problem("themes/"+name, 0, sitefs.ErrOutside.Error())
	case name != "default":
		return nil, problem("config.toml", 0, fmt.Sprintf("theme %q not found: create themes/%s/ or set theme = \"default\"", name, name))
	}
	t.layers = append(t.layers, layer{fsys: defaulttheme.FS, root: "(embedded default theme)"})
	return t, nil
}

// LoadWords loads only the words of the site's theme (its i18n/ over the
// embedded theme's), for a caller that renders nothing: `pressroom check`.
func LoadWords(siteRoot, name string) (*Theme, error) {
	t, err := layered(siteRoot, name, nil)
	if err != nil {
		return nil, err
	}
	return t, t.loadWords()
}

func problem(file string, line int, msg string) error {
	return &diag.Errors{Problems: []diag.Problem{{File: file, Line: line, Msg: msg}}}
}

// fingerprint covers the bytes of every file the theme resolves to. It
// reads each of them, so a file that cannot be read (a symbolic link out
// of the site) is a problem here, at load, naming the file.
func (t *Theme) fingerprint() (uint64, error) {
	var problems diag.List
	b := fingerprint.New("theme")
	for _, name := range slices.Concat(t.list("layouts"), t.list("static"), t.list(wordsDir)) {
		data, where, err := t.file(name)
		if err != nil {
			var p *diag.Errors
			if errors.As(err, &p) {
				problems.Append(p.Problems...)
			} else {
				problems.Add(name, 0, "%v", err)
			}
			continue
		}
		b.Str(where).Num(fingerprint.Of(data))
	}
	return b.Sum(), problems.Err()
}

// serves reports whether layer l holds name.
func (l layer) serves(name string) bool {
	return l.only == "" || strings.HasPrefix(name, l.only+"/")
}

// where is the site-relative path of name in layer l, for messages.
func (l layer) where(name string) string {
	if l.root == "." {
		return name
	}
	return l.root + "/" + name
}

// file returns a theme file from the first layer that has it.
func (t *Theme) file(name string) ([]byte, string, error) {
	for _, l := range t.layers {
		if !l.serves(name) {
			continue
		}
		data, err := fs.ReadFile(l.fsys, name)
		if err == nil {
			return data, l.where(name), nil
		}
		if errors.Is(err, sitefs.ErrOutside) {
			return nil, "", problem(l.where(name), 0, sitefs.ErrOutside.Error())
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, "", problem(l.where(name), 0, fmt.Sprintf("cannot read: %v", err))
		}
	}
	return nil, "", fmt.Errorf("theme: no %s in the theme", name)
}

// list returns the union of file names under dir across layers, sorted.
func (t *Theme) list(dir string) []string {
	set := map[string]bool{}
	for _, l := range t.layers {
		if !l.serves(dir + "/") {
			continue
		}
		_ = fs.WalkDir(l.fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				set[p] = true
			}
			return nil
		})
	}
	return slices.Sorted(maps.Keys(set))
}

// parse builds one template set per page layout: baseof.html and every
// partial, plus the page's own file that defines "main".
func (t *Theme) parse(funcs template.FuncMap) error {
	// The root is named for no file: html/template's New resets an existing
	// template of the same name, funcs and all.
	base := template.New("").Funcs(funcs)
	shared := append([]string{"layouts/baseof.html"}, t.list("layouts/partials")...)
	for _, name := range shared {
		if err := t.parseInto(base, name); err != nil {
			return err
		}
	}
	t.base = base
	t.pages = map[string]*template.Template{}
	for _, name := range t.list("layouts") {
		short := path.Base(name)
		if strings.HasPrefix(name, "layouts/partials/") || short == "baseof.html" || !strings.HasSuffix(name, ".html") {
			continue
		}
		set, err := base.Clone()
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		if err := t.parseInto(set, name); err != nil {
			return err
		}
		if err := checkCycles(set, t.where); err != nil {
			return err
		}
		t.pages[strings.TrimSuffix(short, ".html")] = set
	}
	return nil
}

func (t *Theme) parseInto(set *template.Template, name string) error {
	data, where, err := t.file(name)
	if err != nil {
		return err
	}
	if _, err := set.New(path.Base(name)).Parse(string(data)); err != nil {
		return templateProblem(where, err)
	}
	return nil
}

var templateLine = regexp.MustCompile(`^template: [^:]+:(\d+):(?:\d+:)? ?(.*)$`)

// templateProblem turns a parse error into a positioned problem in the theme file.
func templateProblem(file string, err error) error {
	p := diag.Problem{File: file, Msg: err.Error()}
	if m := templateLine.FindStringSubmatch(err.Error()); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		p.Msg = m[2]
	}
	return &diag.Errors{Problems: []diag.Problem{p}}
}

// Render executes the page layout (such as "release") with data into buf.
func (t *Theme) Render(buf *bytes.Buffer, layout string, data any) error {
	set, ok := t.pages[layout]
	if !ok {
		return fmt.Errorf("theme: no layout %s.html", layout)
	}
	if err := set.ExecuteTemplate(buf, "baseof.html", data); err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	return nil
}

// StaticFiles lists the files under static/, as names relative to it.
func (t *Theme) StaticFiles() []string {
	var out []string
	for _, n := range t.list("static") {
		out = append(out, strings.TrimPrefix(n, "static/"))
	}
	return out
}

// OwnStaticFiles lists the static files of the site's own layers only.
func (t *Theme) OwnStaticFiles() []string {
	own := &Theme{}
	for _, l := range t.layers {
		if l.own {
			own.layers = append(own.layers, l)
		}
	}
	return own.StaticFiles()
}

// Static returns a static file's bytes and where they come from
// ("static/CNAME", "themes/x/static/app.css"), for messages.
func (t *Theme) Static(name string) (data []byte, where string, err error) {
	return t.file("static/" + name)
}

// partialCached renders a partial once per key and build and reuses the
// result, as Hugo's function of that name does: for the header and footer,
// which are the same on every page of a kind. The partial must depend on
// nothing its key does not name.
func (t *Theme) partialCached(name string, data any, key string) (template.HTML, error) {
	k := name + "\x00" + key
	if s, ok := data.(interface{ PartialScope() string }); ok {
		k += "\x00" + s.PartialScope() // a page's language: the header of /de/ is German
	}
	if html, ok := t.cached.Load(k); ok {
		return html.(template.HTML), nil
	}
	// Each call executes afresh, beyond html/template's own depth limit: a
	// partial that calls itself would only end when the stack ran out.
	if t.nesting.Add(1) > maxNesting {
		t.nesting.Add(-1)
		return "", fmt.Errorf("partialCached %q nests over %d calls deep: does it call itself?", name, maxNesting)
	}
	defer t.nesting.Add(-1)
	var buf bytes.Buffer
	if err := t.base.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	html := template.HTML(buf.String()) // html/template escaped it when it ran
	t.cached.Store(k, html)
	return html, nil
}

// checkCycles refuses a layout that always calls itself, directly or
// through others ({{template "x.html"}} or partialCached "x.html" outside
// any if, range or with): html/template would recurse a hundred thousand
// calls deep before it gave up, taking seconds and gigabytes, and through
// partialCached it would never give up. A call inside a condition may be a
// tree's recursion and is left alone (partialCached still bounds it).
func checkCycles(set *template.Template, where func(string) string) error {
	calls := map[string][]string{}
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			calls[t.Name()] = alwaysCalled(t.Tree.Root, nil)
		}
	}
	const (
		unseen = iota
		open
		done
	)
	state := map[string]int{}
	var cycle []string
	var visit func(name string, path []string) bool
	visit = func(name string, path []string) bool {
		switch state[name] {
		case open:
			cycle = append(path, name)
			return true
		case done:
			return false
		}
		state[name] = open
		for _, next := range calls[name] {
			if visit(next, append(path, name)) {
				return true
			}
		}
		state[name] = done
		return false
	}
	for _, n := range slices.Sorted(maps.Keys(calls)) {
		if visit(n, nil) {
			first := cycle[len(cycle)-1]
			for i, c := range cycle {
				if c == first {
					cycle = cycle[i:]
					break
				}
			}
			return problem(where(first), 0, fmt.Sprintf("the layout calls itself without end (%s): call it inside an if, range or with that ends", strings.Join(cycle, " → ")))
		}
	}
	return nil
}

// alwaysCalled lists the templates a node calls whatever the data.
func alwaysCalled(n parse.Node, out []string) []string {
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			out = alwaysCalled(c, out)
		}
	case *parse.TemplateNode:
		out = append(out, n.Name)
	case *parse.ActionNode:
		for _, cmd := range n.Pipe.Cmds {
			if len(cmd.Args) >= 2 {
				if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && id.Ident == "partialCached" {
					if s, ok := cmd.Args[1].(*parse.StringNode); ok {
						out = append(out, s.Text)
					}
				}
			}
		}
	}
	return out
}

// where names the file that defines the template name, for messages.
func (t *Theme) where(name string) string {
	for _, f := range t.list("layouts") {
		if path.Base(f) == name {
			if _, w, err := t.file(f); err == nil {
				return w
			}
		}
	}
	return "layouts/" + name
}
