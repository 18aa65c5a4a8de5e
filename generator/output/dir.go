package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Dir writes into a fresh staging folder beside the destination; Commit
// swaps it in, Abort removes it. The destination is untouched until Commit.
type Dir struct {
	ledger
	dest    string
	staging string
	made    sync.Map // folders already created, so each costs one mkdir
}

// NewDir prepares a staging folder for dest (created beside it).
func NewDir(dest string) (*Dir, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: cannot create %s: %w", parent, err)
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".staging-")
	if err != nil {
		return nil, fmt.Errorf("output: cannot create a staging folder beside %s: %w", dest, err)
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &Dir{dest: dest, staging: staging}, nil
}

func (d *Dir) open(name string) (*os.File, error) {
	_, p, err := d.place(name)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
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
	f, err := d.open(name)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("output: writing %s: %w", name, err)
	}
	return closeFile(f, name)
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
	if os.Link(src, p) == nil {
		return nil
	}
	return copyThrough(p, clean, src)
}

// copyBuffers serve every copy: io.Copy between two files allocates a
// buffer per file when the kernel cannot copy them itself (across file
// systems), and a build copies ten thousand kits from the cache.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// copyThrough copies src to the claimed file p through a pooled buffer.
func copyThrough(p, name, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer in.Close()
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	// Plain Reader and Writer, so that io.CopyBuffer uses buf rather than
	// trying the kernel's copies, which fail across file systems.
	if _, err := io.CopyBuffer(struct{ io.Writer }{f}, struct{ io.Reader }{in}, *buf); err != nil {
		f.Close()
		return fmt.Errorf("output: copying %s: %w", name, err)
	}
	return closeFile(f, name)
}

func closeFile(f *os.File, name string) error {
	if err := f.Close(); err != nil {
		return fmt.Errorf("output: writing %s: %w", name, err)
	}
	return nil
}

// Commit replaces the destination with the staging folder. The old output
// is moved aside first and removed only after the new one is in place.
func (d *Dir) Commit() error {
	old := ""
	if _, err := os.Stat(d.dest); err == nil {
		old = d.staging + ".old"
		if err := os.Rename(d.dest, old); err != nil {
			return fmt.Errorf("output: cannot move the old %s aside: %w", d.dest, err)
		}
	}
	if err := os.Rename(d.staging, d.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, d.dest) // put the previous output back
		}
		return fmt.Errorf("output: cannot move the new build into %s: %w", d.dest, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("output: the build is in place, but the old output stays in %s: %w", old, err)
		}
	}
	return nil
}

// Abort removes the staging folder, leaving the destination as it was.
func (d *Dir) Abort() {
	_ = os.RemoveAll(d.staging)
}
