// Package search writes the archive search's index: every published press
// release, post and piece of literature of one site, in its language, by
// the words of its title, summary, subtitle, tags and body, for a client
// in the browser that needs no server (themes/default/static/js/search.js;
// the page /search/ itself is one of the pages output's). Only the
// published site reaches it, so a held item has no word in any file.
//
// The index is split the way Pagefind splits its own, so that a query
// fetches only the few files its words need, under Dir:
//
//	meta.json   what the rest is split into; sections and years by document number
//	w/N.txt     words files: each form of a word as written (lowercased, folded)
//	            with its stem and the stem's number of documents, one per line,
//	            grouped by Hash of the form's first two letters: the word being
//	            typed finds every word it begins in one file, and the browser
//	            needs no stemmer, as the index stems for it
//	p/N.bin     postings: for each stem (by Hash of the stem), the documents that
//	            hold it and a weight byte (title, summary, tags, body count)
//	d/N.json    result cards, ChunkSize documents to a file: link, title, date,
//	            section and summary
//
// How many files of each kind depends on the number of documents alone,
// so an edit of a text rewrites only the files of the words it changed.
// In a process that builds again and again (serve) the index is kept and
// updated (render.Env.Kept); every file it writes is the same as one made
// from nothing.
package search

import (
	"strings"

	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

// Output writes the search index.
var Output = render.Output{Name: "search", Plan: plan}

// Dir is where a site's search page and index live, under its base: the
// one place that says so.
func Dir(s *site.Site) string { return s.Prefix + "search/" }

// Lang is the language a site's index is made for.
func Lang(s *site.Site) string { return s.Config.Language }

func plan(env *render.Env) []render.Task {
	s := env.Site
	lang, dir := Lang(s), Dir(s)
	kept, _ := env.Kept.Get("search "+dir+" "+lang, func() any { return newIndex(lang) }).(*index)
	if kept == nil {
		// Nothing is kept: one task makes the index beside the other
		// outputs' work, rather than before any of it starts.
		return []render.Task{render.Always(func(out output.Writer) error {
			x := newIndex(lang)
			x.once = true
			return build(out, x, s, dir)
		})}
	}
	kept.mu.Lock()
	defer kept.mu.Unlock()
	if kept.site == nil && env.Changes == nil {
		// The first build of the process: indexing every entry is work,
		// not planning, so one task does it beside the rest (and serve's
		// first page is not kept waiting for it). The next build plans
		// the kept index's files by their keys.
		// Each file it writes is recorded under the key the next build
		// plans it with, so that a first edit rewrites what it changed,
		// not the whole index (100,000 releases: 17,000 files).
		return []render.Task{{Run: func(out output.Writer) error {
			kept.mu.Lock()
			defer kept.mu.Unlock()
			return build(out, kept, s, dir)
		}, Split: func(name string) uint64 {
			kept.mu.Lock()
			defer kept.mu.Unlock()
			return kept.keys[strings.TrimPrefix(name, dir)]
		}}}
	}
	written, err := kept.update(s, env.Changes)
	if err != nil {
		return []render.Task{render.Always(func(output.Writer) error { return err })}
	}
	names := kept.names
	if env.Changes != nil {
		// A refresh keeps every task it does not plan; the kept index was
		// last brought to what the served build holds (whose record has
		// each file under its key, the first build's too), and it changed
		// only what it wrote. Those are planned, unless their bytes came
		// out the same.
		names = written
	}
	tasks := make([]render.Task, 0, len(names))
	for _, name := range names {
		id, key, data := dir+name, kept.keys[name], kept.files[name]
		if env.Changes != nil && env.Reused(id, key) {
			continue
		}
		tasks = append(tasks, render.Task{Key: key, ID: id, Run: func(out output.Writer) error {
			return output.WriteParts(out, id, [][]byte{data})
		}})
	}
	return tasks
}

// build brings x to s from nothing and writes every file of it under dir.
func build(out output.Writer, x *index, s *site.Site, dir string) error {
	if _, err := x.update(s, nil); err != nil {
		return err
	}
	// The output may keep the index's own bytes rather than a copy
	// (output.WriteParts): an update makes new ones, never changing these.
	for _, name := range x.names {
		if err := output.WriteParts(out, dir+name, [][]byte{x.files[name]}); err != nil {
			return err
		}
		if x.once {
			delete(x.files, name) // written; nothing reads it again
		}
	}
	return nil
}

// Files makes the index of s from nothing: its files by name under Dir.
func Files(s *site.Site) (map[string][]byte, error) {
	x := newIndex(Lang(s))
	if _, err := x.update(s, nil); err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(x.names))
	for _, name := range x.names {
		out[Dir(s)+name] = x.files[name]
	}
	return out, nil
}
