// Package guard is goldmark's parser made safe from hostile Markdown.
// goldmark (v1.8.7) parses some short inputs in time that grows with the
// square of their length, each of many unclosed openers scanning the rest
// of its line or paragraph again, and makes some into HTML far larger than
// they are. At 256 KB, before the guards: "![x](" repeated 21.6 s, "* * *
// … a" 38 s, ">>>…a" 72 s, a backslash and two backticks repeated 27 s,
// dense emphasis 7.8 s, nested brackets 9.6 s; a 14 KB table of one-cell
// rows under a wide header made 33 MB of HTML in 11.7 s. (Hostile has them all.) The guards
// below wrap goldmark's own parsers and bound each such scan, so that time
// and HTML grow in proportion to the body: each of those now takes under
// 0.3 s. They change nothing a person writes (the tests compare them with
// goldmark alone over its own test examples); past a bound, the
// construct is shown as the text it is:
//
//   - a link destination nests at most maxLinkParens parentheses, as in
//     cmark (CommonMark allows the limit), and one in <…> ends at the first
//     unescaped "<", which CommonMark forbids in it anyway;
//   - at most maxLinkLabels "[" are open at once in a block (each "]"
//     walks everything after its "[");
//   - a code span opener whose length found no closer once in a block is
//     not searched for again (there is none further on either);
//   - at most maxDelimiters emphasis and strikethrough runs per block (the
//     matching of delimiters tries every earlier run for each closer);
//   - lists, block quotes and footnotes nest at most maxNesting blocks deep
//     (every line is matched against every open container);
//   - tables may add at most MaxPaddedCells empty cells to rows shorter
//     than their header, per document; past it a paragraph stays one (a
//     header of N columns over N one-cell rows would make N² cells);
//   - link references may repeat at most ReferenceBudget bytes of
//     addresses and titles per document (a 10 KB address used 3,000 times
//     by "[a]" made 15 MB of HTML from 19 KB).
package guard

