package kits

import (
	"bytes"
	"html/template"

	"github.com/pressroom/pressroom/generator/site"
)

// standaloneHTML is a release or literature piece as one self-contained
// HTML file: it opens from a kit on any machine, offline, and prints well.
var standaloneHTML = template.Must(template.New("standalone").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Entry.Title}}</title>
<style>
body { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; font: 1.05rem/1.6 Georgia, "Times New Roman", serif; color: #1b2330; }
h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.2; }
.subtitle { font-size: 1.2rem; color: #4f5b6b; }
.dateline { font-family: system-ui, sans-serif; font-weight: 700; }
table { border-collapse: collapse; } th, td { border-bottom: 1px solid #d9dee6; padding: 0.3rem 0.6rem; text-align: left; }
img { max-width: 100%; height: auto; }
.end { text-align: center; letter-spacing: 0.3em; font-weight: 700; }
footer { border-top: 1px solid #d9dee6; margin-top: 2rem; font-size: 0.95rem; }
</style>
</head>
<body>
<article>
<h1>{{.Entry.Title}}</h1>
{{- with .Entry.Item.Front.Subtitle}}
<p class="subtitle">{{.}}</p>
{{- end}}
<p class="dateline">{{.Dateline}}</p>
{{.Body}}
{{- if eq .Entry.Section "press"}}
<p class="end">###</p>
{{- end}}
</article>
<footer>
{{- with .Entry.Boilerplate}}
<h2>{{$.About}}</h2>
<p>{{.}}</p>
{{- end}}
{{- with .Entry.Contacts}}
<h2>{{$.Contacts}}</h2>
{{- range .}}
<p>{{.Name}}{{with .Role}}, {{.}}{{end}}<br>{{with .Email}}<a href="mailto:{{.}}">{{.}}</a>{{end}}{{with .Phone}} · {{.}}{{end}}</p>
{{- end}}
{{- end}}
<p>{{.Online}} <a href="{{.URL}}">{{.URL}}</a></p>
</footer>
</body>
</html>
`))

func standalone(s *site.Site, e *site.Entry, words Words) ([]byte, error) {
	body, err := e.HTML()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = standaloneHTML.Execute(&buf, struct {
		Entry                                        *site.Entry
		Body                                         template.HTML
		Lang, URL, Dateline, About, Contacts, Online string
	}{e, body, s.Config.Language, s.URL(e.Path), s.Dateline(e), words(s.Lang, "about_org", "Org", s.Config.Organization.Name),
		words(s.Lang, "media_contacts"), words(s.Lang, "kit_online")})
	if err != nil {
		panic(err) // the template is fixed and its data complete; render turns a panic into an error
	}
	return buf.Bytes(), nil
}
