package deploy

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/pressroom/pressroom/generator/content"
)

// watched are the parts of a site whose changes publish deploys again.
var watched = []string{"content", "themes", "static"}

// watch reports changes of the site's config.toml, content/, themes/ and
// static/ on the returned channel, a burst of them (a git pull) as one
// sorted list of paths once quiet has passed without another. It stops
// when ctx ends.
func watch(ctx context.Context, source string, quiet time.Duration) (<-chan []string, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, watchError(err)
	}
	add := func(dir string) error {
		return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() {
				if err := w.Add(p); err != nil {
					return watchError(err)
				}
			}
			return nil
		})
	}
	if err := w.Add(source); err != nil { // config.toml, and content/ and the rest appearing
		w.Close()
		return nil, watchError(err)
	}
	for _, dir := range watched {
		if err := add(filepath.Join(source, dir)); err != nil {
			w.Close()
			return nil, err
		}
	}
	out := make(chan []string)
	go func() {
		defer w.Close()
		pending := map[string]bool{}
		timer := time.NewTimer(time.Hour)
		timer.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				rel, err := filepath.Rel(source, ev.Name)
				if err != nil || !relevant(rel) || ev.Op == fsnotify.Chmod {
					continue
				}
				if ev.Op&fsnotify.Create != 0 {
					if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
						add(ev.Name) // a new folder: watch it and what is in it already
					}
				}
				pending[filepath.ToSlash(rel)] = true
				timer.Reset(quiet)
			case _, ok := <-w.Errors: // drained always: a blocked send stalls events
				if !ok {
					return
				}
				pending["(the watch overflowed: everything may have changed)"] = true
				timer.Reset(quiet)
			case <-timer.C:
				paths := make([]string, 0, len(pending))
				for p := range pending {
					paths = append(paths, p)
				}
				sort.Strings(paths)
				clear(pending)
				select {
				case out <- paths:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}

// relevant reports whether a change of rel, a path under the site, can
// change the build: config.toml and the watched folders, but no file the
// build ignores (content.IgnoredPath, the rule serve's watcher keeps too).
func relevant(rel string) bool {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if rel != "config.toml" && !slices.Contains(watched, parts[0]) {
		return false
	}
	return !content.IgnoredPath(parts)
}

// watchError turns the system's limit of watches into advice.
func watchError(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return errors.New("publish --watch: the system's limit of file watches is reached: raise it with " +
			"`sudo sysctl fs.inotify.max_user_watches=524288` (and fs.inotify.max_user_instances), or publish without --watch")
	}
	return errors.New("publish --watch: " + err.Error())
}