import (
	"fmt"
	"reflect"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

const (
	maxLinkParens  = 32
	maxLinkLabels  = 32
	maxDelimiters  = 2000
	maxNesting     = 64 // ancestors of a block: two per list level
	MaxPaddedCells = 10_000
)

// ReferenceBudget is the bytes of addresses and titles that link
// references may repeat in a document of n bytes.
func ReferenceBudget(n int) int { return 64<<10 + 4*n }

// Parser is goldmark's parser with the guards wrapped around the parsers
// that options and extensions add to it. Give it to goldmark.New as
// goldmark.WithParser, before any extension; then call Check.
type Parser struct {
	parser.Parser
	wrapped map[string]int // guard name -> parsers wrapped, for tests
}

// NewParser returns a parser with goldmark's default parsers, guarded.
func NewParser() *Parser {
	p := &Parser{Parser: parser.NewParser(), wrapped: map[string]int{}}
	p.AddOptions(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
	return p
}

var (
	linkParserType     = reflect.TypeOf(parser.NewLinkParser())
	codeSpanParserType = reflect.TypeOf(parser.NewCodeSpanParser())
	delimiterTypes     = []reflect.Type{reflect.TypeOf(parser.NewEmphasisParser()), reflect.TypeOf(extension.NewStrikethroughParser())}
	containerTypes     = []reflect.Type{reflect.TypeOf(parser.NewListParser()), reflect.TypeOf(parser.NewBlockquoteParser()),
		reflect.TypeOf(extension.NewFootnoteBlockParser())}
	tableType = reflect.TypeOf(extension.NewTableParagraphTransformer())
)

// AddOptions applies each option to a scratch configuration to see what it
// adds, and adds that to the parser with the guards around it.
func (p *Parser) AddOptions(opts ...parser.Option) {
	for _, opt := range opts {
		c := parser.NewConfig()
		opt.SetParserOption(c)
		if len(c.BlockParsers)+len(c.InlineParsers)+len(c.ParagraphTransformers) == 0 {
			p.Parser.AddOptions(opt)
			continue
		}
		for i, v := range c.BlockParsers {
			c.BlockParsers[i].Value = p.wrapBlock(v.Value)
		}
		for i, v := range c.InlineParsers {
			c.InlineParsers[i].Value = p.wrapInline(v.Value)
		}
		for i, v := range c.ParagraphTransformers {
			c.ParagraphTransformers[i].Value = p.wrapParagraph(v.Value)
		}
		p.Parser.AddOptions(
			parser.WithBlockParsers(c.BlockParsers...),
			parser.WithInlineParsers(c.InlineParsers...),
			parser.WithParagraphTransformers(c.ParagraphTransformers...),
			parser.WithASTTransformers(c.ASTTransformers...),
		)
		for name, value := range c.Options {
			p.Parser.AddOptions(parser.WithOption(name, value))
		}
		if c.EscapedSpace {
			p.Parser.AddOptions(parser.WithEscapedSpace())
		}
	}
}

func (p *Parser) wrapBlock(v any) any {
	bp, ok := v.(parser.BlockParser)
	if !ok || !isOneOf(v, containerTypes) {
		return v
	}
	p.wrapped["nesting"]++
	return nestingGuard{bp}
}

func (p *Parser) wrapInline(v any) any {
	ip, ok := v.(parser.InlineParser)
	if !ok {
		return v
	}
	switch {
	case reflect.TypeOf(v) == linkParserType:
		p.wrapped["link"]++
		return linkGuard{ip}
	case reflect.TypeOf(v) == codeSpanParserType:
		p.wrapped["code span"]++
		return codeSpanGuard{ip}
	case isOneOf(v, delimiterTypes):
		p.wrapped["delimiter"]++
		return delimiterGuard{ip}
	}
	return v
}

func (p *Parser) wrapParagraph(v any) any {
	pt, ok := v.(parser.ParagraphTransformer)
	if !ok || reflect.TypeOf(v) != tableType {
		return v
	}
	p.wrapped["table"]++
	return tableGuard{pt}
}

func isOneOf(v any, types []reflect.Type) bool {
	t := reflect.TypeOf(v)
	for _, u := range types {
		if t == u {
			return true
		}
	}
	return false
}

// setOption passes parser options on to a wrapped parser that takes them.
func setOption(inner any, name parser.OptionName, value any) {
	if so, ok := inner.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// blockState is what the guards know of the block whose inline content is
// being parsed; goldmark parses one block's inlines at a time.
type blockState struct {
	block      ast.Node
	labels     int          // "[" and "![" open in it
	delimiters int          // emphasis and strikethrough runs in it
	noCloser   map[int]bool // code span opener lengths that found no closer
}

var blockStateKey = parser.NewContextKey()

// docState is what the guards count over a whole document.
type docState struct {
	paddedCells int // empty cells tables added
	referenced  int // bytes of addresses and titles references repeated
}

var docStateKey = parser.NewContextKey()

func docStateOf(pc parser.Context) *docState {
	d, _ := pc.Get(docStateKey).(*docState)
	if d == nil {
		d = &docState{}
		pc.Set(docStateKey, d)
	}
	return d
}

func stateOf(pc parser.Context, block ast.Node) *blockState {
	s, _ := pc.Get(blockStateKey).(*blockState)
	if s == nil || s.block != block {
		s = &blockState{block: block}
		pc.Set(blockStateKey, s)
	}
	return s
}

// literal consumes n bytes as plain text.
func literal(block text.Reader, n int) ast.Node {
	_, seg := block.PeekLine()
	block.Advance(n)
	return ast.NewTextSegment(seg.WithStop(seg.Start + n))
}

// linkGuard bounds goldmark's link parser: the destination scan after
// "](" and the number of open labels.
type linkGuard struct{ parser.InlineParser }

func (g linkGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	s := stateOf(pc, parent)
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	switch {
	case line[0] == ']':
		if s.labels > 0 {
			s.labels-- // goldmark closes its last open label at every "]"
		}
		var reader text.Reader = block
		if len(line) > 1 && line[1] == '(' && !destinationEnds(block) {
			// goldmark's own scan would run to the end of the line and fail:
			// let it see no "(" after the "]".
			reader = &hiddenByte{Reader: block, at: seg.Start + 1}
		}
		n := g.InlineParser.Parse(parent, reader, pc)
		if size := referenced(n); size > 0 {
			d := docStateOf(pc)
			if d.referenced += size; d.referenced > ReferenceBudget(len(block.Source())) {
				_, here := block.Position()
				return ast.NewTextSegment(text.NewSegment(n.Pos(), here.Start))
			}
		}
		return n
	case s.labels >= maxLinkLabels:
		if line[0] == '!' && len(line) > 1 && line[1] == '[' {
			return literal(block, 2)
		}
		if line[0] == '[' {
			return literal(block, 1)
		}
	}
	n := g.InlineParser.Parse(parent, block, pc)
	if n != nil {
		s.labels++ // a "[" or "![" opened a label
	}
	return n
}

// referenced returns the bytes a link or image repeats from its reference
// definition, or 0.
func referenced(n ast.Node) int {
	switch n := n.(type) {
	case *ast.Link:
		if n.Reference != nil {
			return len(n.Destination) + len(n.Title)
		}
	case *ast.Image:
		if n.Reference != nil {
			return len(n.Destination) + len(n.Title)
		}
	}
	return 0
}

func (g linkGuard) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := g.InlineParser.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

func (g linkGuard) SetOption(name parser.OptionName, value any) {
	setOption(g.InlineParser, name, value)
}

// destinationEnds reports whether the link destination after the "](" the
// reader is at ends within the bounds, scanning as goldmark does (see its
// parseLinkDestination) but stopping where goldmark would scan on and fail.
// The reader is left where it was.
func destinationEnds(block text.Reader) bool {
	l, pos := block.Position()
	defer block.SetPosition(l, pos)
	block.Advance(2)
	block.SkipSpaces()
	line, _ := block.PeekLine()
	if len(line) > 0 && line[0] == '<' {
		for i := 1; i < len(line); i++ {
			switch c := line[i]; {
			case c == '\\' && i+1 < len(line) && util.IsPunct(line[i+1]):
				i++
			case c == '>':
				return true
			case c == '<':
				return false
			}
		}
		return false
	}
	depth := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line) && util.IsPunct(line[i+1]):
			i++
		case c == '(':
			if depth++; depth > maxLinkParens {
				return false
			}
		case c == ')':
			if depth--; depth < 0 {
				return true
			}
		case util.IsSpace(c):
			return true
		}
	}
	return true
}

