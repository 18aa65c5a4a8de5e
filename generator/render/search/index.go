package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/render/search/words"
	"github.com/pressroom/pressroom/generator/site"
)

// What a posting's weight byte says of the word in its document: in the
// title, in the summary or subtitle, in a tag, and how often in the body
// (at most maxTF).
const (
	inTitle   = 0x80
	inSummary = 0x40
	inTags    = 0x20
	maxTF     = 0x1f
)

// ChunkSize is how many documents a file of result cards holds.
const ChunkSize = 8

// Sections are the sections the archive search covers, in the order their
// documents are numbered.
var Sections = []string{"press", "blog", "literature"}

// index is the search index of one site in one language, kept from build
// to build in a process that builds again and again (serve), and made
// again from nothing where nothing is kept. Every file it encodes is a
// function of the published site alone: an index updated after an edit
// holds the same bytes as one made from nothing.
type index struct {
	mu   sync.Mutex
	lang string
	// base and zone are the site's base path, which result links begin
	// with, and time zone, in which their dates are written.
	base, zone string

	// forms are numbered by form and stem: two words may fold to one form
	// with two stems ("résumé" and "resume").
	stems, forms interner
	formStem     []uint32   // by form: its stem
	stemForms    [][]uint32 // by stem: its forms
	postings     [][]uint32 // by stem: document<<8 | weight, by document
	formDocs     []int32    // by form: how many documents use it

	docs   []doc
	byPath map[string]int // by page path: the document's number

	// The encoded files and their fingerprints, by name under Dir.
	files map[string][]byte
	keys  map[string]uint64
	names []string // every file, sorted

	layout layout
	// site is the site the index was last brought to.
	site *site.Site
	// postFiles and wordFiles list the stems and forms of each file of
	// the layout, all those numbered up to filed.
	postFiles, wordFiles   [][]uint32
	filedStems, filedForms int

	// once marks an index made for one build and dropped after it: the
	// documents' terms and forms, which only a later update compares
	// with, go as soon as the postings are made from them (at 100,000
	// releases about 250 MB that the rest of the build's work would
	// otherwise share the memory limit with).
	once bool
}

// layout is how many files of each kind the index is split into: a
// function of the number of documents alone, so that an edit never moves
// a word from one file to another.
type layout struct {
	docs, postings, words int
}

func layoutFor(docs int) layout {
	return layout{docs: docs, postings: pow2(docs/12, 1024), words: pow2(docs/48, 256)}
}

// pow2 is the least power of two at least n, between 1 and most.
func pow2(n, most int) int {
	if n <= 1 {
		return 1
	}
	return min(most, 1<<bits.Len(uint(n-1)))
}

// doc is one searchable entry.
type doc struct {
	path    string
	version uint64
	section int // in Sections
	year    int
	terms   []uint32 // stem<<8 | weight, by stem
	forms   []uint32 // sorted
	card    []byte   // its entry in the file of result cards
}

// interner numbers strings in the order it first sees them.
type interner struct {
	ids  map[string]uint32
	list []string
}

func (n *interner) id(s string) (uint32, bool) {
	if id, ok := n.ids[s]; ok {
		return id, false
	}
	if n.ids == nil {
		n.ids = map[string]uint32{}
	}
	id := uint32(len(n.list))
	n.ids[s] = id
	n.list = append(n.list, s)
	return id, true
}

func newIndex(lang string) *index {
	x := &index{lang: lang}
	x.reset()
	return x
}

// reset forgets everything.
func (x *index) reset() {
	x.stems, x.forms = interner{}, interner{}
	x.formStem, x.stemForms, x.postings, x.formDocs = nil, nil, nil, nil
	x.docs, x.byPath = nil, map[string]int{}
	x.files, x.keys, x.names = map[string][]byte{}, map[string]uint64{}, nil
	x.layout, x.site = layout{}, nil
	x.postFiles, x.wordFiles, x.filedStems, x.filedForms = nil, nil, 0, 0
}

// entry is a searchable entry with its place in the index.
type entry struct {
	e       *site.Entry
	section int
}

