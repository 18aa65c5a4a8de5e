package vcard

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pressroom/pressroom/generator/config"
)

func TestEscape(t *testing.T) {
	tests := map[string]string{
		"Mira Sand":             "Mira Sand",
		"Sales, Europe":         `Sales\, Europe`,
		"A; B":                  `A\; B`,
		`C:\path`:               `C:\\path`,
		"line one\nline two":    `line one\nline two`,
		"windows\r\nline":       `windows\nline`,
		"Müller & Söhne":        "Müller & Söhne",
		`all,;\` + "\n" + "end": `all\,\;\\\nend`,
	}
	for in, want := range tests {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []string{"short", strings.Repeat("a", 75), strings.Repeat("b", 76), strings.Repeat("ä", 100), strings.Repeat("x", 300)}
	for _, in := range tests {
		out := fold(in)
		if !strings.HasSuffix(out, "\r\n") {
			t.Errorf("fold(%d bytes) does not end in CRLF", len(in))
		}
		var joined strings.Builder
		for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Errorf("line of %d octets", len(l))
			}
			if !utf8.ValidString(l) {
				t.Errorf("a fold splits a character: %q", l)
			}
			if i > 0 {
				if l[0] != ' ' {
					t.Errorf("continuation without a leading space: %q", l)
				}
				l = l[1:]
			}
			joined.WriteString(l)
		}
		if joined.String() != in {
			t.Errorf("unfolding does not give the line back")
		}
	}
}

func TestCard(t *testing.T) {
	c := &config.Contact{ID: "press", Name: "Mira van der Sand", Role: "Head of Communications, Europe", Email: "press@northwind.example", Phone: "+49 30 5550 1200"}
	got := Card(c, "Northwind Energy; GmbH")
	want := "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Sand;Mira van der;;;\r\nFN:Mira van der Sand\r\nORG:Northwind Energy\\; GmbH\r\n" +
		"TITLE:Head of Communications\\, Europe\r\nEMAIL;TYPE=INTERNET,WORK:press@northwind.example\r\nTEL;TYPE=WORK,VOICE:+49 30 5550 1200\r\nEND:VCARD\r\n"
	if got != want {
		t.Errorf("Card =\n%q\nwant\n%q", got, want)
	}
}
