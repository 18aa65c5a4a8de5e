package content

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/adrg/frontmatter"
)

// block is a file split into its front matter and its body.
type block struct {
	fields   fields
	body     []byte
	bodyLine int // file line the body starts on
}

// splitFrontMatter separates front matter from body with adrg/frontmatter and
// parses the block with positions. Unlike the library alone, it rejects a
// block that is opened but never closed: its keys would otherwise land in the
// body and a release would silently lose its embargo or draft flag.
func splitFrontMatter(src []byte) (block, error) {
	// Windows editors may start a UTF-8 file with a byte-order mark, as
	// config.toml and sidecars may: it is no part of the text.
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	var raw []byte
	var parse func([]byte, int) (fields, error)
	capture := func(p func([]byte, int) (fields, error)) frontmatter.UnmarshalFunc {
		return func(data []byte, _ any) error {
			raw, parse = data, p
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture(parseYAML)),
		frontmatter.NewFormat("+++", "+++", capture(parseTOML)),
	}
	var sink struct{}
	r := readers.Get().(*bufio.Reader)
	defer func() { r.Reset(nil); readers.Put(r) }()
	in := &headReader{src: src, done: func() bool { return parse != nil }}
	r.Reset(in)
	tail, err := frontmatter.Parse(r, &sink, formats...)
	if err != nil && !errors.Is(err, frontmatter.ErrNotFound) {
		return block{}, &syntaxError{line: 1, msg: fmt.Sprintf("front matter: %v", err)}
	}
	if parse == nil {
		if delim := openingDelimiter(src); delim != "" {
			return block{}, &syntaxError{line: 1, msg: fmt.Sprintf("front matter opened with %s is never closed: add a line with only %s after the last key", delim, delim)}
		}
		return block{}, &syntaxError{line: 1, msg: "no front matter: start the file with a --- line, then `title: ...`, then another --- line"}
	}
	// The block's first line is line 2 of the file, after the opening delimiter.
	f, err := parse(raw, 2)
	if err != nil {
		return block{}, err
	}
	// The library hands back what it read after the block: the start of
	// the body, which goes on in src from there.
	start := in.off - len(tail)
	bodyLine := 1 + bytes.Count(src[:start], []byte("\n"))
	return block{fields: f, body: src[start:len(src):len(src)], bodyLine: bodyLine}, nil
}

// headReader reads src until done says that the front matter was found.
// adrg/frontmatter copies all that it is given after the block into a
// buffer of its own, which it grows as it reads (at 100,000 releases, 1.7 GB
// of garbage); given only the head of the file, it copies at most a
// buffer's worth, and the body is the rest of src, which the caller owns.
type headReader struct {
	src  []byte
	off  int
	done func() bool
}

func (h *headReader) Read(p []byte) (int, error) {
	if h.off >= len(h.src) || h.done() {
		return 0, io.EOF
	}
	n := copy(p, h.src[h.off:])
	h.off += n
	return n, nil
}

// readers are the library's line readers: one of its own size (bufio's
// default), which it then uses as it is, instead of making 4 KB per file.
var readers = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

func openingDelimiter(src []byte) string {
	line, _, _ := bytes.Cut(src, []byte("\n"))
	switch string(bytes.TrimSpace(line)) {
	case "---":
		return "---"
	case "+++":
		return "+++"
	}
	return ""
}