// hiddenByte is a reader that shows the byte at one position as absent.
type hiddenByte struct {
	text.Reader
	at int
}

func (r *hiddenByte) Peek() byte {
	if _, pos := r.Reader.Position(); pos.Start == r.at && pos.Padding == 0 {
		return text.EOF
	}
	return r.Reader.Peek()
}

// codeSpanGuard remembers, per block, the opener lengths that found no
// closer: a later opener of that length finds none either, since a run of
// that length after it would have closed the first.
type codeSpanGuard struct{ parser.InlineParser }

func (g codeSpanGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	s := stateOf(pc, parent)
	line, _ := block.PeekLine()
	n := 0
	for n < len(line) && line[n] == '`' {
		n++
	}
	if s.noCloser[n] {
		return literal(block, n)
	}
	node := g.InlineParser.Parse(parent, block, pc)
	if _, ok := node.(*ast.Text); ok {
		if s.noCloser == nil {
			s.noCloser = map[int]bool{}
		}
		s.noCloser[n] = true
	}
	return node
}

func (g codeSpanGuard) SetOption(name parser.OptionName, value any) {
	setOption(g.InlineParser, name, value)
}

// delimiterGuard shows emphasis and strikethrough markers past the
// maxDelimiters-th run of a block as text.
type delimiterGuard struct{ parser.InlineParser }

