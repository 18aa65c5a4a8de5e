package content

import (
	"bytes"
	"errors"
	"fmt"

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
	body, err := frontmatter.Parse(bytes.NewReader(src), &sink, formats...)
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
	bodyLine := 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	// The body is a slice of the library's read buffer, which holds the
	// whole file and room to grow; a copy lets that go.
	return block{fields: f, body: bytes.Clone(body), bodyLine: bodyLine}, nil
}

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
