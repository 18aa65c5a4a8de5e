// Package kits writes the downloadable press kits: ZIP archives that hold,
// under one folder named after the organisation and the kit, a README.txt
// for people, a manifest.json (path, bytes, SHA-256, title, credit, licence
// of every file) and the files themselves. Three kinds exist: the
// organisation's (/press-kit.zip: logos, boilerplate, literature, contacts),
// one per release (/press/SLUG/press-kit.zip: the release as Markdown and as
// HTML, its assets in original resolution, its contacts' vCards), and one per
// [[presskits]] entry of config.toml (/press-kits/NAME.zip).
//
// Kits are byte-identical from build to build: entries are sorted, their
// times come from the content, never the clock, and they are streamed to the
// output rather than built in memory.
package kits

import (
	"fmt"
	"time"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

// Output writes every press kit.
var Output = render.Output{Name: "kits", Plan: plan}

// Kit is one planned archive.
type Kit struct {
	Path   string // where it is published, under the base: "press/x/press-kit.zip"
	Folder string // the one top folder inside it
	Title  string
	About  string    // what the README says the kit is
	Date   time.Time // every entry's modification time
	URL    string    // the page the kit belongs to
	// Contacts are the media contacts its README names.
	Contacts []*config.Contact
	Files    []File
	// Lang is the kit's language, t its words: its README and folder
	// speak the language of the pages that link it.
	Lang string
	t    func(id string, pairs ...any) string
}

// File is one entry of a kit, below its folder.
type File struct {
	Path   string // "assets/photo.jpg"
	Source string // a file to copy, relative to the site root; or
	Data   []byte // the bytes themselves; or
	// Make makes them when the kit is written: planning ten thousand kits
	// must not hold ten thousand HTML files in memory.
	Make  func() ([]byte, error)
	Asset *content.Asset // the library or bundle file it is, for credits
	// Version fingerprints Source's contents (see package fingerprint).
	Version uint64
}

// ReleasePath is where a release's kit is published.
func ReleasePath(e *site.Entry) string { return e.Path + "press-kit.zip" }

// OrganizationPath is where the organisation's kit is published: in the
// default language; another's is under its prefix (OrganizationPathIn).
const OrganizationPath = "press-kit.zip"

// OrganizationPathIn is where the organisation's kit in the language of s is published.
func OrganizationPathIn(s *site.Site) string { return s.Prefix + OrganizationPath }

// NamedPath is where a [[presskits]] kit is published, in the language of s.
func NamedPath(s *site.Site, name string) string { return s.Prefix + "press-kits/" + name + ".zip" }

func plan(env *render.Env) []render.Task {
	s := env.Site
	tasks := make([]render.Task, 0, env.Room(len(s.Entries)+8))
	seed := releaseSeed(env)
	words := func(k *Kit) *Kit {
		k.Lang, k.t = s.Lang, func(id string, pairs ...any) string { return env.Theme.T(s.Lang, id, pairs...) }
		return k
	}
	entries := kitEntries(s)
	for i := range env.Changed(entries) { // a refresh keeps the others' kits (a key covers its entry alone)
		e := entries[i]
		// The kit is put together when it is written, not when planned:
		// ten thousand kits' contents are costly and mostly reused.
		key, id := seed.With(e.Version), ReleasePath(e)
		if env.Reused(id, key) {
			tasks = append(tasks, render.Task{Key: key, ID: id})
			continue
		}
		tasks = append(tasks, render.Task{Key: key, ID: id, Run: func(out output.Writer) error {
			return cached(env, out, words(releaseKit(s, e, env.Theme.T)))
		}})
	}
	for _, k := range append([]*Kit{organizationKit(s, env.Theme.T)}, namedKits(s, env.Theme.T)...) {
		words(k)
		tasks = append(tasks, render.Task{Key: key(env, k), ID: k.Path, Run: func(out output.Writer) error {
			return cached(env, out, k)
		}})
	}
	return tasks
}

// kitEntries are the entries with a kit of their own: every release, and
// every event with assets.
func kitEntries(s *site.Site) []*site.Entry {
	var out []*site.Entry
	if sec := s.Section("press"); sec != nil {
		out = sec.Entries
	}
	if sec := s.Section("events"); sec != nil {
		for _, e := range sec.Entries {
			if len(e.Assets) > 0 {
				out = append(out[:len(out):len(out)], e)
			}
		}
	}
	return out
}

// releaseSeed starts the fingerprints of release kits within one process:
// each adds its entry's Version, which covers everything of it the kit
// holds (its file, HTML, assets, literature, date); the configuration
// covers the organisation and the contacts.
func releaseSeed(env *render.Env) fingerprint.Builder {
	return *fingerprint.New("release-kit").Num(env.Site.Config.Version).Str(env.Site.Config.BaseURL).Str(env.Site.Lang).Num(env.Theme.WordsVersion)
}

// key fingerprints a kit by everything that goes into it, and by the
// program that makes it, since it may be reused by a later process.
func key(env *render.Env, k *Kit) uint64 {
	b := fingerprint.New("kit").Num(fingerprint.Program()).Num(env.Site.Config.Version).Str(env.Site.Config.BaseURL).Str(k.Lang).Num(env.Theme.WordsVersion).Str(k.Path).Str(k.Folder).Num(fingerprint.Of([]byte(k.Title + "\x00" + k.About))).Time(k.Date)
	for _, f := range k.Files {
		b.Str(f.Path).Str(f.Source).Num(fingerprint.Of(f.Data)).Num(f.Version)
	}
	return b.Sum()
}

// cached publishes a kit from the disk cache, making it there first when
// no earlier build did; the output links it rather than copying it (a hard
// link on disk, a reference in serve's memory). Without a usable cache the
// kit is written straight to the output.
func cached(env *render.Env, out output.Writer, k *Kit) error {
	name := fmt.Sprintf("%016x.zip", key(env, k))
	if fingerprint.Program() == 0 || env.DiskCache == "" {
		return write(out, env.Source, k)
	}
	if !env.DiskCache.Has("kits", name) {
		w := env.DiskCache.Create("kits", name)
		if w == nil {
			return write(out, env.Source, k)
		}
		if err := writeZip(w, env.Source, k); err != nil {
			w.Abort() // never cache half a kit
			return err
		}
		w.Close()
		if !env.DiskCache.Has("kits", name) {
			return write(out, env.Source, k)
		}
	}
	return out.Link(k.Path, env.DiskCache.Path("kits", name))
}
