package diskcache

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// settled makes a table whose clock runs ahead, so that files written
// just now are not racy and their sums are kept, as a file edited more than
// a few seconds before a build is.
func settled(t *Sums) *Sums {
	t.now = func() time.Time { return time.Now().Add(time.Minute) }
	return t
}

func write(t *testing.T, p, text string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sumOf(t *testing.T, s *Sums, p string) [32]byte {
	t.Helper()
	sum, err := s.Sum(p)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestSumsHashOnlyChangedFiles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "photo.jpg")
	write(t, p, "first version")
	s := settled(NewSums())
	before := hashed.Load()
	if sumOf(t, s, p) != sha256.Sum256([]byte("first version")) {
		t.Fatal("wrong sum")
	}
	sumOf(t, s, p)
	if n := hashed.Load() - before; n != 1 {
		t.Errorf("an unchanged file was read %d times, want once", n)
	}
}

// TestSumsSeeAnEditInPlace: the same length written over a file and its
// modification time set back, as `printf … > f; touch -d` does: the inode's
// change time gives it away.
func TestSumsSeeAnEditInPlace(t *testing.T) {
	if _, known := stampOf(mustStat(t, t.TempDir())); !known {
		t.Skip("stat gives no change time here; every file is hashed on every build")
	}
	p := filepath.Join(t.TempDir(), "photo.jpg")
	write(t, p, "first version")
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	os.Chtimes(p, old, old)
	s := settled(NewSums())
	sumOf(t, s, p)
	time.Sleep(30 * time.Millisecond) // past the kernel's clock tick, which file times use
	write(t, p, "other version")
	os.Chtimes(p, old, old)
	if sumOf(t, s, p) != sha256.Sum256([]byte("other version")) {
		t.Error("the table gave the old sum of a file edited in place with its size and modification time")
	}
}

// TestSumsDoNotKeepRacyEntries: a file changed within two seconds of its
// hashing may change again within the same tick of the file system's
// clock, unseen; its sum is used but not kept, and it is hashed again.
func TestSumsDoNotKeepRacyEntries(t *testing.T) {
	p := filepath.Join(t.TempDir(), "photo.jpg")
	write(t, p, "fresh")
	s := NewSums()
	before := hashed.Load()
	sumOf(t, s, p)
	if sumOf(t, s, p) != sha256.Sum256([]byte("fresh")) {
		t.Fatal("wrong sum")
	}
	if n := hashed.Load() - before; n != 2 {
		t.Errorf("a file written just now was read %d times in two asks, want 2", n)
	}
}

func TestSumsPersistInTheCache(t *testing.T) {
	site, d := t.TempDir(), Dir(t.TempDir())
	a, b := filepath.Join(site, "a.png"), filepath.Join(site, "b.png")
	write(t, a, "a")
	write(t, b, "b")
	s := settled(d.Sums(site))
	sumOf(t, s, a)
	sumOf(t, s, b)
	s.Save()

	before := hashed.Load()
	s = settled(d.Sums(site))
	if sumOf(t, s, a) != sha256.Sum256([]byte("a")) {
		t.Fatal("wrong sum from the saved table")
	}
	if n := hashed.Load() - before; n != 0 {
		t.Errorf("a file in the saved table was read again")
	}
	s.Save() // b was not asked for: it is no longer the site's

	s = settled(d.Sums(site))
	if _, ok := s.entries[b]; ok || len(s.entries) != 1 {
		t.Errorf("entries after a build without b: %v", s.entries)
	}
	if other := d.Sums(t.TempDir()); len(other.entries) != 0 {
		t.Error("another site's build sees this site's table")
	}
}

func TestDamagedSumsAreIgnored(t *testing.T) {
	site, d := t.TempDir(), Dir(t.TempDir())
	a := filepath.Join(site, "a.png")
	write(t, a, "a")
	s := settled(d.Sums(site))
	sumOf(t, s, a)
	s.Save()
	data, _ := d.Get(sumsKind, s.name)
	for _, damaged := range [][]byte{data[:len(data)-1], append([]byte("x"), data[1:]...), flip(data, len(sumsHeader)+2), nil} {
		if _, err := decodeSums(damaged); err == nil {
			t.Errorf("a damaged table was read: %q", damaged)
		}
	}
	if entries, err := decodeSums(data); err != nil || len(entries) != 1 {
		t.Errorf("the table itself: %v, %v", entries, err)
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 1
	return c
}

func mustStat(t *testing.T, p string) os.FileInfo {
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// BenchmarkSums asks a table for the sums of 1,000 files it knows (a build
// of an unchanged library) and of 1,000 files of 1 MB it does not.
func BenchmarkSums(b *testing.B) {
	dir := b.TempDir()
	var files []string
	data := make([]byte, 1<<20)
	for i := range 1000 {
		p := filepath.Join(dir, fmt.Sprintf("photo-%d.jpg", i))
		data[0] = byte(i)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, p)
	}
	b.Run("known", func(b *testing.B) {
		s := settled(NewSums())
		for _, p := range files {
			s.Sum(p)
		}
		b.ResetTimer()
		for range b.N {
			for _, p := range files {
				s.Sum(p)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
	})
	b.Run("new", func(b *testing.B) {
		b.SetBytes(int64(len(files) * len(data)))
		for range b.N {
			s := settled(NewSums())
			for _, p := range files {
				s.Sum(p)
			}
		}
	})
}
