// Package vcard writes the media contacts as vCard 3.0 (RFC 2426): one file
// per contact at /contacts/ID.vcf and all of them at /contacts.vcf, so that a
// journalist adds a press officer to an address book in one click.
package vcard

import (
	"strings"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

// Output writes every contact's vCard and the list of all.
var Output = render.Output{Name: "vcards", Once: true, Plan: plan}

// Path is where a contact's vCard is published, under the base.
func Path(c *config.Contact) string { return "contacts/" + c.ID + ".vcf" }

// AllPath is where the vCards of all contacts are published.
const AllPath = "contacts.vcf"

func plan(env *render.Env) []render.Task {
	s := env.Site
	tasks := []render.Task{render.Always(func(out output.Writer) error {
		return out.WriteFile(AllPath, All(s))
	})}
	for _, c := range s.Contacts() {
		tasks = append(tasks, render.Always(func(out output.Writer) error {
			return out.WriteFile(Path(c), []byte(Card(c, s.Config.Organization.Name)))
		}))
	}
	return tasks
}

// All is every media contact's vCard in one file.
func All(s *site.Site) []byte {
	var b strings.Builder
	for _, c := range s.Contacts() {
		b.WriteString(Card(c, s.Config.Organization.Name))
	}
	return []byte(b.String())
}

// Card returns a contact as one vCard 3.0, lines ended by CRLF and folded
// at 75 octets as the RFC asks.
func Card(c *config.Contact, org string) string {
	family, given := splitName(c.Name)
	lines := []string{
		"BEGIN:VCARD",
		"VERSION:3.0",
		"N:" + escape(family) + ";" + escape(given) + ";;;",
		"FN:" + escape(c.Name),
	}
	add := func(prefix, value string) {
		if value != "" {
			lines = append(lines, prefix+escape(value))
		}
	}
	add("ORG:", org)
	add("TITLE:", c.Role)
	add("EMAIL;TYPE=INTERNET,WORK:", c.Email)
	add("TEL;TYPE=WORK,VOICE:", c.Phone)
	lines = append(lines, "END:VCARD")
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(fold(l))
	}
	return b.String()
}

// splitName takes the last word as the family name, the rest as given names.
func splitName(name string) (family, given string) {
	name = strings.TrimSpace(name)
	i := strings.LastIndexByte(name, ' ')
	if i < 0 {
		return name, ""
	}
	return name[i+1:], strings.TrimSpace(name[:i])
}

// escape escapes a text value: backslash, comma, semicolon and new lines.
func escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ",", `\,`, ";", `\;`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// fold ends a content line with CRLF, breaking it into lines of at most 75
// octets, each continuation starting with a space, never inside a UTF-8
// character.
func fold(line string) string {
	var b strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !startsRune(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}

func startsRune(b byte) bool { return b&0xC0 != 0x80 }
