package wholefile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("pressroom "), 100_000) // 1 MB: more than one read on some systems
	for name, data := range map[string][]byte{"empty": nil, "small": []byte("---\ntitle: x\n---\nbody\n"), "big": big} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		limit   int64
		want    []byte
		tooBig  bool
		missing bool
		fails   bool
	}{
		{name: "empty", limit: -1, want: []byte{}},
		{name: "small", limit: -1, want: []byte("---\ntitle: x\n---\nbody\n")},
		{name: "small", limit: 22, want: []byte("---\ntitle: x\n---\nbody\n")},
		{name: "small", limit: 21, tooBig: true},
		{name: "big", limit: -1, want: big},
		{name: "big", limit: 10, tooBig: true},
		{name: "absent", limit: -1, missing: true},
		{name: ".", limit: -1, fails: true}, // a folder
	}
	for _, tt := range tests {
		got, err := Read(filepath.Join(dir, tt.name), tt.limit)
		var large *TooLarge
		switch {
		case tt.tooBig:
			if !errors.As(err, &large) || large.Size != sizeOf(t, dir, tt.name) {
				t.Errorf("%s limit %d: err %v, want *TooLarge with the file's size", tt.name, tt.limit, err)
			}
		case tt.missing:
			if !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s: err %v, want fs.ErrNotExist", tt.name, err)
			}
			var pe *fs.PathError
			if !errors.As(err, &pe) || pe.Path != filepath.Join(dir, tt.name) {
				t.Errorf("%s: err %v, want a *fs.PathError naming the file", tt.name, err)
			}
		case tt.fails:
			if err == nil {
				t.Errorf("%s: read a folder without an error", tt.name)
			}
		default:
			if err != nil || !bytes.Equal(got, tt.want) || got == nil {
				t.Errorf("%s limit %d: %d bytes, %v; want %d bytes", tt.name, tt.limit, len(got), err, len(tt.want))
			}
		}
	}
}

func sizeOf(t *testing.T, dir, name string) int64 {
	info, err := os.Stat(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// A file whose size the system does not know (Linux's /proc reports 0)
// is read to its end all the same.
func TestReadSizeUnknown(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc is Linux's")
	}
	got, err := Read("/proc/self/status", -1)
	if err != nil || !bytes.Contains(got, []byte("VmHWM")) {
		t.Fatalf("read %d bytes of /proc/self/status (%v), want all of it", len(got), err)
	}
	want, _ := os.ReadFile("/proc/self/status")
	if len(got) < len(want)/2 {
		t.Fatalf("read %d bytes, os.ReadFile %d", len(got), len(want))
	}
}

func TestWriteCreateCopy(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "page.html")
	if err := Write(p, []byte("<p>hello</p>")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "<p>hello</p>" {
		t.Fatalf("wrote %q", got)
	}
	if info, _ := os.Stat(p); info.Mode().Perm()&0o600 != 0o600 || info.Mode().Perm()&0o111 != 0 {
		t.Errorf("mode %v, want rw for the owner and no execute bits", info.Mode())
	}
	if err := Write(p, []byte("again")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("writing over an existing file: %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "<p>hello</p>" {
		t.Errorf("the existing file was changed: %q", got)
	}

	f, err := Create(filepath.Join(dir, "kit.zip"))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if n, err := f.Write([]byte("part;")); n != 5 || err != nil {
			t.Fatalf("Write: %d, %v", n, err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err == nil {
		t.Error("a second Close gave no error")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "kit.zip")); string(got) != "part;part;part;" {
		t.Fatalf("streamed %q", got)
	}

	big := bytes.Repeat([]byte{1, 2, 3, 4, 5, 6, 7}, 50_000)
	os.WriteFile(filepath.Join(dir, "src"), big, 0o644)
	if err := Copy(filepath.Join(dir, "dst"), filepath.Join(dir, "src"), make([]byte, 4096)); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "dst")); !bytes.Equal(got, big) {
		t.Fatalf("copied %d bytes, want %d", len(got), len(big))
	}
	if err := Copy(filepath.Join(dir, "dst2"), filepath.Join(dir, "absent"), make([]byte, 16)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("copying a missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "dst2")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("copying a missing file made the destination")
	}
}

func BenchmarkRead(b *testing.B) {
	dir := b.TempDir()
	data := bytes.Repeat([]byte("x"), 4000)
	for i := range 100 {
		os.WriteFile(filepath.Join(dir, string(rune('a'+i%26))+string(rune('a'+i/26))), data, 0o644)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	b.Run("wholefile", func(b *testing.B) {
		for b.Loop() {
			for _, n := range names {
				if _, err := Read(n, -1); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("os", func(b *testing.B) {
		for b.Loop() {
			for _, n := range names {
				if _, err := os.ReadFile(n); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
