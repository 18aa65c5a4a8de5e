package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"net/url"
	"strings"
	texttemplate "text/template"
	"time"
)

//go:embed templates
var templateFiles embed.FS

var (
	htmlTemplate = htmltemplate.Must(htmltemplate.New("message.html").ParseFS(templateFiles, "templates/message.html"))
	textTemplate = texttemplate.Must(texttemplate.New("message.txt").Funcs(texttemplate.FuncMap{
		"wrap":  func(s string) string { return wrap(s, 72) },
		"upper": strings.ToUpper,
	}).ParseFS(templateFiles, "templates/message.txt"))
)

// Edition is one release as its messages show it, in one language, before
// anything of a recipient is added: what every message of a send shares.
type Edition struct {
	Lang         string
	Subject      string
	Embargo      string // "EMBARGOED UNTIL …", or "" once public
	Organization string
	SiteTitle    string
	SiteURL      string // the newsroom's home page
	Title        string
	Subtitle     string
	Summary      string
	Dateline     string
	Body         htmltemplate.HTML // made for mail clients (see mailBody)
	BodyText     string
	PageURL      string // "" while held
	Photo        *Photo
	Kit          *Kit
	Contacts     []Contact
	Boilerplate  string
	// Held says the release is not public yet; KitHeld that nor is its kit.
	Held, KitHeld bool
}

// Photo is the lead photo: a thumbnail linked to the file in full size.
type Photo struct {
	Src, Href, Alt  string
	Width           int
	Caption, Credit string
}

// Kit is the release's press kit: linked once public, attached on request.
type Kit struct {
	URL  string // "" when attached instead
	Size string // "2.4 MB"
	Name string // the attachment's file name
	Data []byte // the attachment, when there is one
}

// Contact is a media contact, with the address of their vCard.
type Contact struct {
	Name, Role, Email, Phone string
	Tel                      htmltemplate.URL
	VCard                    string
}

// view is what the templates see: an edition and its recipient's part.
type view struct {
	*Edition
	Preheader         string
	Why               string
	UnsubscribeURL    string
	UnsubscribeMailto string
	// MsoOpen and MsoClose fix the column at 600 px for Outlook's Word
	// engine, which ignores max-width: conditional comments, which
	// html/template would strip from the file.
	MsoOpen, MsoClose htmltemplate.HTML
}

// Outlook's conditional comments around the column (see view).
const (
	msoOpen  = `<!--[if mso]><table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0"><tr><td><![endif]-->`
	msoClose = `<!--[if mso]></td></tr></table><![endif]-->`
)

// Personal is what a message says of its one recipient.
type Personal struct {
	Why               string // the footer: why the journalist gets this
	UnsubscribeURL    string // one-click, https
	UnsubscribeMailto string // mailto:…
}

// Render writes the HTML and the plain-text parts of ed for one recipient.
func Render(ed *Edition, p Personal) (htmlPart, textPart string, err error) {
	v := view{Edition: ed, Preheader: ed.Summary, Why: p.Why, UnsubscribeURL: p.UnsubscribeURL, UnsubscribeMailto: p.UnsubscribeMailto,
		MsoOpen: msoOpen, MsoClose: msoClose}
	var h, t bytes.Buffer
	h.Grow(len(ed.Body) + 8192)
	if err := htmlTemplate.Execute(&h, v); err != nil {
		return "", "", fmt.Errorf("mail: %w", err)
	}
	t.Grow(len(ed.BodyText) + 2048)
	if err := textTemplate.Execute(&t, v); err != nil {
		return "", "", fmt.Errorf("mail: %w", err)
	}
	return h.String(), t.String(), nil
}

// EmbargoLine is how a held message begins: the moment in the site's
// zone, and in UTC.
func EmbargoLine(until time.Time, loc *time.Location) string {
	local := until.In(loc)
	return fmt.Sprintf("EMBARGOED UNTIL %s (%s)", local.Format("2 January 2006, 15:04 MST"), until.UTC().Format("15:04 UTC"))
}

// unsubscribeURL fills a configured one-click address for a recipient.
func unsubscribeURL(pattern, email, list string) string {
	if pattern == "" {
		return ""
	}
	r := strings.NewReplacer("{email}", url.QueryEscape(email), "{list}", url.QueryEscape(list))
	return r.Replace(pattern)
}

// unsubscribeMailto is the mailto: address of List-Unsubscribe.
func unsubscribeMailto(address, list string) string {
	if address == "" {
		return ""
	}
	q := url.Values{"subject": {"unsubscribe " + list}}
	return "mailto:" + address + "?" + strings.ReplaceAll(q.Encode(), "+", "%20")
}

// why says in the footer why a journalist gets the message.
func why(org, list string, r Recipient, held bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "You receive this release from %s because you are on its media list %q", org, list)
	if r.Name != "" || r.Outlet != "" {
		b.WriteString(" as ")
		b.WriteString(strings.TrimSpace(strings.Join(nonEmpty(r.Name, r.Outlet), ", ")))
	}
	if len(r.Beats) > 0 {
		fmt.Fprintf(&b, ", for news about %s", strings.Join(r.Beats, ", "))
	}
	b.WriteString(".")
	if held {
		b.WriteString(" You have it before its embargo lifts because you agreed to honour embargoes: please publish nothing of it before the moment above.")
	}
	return b.String()
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
