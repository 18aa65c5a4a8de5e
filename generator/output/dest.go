package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pressroom/pressroom/generator/sitefs"
)

// MarkerName is the file by which a folder is known as a build's output. A
// build writes it at the root of the output, beside the site's files, and
// it lists every file that build wrote. A folder without it is not
// pressroom's to replace unless it is empty (or holds only .git), and a
// file in the output that the list does not name was put there by someone
// else: the next build keeps it. Deploys never see it (they build into
// memory), and it is hidden from listings as a dot file.
const MarkerName = ".pressroom-build"

const markerHeader = "# pressroom build output: the files the last build wrote. Do not edit; delete the whole folder to start afresh."

// DestError is a destination that a build must not write to. The command
// line treats it as misuse (exit status 2): nothing was touched.
type DestError struct {
	Dest string
	Why  string
}

func (e *DestError) Error() string {
	return fmt.Sprintf("--dest %s: %s", e.Dest, e.Why)
}

// protected are the folders of a site that a build must never write into.
var protected = []string{"content", "themes", "static", "media", "archetypes", ".git"}

// ResolveDest checks that dest may receive a build of the site at source and
// returns the folder to write: dest itself, or where dest leads when it is
// a symbolic link (the link is kept, its target receives the build). It
// refuses, before anything is touched, a destination that is the source,
// holds it, lies in a folder of the site's own (content/, themes/,
// static/, media/), is a file, or is a non-empty folder that no build made.
func ResolveDest(source, dest string) (string, error) {
	shown := dest
	src, err := realPath(source)
	if err != nil {
		return "", fmt.Errorf("output: %w", err)
	}
	if info, err := os.Lstat(dest); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(dest)
		if err != nil {
			return "", &DestError{shown, "is a symbolic link that leads nowhere: create its target, or give another folder"}
		}
		dest = target
	}
	abs, err := realPath(dest)
	if err != nil {
		return "", fmt.Errorf("output: %w", err)
	}
	switch {
	case abs == src:
		return "", &DestError{shown, "is the site itself; a build would replace config.toml and content/: use the default (public/ in the site) or another folder"}
	case within(src, abs):
		return "", &DestError{shown, "holds the site; a build would replace it: use the default (public/ in the site) or another folder"}
	}
	for _, dir := range protected {
		if p := filepath.Join(src, dir); abs == p || within(abs, p) {
			return "", &DestError{shown, fmt.Sprintf("lies in the site's %s/ folder, which a build only reads: use the default (public/ in the site) or another folder", dir)}
		}
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, nil
	case err != nil:
		return "", fmt.Errorf("output: %w", err)
	case !info.IsDir():
		return "", &DestError{shown, "is a file, not a folder: give a folder for the build"}
	}
	own, err := madeByBuild(abs)
	if err != nil {
		return "", fmt.Errorf("output: %w", err)
	}
	if !own {
		return "", &DestError{shown, "holds files that no pressroom build wrote, and a build replaces its destination: give an empty or new folder, or move those files away (files to publish as they are belong in the site's static/ folder)"}
	}
	return abs, nil
}

// realPath is p made absolute with every symbolic link of the part that
// exists resolved, so that two spellings of one folder compare equal.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}

// within reports whether p lies strictly inside dir.
func within(p, dir string) bool {
	return p != dir && sitefs.Inside(p, dir)
}

// madeByBuild reports whether the folder dir may be replaced by a build:
// it is empty but for .git, it holds a build's marker, or it is the output
// of a pressroom too old to write one (its root holds the files every
// build of a newsroom writes).
func madeByBuild(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	names := map[string]bool{}
	for _, e := range entries {
		names[e.Name()] = true
	}
	delete(names, ".git")
	switch {
	case len(names) == 0 || names[MarkerName]:
		return true, nil
	case names["press-kit.zip"] && names["contacts.vcf"] && names["feed.json"] && names["atom.xml"] && names["sitemap.xml"]:
		return true, nil
	}
	return false, nil
}

// readMarker returns the names the build that made dir wrote, or nil
// when it has no marker (an empty folder, or an older pressroom's output,
// whose files are all the build's own).
func readMarker(dir string) (map[string]bool, error) {
	data, err := os.ReadFile(filepath.Join(dir, MarkerName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	names := make(map[string]bool, bytes.Count(data, []byte("\n")))
	for line := range strings.Lines(string(data)) {
		if line = strings.TrimSuffix(line, "\n"); line != "" && !strings.HasPrefix(line, "#") {
			names[line] = true
		}
	}
	return names, nil
}

// marker is the marker's text for a build that wrote names (sorted).
func marker(names []string) []byte {
	var b bytes.Buffer
	b.Grow(len(markerHeader) + 40*len(names))
	b.WriteString(markerHeader)
	b.WriteByte('\n')
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return b.Bytes()
}
