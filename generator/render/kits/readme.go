package kits

import (
	"fmt"
	"strings"

	"github.com/pressroom/pressroom/generator/content"
)

// readme is the kit's README.txt: what it is, what is inside with credits
// and usage rights, and whom to call.
func readme(k *Kit, files []File) string {
	var b strings.Builder
	title := strings.ToUpper(k.Title)
	fmt.Fprintf(&b, "%s\n%s\n\n", title, strings.Repeat("=", min(len([]rune(title)), 78)))
	b.WriteString(wrap(k.About, 78) + "\n\n")
	fmt.Fprintf(&b, "Date: %s\n", k.Date.Format("2 January 2006"))
	if k.URL != "" {
		fmt.Fprintf(&b, "Online: %s\n", k.URL)
	}
	b.WriteString("\nCONTENTS\n\n")
	for _, f := range files {
		fmt.Fprintf(&b, "  %s\n", f.Path)
		if a := f.Asset; a != nil {
			for _, line := range []string{a.Meta.Title, a.Meta.Caption, credits(a.Meta.Credit, a.Meta.License), embeddedNote(&a.Meta)} {
				if line != "" {
					b.WriteString(indent(wrap(line, 72), "      ") + "\n")
				}
			}
		}
	}
	b.WriteString("  manifest.json\n      Every file with its size and SHA-256 checksum, title, credit and licence.\n")
	b.WriteString("\nUSAGE RIGHTS\n\n")
	b.WriteString(wrap("Images and documents may be used as their licence above says. Please credit them as shown. Texts may be quoted freely in reporting.", 78) + "\n")
	if len(k.Contacts) > 0 {
		b.WriteString("\nMEDIA CONTACTS\n\n")
		for _, c := range k.Contacts {
			fmt.Fprintf(&b, "  %s", c.Name)
			if c.Role != "" {
				fmt.Fprintf(&b, ", %s", c.Role)
			}
			b.WriteString("\n")
			for _, v := range []string{c.Email, c.Phone} {
				if v != "" {
					fmt.Fprintf(&b, "  %s\n", v)
				}
			}
			b.WriteString("\n")
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// embeddedNote says which of a photo's title, caption, credit and licence
// its own metadata gave (its sidecar gave the rest), or "".
func embeddedNote(m *content.AssetMeta) string {
	var parts []string
	for _, k := range []struct{ key, word string }{{"title", "title"}, {"caption", "caption"}, {"credit", "credit"}, {"license", "licence"}} {
		if from := m.Embedded(k.key); from != "" {
			parts = append(parts, k.word+" from its "+from)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "(As the photo's own metadata says: " + strings.Join(parts, ", ") + ".)"
}

func credits(credit, license string) string {
	switch {
	case credit != "" && license != "":
		return "Credit: " + credit + ". Licence: " + license + "."
	case credit != "":
		return "Credit: " + credit + "."
	case license != "":
		return "Licence: " + license + "."
	}
	return ""
}

// wrap breaks text into lines of at most width characters at spaces.
func wrap(text string, width int) string {
	var lines []string
	for _, para := range strings.Split(strings.TrimSpace(text), "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
				lines = append(lines, line)
				line = w
				continue
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func indent(text, prefix string) string {
	return prefix + strings.ReplaceAll(text, "\n", "\n"+prefix)
}
