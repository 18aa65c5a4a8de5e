package kits

import (
	"fmt"
	"strings"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/dates"
	"github.com/pressroom/pressroom/generator/theme"
)

// readme is the kit's README.txt: what it is, what is inside with credits
// and usage rights, and whom to call.
func readme(k *Kit, files []File) string {
	if k.t == nil { // a kit made outside a build: the embedded theme's words
		k.t = func(id string, pairs ...any) string { return theme.EmbeddedT(k.Lang, id, pairs...) }
	}
	var b strings.Builder
	title := strings.ToUpper(k.Title)
	fmt.Fprintf(&b, "%s\n%s\n\n", title, strings.Repeat("=", min(len([]rune(title)), 78)))
	b.WriteString(wrap(k.About, 78) + "\n\n")
	fmt.Fprintf(&b, "%s %s\n", k.t("kit_date"), dates.Long(k.Lang, k.Date))
	if k.URL != "" {
		fmt.Fprintf(&b, "%s %s\n", k.t("kit_online"), k.URL)
	}
	b.WriteString("\n" + strings.ToUpper(k.t("kit_contents")) + "\n\n")
	for _, f := range files {
		fmt.Fprintf(&b, "  %s\n", f.Path)
		if a := f.Asset; a != nil {
			for _, line := range []string{a.Meta.Title, a.Meta.Caption, credits(k.t, a.Meta.Credit, a.Meta.License), embeddedNote(k.t, &a.Meta)} {
				if line != "" {
					b.WriteString(indent(wrap(line, 72), "      ") + "\n")
				}
			}
		}
	}
	b.WriteString("  manifest.json\n      " + k.t("kit_manifest") + "\n")
	b.WriteString("\n" + strings.ToUpper(k.t("kit_usage_rights")) + "\n\n")
	b.WriteString(wrap(k.t("kit_usage_text"), 78) + "\n")
	if len(k.Contacts) > 0 {
		b.WriteString("\n" + strings.ToUpper(k.t("media_contacts")) + "\n\n")
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
func embeddedNote(t func(string, ...any) string, m *content.AssetMeta) string {
	var parts []string
	for _, key := range []string{"title", "caption", "credit", "license"} {
		if from := m.Embedded(key); from != "" {
			parts = append(parts, t("kit_embedded_"+key, "From", from))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return t("kit_embedded", "Parts", strings.Join(parts, ", "))
}

func credits(t func(string, ...any) string, credit, license string) string {
	switch {
	case credit != "" && license != "":
		return t("kit_credit", "Credit", credit) + " " + t("kit_licence", "Licence", license)
	case credit != "":
		return t("kit_credit", "Credit", credit)
	case license != "":
		return t("kit_licence", "Licence", license)
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
