package diskcache

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Kits, derivatives and served files were keyed by a source file's size
// and modification time, and a file edited in place with the same length
// and an old modification time (`touch -d`, an editor that keeps times, a
// restore from backup) kept its old bytes in every kit while /assets/ had
// the new ones. Keys now take in the SHA-256 of what a file holds.
//
// Hashing every file on every build is what that costs without a table: at
// 2 GB/s (SHA-NI) a library of 300 photos of 20 MB is 3 s a build, every
// build, for nothing. Sums therefore remembers each file's hash with what
// stat says of it, as git's index does: path, size, modification time,
// inode, device and the inode's change time (ctime). A write changes ctime,
// and unlike the modification time no tool can set it back, so a file
// whose stat is the same as when it was hashed holds the same bytes; a
// hit costs one stat, and only new or changed files are read.
//
// Two races are closed. A file changed within the file system's clock tick
// after it was hashed would keep the same stamp, so an entry is kept only
// when the file's times are safely older than the moment its hashing began
// (racyAfter; git calls such entries "racily clean" and re-checks them).
// That moment is the wall clock's (time.Now, not the build's --at): it
// decides only what the table keeps, never what a build writes.
// A file changed while it is read gives a stamp after reading that differs
// from the one before: its sum is used for this build but not kept. Where
// stat gives no change time (Windows, Plan 9), nothing is kept and every
// file is hashed on every build: correct first, fast where it can be.

// sumsKind is the cache folder of the tables, one per site.
const sumsKind = "sums"

// racyAfter is how much older than the hashing a file's change must be for
// its sum to be kept: more than a coarse kernel clock tick and more than
// the one-second timestamps some file systems keep.
const racyAfter = 2 * time.Second

// stamp is what stat says of a file, to tell whether it changed.
type stamp struct {
	size, mtime, ctime int64
	ino, dev           uint64
}

type sumEntry struct {
	stamp stamp
	sum   [32]byte
}

// Sums is a table of the SHA-256 of source files, checked by their stamps.
// It is safe for concurrent use. A table from Dir.Sums is kept in the disk
// cache by Save; one from NewSums lives in memory (serve without a cache).
type Sums struct {
	dir  Dir
	kind string // the cache folder of the table
	name string // the table's entry in dir, or "" in memory only
	now  func() time.Time
	hash func() hash.Hash

	mu      sync.Mutex
	entries map[string]sumEntry // by absolute path
	used    map[string]bool     // entries asked for since the last Save
	dirty   bool
}

// NewSums returns an empty table that lives in memory only.
func NewSums() *Sums {
	return &Sums{kind: sumsKind, now: time.Now, hash: sha256.New, entries: map[string]sumEntry{}, used: map[string]bool{}}
}

// md5sKind is the cache folder of the table of MD5s.
const md5sKind = "md5s"

// MD5s returns the table of the MD5 of entries of the cache (kits), which
// a deploy compares with what a store's listing reports: one per cache,
// checked by stamps like Sums. Sum returns an MD5 in its first 16 bytes.
func (d Dir) MD5s() *Sums {
	t := NewSums()
	t.kind, t.hash = md5sKind, md5.New
	if d == "" {
		return t
	}
	t.dir, t.name = d, "cache"
	if data, ok := d.Get(md5sKind, t.name); ok {
		if entries, err := decodeSums(data); err == nil {
			t.entries = entries
		}
	}
	return t
}

// Sums returns the table of the site at source, as a build of it last
// saved it, or an empty one; without a cache folder it lives in memory.
func (d Dir) Sums(source string) *Sums {
	t := NewSums()
	if d == "" {
		return t
	}
	if abs, err := filepath.Abs(source); err == nil {
		source = abs
	}
	key := sha256.Sum256([]byte(source))
	t.dir, t.name = d, hex.EncodeToString(key[:8])
	if data, ok := d.Get(sumsKind, t.name); ok {
		if entries, err := decodeSums(data); err == nil {
			t.entries = entries
		}
	}
	return t
}

