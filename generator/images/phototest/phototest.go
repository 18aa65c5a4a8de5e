// Package phototest makes photos for tests: JPEGs of a given size that
// carry an EXIF orientation, IPTC (IIM) datasets and an XMP packet, written
// here byte by byte as cameras and photo desks write them, so that the
// tests of orientation and embedded credits need no binary fixtures.
package phototest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"sort"
	"strings"
)

// Photo says what a test photo carries. Zero values are left out.
type Photo struct {
	Width, Height int // the pixels as stored, before orientation
	Orientation   int // EXIF orientation, 1 to 8
	// EXIF ASCII tags by name: ImageDescription, Artist, Copyright.
	EXIF map[string]string
	// IPTC datasets of record 2 by name: ObjectName, By-line, Headline,
	// Credit, CopyrightNotice, Caption-Abstract.
	IPTC map[string]string
	// XMP properties: "dc:title", "dc:description", "dc:creator",
	// "dc:rights", "photoshop:Headline", "photoshop:Credit",
	// "xmpRights:UsageTerms", "Iptc4xmpCore:AltTextAccessibility".
	XMP map[string]string
	// XMPPadding adds that many bytes of white space to the XMP packet (a
	// large packet before the IPTC block is where readers lose IPTC).
	XMPPadding int
}

// Marked is the colour of the top-left quarter of the stored pixels; the
// rest is Plain. An upright derivative shows Marked where the orientation
// takes that corner.
var (
	Marked = color.RGBA{220, 30, 30, 255}
	Plain  = color.RGBA{30, 30, 220, 255}
)

// JPEG encodes p: its pixels are Plain with the top-left quarter Marked,
// followed after the start of image by its EXIF, XMP and IPTC segments.
func JPEG(p Photo) []byte {
	img := image.NewRGBA(image.Rect(0, 0, p.Width, p.Height))
	for y := 0; y < p.Height; y++ {
		for x := 0; x < p.Width; x++ {
			c := Plain
			if x < p.Width/2 && y < p.Height/2 {
				c = Marked
			}
			img.SetRGBA(x, y, c)
		}
	}
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	data := enc.Bytes()
	var out bytes.Buffer
	out.Write(data[:2]) // SOI
	if p.Orientation != 0 || len(p.EXIF) > 0 {
		segment(&out, 0xE1, append([]byte("Exif\x00\x00"), tiff(p)...))
	}
	if len(p.XMP) > 0 {
		segment(&out, 0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmp(p)...))
	}
	if len(p.IPTC) > 0 {
		segment(&out, 0xED, photoshop(iptc(p.IPTC)))
	}
	out.Write(data[2:])
	return out.Bytes()
}

func segment(out *bytes.Buffer, marker byte, payload []byte) {
	if len(payload)+2 > 0xFFFF {
		panic("phototest: a segment over 64 kB")
	}
	out.Write([]byte{0xFF, marker})
	binary.Write(out, binary.BigEndian, uint16(len(payload)+2))
	out.Write(payload)
}

var exifTags = map[string]uint16{"ImageDescription": 0x010E, "Artist": 0x013B, "Copyright": 0x8298}

// tiff is a big-endian TIFF header and IFD0 with the orientation and the
// ASCII tags, values past four bytes stored after the IFD.
func tiff(p Photo) []byte {
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte
	}
	var entries []entry
	if p.Orientation != 0 {
		entries = append(entries, entry{0x0112, 3, 1, []byte{0, byte(p.Orientation), 0, 0}})
	}
	for name, v := range p.EXIF {
		tag, ok := exifTags[name]
		if !ok {
			panic("phototest: no EXIF tag " + name)
		}
		entries = append(entries, entry{tag, 2, uint32(len(v) + 1), append([]byte(v), 0)})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].tag < entries[j].tag })
	var b, extra bytes.Buffer
	b.WriteString("MM\x00\x2A")
	binary.Write(&b, binary.BigEndian, uint32(8))
	binary.Write(&b, binary.BigEndian, uint16(len(entries)))
	dataAt := 8 + 2 + 12*len(entries) + 4
	for _, e := range entries {
		binary.Write(&b, binary.BigEndian, e.tag)
		binary.Write(&b, binary.BigEndian, e.typ)
		binary.Write(&b, binary.BigEndian, e.count)
		if len(e.value) <= 4 {
			b.Write(append(e.value, make([]byte, 4-len(e.value))...))
			continue
		}
		binary.Write(&b, binary.BigEndian, uint32(dataAt+extra.Len()))
		extra.Write(e.value)
		if extra.Len()%2 == 1 {
			extra.WriteByte(0)
		}
	}
	binary.Write(&b, binary.BigEndian, uint32(0)) // no IFD1
	b.Write(extra.Bytes())
	return b.Bytes()
}

var iptcDatasets = map[string]byte{"ObjectName": 5, "By-line": 80, "Headline": 105, "Credit": 110, "CopyrightNotice": 116, "Caption-Abstract": 120}

// iptc is IIM record 2: a coded character set of UTF-8 (1:90) and the datasets.
func iptc(values map[string]string) []byte {
	var b bytes.Buffer
	b.Write([]byte{0x1C, 1, 90, 0, 3, 0x1B, 0x25, 0x47}) // ESC % G: UTF-8
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ds, ok := iptcDatasets[name]
		if !ok {
			panic("phototest: no IPTC dataset " + name)
		}
		b.Write([]byte{0x1C, 2, ds})
		binary.Write(&b, binary.BigEndian, uint16(len(values[name])))
		b.WriteString(values[name])
	}
	return b.Bytes()
}

// photoshop wraps IPTC data in a Photoshop 3.0 image resource block (8BIM 0x0404).
func photoshop(data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("Photoshop 3.0\x00")
	b.WriteString("8BIM")
	b.Write([]byte{0x04, 0x04, 0, 0}) // resource id, empty name padded to even
	binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.Write(data)
	if len(data)%2 == 1 {
		b.WriteByte(0)
	}
	return b.Bytes()
}

// xmp is an XMP packet with p's properties, the dc: ones as the language
// alternatives or ordered lists XMP writes them as.
func xmp(p Photo) []byte {
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">
`)
	names := make([]string, 0, len(p.XMP))
	for name := range p.XMP {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		v := escape(p.XMP[name])
		switch name {
		case "dc:creator":
			fmt.Fprintf(&b, "<%s><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></%s>\n", name, v, name)
		case "dc:title", "dc:description", "dc:rights", "xmpRights:UsageTerms", "Iptc4xmpCore:AltTextAccessibility":
			fmt.Fprintf(&b, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></%s>\n", name, v, name)
		default:
			fmt.Fprintf(&b, "<%s>%s</%s>\n", name, v, name)
		}
	}
	b.WriteString("</rdf:Description></rdf:RDF></x:xmpmeta>\n")
	b.WriteString(strings.Repeat(" ", p.XMPPadding))
	b.WriteString(`<?xpacket end="w"?>`)
	return []byte(b.String())
}

func escape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
