// Package diskcache is the folder where builds keep work for later builds,
// in every process: image derivatives, press kits and converted Markdown,
// each named by a fingerprint of everything it was made from. It is neither source nor
// output: deleting it only costs time. Entries are written to a temporary
// file and renamed into place, so that two builds at once never read half
// an entry, and a cache that cannot be written only costs time too. Builds
// record which entries they used, and entries no build used for a month
// are pruned (prune.go).
package diskcache

import (
	"io"
	"os"
	"path/filepath"

	"github.com/pressroom/pressroom/generator/wholefile"
)

// Dir is a cache folder; "" caches nothing.
type Dir string

// Default is $PRESSROOM_CACHE, else pressroom/ in the user's cache folder.
func Default() Dir {
	if d := os.Getenv("PRESSROOM_CACHE"); d != "" {
		return Dir(d)
	}
	if d, err := os.UserCacheDir(); err == nil {
		return Dir(filepath.Join(d, "pressroom"))
	}
	return ""
}

// Path is where an entry of a kind lives, whether or not it exists.
func (d Dir) Path(kind, name string) string {
	return filepath.Join(string(d), kind, name)
}

// Get reads an entry.
func (d Dir) Get(kind, name string) ([]byte, bool) {
	if d == "" {
		return nil, false
	}
	data, err := wholefile.Read(d.Path(kind, name), -1)
	if err == nil {
		use(kind, name)
	}
	return data, err == nil
}

// Has reports whether an entry exists.
func (d Dir) Has(kind, name string) bool {
	if d == "" {
		return false
	}
	_, err := os.Stat(d.Path(kind, name))
	if err == nil {
		use(kind, name)
	}
	return err == nil
}

// Put stores an entry.
func (d Dir) Put(kind, name string, data []byte) {
	w := d.Create(kind, name)
	if w == nil {
		return
	}
	if _, err := w.Write(data); err != nil {
		w.Abort()
		return
	}
	w.Close()
}

// Writer streams an entry into the cache; Close puts it in place.
type Writer struct {
	f          *os.File
	kind, name string
	dest       string
	err        error
	aborted    bool
}

// Create starts an entry, or returns nil when the cache is off or unwritable.
func (d Dir) Create(kind, name string) *Writer {
	if d == "" {
		return nil
	}
	dir := filepath.Join(string(d), kind)
	if os.MkdirAll(dir, 0o755) != nil {
		return nil
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return nil
	}
	return &Writer{f: f, kind: kind, name: name, dest: filepath.Join(dir, name)}
}

func (w *Writer) Write(p []byte) (int, error) {
	if w.err != nil {
		return len(p), nil // the cache is best effort: never fail the build
	}
	if _, err := w.f.Write(p); err != nil {
		w.err = err
	}
	return len(p), nil
}

// Close puts the entry in place, unless writing it failed or it was aborted.
func (w *Writer) Close() {
	if w.aborted {
		return
	}
	err := w.f.Close()
	// Read-only for everyone: builds publish entries by hard link, so the
	// published file must be readable by a web server and must not be
	// changed in place, which would change the entry for later builds.
	if err == nil {
		err = os.Chmod(w.f.Name(), 0o444)
	}
	if w.err != nil || err != nil || os.Rename(w.f.Name(), w.dest) != nil {
		os.Remove(w.f.Name())
		return
	}
	use(w.kind, w.name)
}

// Abort drops the entry; a later Close does nothing.
func (w *Writer) Abort() {
	if w.aborted {
		return
	}
	w.aborted = true
	w.f.Close()
	os.Remove(w.f.Name())
}

var _ io.Writer = (*Writer)(nil)
