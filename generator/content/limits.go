package content

import (
	"fmt"

	"github.com/pressroom/pressroom/generator/wholefile"
)

// MaxFileBytes bounds a content file or a sidecar (tooLarge says it in
// words). A press release is rarely over 50 KB; a body of a megabyte is a
// mistake (a pasted data dump) or an attack, and some Markdown that long
// takes seconds to convert.
const MaxFileBytes = 1 << 20

// tooLarge is a file over MaxFileBytes.
type tooLarge struct{ size int64 }

func (e *tooLarge) Error() string {
	return fmt.Sprintf("the file is %s; the limit is 1 MB (1024 KB)", byteSize(e.size))
}

// readFile reads a content file or sidecar of at most MaxFileBytes,
// refusing a larger one before reading it.
func readFile(abs string) ([]byte, error) {
	src, err := wholefile.Read(abs, MaxFileBytes)
	if large, ok := err.(*wholefile.TooLarge); ok {
		return nil, &tooLarge{size: large.Size}
	}
	return src, err
}

// byteSize writes a size over the limit in KB, rounded up, so that it never
// reads as the limit itself; from 10 MB on, in MB.
func byteSize(n int64) string {
	if n >= 10<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}
