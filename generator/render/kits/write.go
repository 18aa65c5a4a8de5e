package kits

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/pressroom/pressroom/generator/output"
)

// stored are already-compressed formats: deflating them again costs time
// and saves nothing.
var stored = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true,
	".avif": true, ".zip": true, ".pdf": true, ".mp4": true, ".mp3": true, ".docx": true, ".xlsx": true, ".pptx": true}

// manifestEntry describes one file of a kit in manifest.json.
type manifestEntry struct {
	Path    string `json:"path"`
	Bytes   int64  `json:"bytes"`
	SHA256  string `json:"sha256"`
	Title   string `json:"title,omitempty"`
	Credit  string `json:"credit,omitempty"`
	License string `json:"license,omitempty"`
	// CreditFrom and LicenseFrom say where credit and license came from:
	// "sidecar", or the photo's own "IPTC", "XMP" or "EXIF".
	CreditFrom  string `json:"creditFrom,omitempty"`
	LicenseFrom string `json:"licenseFrom,omitempty"`
}

type manifest struct {
	Kit    string          `json:"kit"`
	Folder string          `json:"folder"`
	Date   string          `json:"date"`
	Files  []manifestEntry `json:"files"`
}

// write streams a kit into the output.
func write(out output.Writer, root string, k *Kit) error {
	w, err := out.Create(k.Path)
	if err != nil {
		return err
	}
	err = writeZip(w, root, k)
	if cerr := w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("kits: %s: %w", k.Path, cerr)
	}
	return err
}

// writeZip writes a kit as a ZIP to w: README.txt first, then the files in
// path order, then manifest.json with the size and hash of each.
func writeZip(w io.Writer, root string, k *Kit) (err error) {
	files := dedupe(k.Files)
	sortFiles(files)
	// archive/zip writes headers in many small pieces: without a buffer,
	// each was a system call, and they were half of a kit's time.
	bw, release := output.Buffered(w)
	defer release()
	zw := zip.NewWriter(bw)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	defer func() {
		if cerr := zw.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("kits: %s: %w", k.Path, cerr)
		}
		if cerr := bw.Flush(); err == nil && cerr != nil {
			err = fmt.Errorf("kits: %s: %w", k.Path, cerr)
		}
	}()
	m := manifest{Kit: k.Title, Folder: k.Folder, Date: k.Date.Format("2006-01-02T15:04:05Z07:00")}
	readme := File{Path: "README.txt", Data: []byte(readme(k, files))}
	for _, f := range append([]File{readme}, files...) {
		entry, err := addFile(zw, root, k, f)
		if err != nil {
			return fmt.Errorf("kits: %s: %s: %w", k.Path, f.Path, err)
		}
		m.Files = append(m.Files, entry)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("kits: %w", err)
	}
	_, err = addFile(zw, root, k, File{Path: "manifest.json", Data: append(data, '\n')})
	return err
}

// addFile writes one entry, hashing what it writes.
func addFile(zw *zip.Writer, root string, k *Kit, f File) (manifestEntry, error) {
	method := zip.Deflate
	if stored[strings.ToLower(path.Ext(f.Path))] {
		method = zip.Store
	}
	hdr := &zip.FileHeader{Name: k.Folder + "/" + f.Path, Method: method, Modified: zipTime(k.Date)}
	hdr.SetMode(0o644)
	ew, err := zw.CreateHeader(hdr)
	if err != nil {
		return manifestEntry{}, err
	}
	h := sha256.New()
	n, err := copyInto(io.MultiWriter(ew, h), root, f)
	if err != nil {
		return manifestEntry{}, err
	}
	e := manifestEntry{Path: f.Path, Bytes: n, SHA256: sum(h)}
	if a := f.Asset; a != nil && a.Hash != ([32]byte{}) && e.SHA256 != hex.EncodeToString(a.Hash[:]) {
		// The kit is keyed (and cached) by the hash the build took: bytes
		// read since are another version, and must not be kept under it.
		return manifestEntry{}, fmt.Errorf("%s changed while the build read it: build again", a.Source)
	}
	if a := f.Asset; a != nil {
		e.Title, e.Credit, e.License = a.Meta.Title, a.Meta.Credit, a.Meta.License
		e.CreditFrom, e.LicenseFrom = a.Meta.From["credit"], a.Meta.From["license"]
	}
	return e, nil
}

// zipTime is the modification time a kit's entries carry: the kit's date
// as it is, in the site's zone (front matter dates are read into it), since
// archive/zip writes the MS-DOS date and time, which have no zone and which
// readers show as they are, in Modified's location, and the moment itself
// in the extended timestamp. The MS-DOS fields hold 1980 to 2107 and the
// extended timestamp, 32 bits of Unix time, ends in February 2106: a date
// outside is moved to the nearest both hold, rather than wrapping round to
// another year.
func zipTime(t time.Time) time.Time {
	first := time.Date(1980, 1, 1, 0, 0, 0, 0, t.Location())
	last := time.Date(2106, 1, 1, 0, 0, 0, 0, t.Location())
	switch {
	case t.Before(first):
		return first
	case t.After(last):
		return last
	}
	return t
}

func copyInto(w io.Writer, root string, f File) (int64, error) {
	if f.Make != nil {
		data, err := f.Make()
		if err != nil {
			return 0, err
		}
		f.Data = data
	}
	if f.Source == "" {
		n, err := w.Write(f.Data)
		return int64(n), err
	}
	src, err := os.Open(filepath.Join(root, filepath.FromSlash(f.Source)))
	if err != nil {
		return 0, err
	}
	defer src.Close()
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	return io.CopyBuffer(w, src, *buf)
}

// copyBuffers are pooled: ten thousand kits each allocating their own were
// most of a large build's garbage.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

func sum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

// dedupe keeps the first file of each path.
func dedupe(files []File) []File {
	seen := map[string]bool{}
	var out []File
	for _, f := range files {
		if !seen[f.Path] {
			seen[f.Path] = true
			out = append(out, f)
		}
	}
	return out
}

// deflaters are reused: a flate writer allocates over half a megabyte.
var deflaters sync.Pool

// fastDeflate compresses at flate.BestSpeed with klauspost/compress, whose
// deflate is a fifth faster than the standard library's on the small text
// files of a kit (about 1 s less work over 10,000 kits). The default level
// spent a third of a kit's time on them to save a few hundred bytes.
func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := deflaters.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return &pooledDeflater{fw}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return &pooledDeflater{fw}, nil
}

type pooledDeflater struct{ *flate.Writer }

func (d *pooledDeflater) Close() error {
	err := d.Writer.Close()
	deflaters.Put(d.Writer)
	return err
}
