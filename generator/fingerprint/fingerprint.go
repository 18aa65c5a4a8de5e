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
