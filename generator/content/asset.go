package content

import (
	"encoding/binary"
	"path"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/fingerprint"
)

// Asset is a file of the asset library (content/assets/) or of a bundle,
// with the metadata of its sidecar (NAME.EXT.yaml or NAME.EXT.toml).
type Asset struct {
	// Name is the path under content/assets/ for library files ("logos/x.svg"),
	// or under the bundle folder for bundle files ("photo.jpg").
	Name    string
	Source  string // the file, relative to the site root
	Size    int64
	ModTime time.Time
	Sidecar string // the sidecar file relative to the site root, or ""
	Meta    AssetMeta
	// Hash is the SHA-256 of the file's bytes, set by the build after
	// loading (from a table checked by stat, see diskcache.Sums); zero
	// when the build keeps nothing for later builds and needs none.
	Hash    [32]byte
	changes uint64 // changes a watcher reported (see Cache.Changed)
}

// Version fingerprints the file and its sidecar, for reusing what was made
// from it in an earlier build: by its bytes (Hash) where the build hashed
// them, and by size and modification time, which alone miss an edit in
// place that keeps both, as the disk cache's kits once did.
func (a *Asset) Version() uint64 {
	b := fingerprint.New("asset").Str(a.Source).Num(uint64(a.Size)).Time(a.ModTime).Num(a.Meta.Version).Num(a.changes)
	if a.Hash != ([32]byte{}) {
		for i := 0; i < len(a.Hash); i += 8 {
			b.Num(binary.LittleEndian.Uint64(a.Hash[i:]))
		}
	}
	return b.Sum()
}

// AssetMeta is what a sidecar says about its file.
type AssetMeta struct {
	Title   string
	Alt     string
	Caption string
	Credit  string
	License string
	Tags    []string
	Embargo time.Time
	Lines   map[string]int
	Version uint64 // fingerprint of the sidecar's bytes; 0 without one
	// CheckIgnore are the `pressroom check` rules silenced for the file.
	CheckIgnore []string

	// From says where each of title, alt, caption, credit and license came
	// from: FromSidecar, or the photo's own FromIPTC, FromXMP or FromEXIF
	// metadata, which fills what the sidecar leaves out. A key without a
	// value is not in it.
	From map[string]string
	// Orientation is a JPEG's or PNG's EXIF orientation, 1 to 8 (5 to 8
	// turn it a quarter, swapping width and height); 0 when it has none.
	Orientation int
}

// sidecarTarget returns the file a sidecar describes ("photo.jpg" for
// "photo.jpg.yaml"). Only NAME.EXT.yaml is a sidecar: a plain "data.yaml"
// is an asset of its own.
func sidecarTarget(name string) (string, bool) {
	for _, ext := range []string{".yaml", ".yml", ".toml"} {
		if base, ok := strings.CutSuffix(name, ext); ok && path.Ext(base) != "" {
			return base, true
		}
	}
	return "", false
}

// readSidecar parses a sidecar file: a YAML or TOML table, no delimiters.
func readSidecar(abs, rel string, loc *time.Location, problems *diag.List) AssetMeta {
	src, err := readFile(abs)
	if err != nil {
		if big, ok := err.(*tooLarge); ok {
			problems.Add(rel, 1, "%v: a sidecar holds a few lines about its file (title, caption, credit, license)", big)
		} else {
			problems.Add(rel, 0, "cannot read sidecar: %v", err)
		}
		return AssetMeta{}
	}
	return parseSidecar(src, rel, loc, problems)
}

// parseSidecar reads a sidecar's bytes; rel names the file (its extension
// says YAML or TOML).
func parseSidecar(src []byte, rel string, loc *time.Location, problems *diag.List) AssetMeta {
	parse := parseYAML
	if strings.HasSuffix(rel, ".toml") {
		parse = parseTOML
	}
	f, err := parse(src, 1)
	if err != nil {
		reportSyntax(problems, rel, err)
		return AssetMeta{}
	}
	respell(f, rel, problems)
	d := &decoder{file: rel, fields: f, loc: loc, problems: problems}
	d.checkKeys("sidecar")
	return AssetMeta{
		Title:   d.str("title"),
		Alt:     d.str("alt"),
		Caption: d.str("caption"),
		Credit:  d.str("credit"),
		License: d.str("license"),
		Tags:    d.list("tags"),
		Embargo: d.date("embargo"),
		Lines:   d.lines(),
		Version: fingerprint.Of(src),

		CheckIgnore: d.list("checkIgnore"),
	}
}

// sidecarSpellings are the other spellings of sidecar keys, each with the
// key it spells: pages and kits print "Licence", and British English
// writes it so.
var sidecarSpellings = map[string]string{"licence": "license"}

// respell files each key written in another spelling under its key. Both
// spellings in one sidecar are one key written twice: an error at the
// later line.
func respell(f fields, rel string, problems *diag.List) {
	for other, key := range sidecarSpellings {
		o, ok := f[other]
		if !ok {
			continue
		}
		delete(f, other)
		if k, both := f[key]; both {
			later, line, earlier, first := other, o.line, key, k.line
			if o.line < k.line {
				later, line, earlier, first = key, k.line, other, o.line
			}
			problems.Add(rel, line, "%s: %s on line %d is the same key, spelt the other way: keep one of the two lines", later, earlier, first)
			continue
		}
		f[key] = o
	}
}

func reportSyntax(problems *diag.List, file string, err error) {
	if se, ok := err.(*syntaxError); ok {
		problems.Add(file, se.line, "%s", se.msg)
		return
	}
	problems.Add(file, 0, "%v", err)
}
