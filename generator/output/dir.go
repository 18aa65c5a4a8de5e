package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pressroom/pressroom/generator/wholefile"
)

// Dir writes into a fresh staging folder beside the destination; Commit
// swaps it in, Abort removes it. The destination is untouched until Commit,
// and Commit keeps what is not the build's: the destination's .git and any
// file that the last build did not write (see MarkerName).
type Dir struct {
	ledger
	dest    string
	staging string
	unlock  func()   // releases the staging folder's lock; nil where there is none
	made    sync.Map // folders already created, so each costs one mkdir
	linked  sync.Map // name -> the disk cache entry it links (see Link)
}

// NewDir prepares a staging folder for dest (created beside it), after
// removing the staging folders that killed builds for dest left behind.
// Check dest with ResolveDest first.
func NewDir(dest string) (*Dir, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: cannot create %s: %w", parent, err)
	}
	removeLeftovers(dest)
	staging, err := os.MkdirTemp(parent, stagingPrefix(dest))
	if err != nil {
		return nil, fmt.Errorf("output: cannot create a staging folder beside %s: %w", dest, err)
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	d := &Dir{dest: dest, staging: staging}
	d.unlock, _ = lockDir(staging)
	return d, nil
}

// stagingPrefix begins the name of every staging folder for dest.
func stagingPrefix(dest string) string {
	return "." + filepath.Base(dest) + ".staging-"
}

// removeLeftovers removes the staging folders for dest that no running
// build holds: those of builds that were killed. It touches nothing else
// beside dest. A build killed in the middle of its swap leaves the old
// output aside: it goes back in place when dest is missing, and its .git
// goes back when only that is missing.
func removeLeftovers(dest string) {
	parent, prefix := filepath.Dir(dest), stagingPrefix(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue // a symbolic link or a file is never a staging folder
		}
		p := filepath.Join(parent, e.Name())
		unlock, ok := lockDir(p)
		if !ok {
			continue // a build is using it, or it cannot be told
		}
		if strings.HasSuffix(p, ".old") && !exists(dest) && os.Rename(p, dest) == nil {
			unlock() // a build killed mid-swap: its old output goes back in place
			continue
		}
		if git := filepath.Join(p, ".git"); exists(git) {
			if exists(filepath.Join(dest, ".git")) || os.Rename(git, filepath.Join(dest, ".git")) != nil {
				unlock()
				continue
			}
		}
		_ = os.RemoveAll(p)
		unlock()
	}
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func (d *Dir) open(name string) (*wholefile.File, error) {
	_, p, err := d.place(name)
	if err != nil {
		return nil, err
	}
	f, err := wholefile.Create(p)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return f, nil
}

// mkdir creates dir and its parents inside the staging folder, remembering
// what exists: a build writes thousands of files into fresh folders, and
// MkdirAll's stat of every parent was a fifth of a build's time.
func (d *Dir) mkdir(dir string) error {
	if _, ok := d.made.Load(dir); ok || dir == d.staging {
		return nil
	}
	if err := d.mkdir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.made.Store(dir, true)
	return nil
}

// WriteFile implements Writer.
func (d *Dir) WriteFile(name string, data []byte) error {
	clean, p, err := d.place(name)
	if err != nil {
		return err
	}
	if err := wholefile.Write(p, data); err != nil {
		return fmt.Errorf("output: writing %s: %w", clean, err)
	}
	return nil
}

// Create implements Writer.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	return d.open(name)
}

// CopyFile implements Writer.
func (d *Dir) CopyFile(name, src string) error {
	clean, p, err := d.place(name)
	if err != nil {
		return err
	}
	return copyThrough(p, clean, src)
}

// place claims name and makes its folder in the staging folder, returning
// the clean name and the file's path there.
func (d *Dir) place(name string) (clean, p string, err error) {
	if clean, err = d.claim(name); err != nil {
		return "", "", err
	}
	p = filepath.Join(d.staging, filepath.FromSlash(clean))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return "", "", fmt.Errorf("output: %w", err)
	}
	return clean, p, nil
}

// Link implements Writer with a hard link to src, which never changes (the
// disk cache writes entries once and read-only, so a program that edits a
// published file in place cannot alter the entry), or by copying where
// the two folders are on different file systems.
func (d *Dir) Link(name, src string) error {
	clean, p, err := d.place(name)
	if err != nil {
		return err
	}
	d.linked.Store(clean, src)
	if os.Link(src, p) == nil {
		return nil
	}
	return copyThrough(p, clean, src)
}

// Linked returns the file of the disk cache that a written file is a link
// to (or a copy of): it holds the same bytes, for good, under a name that
// does not change from build to build.
func (d *Dir) Linked(name string) (string, bool) {
	src, ok := d.linked.Load(name)
	if !ok {
		return "", false
	}
	return src.(string), true
}