// searchable lists the entries the index holds, numbered as it numbers
// them: section by section, each oldest first, so that a section's
// documents of one year are one run of numbers.
func searchable(s *site.Site) []entry {
	var out []entry
	for i, name := range Sections {
		sec := s.Section(name)
		if sec == nil {
			continue
		}
		for j := len(sec.Entries) - 1; j >= 0; j-- {
			out = append(out, entry{sec.Entries[j], i})
		}
	}
	return out
}

// update brings the index to the published site s and encodes every file
// whose content changed. It returns the names of the files it encoded.
// When an entry's body cannot be read, the index forgets everything, so
// that the next update starts over.
//
// When s is the site the index was last brought to, refreshed in place
// (site.Refresh) with changes, only the entries changes names can differ,
// and their numbers cannot: the update looks at those alone.
func (x *index) update(s *site.Site, changes *site.Changes) ([]string, error) {
	if base, zone := s.Config.Base.Path, s.Config.Location.String(); base != x.base || zone != x.zone {
		x.reset() // every card links from the base and is dated in the zone
		x.base, x.zone = base, zone
	}
	d := dirty{post: map[int]bool{}, words: map[int]bool{}, chunks: map[int]bool{}}
	if changes != nil && s == x.site {
		if err := x.refresh(s, changes, &d); err != nil {
			x.reset()
			return nil, err
		}
		return x.encode(s, &d), nil
	}
	x.site = s
	entries := searchable(s)
	same := len(entries) == len(x.docs)
	for i := 0; same && i < len(entries); i++ {
		same = x.docs[i].path == entries[i].e.Path
	}
	// Analyse what is new or changed, keeping the rest.
	next := make([]doc, len(entries))
	var todo []int
	for i, en := range entries {
		if j, ok := x.byPath[en.e.Path]; ok && x.docs[j].version == en.e.Version {
			next[i] = x.docs[j]
			next[i].section = en.section
			continue
		}
		todo = append(todo, i)
	}
	if err := x.analyze(s, entries, next, todo); err != nil {
		x.reset()
		return nil, err
	}
	lay := layoutFor(len(entries))
	if same && lay == x.layout {
		for _, i := range todo {
			x.diff(i, &x.docs[i], &next[i], &d)
		}
		x.docs = next
		d.meta = true
	} else {
		x.docs, x.layout, d.all = next, lay, true
		x.byPath = make(map[string]int, len(next))
		for i := range next {
			x.byPath[next[i].path] = i
		}
		x.invert()
		if x.once {
			for i := range x.docs {
				x.docs[i].terms, x.docs[i].forms = nil, nil
			}
		}
	}
	return x.encode(s, &d), nil
}

// refresh analyses again the documents of the entries whose Version
// changes says changed.
func (x *index) refresh(s *site.Site, changes *site.Changes, d *dirty) error {
	var entries []entry
	var ids []int
	for _, e := range changes.Versions {
		if i, ok := x.byPath[e.Path]; ok && x.docs[i].version != e.Version {
			entries, ids = append(entries, entry{e, x.docs[i].section}), append(ids, i)
		}
	}
	if len(entries) == 0 {
		return nil
	}
	next := make([]doc, len(entries))
	todo := make([]int, len(entries))
	for i := range todo {
		todo[i] = i
	}
	if err := x.analyze(s, entries, next, todo); err != nil {
		return err
	}
	for k, i := range ids {
		x.diff(i, &x.docs[i], &next[k], d)
		x.docs[i] = next[k]
	}
	return nil
}

// dirty are the files an update must encode again.
type dirty struct {
	all                 bool // every file
	meta                bool // the metadata
	post, words, chunks map[int]bool
}

