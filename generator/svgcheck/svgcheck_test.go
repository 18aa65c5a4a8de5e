package svgcheck

import (
	"io"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := map[string]struct {
		svg  string
		want []string // a word of each finding's message, in order
		line int      // the first finding's line, when it matters
	}{
		"a plain logo": {svg: `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Logo &amp; mark</title><a href="https://example.com/"><rect width="10" height="10" style="fill:#123"/></a></svg>`},
		"a design tool's namespace entities": {svg: `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_svg "http://www.w3.org/2000/svg">
	<!ENTITY ns_xlink "http://www.w3.org/1999/xlink">
]>
<svg xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;"><path d="M0 0h1"/></svg>`},
		"a script":                             {svg: "<svg xmlns=\"http://www.w3.org/2000/svg\">\n\n<script>alert(document.domain)</script></svg>", want: []string{"<script>"}, line: 3},
		"a script in CDATA, in another prefix": {svg: `<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script type="text/ecmascript"><![CDATA[alert(1)]]></s:script></s:svg>`, want: []string{"<script>"}},
		"an XHTML script in foreignObject":     {svg: `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><html xmlns="http://www.w3.org/1999/xhtml"><SCRIPT>alert(1)</SCRIPT></html></foreignObject></svg>`, want: []string{"<script>"}},
		"an event handler":                     {svg: `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, want: []string{"onload="}},
		"an event handler on a child":          {svg: `<svg><g><circle r="1" onmouseover='alert(1)'/></g></svg>`, want: []string{"onmouseover="}},
		"a javascript: link":                   {svg: `<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, want: []string{"javascript:"}},
		"a javascript: link, disguised":        {svg: "<svg><a href=\" &#10;JaVa\tScRiPt&#x3A;alert(1)\"><text>x</text></a></svg>", want: []string{"javascript:"}},
		"an animated javascript: link":         {svg: `<svg><a><animate attributeName="href" values="https://x/;javascript:alert(1)"/><text>x</text></a></svg>`, want: []string{"javascript:"}},
		"an animated event handler":            {svg: `<svg><set attributeName="onmouseover" to="alert(1)"/></svg>`, want: []string{"animates an event handler"}},
		"an iframe with srcdoc":                {svg: `<svg><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;b&gt;x&lt;/b&gt;"/></foreignObject></svg>`, want: []string{"srcdoc"}},
		"an XSLT stylesheet":                   {svg: `<?xml-stylesheet type="text/xsl" href="page.xsl"?><svg/>`, want: []string{"XSLT"}},
		"an entity holding a script":           {svg: `<!DOCTYPE svg [<!ENTITY s "<script>alert(1)</script>">]><svg>&s;</svg>`, want: []string{"entity"}},
		"an entity after a '>'":                {svg: `<!DOCTYPE svg [<!ENTITY s "> <script>alert(1)</script>">]><svg>&s;</svg>`, want: []string{"entity"}},
		"an entity holding a script URL":       {svg: `<!DOCTYPE svg [<!ENTITY u "javascript:alert(1)">]><svg><a href="&u;"/></svg>`, want: []string{"entity"}},
		"a parameter entity":                   {svg: `<!DOCTYPE svg [<!ENTITY % p "<!ENTITY x 'y'>"> %p;]><svg/>`, want: []string{"parameter entity"}},
		"an external entity":                   {svg: `<!DOCTYPE svg [<!ENTITY x SYSTEM "other.xml">]><svg>&x;</svg>`, want: []string{"entity"}},
		"broken XML after a script":            {svg: "<svg><script>alert(1)</script>\n<g></svg", want: []string{"<script>", "not well-formed"}},
		"two findings":                         {svg: `<svg onload="x()"><script/></svg>`, want: []string{"onload=", "<script>"}},
	}
	for name, tc := range tests {
		got := Check(strings.NewReader(tc.svg))
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d findings %v, want %d", name, len(got), got, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			if !strings.Contains(got[i].Msg, w) {
				t.Errorf("%s: finding %d is %q, want one about %s", name, i, got[i].Msg, w)
			}
		}
		if tc.line != 0 && got[0].Line != tc.line {
			t.Errorf("%s: at line %d, want %d", name, got[0].Line, tc.line)
		}
	}
}

// TestCheckReadsABoundedAmount: a huge SVG is read only up to MaxBytes,
// and the finding says the rest was not checked.
func TestCheckReadsABoundedAmount(t *testing.T) {
	defer func(l int64) { limit = l }(limit)
	limit = 1 << 20 // MaxBytes takes seconds with the race detector
	r := &endless{head: `<svg xmlns="http://www.w3.org/2000/svg"><desc>`}
	got := Check(r)
	if r.n > limit+64<<10 {
		t.Errorf("Check read %d bytes of an endless SVG", r.n)
	}
	if len(got) != 1 || !strings.Contains(got[0].Msg, "only the first 1 MB") {
		t.Errorf("findings = %v", got)
	}
}

// endless is an SVG that never ends: a start, then text forever.
type endless struct {
	head string
	n    int64
}

func (e *endless) Read(p []byte) (int, error) {
	var n int
	if e.n < int64(len(e.head)) {
		n = copy(p, e.head[e.n:])
	} else {
		for i := range p {
			p[i] = 'x'
		}
		n = len(p)
	}
	e.n += int64(n)
	return n, nil
}

var _ io.Reader = (*endless)(nil)