// copyBuffers serve every copy: a build copies a hundred thousand kits
// from the cache where the cache and the output are on different file
// systems, and a buffer per copy was that much garbage.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// copyThrough copies src to the claimed file p through a pooled buffer.
func copyThrough(p, name, src string) error {
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	if err := wholefile.Copy(p, src, *buf); err != nil {
		return fmt.Errorf("output: copying %s: %w", name, err)
	}
	return nil
}

// Commit replaces the destination with the staging folder. It first writes
// the marker and takes over, by hard link, every file of the old output
// that the last build did not write; the old output is moved aside, the new
// one put in its place, the old .git moved into it, and the old output
// removed last. A file of someone else's at a name the build also writes
// is a DestError, and nothing changes.
func (d *Dir) Commit() error {
	if err := os.WriteFile(filepath.Join(d.staging, MarkerName), marker(d.Names()), 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	info, err := os.Stat(d.dest)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(d.staging, d.dest); err != nil {
			return fmt.Errorf("output: cannot move the new build into %s: %w", d.dest, err)
		}
		d.release()
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !info.IsDir() {
		return &DestError{d.dest, "is a file, not a folder: give a folder for the build"}
	}
	if err := d.keepOthers(); err != nil {
		return err
	}
	// Hold the old output while it is aside, so that no other build takes
	// it for a leftover.
	unlockOld, _ := lockDir(d.dest)
	if unlockOld != nil {
		defer unlockOld()
	}
	old := d.staging + ".old"
	if err := os.Rename(d.dest, old); err != nil {
		return fmt.Errorf("output: cannot move the old %s aside: %w", d.dest, err)
	}
	if err := os.Rename(d.staging, d.dest); err != nil {
		_ = os.Rename(old, d.dest) // put the previous output back
		return fmt.Errorf("output: cannot move the new build into %s: %w", d.dest, err)
	}
	d.release()
	if git := filepath.Join(old, ".git"); exists(git) {
		if err := os.Rename(git, filepath.Join(d.dest, ".git")); err != nil {
			return fmt.Errorf("output: the build is in place, but its .git stays in %s: move it into %s by hand: %w", old, d.dest, err)
		}
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("output: the build is in place, but the old output stays in %s: %w", old, err)
	}
	return nil
}

// keepOthers links into the staging folder every file of the destination
// that the build which made it did not write (a CNAME put there by hand,
// another tool's files), so that the swap deletes nothing of anyone's.
func (d *Dir) keepOthers() error {
	owned, err := readMarker(d.dest)
	if err != nil {
		return fmt.Errorf("output: reading %s: %w", filepath.Join(d.dest, MarkerName), err)
	}
	if owned == nil {
		return nil // an empty folder, or an older pressroom's output: all of it the build's
	}
	return filepath.WalkDir(d.dest, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("output: %w", err)
		}
		rel := filepath.ToSlash(must(filepath.Rel(d.dest, p)))
		switch {
		case rel == ".":
			return nil
		case rel == ".git" || rel == MarkerName:
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case e.IsDir() || owned[rel]:
			return nil
		}
		return d.keep(rel, p)
	})
}

// keep links someone else's file p into the new output at rel.
func (d *Dir) keep(rel, p string) error {
	target := filepath.Join(d.staging, filepath.FromSlash(rel))
	if d.written(rel) {
		if same(p, target) {
			return nil
		}
		return &DestError{filepath.Dir(p) + string(filepath.Separator), fmt.Sprintf(
			"%s was not written by a build, and this build writes a file of that name: move it to the site's static/ folder (or delete it) and build again", rel)}
	}
	if err := d.mkdir(filepath.Dir(target)); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if os.Link(p, target) == nil {
		return nil
	}
	if info, err := os.Lstat(p); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		link, err := os.Readlink(p)
		if err == nil {
			err = os.Symlink(link, target)
		}
		if err != nil {
			return fmt.Errorf("output: keeping %s: %w", rel, err)
		}
		return nil
	}
	return copyThrough(target, rel, p)
}

// written reports whether the build wrote name.
func (d *Dir) written(name string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.names == nil {
		return false
	}
	_, ok := d.names.Get(name)
	return ok
}

// same reports whether two files hold the same bytes.
func same(a, b string) bool {
	x, err := os.ReadFile(a)
	if err != nil {
		return false
	}
	y, err := os.ReadFile(b)
	return err == nil && bytes.Equal(x, y)
}

func must(s string, err error) string {
	if err != nil {
		panic(err) // filepath.Rel of a path found under its base cannot fail
	}
	return s
}

// Staging is the folder the build is being written into: its files may be
// read as soon as they are written, before Commit (a deploy reads its
// build there and never commits it).
func (d *Dir) Staging() string { return d.staging }

// release drops the staging folder's lock.
func (d *Dir) release() {
	if d.unlock != nil {
		d.unlock()
		d.unlock = nil
	}
}

// Abort removes the staging folder, leaving the destination as it was.
func (d *Dir) Abort() {
	if _, err := os.Stat(d.staging); err == nil {
		_ = os.RemoveAll(d.staging)
	}
	d.release()
}
