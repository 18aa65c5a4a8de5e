// Package sitefs is the one way pressroom opens the site's own files
// outside content/ (themes, their layouts and static files, a microsite's
// layouts, the site's static/ folder): every name is opened inside the site
// folder with os.OpenInRoot, so neither a "../" in a name nor a symbolic
// link that leads out of the site can make a build publish a file from
// elsewhere on the machine. content/ is walked by the content package,
// which applies the same rule to each symbolic link it meets.
package sitefs

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// FS is a folder of the site, read through the site root's guard. It
// implements fs.FS, fs.ReadFileFS and fs.ReadDirFS.
type FS struct {
	site string // the site folder, in the operating system's form
	dir  string // the folder within it, slash-separated; "." for the site
}

// Sub returns the site's folder dir (slash-separated, relative to site).
// A dir that is not a plain relative path inside the site is an error.
func Sub(site, dir string) (*FS, error) {
	if !fs.ValidPath(dir) {
		return nil, fmt.Errorf("%q is not a folder inside the site", dir)
	}
	return &FS{site: site, dir: dir}, nil
}

func (f *FS) name(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return path.Join(f.dir, name), nil
}

// Open implements fs.FS. A name that a symbolic link leads out of the site
// fails with an error that says so (Explain).
func (f *FS) Open(name string) (fs.File, error) {
	full, err := f.name(name)
	if err != nil {
		return nil, err
	}
	file, err := os.OpenInRoot(f.site, filepath.FromSlash(full))
	if err != nil {
		return nil, f.explain(name, full, err)
	}
	return file, nil
}

// ReadFile implements fs.ReadFileFS.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder")}
	}
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	_, err = buf.ReadFrom(file)
	return buf.Bytes(), err
}

// ReadDir implements fs.ReadDirFS.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	entries, err := file.(*os.File).ReadDir(-1)
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// ErrOutside is the error of a name that leads out of the site.
var ErrOutside = errors.New("a symbolic link leads outside the site; pressroom never follows it: copy the file into the site instead")

// explain turns the guard's refusal into ErrOutside, and leaves any other
// error (a missing file) as it is.
func (f *FS) explain(name, full string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	// The guard's own error is not exported: tell it by what the name is.
	if escapes(f.site, full) {
		return &fs.PathError{Op: "open", Path: full, Err: ErrOutside}
	}
	return err
}

// escapes reports whether full, inside site, resolves outside it.
func escapes(site, full string) bool {
	root, err := filepath.EvalSymlinks(site)
	if err != nil {
		return false
	}
	target, err := filepath.EvalSymlinks(filepath.Join(site, filepath.FromSlash(full)))
	if err != nil {
		// a link to nowhere: outside unless its target names the site
		return true
	}
	return !Inside(target, root)
}

// Inside reports whether the path p is the folder dir or lies in it. Both
// are compared as written: resolve their symbolic links first.
func Inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// CheckFolderName returns why name cannot name one folder (a theme's under
// themes/), or "".
func CheckFolderName(name string) string {
	switch {
	case name == "":
		return "is empty"
	case name == "." || name == ".." || strings.ContainsAny(name, `/\`) || filepath.IsAbs(name):
		return "is not the name of one folder under themes/ (it may not hold / or ..)"
	case strings.HasPrefix(name, "."):
		return "starts with a dot"
	}
	return ""
}
