package content

import (
	"fmt"
	"os"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/bep/imagemeta"
)

// Where a value of an asset's metadata came from (AssetMeta.From).
const (
	FromSidecar = "sidecar"
	FromIPTC    = "IPTC"
	FromXMP     = "XMP"
	FromEXIF    = "EXIF"
)

// embedded is what a photo says of itself in its EXIF, IPTC and XMP: each
// value with the standard it came from.
type embedded struct {
	values      map[string]sourced // "title", "alt", "caption", "credit", "license"
	orientation int
}

type sourced struct{ value, from string }

// embeddedKeys says, for each sidecar key a photo's own metadata can fill,
// which tags fill it, the first one given winning. SPEC: headline or
// title; description for the caption; creator or credit line; copyright
// or usage terms.
var embeddedKeys = map[string][]struct{ from, tag string }{
	"title":   {{FromIPTC, "Headline"}, {FromXMP, "Headline"}, {FromXMP, "Title"}, {FromIPTC, "ObjectName"}},
	"alt":     {{FromXMP, "AltTextAccessibility"}},
	"caption": {{FromXMP, "Description"}, {FromIPTC, "Caption-Abstract"}, {FromEXIF, "ImageDescription"}},
	"credit": {{FromXMP, "Creator"}, {FromIPTC, "By-line"}, {FromEXIF, "Artist"},
		{FromXMP, "Credit"}, {FromIPTC, "Credit"}},
	"license": {{FromXMP, "Rights"}, {FromIPTC, "CopyrightNotice"}, {FromEXIF, "Copyright"}, {FromXMP, "UsageTerms"}},
}

// wanted are the tags embeddedKeys reads, by source, with the orientation
// and IPTC's declaration of its character set, which says how to read the rest.
var wanted = func() map[string]bool {
	m := map[string]bool{FromEXIF + " Orientation": true, FromIPTC + " CodedCharacterSet": true}
	for _, tags := range embeddedKeys {
		for _, t := range tags {
			m[t.from+" "+t.tag] = true
		}
	}
	return m
}()

// readEmbedded reads a JPEG's or PNG's own metadata. A file it cannot read
// says nothing: images.Inspect reports a damaged image.
func readEmbedded(abs string) embedded {
	var format imagemeta.ImageFormat
	switch strings.ToLower(path.Ext(abs)) {
	case ".jpg", ".jpeg":
		format = imagemeta.JPEG
	case ".png":
		format = imagemeta.PNG
	default:
		return embedded{}
	}
	f, err := os.Open(abs)
	if err != nil {
		return embedded{}
	}
	defer f.Close()
	tags := map[string]string{}
	var orientation int
	_, _ = imagemeta.Decode(imagemeta.Options{
		R: f, ImageFormat: format,
		ShouldHandleTag: func(ti imagemeta.TagInfo) bool {
			if ti.Source == imagemeta.EXIF && !strings.HasPrefix(ti.Namespace, "IFD0") {
				return false // the thumbnail's
			}
			return wanted[sourceName(ti.Source)+" "+ti.Tag]
		},
		HandleTag: func(ti imagemeta.TagInfo) error {
			src := sourceName(ti.Source)
			if src == FromEXIF && ti.Tag == "Orientation" {
				if n, ok := number(ti.Value); ok && n >= 1 && n <= 8 {
					orientation = n
				}
				return nil
			}
			key := src + " " + ti.Tag
			if _, seen := tags[key]; !seen {
				v := text(ti.Value)
				if src == FromIPTC {
					v = undoLatin1(v)
				}
				if v != "" {
					tags[key] = v
				}
			}
			return nil
		},
	})
	out := embedded{values: map[string]sourced{}, orientation: orientation}
	for key, candidates := range embeddedKeys {
		for _, c := range candidates {
			if v, ok := tags[c.from+" "+c.tag]; ok {
				out.values[key] = sourced{v, c.from}
				break
			}
		}
	}
	return out
}

func sourceName(s imagemeta.Source) string {
	switch s {
	case imagemeta.IPTC:
		return FromIPTC
	case imagemeta.XMP:
		return FromXMP
	}
	return FromEXIF
}

// text is a tag's value as one line of text: lists (several creators)
// joined, space trimmed and runs of white space made one.
func text(v any) string {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case []string:
		s = strings.Join(v, ", ")
	case []byte:
		s = string(v)
	default:
		return ""
	}
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "")), " ")
}

// undoLatin1 undoes the reading as ISO 8859-1 of text that was UTF-8: IPTC
// without a declared character set is read as Latin-1, but most software
// that leaves it out writes UTF-8 ("Â©" for "©").
func undoLatin1(s string) string {
	raw := make([]byte, 0, len(s))
	multi := false
	for _, r := range s {
		if r > 0xFF {
			return s // not read as Latin-1
		}
		if r >= 0x80 {
			multi = true
		}
		raw = append(raw, byte(r))
	}
	if multi && utf8.Valid(raw) {
		return string(raw)
	}
	return s
}

func number(v any) (int, bool) {
	switch v := v.(type) {
	case uint16:
		return int(v), true
	case uint32:
		return int(v), true
	case int:
		return v, true
	case int64:
		return int(v), true
	case uint8:
		return int(v), true
	}
	var n int
	_, err := fmt.Sscan(fmt.Sprint(v), &n)
	return n, err == nil
}

// fill sets each value the sidecar left empty from the photo's own
// metadata, and records where every value came from: the sidecar always
// wins.
func (m *AssetMeta) fill(e embedded) {
	m.Orientation = e.orientation
	fields := map[string]*string{"title": &m.Title, "alt": &m.Alt, "caption": &m.Caption, "credit": &m.Credit, "license": &m.License}
	for key, field := range fields {
		switch {
		case *field != "":
			m.setFrom(key, FromSidecar)
		case e.values[key].value != "":
			*field = e.values[key].value
			m.setFrom(key, e.values[key].from)
		}
	}
}

func (m *AssetMeta) setFrom(key, from string) {
	if m.From == nil {
		m.From = map[string]string{}
	}
	m.From[key] = from
}

// Embedded reports whether the value of key (title, alt, caption, credit,
// license) came from the photo's own metadata, and from which standard
// ("IPTC", "XMP", "EXIF"); "" when the sidecar gave it or nothing did.
func (m *AssetMeta) Embedded(key string) string {
	if from := m.From[key]; from != FromSidecar {
		return from
	}
	return ""
}
