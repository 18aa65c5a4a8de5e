package diskcache

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Entries are made for every version of every kit, page text and photo a
// build ever saw, and by every version of the program: without pruning, a
// newsroom edited in serve for a year fills gigabytes. A build records the
// entries it used (Track, Keep); Prune deletes those no recent build used.

const (
	// MaxAge is how long an entry lives after the last recorded build that
	// used it: a site not built for a month costs one slow build.
	MaxAge = 30 * 24 * time.Hour
	// grace spares entries made lately whatever the records say: a build
	// running now has not recorded its entries yet, and serve records none.
	grace = 24 * time.Hour
	// pruneEvery is how often Prune looks at the whole cache.
	pruneEvery = 24 * time.Hour
)

// usesDir holds one record per site: the entries its last build used.
const usesDir = "used"

// tracked collects the entries this process read or wrote, once Track was
// called: `pressroom build` runs one build per process.
var tracked struct {
	sync.Mutex
	names map[string]struct{} // "kind/name"; nil until Track
}

// Track starts recording every entry this process reads or writes, for Keep.
func Track() {
	tracked.Lock()
	defer tracked.Unlock()
	tracked.names = map[string]struct{}{}
}

func use(kind, name string) {
	tracked.Lock()
	defer tracked.Unlock()
	if tracked.names != nil {
		tracked.names[kind+"/"+name] = struct{}{}
	}
}

// RecordName names the record of the builds of the site at source with a
// base URL and the drafts setting: each makes entries of its own.
func RecordName(source, baseURL string, drafts bool) string {
	if abs, err := filepath.Abs(source); err == nil {
		source = abs
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%v", source, baseURL, drafts)))
	return hex.EncodeToString(sum[:8])
}

// Keep records, as the uses of site (see RecordName), every entry this
// process used since Track.
func (d Dir) Keep(site string) error {
	if d == "" {
		return nil
	}
	tracked.Lock()
	names := make([]string, 0, len(tracked.names))
	for n := range tracked.names {
		names = append(names, n)
	}
	tracked.Unlock()
	slices.Sort(names)
	w := d.Create(usesDir, site)
	if w == nil {
		return errors.New("the cache folder cannot be written")
	}
	w.Write([]byte(strings.Join(names, "\n") + "\n"))
	w.Close()
	return nil
}

// Pruned says what Prune removed.
type Pruned struct {
	Entries int
	Bytes   int64
}

// Prune deletes every entry that no build recorded (Keep) within MaxAge of
// now uses, unless it was made within a day, and the records older than
// MaxAge. It looks at the cache at most once a day and otherwise does
// nothing; a cache it cannot read or change is left as it is.
func (d Dir) Prune(now time.Time) (Pruned, error) {
	var p Pruned
	marker := filepath.Join(string(d), ".pruned")
	if info, err := os.Stat(marker); d == "" || err == nil && now.Sub(info.ModTime()) < pruneEvery {
		return p, nil
	}
	live, err := d.liveEntries(now)
	if err != nil {
		return p, err
	}
	kinds, err := os.ReadDir(string(d))
	if err != nil {
		return p, err
	}
	for _, kind := range kinds {
		if kind.IsDir() && kind.Name() != usesDir {
			p.add(d.pruneKind(kind.Name(), live, now))
		}
	}
	if f, err := os.Create(marker); err == nil {
		f.Close()
	}
	return p, nil
}

func (p *Pruned) add(q Pruned) { p.Entries, p.Bytes = p.Entries+q.Entries, p.Bytes+q.Bytes }

// liveEntries reads the records younger than MaxAge, removing the older.
func (d Dir) liveEntries(now time.Time) (map[string]bool, error) {
	live := map[string]bool{}
	records, err := os.ReadDir(filepath.Join(string(d), usesDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, r := range records {
		path := filepath.Join(string(d), usesDir, r.Name())
		info, err := r.Info()
		if err != nil || now.Sub(info.ModTime()) > MaxAge {
			os.Remove(path)
			continue
		}
		if err := readLines(path, live); err != nil {
			return nil, err // an unreadable record would let its site's entries go
		}
	}
	return live, nil
}

func readLines(path string, into map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		into[lines.Text()] = true
	}
	return lines.Err()
}

// pruneKind removes the entries of one kind that are neither live nor new,
// and temporary files that a killed build left.
func (d Dir) pruneKind(kind string, live map[string]bool, now time.Time) Pruned {
	var p Pruned
	dir := filepath.Join(string(d), kind)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return p
	}
	for _, e := range entries {
		if live[kind+"/"+e.Name()] {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < grace {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			p.Entries++
			p.Bytes += info.Size()
		}
	}
	return p
}
