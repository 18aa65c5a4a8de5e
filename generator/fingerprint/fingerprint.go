// Package fingerprint makes short, process-local fingerprints of the inputs
// of an output, so that a rebuild in the same process (serve) can tell which
// outputs would come out the same and reuse them instead. Fingerprints are
// never written anywhere: their seed changes with every process.
package fingerprint

import (
	"encoding/binary"
	"hash/maphash"
	"time"
)

var seed = maphash.MakeSeed()

// Of fingerprints a byte slice, such as a file's contents.
func Of(data []byte) uint64 {
	return maphash.Bytes(seed, data)
}

// Builder accumulates the parts of one fingerprint. The zero value is not
// ready; use New.
type Builder struct {
	h maphash.Hash
}

// New starts a fingerprint; kind keeps fingerprints of different things apart.
func New(kind string) *Builder {
	b := &Builder{}
	b.h.SetSeed(seed)
	return b.Str(kind)
}

// Str adds a string, delimited so that ("ab","c") and ("a","bc") differ.
func (b *Builder) Str(s string) *Builder {
	b.Num(uint64(len(s)))
	b.h.WriteString(s)
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
	if s := b.h.Sum64(); s != 0 {
		return s
	}
	return 1
}