// analyze reads the entries numbered todo into next, in parallel.
func (x *index) analyze(s *site.Site, entries []entry, next []doc, todo []int) error {
	if len(todo) == 0 {
		return nil
	}
	workers := min(runtime.GOMAXPROCS(0), (len(todo)+63)/64)
	var mu sync.Mutex // guards the interners
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Go(func() {
			a := newAnalyzer(x, &mu)
			for k := w; k < len(todo) && errs[w] == nil; k += workers {
				i := todo[k]
				next[i], errs[w] = a.doc(s, entries[i])
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// analyzer reads documents for one worker: each word it meets is analysed
// and numbered once. What a document holds is counted in slices by number,
// stamped with the document they count for, rather than in maps.
type analyzer struct {
	x     *index
	mu    *sync.Mutex
	words *words.Analyzer
	seen  map[string][2]uint32 // lowercased word -> form, stem
	buf   []byte

	n            uint32   // the document being read, from 1
	weight       []uint8  // by stem
	stemStamp    []uint32 // by stem: the document weight counts for
	formStamp    []uint32 // by form: the last document that used it
	stems, forms []uint32 // those the document holds
}

func newAnalyzer(x *index, mu *sync.Mutex) *analyzer {
	return &analyzer{x: x, mu: mu, words: words.NewAnalyzer(x.lang), seen: map[string][2]uint32{}}
}

// word numbers a lowercased word's form and stem.
func (a *analyzer) word(lower []byte) [2]uint32 {
	if ids, ok := a.seen[string(lower)]; ok {
		return ids
	}
	w := a.words.Analyze(lower)
	a.mu.Lock()
	stem, newStem := a.x.stems.id(w.Stem)
	if newStem {
		a.x.stemForms = append(a.x.stemForms, nil)
	}
	form, newForm := a.x.forms.id(w.Form + "\t" + w.Stem)
	if newForm {
		a.x.formStem = append(a.x.formStem, stem)
		a.x.stemForms[stem] = append(a.x.stemForms[stem], form)
	}
	a.mu.Unlock()
	ids := [2]uint32{form, stem}
	a.seen[string(lower)] = ids
	for int(stem) >= len(a.weight) {
		a.weight, a.stemStamp = append(a.weight, 0), append(a.stemStamp, 0)
	}
	for int(form) >= len(a.formStamp) {
		a.formStamp = append(a.formStamp, 0)
	}
	return ids
}

func (a *analyzer) text(text string, field uint8) {
	a.buf = words.Scan(text, a.buf, func(lower []byte) {
		ids := a.word(lower)
		form, stem := ids[0], ids[1]
		if a.formStamp[form] != a.n {
			a.formStamp[form] = a.n
			a.forms = append(a.forms, form)
		}
		if a.stemStamp[stem] != a.n {
			a.stemStamp[stem] = a.n
			a.weight[stem] = 0
			a.stems = append(a.stems, stem)
		}
		w := a.weight[stem]
		if field == 0 {
			if w&maxTF < maxTF {
				w++
			}
		} else {
			w |= field
		}
		a.weight[stem] = w
	})
}

func (a *analyzer) doc(s *site.Site, en entry) (doc, error) {
	e := en.e
	body, err := e.HTML()
	if err != nil {
		return doc{}, err
	}
	a.n++
	a.stems, a.forms = a.stems[:0], a.forms[:0]
	a.text(e.Title, inTitle)
	a.text(e.Item.Front.Summary, inSummary) // not one made of the body's beginning, which the body counts
	a.text(e.Item.Front.Subtitle, inSummary)
	for _, t := range e.Tags {
		a.text(t.Name, inTags)
	}
	words.HTMLText(string(body), func(text string) { a.text(text, 0) })
	d := doc{path: e.Path, version: e.Version, section: en.section, year: e.Date.In(s.Config.Location).Year(),
		terms: make([]uint32, len(a.stems)), forms: slices.Clone(a.forms)}
	for i, stem := range a.stems {
		d.terms[i] = stem<<8 | uint32(a.weight[stem])
	}
	slices.Sort(d.terms)
	slices.Sort(d.forms)
	d.card = card(s, e, en.section)
	return d, nil
}

// card is what a result shows of an entry, as a JSON array: link, title,
// date, section and summary.
func card(s *site.Site, e *site.Entry, section int) []byte {
	summary := e.Summary
	if summary == "" {
		summary = e.Item.Front.Subtitle
	}
	out := make([]byte, 0, 64+len(e.Path)+len(e.Title)+len(summary))
	out = append(out, '[')
	out = appendJSON(out, s.Href(e.Path))
	out = append(out, ',')
	out = appendJSON(out, e.Title)
	out = append(out, ',', '"')
	out = e.Date.In(s.Config.Location).AppendFormat(out, "2006-01-02")
	out = append(out, '"', ',')
	out = strconv.AppendInt(out, int64(section), 10)
	out = append(out, ',')
	out = appendJSON(out, clip(summary, 300))
	return append(out, ']')
}

// appendJSON appends s as a JSON string, escaping what JSON requires and
// <, > and & as encoding/json does.
func appendJSON(out []byte, s string) []byte {
	const hex = "0123456789abcdef"
	out = append(out, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			out = append(out, '\\', c)
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			out = append(out, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9):
			out = append(out, '\\', 'u', '2', '0', '2', hex[s[i+2]&0xf]) // U+2028, U+2029
			i += 2
		default:
			out = append(out, c)
		}
	}
	return append(out, '"')
}

// clip shortens text to at most n bytes, at a word's end, with an ellipsis.
func clip(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], " ,;:.") + "…"
}

// diff applies the change of document i from old to new to the postings
// and the counts of forms, marking what it touches.
func (x *index) diff(i int, old, new *doc, d *dirty) {
	d.chunks[i/ChunkSize] = true
	o, n := old.terms, new.terms
	for len(o) > 0 || len(n) > 0 {
		switch {
		case len(n) == 0 || len(o) > 0 && o[0]>>8 < n[0]>>8:
			x.setPosting(o[0]>>8, i, 0, d)
			o = o[1:]
		case len(o) == 0 || n[0]>>8 < o[0]>>8:
			x.setPosting(n[0]>>8, i, uint8(n[0]), d)
			n = n[1:]
		default:
			if o[0] != n[0] {
				x.setPosting(n[0]>>8, i, uint8(n[0]), d)
			}
			o, n = o[1:], n[1:]
		}
	}
	of, nf := old.forms, new.forms
	for len(of) > 0 || len(nf) > 0 {
		switch {
		case len(nf) == 0 || len(of) > 0 && of[0] < nf[0]:
			x.countForm(of[0], -1, d)
			of = of[1:]
		case len(of) == 0 || nf[0] < of[0]:
			x.countForm(nf[0], 1, d)
			nf = nf[1:]
		default:
			of, nf = of[1:], nf[1:]
		}
	}
}

// setPosting sets document i's weight for a stem, 0 removing it.
func (x *index) setPosting(stem uint32, i int, w uint8, d *dirty) {
	for int(stem) >= len(x.postings) {
		x.postings = append(x.postings, nil)
	}
	list := x.postings[stem]
	at, found := slices.BinarySearchFunc(list, uint32(i), func(p, doc uint32) int { return int(p>>8) - int(doc) })
	before := len(list)
	switch {
	case found && w == 0:
		list = slices.Delete(list, at, at+1)
	case found:
		list[at] = uint32(i)<<8 | uint32(w)
	case w != 0:
		list = slices.Insert(list, at, uint32(i)<<8|uint32(w))
	}
	x.postings[stem] = list
	d.post[x.postingFile(x.stems.list[stem])] = true
	if before != len(list) {
		x.stemCounted(stem, d) // its document count shows beside its forms
	}
}

// stemCounted marks the word files that show a stem's document count.
func (x *index) stemCounted(stem uint32, d *dirty) {
	for _, form := range x.stemForms[stem] {
		if int(form) < len(x.formDocs) && x.formDocs[form] > 0 {
			d.words[x.formFile(form)] = true
		}
	}
}

func (x *index) countForm(form uint32, by int32, d *dirty) {
	for int(form) >= len(x.formDocs) {
		x.formDocs = append(x.formDocs, 0)
	}
	x.formDocs[form] += by
	d.words[x.formFile(form)] = true
}

// invert makes the postings and counts of forms from the documents.
func (x *index) invert() {
	x.postings = make([][]uint32, len(x.stems.list))
	df := make([]int32, len(x.stems.list))
	for _, d := range x.docs {
		for _, t := range d.terms {
			df[t>>8]++
		}
	}
	for stem, n := range df {
		if n > 0 {
			x.postings[stem] = make([]uint32, 0, n)
		}
	}
	x.formDocs = make([]int32, len(x.forms.list))
	for i, d := range x.docs {
		for _, t := range d.terms {
			x.postings[t>>8] = append(x.postings[t>>8], uint32(i)<<8|t&0xff)
		}
		for _, f := range d.forms {
			x.formDocs[f]++
		}
	}
}

// Hash is the FNV-1a hash of a word, which names the file holding it; the
// client computes the same.
func Hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

func (x *index) postingFile(stem string) int { return int(Hash(stem) % uint32(x.layout.postings)) }

// wordFile is the file of words that holds a form: by its first two
// letters, so that the word being typed finds every word it begins.
func (x *index) wordFile(form string) int { return int(Hash(Prefix(form)) % uint32(x.layout.words)) }

// formFile is the words file of a numbered form.
func (x *index) formFile(form uint32) int {
	key := x.forms.list[form]
	return x.wordFile(key[:strings.IndexByte(key, '\t')])
}

// Prefix is the first two letters of a form, by which words files group
// forms.
func Prefix(form string) string {
	_, a := utf8.DecodeRuneInString(form)
	_, b := utf8.DecodeRuneInString(form[a:])
	return form[:a+b]
}

// File names under Dir.
func postingName(n int) string { return "p/" + strconv.Itoa(n) + ".bin" }
func wordName(n int) string    { return "w/" + strconv.Itoa(n) + ".txt" }
func chunkName(n int) string   { return "d/" + strconv.Itoa(n) + ".json" }

// MetaName is the index's metadata file under Dir, the one file a search
// reads first.
const MetaName = "meta.json"

// encode writes again every file d marks (all of them with d.all) and
// returns their names.
func (x *index) encode(s *site.Site, d *dirty) []string {
	lay := x.layout
	if d.all {
		x.files, x.keys = map[string][]byte{}, map[string]uint64{}
		x.names = x.names[:0]
		for n := range lay.postings {
			d.post[n] = true
			x.names = append(x.names, postingName(n))
		}
		for n := range lay.words {
			d.words[n] = true
			x.names = append(x.names, wordName(n))
		}
		for n := range (lay.docs + ChunkSize - 1) / ChunkSize {
			d.chunks[n] = true
			x.names = append(x.names, chunkName(n))
		}
		x.names = append(x.names, MetaName)
		slices.Sort(x.names)
		x.postFiles, x.wordFiles = make([][]uint32, lay.postings), make([][]uint32, lay.words)
		x.filedStems, x.filedForms = 0, 0
	}
	for ; x.filedStems < len(x.stems.list); x.filedStems++ {
		n := x.postingFile(x.stems.list[x.filedStems])
		x.postFiles[n] = append(x.postFiles[n], uint32(x.filedStems))
	}
	for ; x.filedForms < len(x.forms.list); x.filedForms++ {
		n := x.formFile(uint32(x.filedForms))
		x.wordFiles[n] = append(x.wordFiles[n], uint32(x.filedForms))
	}
	var written []string
	set := func(name string, data []byte) {
		x.files[name] = data
		x.keys[name] = fingerprint.New("search").Str(name).Num(fingerprint.Of(data)).Sum()
		written = append(written, name)
	}
	for n := range d.post {
		var stems []uint32
		for _, stem := range x.postFiles[n] {
			if int(stem) < len(x.postings) && len(x.postings[stem]) > 0 {
				stems = append(stems, stem)
			}
		}
		set(postingName(n), x.encodePostings(stems))
	}
	for n := range d.words {
		var forms []uint32
		for _, form := range x.wordFiles[n] {
			if int(form) < len(x.formDocs) && x.formDocs[form] > 0 {
				forms = append(forms, form)
			}
		}
		set(wordName(n), x.encodeWords(forms))
	}
	for n := range d.chunks {
		set(chunkName(n), x.encodeChunk(n))
	}
	if d.all || d.meta {
		set(MetaName, x.encodeMeta(s))
	}
	return written
}

// encodePostings writes the postings of stems: for each, sorted by stem,
// its length and bytes, its number of documents, then for each document
// the difference of its number from the one before and its weight byte,
// numbers as unsigned varints.
func (x *index) encodePostings(stems []uint32) []byte {
	slices.SortFunc(stems, func(a, b uint32) int { return strings.Compare(x.stems.list[a], x.stems.list[b]) })
	var out []byte
	for _, stem := range stems {
		s, list := x.stems.list[stem], x.postings[stem]
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
		out = binary.AppendUvarint(out, uint64(len(list)))
		prev := uint32(0)
		for _, p := range list {
			out = binary.AppendUvarint(out, uint64(p>>8-prev))
			out = append(out, byte(p))
			prev = p >> 8
		}
	}
	return out
}

// encodeWords writes one line per form, sorted: the form, its stem (empty
// when the same), and the stem's number of documents, tab-separated.
func (x *index) encodeWords(forms []uint32) []byte {
	slices.SortFunc(forms, func(a, b uint32) int { return strings.Compare(x.forms.list[a], x.forms.list[b]) })
	var out []byte
	for _, form := range forms {
		key, stem := x.forms.list[form], x.formStem[form]
		f, s := key[:strings.IndexByte(key, '\t')], x.stems.list[stem]
		out = append(out, f...)
		out = append(out, '\t')
		if s != f {
			out = append(out, s...)
		}
		out = append(out, '\t')
		out = strconv.AppendInt(out, int64(len(x.postings[stem])), 10)
		out = append(out, '\n')
	}
	return out
}

func (x *index) encodeChunk(n int) []byte {
	out := []byte{'['}
	for i := n * ChunkSize; i < min(len(x.docs), (n+1)*ChunkSize); i++ {
		if i > n*ChunkSize {
			out = append(out, ',')
		}
		out = append(out, x.docs[i].card...)
	}
	return append(out, "]\n"...)
}

// Meta is the index's metadata: how its files are split, and the sections
// and years its documents are numbered by.
type Meta struct {
	Version  int           `json:"version"`
	Lang     string        `json:"lang"`
	Docs     int           `json:"docs"`
	Postings int           `json:"postings"` // files p/0.bin ... of postings, by Hash(stem) % Postings
	Words    int           `json:"words"`    // files w/0.txt ... of forms, by Hash(Prefix(form)) % Words
	Chunk    int           `json:"chunk"`    // result cards per file d/N.json
	Sections []MetaSection `json:"sections"`
}

// MetaSection is a section of the index: its documents are numbered
// First to First+Count-1, oldest first, Years the runs of each year.
type MetaSection struct {
	Name  string   `json:"name"`
	Title string   `json:"title"`
	Href  string   `json:"href"`
	First int      `json:"first"`
	Count int      `json:"count"`
	Years [][3]int `json:"years"` // year, first, count
}

func (x *index) encodeMeta(s *site.Site) []byte {
	m := Meta{Version: 1, Lang: x.lang, Docs: len(x.docs), Postings: x.layout.postings, Words: x.layout.words, Chunk: ChunkSize,
		Sections: []MetaSection{}}
	for i, name := range Sections {
		sec := s.Section(name)
		if sec == nil || len(sec.Entries) == 0 {
			continue
		}
		ms := MetaSection{Name: name, Title: sec.Title, Href: s.Href(sec.Path), First: -1, Years: [][3]int{}}
		for id, d := range x.docs {
			if d.section != i {
				continue
			}
			if ms.First < 0 {
				ms.First = id
			}
			ms.Count++
			if n := len(ms.Years); n > 0 && ms.Years[n-1][0] == d.year {
				ms.Years[n-1][2]++
			} else {
				ms.Years = append(ms.Years, [3]int{d.year, id, 1})
			}
		}
		m.Sections = append(m.Sections, ms)
	}
	data, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("search: encoding the metadata: %v", err))
	}
	return append(data, '\n')
}
