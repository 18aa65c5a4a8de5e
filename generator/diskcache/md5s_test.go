package diskcache

import (
	"crypto/md5"
	"path/filepath"
	"testing"
)

// TestMD5sAreKeptInTheCache: the table of MD5s gives a file's MD5 (in the
// first 16 bytes), is kept by Save and, loaded again by the next deploy,
// answers for an unchanged file without reading it; it is apart from the
// sites' tables of SHA-256s.
func TestMD5sAreKeptInTheCache(t *testing.T) {
	d := Dir(t.TempDir())
	kit := filepath.Join(t.TempDir(), "kit.zip")
	write(t, kit, "a press kit")
	first := settled(d.MD5s())
	sum := sumOf(t, first, kit)
	if want := md5.Sum([]byte("a press kit")); [16]byte(sum[:16]) != want {
		t.Fatalf("MD5 %x, want %x", sum[:16], want)
	}
	first.Save()
	before := hashed.Load()
	again := settled(d.MD5s())
	if sumOf(t, again, kit) != sum {
		t.Error("the kept MD5 differs")
	}
	if n := hashed.Load() - before; n != 0 {
		t.Errorf("a known file was read %d times", n)
	}
	if sha := sumOf(t, settled(d.Sums(t.TempDir())), kit); sha == sum {
		t.Error("a site's table of SHA-256s answered with the MD5")
	}
}