func (g delimiterGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	s := stateOf(pc, parent)
	if s.delimiters >= maxDelimiters {
		line, _ := block.PeekLine()
		n := 1
		for n < len(line) && line[n] == line[0] {
			n++
		}
		return literal(block, n)
	}
	node := g.InlineParser.Parse(parent, block, pc)
	if _, ok := node.(*parser.Delimiter); ok {
		s.delimiters++
	}
	return node
}

func (g delimiterGuard) SetOption(name parser.OptionName, value any) {
	setOption(g.InlineParser, name, value)
}

// nestingGuard opens no list, block quote or footnote maxNesting blocks
// deep; the line is then read as what it holds (a paragraph, mostly).
type nestingGuard struct{ parser.BlockParser }

func (g nestingGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	depth := 0
	for n := parent; n != nil; n = n.Parent() {
		if depth++; depth >= maxNesting {
			return nil, parser.NoChildren
		}
	}
	return g.BlockParser.Open(parent, reader, pc)
}

func (g nestingGuard) SetOption(name parser.OptionName, value any) {
	setOption(g.BlockParser, name, value)
}

// tableGuard leaves a paragraph as it is when making it a table could add
// more empty cells than the document's budget has left.
type tableGuard struct{ parser.ParagraphTransformer }

func (g tableGuard) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	src := reader.Source()
	first := -1
	for i := 1; i < lines.Len() && first < 0; i++ {
		if delimiterRow(lineAt(lines, i, src)) {
			first = i
		}
	}
	if first < 0 {
		return // no table here, and goldmark would find none
	}
	// A table has as many columns as a delimiter row has cells, at most one
	// more than its pipes; a row has, unless its pipes are escaped, at least
	// one cell fewer than its pipes. That bounds what padding adds.
	columns, padded := 0, 0
	for i := first; i < lines.Len(); i++ {
		if line := lineAt(lines, i, src); delimiterRow(line) {
			columns = max(columns, pipes(line, false)+1)
		}
	}
	for i := first + 1; i < lines.Len(); i++ {
		padded += max(0, columns-max(0, pipes(lineAt(lines, i, src), true)-1))
	}
	d := docStateOf(pc)
	if d.paddedCells+padded > MaxPaddedCells {
		return
	}
	d.paddedCells += padded
	g.ParagraphTransformer.Transform(node, reader, pc)
}

func lineAt(lines *text.Segments, i int, src []byte) []byte {
	seg := lines.At(i)
	return seg.Value(src)
}

// delimiterRow reports a line that could be a table's delimiter row
// ("|---|:--:|"), or more.
func delimiterRow(line []byte) bool {
	dash := false
	for _, c := range line {
		switch c {
		case '-':
			dash = true
		case '|', ':', ' ', '\t', '\n', '\r':
		default:
			return false
		}
	}
	return dash
}

func (g tableGuard) SetOption(name parser.OptionName, value any) {
	setOption(g.ParagraphTransformer, name, value)
}

// pipes counts the "|" of a line; unescaped only, when asked.
func pipes(line []byte, unescaped bool) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			if unescaped {
				i++
			}
		case '|':
			n++
		}
	}
	return n
}

// Check reports a guard that found nothing to wrap, once the extensions
// have added their parsers: a goldmark upgrade that renamed a parser would
// otherwise drop its guard without a word.
func (p *Parser) Check() error {
	for _, name := range []string{"link", "code span", "delimiter", "nesting", "table"} {
		if p.wrapped[name] == 0 {
			return fmt.Errorf("markdown guard: the %s guard wraps no goldmark parser", name)
		}
	}
	return nil
}
