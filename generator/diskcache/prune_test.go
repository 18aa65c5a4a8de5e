package diskcache

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPrune is the cache's lifecycle: entries a recent build recorded stay,
// and so do entries made lately, whatever the records say; the rest go,
// with the records of sites not built for a month, once a day at most.
func TestPrune(t *testing.T) {
	now := time.Now()
	d := Dir(t.TempDir())
	age := func(kind, name string, ago time.Duration) {
		t.Helper()
		if err := os.Chtimes(d.Path(kind, name), now.Add(-ago), now.Add(-ago)); err != nil {
			t.Fatal(err)
		}
	}
	entries := []struct {
		kind, name string
		ago        time.Duration
		usedBy     string // "" for no build, "recent" or "old" for the site that used it
		kept       bool
	}{
		{"kits", "used-now.zip", 90 * 24 * time.Hour, "recent", true},
		{"kits", "used-by-a-site-not-built-for-months.zip", 90 * 24 * time.Hour, "old", false},
		{"kits", "superseded.zip", 3 * 24 * time.Hour, "", false},
		{"kits", "made-an-hour-ago.zip", time.Hour, "", true},
		{"markdown", "0123abcd", 40 * 24 * time.Hour, "recent", true},
		{"markdown", "of-an-older-program", 40 * 24 * time.Hour, "", false},
		{"images", ".tmp-123", 2 * 24 * time.Hour, "", false}, // left by a killed build
	}
	for _, site := range []string{"old", "recent"} {
		Track()
		for _, e := range entries {
			if e.usedBy == site {
				d.Put(e.kind, e.name, []byte("x"))
			}
		}
		if err := d.Keep(site); err != nil {
			t.Fatal(err)
		}
	}
	age(usesDir, "old", 60*24*time.Hour)
	for _, e := range entries {
		if e.usedBy == "" {
			d.Put(e.kind, e.name, []byte("x"))
		}
		age(e.kind, e.name, e.ago)
	}

	pruned, err := d.Prune(now)
	if err != nil {
		t.Fatal(err)
	}
	gone := 0
	for _, e := range entries {
		_, err := os.Stat(d.Path(e.kind, e.name))
		if kept := err == nil; kept != e.kept {
			t.Errorf("%s/%s: kept = %v, want %v", e.kind, e.name, kept, e.kept)
		}
		if !e.kept {
			gone++
		}
	}
	if pruned.Entries != gone || pruned.Bytes != int64(gone) {
		t.Errorf("Prune reports %+v, want %d entries of 1 byte", pruned, gone)
	}
	if _, err := os.Stat(d.Path(usesDir, "old")); err == nil {
		t.Error("the record of a site not built for two months is still there")
	}

	d.Put("kits", "another-superseded.zip", []byte("x"))
	age("kits", "another-superseded.zip", 3*24*time.Hour)
	if again, _ := d.Prune(now.Add(time.Hour)); again.Entries != 0 {
		t.Errorf("a second prune within the day removed %d entries", again.Entries)
	}
	// A day later the entry made an hour before the first prune is old too.
	if later, _ := d.Prune(now.Add(25 * time.Hour)); later.Entries != 2 {
		t.Errorf("a prune a day later removed %d entries, want 2", later.Entries)
	}
}

func TestRecordNameTellsSitesApart(t *testing.T) {
	dir := t.TempDir()
	names := map[string]bool{}
	for _, n := range []string{
		RecordName(dir, "", false),
		RecordName(filepath.Join(dir, "other"), "", false),
		RecordName(dir, "http://127.0.0.1:8080/", false),
		RecordName(dir, "", true),
	} {
		names[n] = true
	}
	if len(names) != 4 {
		t.Errorf("four kinds of build share records: %v", names)
	}
	if RecordName(dir, "", false) != RecordName(dir+"/.", "", false) {
		t.Error("one folder written two ways gets two records")
	}
}
