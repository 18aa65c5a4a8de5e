// Package fingerprint makes short fingerprints of the inputs of an output,
// so that a rebuild can tell which outputs would come out the same and reuse
// them: from the previous build in the same process (serve), or from the
// disk cache of an earlier process. Fingerprints are SHA-256 based and the
// same in every process; those meant for the disk cache also take in the
// program itself (Program), so that a new pressroom never reuses what an
// older one made.
package fingerprint

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
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

// Builder accumulates the parts of one fingerprint; use New.
type Builder struct {
	h hash.Hash
}

// New starts a fingerprint; kind keeps fingerprints of different things apart.
func New(kind string) *Builder {
	return (&Builder{h: sha256.New()}).Str(kind)
}

// Str adds a string, delimited so that ("ab","c") and ("a","bc") differ.
func (b *Builder) Str(s string) *Builder {
	b.Num(uint64(len(s)))
	io.WriteString(b.h, s)
	return b
}

// Num adds a number.
func (b *Builder) Num(n uint64) *Builder {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], n)
	b.h.Write(buf[:])
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

// Sum returns the fingerprint; it is never zero, which means "unknown".
func (b *Builder) Sum() uint64 {
	if s := binary.LittleEndian.Uint64(b.h.Sum(nil)[:8]); s != 0 {
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
func Program() uint64 {
	program.once.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		data, err := os.ReadFile(exe)
		if err != nil {
			return
		}
		program.sum = Of(data)
	})
	return program.sum
}
