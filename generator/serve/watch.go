package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/theme"
)

// watched are the top-level names of a site whose changes matter. The
// root itself is watched alone (not recursively) for these; content/,
// themes/ and static/ are watched folder by folder, since fsnotify is not
// recursive.
var watched = map[string]bool{config.FileName: true, content.Dir: true, "themes": true, theme.StaticDir: true}

// watcher keeps an fsnotify watch on every folder of the site.
type watcher struct {
	root   string
	fs     *fsnotify.Watcher
	dirs   map[string]bool // absolute folders being watched
	events <-chan fsnotify.Event
	errors <-chan error // unbuffered in fsnotify: the loop must always drain it
}

func newWatcher(root string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, watchAdvice(root, err)
	}
	w := &watcher{root: root, fs: fw, dirs: map[string]bool{}, events: fw.Events, errors: fw.Errors}
	if err := w.addRoots(); err != nil {
		fw.Close()
		return nil, err
	}
	return w, nil
}

func (w *watcher) close() { w.fs.Close() }

// addRoots watches the root and every folder under content/, themes/ and static/.
func (w *watcher) addRoots() error {
	if err := w.add(w.root); err != nil {
		return err
	}
	for _, name := range []string{content.Dir, "themes", theme.StaticDir} {
		if _, err := w.addTree(filepath.Join(w.root, name)); err != nil {
			return err
		}
	}
	return nil
}

func (w *watcher) add(dir string) error {
	if w.dirs[dir] {
		return nil
	}
	if err := w.fs.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // gone already: its removal is an event of its own
		}
		return watchAdvice(w.rel(dir), err)
	}
	w.dirs[dir] = true
	return nil
}

// addTree watches dir and every folder below it, skipping ignored ones,
// and returns the files it found (relative to the root, with slashes).
func (w *watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && p == dir && errors.Is(err, fs.ErrNotExist):
			return filepath.SkipDir // no themes/: nothing to watch
		case err != nil:
			return nil // vanished while walking: its event follows
		case p != dir && content.IgnoredPath(strings.Split(filepath.ToSlash(w.rel(p)), "/")):
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case !d.IsDir():
			files = append(files, filepath.ToSlash(w.rel(p)))
			return nil
		}
		return w.add(p)
	})
	return files, err
}

// forget drops the watches of dir and everything below it (after a
// Remove or Rename; the kernel has usually dropped them already).
func (w *watcher) forget(dir string) {
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			_ = w.fs.Remove(d) // ErrNonExistentWatch when the kernel dropped it
			delete(w.dirs, d)
		}
	}
}

// rescan brings the watches in line with the folders on disk, after a
// watcher error or overflow when events may have been lost.
func (w *watcher) rescan() error {
	for d := range w.dirs {
		if info, err := os.Stat(d); err != nil || !info.IsDir() {
			w.forget(d)
		}
	}
	return w.addRoots()
}

// change interprets one event: it updates the watches and returns the
// changed paths relative to the root (none when the event is noise). A new
// folder is watched at once, and the files already in it are changes too:
// they were written before its watch existed, so no event names them.
func (w *watcher) change(ev fsnotify.Event) ([]string, error) {
	rel := w.rel(ev.Name)
	if !relevant(rel) || ev.Op == fsnotify.Chmod || ev.Op == 0 {
		return nil, nil
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	changed := []string{filepath.ToSlash(rel)}
	if !ev.Has(fsnotify.Create) {
		return changed, nil
	}
	if info, err := os.Stat(ev.Name); err != nil || !info.IsDir() {
		return changed, nil
	}
	files, err := w.addTree(ev.Name)
	return append(changed, files...), err
}

// relevant reports whether a path (relative to the root, with the OS's
// separators) belongs to the site and is not an editor or system file.
func relevant(rel string) bool {
	if rel == "." || rel == "" || filepath.IsAbs(rel) || strings.HasPrefix(rel, "..") {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if !watched[parts[0]] || (parts[0] == config.FileName && len(parts) > 1) {
		return false
	}
	return !content.IgnoredPath(parts)
}

func (w *watcher) rel(abs string) string {
	r, err := filepath.Rel(w.root, abs)
	if err != nil {
		return abs
	}
	return r
}

// list returns the watched folders relative to the root, sorted (for tests).
func (w *watcher) list() []string {
	out := make([]string, 0, len(w.dirs))
	for d := range w.dirs {
		out = append(out, filepath.ToSlash(w.rel(d)))
	}
	sort.Strings(out)
	return out
}

// watchAdvice turns running out of inotify watches or instances into
// something a person can act on.
func watchAdvice(what string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("serve: cannot watch %s: the system's limit of file watches is reached; "+
			"raise it with `sudo sysctl fs.inotify.max_user_watches=524288` "+
			"(add the line fs.inotify.max_user_watches=524288 to /etc/sysctl.conf to keep it): %w", what, err)
	case errors.Is(err, syscall.EMFILE):
		return fmt.Errorf("serve: cannot watch %s: too many open files or watchers; "+
			"raise the limits with `sudo sysctl fs.inotify.max_user_instances=1024` and "+
			"`sudo sysctl fs.inotify.max_user_watches=524288`, or close other watching programs: %w", what, err)
	}
	return fmt.Errorf("serve: cannot watch %s: %w", what, err)
}