// Sum returns the SHA-256 of the file at abs: the table's, when the file's
// stamp is the one it was hashed with, else read and hashed now.
func (t *Sums) Sum(abs string) ([32]byte, error) {
	before, known, err := statStamp(abs)
	if err != nil {
		return [32]byte{}, err
	}
	t.mu.Lock()
	e, ok := t.entries[abs]
	if ok && known && e.stamp == before {
		t.used[abs] = true
		t.mu.Unlock()
		return e.sum, nil
	}
	t.mu.Unlock()

	began := t.now()
	sum, after, err := hashFile(abs, t.hash)
	if err != nil {
		return [32]byte{}, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if known && after == before && !racy(after, began) {
		t.entries[abs] = sumEntry{stamp: after, sum: sum}
		t.used[abs] = true
		t.dirty = true
	} else if ok {
		delete(t.entries, abs)
		t.dirty = true
	}
	return sum, nil
}

// racy reports whether a file with stamp s may have changed within the
// clock tick of its hashing, at began, and so must not be trusted later.
func racy(s stamp, began time.Time) bool {
	limit := began.Add(-racyAfter).UnixNano()
	return s.mtime >= limit || s.ctime >= limit
}

// hashed counts the files hashFile read, for tests.
var hashed atomic.Int64

// Hashed returns how many files the tables of sums have read and hashed
// since the process started (a table that knows a file reads nothing).
func Hashed() int64 { return hashed.Load() }

// hashFile reads the file at abs, returning its SHA-256 and its stamp as
// it was when reading ended.
func hashFile(abs string, newHash func() hash.Hash) ([32]byte, stamp, error) {
	f, err := os.Open(abs)
	if err != nil {
		return [32]byte{}, stamp{}, err
	}
	defer f.Close()
	hashed.Add(1)
	h := newHash()
	buf := hashBuffers.Get().(*[]byte)
	_, err = io.CopyBuffer(h, f, *buf)
	hashBuffers.Put(buf)
	if err != nil {
		return [32]byte{}, stamp{}, err
	}
	info, err := f.Stat()
	if err != nil {
		return [32]byte{}, stamp{}, err
	}
	s, _ := stampOf(info)
	var sum [32]byte
	h.Sum(sum[:0])
	return sum, s, nil
}

var hashBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

func statStamp(abs string) (stamp, bool, error) {
	info, err := os.Stat(abs)
	if err != nil {
		return stamp{}, false, err
	}
	s, known := stampOf(info)
	return s, known, nil
}

// Save forgets the entries not asked for since the last Save (files that
// are gone, or no longer in the site) and keeps the table in the disk
// cache when it changed. A table that cannot be written only costs time.
func (t *Sums) Save() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for p := range t.entries {
		if !t.used[p] {
			delete(t.entries, p)
			t.dirty = true
		}
	}
	clear(t.used)
	if t.name == "" {
		t.dirty = false
		return
	}
	if !t.dirty {
		use(t.kind, t.name) // still this site's: pruning must spare it
		return
	}
	t.dir.Put(t.kind, t.name, encodeSums(t.entries))
	t.dirty = false
}

// The table's file: a header line, then per entry (sorted by path) the
// path's length and bytes, the stamp as varints and the sum, then the
// SHA-256 of all that, so that a damaged table is never believed.
const sumsHeader = "pressroom sums 1\n"

func encodeSums(entries map[string]sumEntry) []byte {
	paths := make([]string, 0, len(entries))
	for p := range entries {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	b := []byte(sumsHeader)
	for _, p := range paths {
		e := entries[p]
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
		b = binary.AppendVarint(b, e.stamp.size)
		b = binary.AppendVarint(b, e.stamp.mtime)
		b = binary.AppendVarint(b, e.stamp.ctime)
		b = binary.AppendUvarint(b, e.stamp.ino)
		b = binary.AppendUvarint(b, e.stamp.dev)
		b = append(b, e.sum[:]...)
	}
	check := sha256.Sum256(b)
	return append(b, check[:]...)
}

var errBadSums = errors.New("diskcache: damaged table of sums")

func decodeSums(data []byte) (map[string]sumEntry, error) {
	if len(data) < len(sumsHeader)+sha256.Size || !bytes.HasPrefix(data, []byte(sumsHeader)) {
		return nil, errBadSums
	}
	body, check := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], check) {
		return nil, errBadSums
	}
	r := &reader{b: body[len(sumsHeader):]}
	entries := map[string]sumEntry{}
	for len(r.b) > 0 && r.err == nil {
		p := string(r.take(r.uvarint()))
		var e sumEntry
		e.stamp.size, e.stamp.mtime, e.stamp.ctime = r.varint(), r.varint(), r.varint()
		e.stamp.ino, e.stamp.dev = r.uvarint(), r.uvarint()
		copy(e.sum[:], r.take(sha256.Size))
		entries[p] = e
	}
	return entries, r.err
}

// reader takes a table apart; after the first error it returns zeros.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errBadSums, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = errBadSums, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) take(n uint64) []byte {
	if uint64(len(r.b)) < n {
		r.err, r.b = errBadSums, nil
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}
