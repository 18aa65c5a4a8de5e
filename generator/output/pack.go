package output

import (
	"bytes"
	"io"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
)

// packable names the files a Memory keeps deflated: pages, which are many,
// larger than the rest together, and each read one at a time. Feeds stay
// as they are, since a rebuild writes several large ones anew.
func packable(name string) bool { return strings.HasSuffix(name, ".html") }

var packers = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed) // BestSpeed is a valid level
	return w
}}

// pack deflates data at the fastest level; the same data always packs to
// the same bytes, so packed files compare as their contents do.
func pack(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data) / 4)
	w := packers.Get().(*flate.Writer)
	defer packers.Put(w)
	w.Reset(&buf)
	w.Write(data) // writing into a bytes.Buffer cannot fail
	w.Close()
	return bytes.Clone(buf.Bytes())
}

func unpack(packed []byte) []byte {
	data, err := io.ReadAll(flate.NewReader(bytes.NewReader(packed)))
	if err != nil {
		panic("output: a packed page does not inflate: " + err.Error()) // only pack wrote it
	}
	return data
}
