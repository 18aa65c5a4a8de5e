// Package fingerprint makes short fingerprints of the inputs of an output,
// so that a rebuild can tell which outputs would come out the same and reuse
// them: from the previous build in the same process (serve), or from the
// disk cache of an earlier process. Fingerprints are SHA-256 based and the
// same in every process; those meant for the disk cache also take in the
// program itself (Program), so that a new pressroom never reuses what an
// older one made.
package fingerprint

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"io"
	"os"
	"sync"
	"time"
)

// Of fingerprints a byte slice, such as a file's contents.
func Of(data []byte) uint64 {
	sum := sha256.Sum256(data)
	return binary.LittleEndian.Uint64(sum[:8])
}

// Builder accumulates the parts of one fingerprint; use New. Its parts are
// short (names, numbers, other fingerprints), so it uses 64-bit FNV-1a,
// which is many times cheaper than SHA-256 on a few hundred bytes and as
// stable across processes; Of uses SHA-256 for whole files.
type Builder struct {
	h uint64
}

// FNV-1a's 64-bit parameters (as in hash/fnv, inlined to allocate nothing).
const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

// New starts a fingerprint; kind keeps fingerprints of different things apart.
func New(kind string) *Builder {
	return (&Builder{h: offset64}).Str(kind)
}

// Str adds a string, delimited so that ("ab","c") and ("a","bc") differ.
func (b *Builder) Str(s string) *Builder {
	b.Num(uint64(len(s)))
	for i := 0; i < len(s); i++ {
		b.h ^= uint64(s[i])
		b.h *= prime64
	}
	return b
}

// Num adds a number.
func (b *Builder) Num(n uint64) *Builder {
	for i := 0; i < 8; i++ {
		b.h ^= n & 0xff
		b.h *= prime64
		n >>= 8
	}
	return b
}

// Bool adds a flag.
func (b *Builder) Bool(v bool) *Builder {
	if v {
		return b.Num(1)
	}
	return b.Num(0)
}

// Time adds a moment, with its zone offset (which shows in output).
func (b *Builder) Time(t time.Time) *Builder {
	_, offset := t.Zone()
	return b.Num(uint64(t.UnixNano())).Num(uint64(offset))
}

// With returns the fingerprint of what b holds and n, leaving b as it was:
// for many fingerprints that share a start.
func (b Builder) With(n uint64) uint64 { return b.Num(n).Sum() }

// Sum returns the fingerprint; it is never zero, which means "unknown".
func (b *Builder) Sum() uint64 {
	if s := b.h; s != 0 {
		return s
	}
	return 1
}

var program struct {
	once sync.Once
	sum  uint64
}

// Program fingerprints the running executable, so that what an older
// pressroom cached is never taken for what this one would make. It is 0
// when the executable cannot be read, and then nothing should be cached.
//
// It is the Go build ID the linker writes into the executable (a hash of
// every input of the build, so any change of the program changes it),
// read from its ELF note or from the start of the file, together with the
// file's size; only where neither is found is the whole file hashed, as it
// is read. Hashing every byte of a 70 MB binary cost each build 200 ms
// and 70 MB of memory.
func Program() uint64 {
	program.once.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		program.sum = ofExecutable(exe)
	})
	return program.sum
}

func ofExecutable(exe string) uint64 {
	f, err := os.Open(exe)
	if err != nil {
		return 0
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0
	}
	if id := buildID(f); len(id) >= 16 {
		return New("program").Str(string(id)).Num(uint64(info.Size())).Sum()
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return 0
	}
	return binary.LittleEndian.Uint64(h.Sum(nil)[:8])
}

// buildID returns the Go build ID of an executable, or nil: from the ELF
// note .note.go.buildid, or (other formats) from the marker the linker puts
// near the start of the text.
func buildID(f *os.File) []byte {
	if e, err := elf.NewFile(f); err == nil {
		if sec := e.Section(".note.go.buildid"); sec != nil {
			data, err := sec.Data()
			// namesz, descsz, type, "Go\x00\x00", then the ID
			if err == nil && len(data) > 16 && string(data[12:16]) == "Go\x00\x00" {
				n := binary.LittleEndian.Uint32(data[4:8])
				if int(16+n) <= len(data) {
					return data[16 : 16+n]
				}
			}
		}
	}
	head := make([]byte, 64<<10)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	marker := []byte("\xff Go build ID: \"")
	if i := bytes.Index(head, marker); i >= 0 {
		rest := head[i+len(marker):]
		if j := bytes.IndexByte(rest, '"'); j > 0 {
			return rest[:j]
		}
	}
	return nil
}
