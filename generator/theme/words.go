package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/pressroom/pressroom/generator/fingerprint"
	defaulttheme "github.com/pressroom/pressroom/themes/default"
)

// Words are the theme's words in every language it has: i18n/XX.toml in
// each layer, the site's own files overriding the embedded theme's message
// by message. A message is a plain text ("press_release = \"Press
// release\""), or a table with the plural forms of the language
// ("[n_items] one = \"{{.Count}} item\" other = \"{{.Count}} items\""),
// as github.com/nicksnyder/go-i18n reads them. A message a language lacks
// is the English one.
type Words struct {
	bundle *i18n.Bundle
	// plain holds the messages without plural forms or template actions,
	// by language and id: most of a page's words, looked up without a
	// template.
	plain map[string]map[string]string
	// ids are the ids of every message, by language.
	ids        map[string]map[string]bool
	localizers sync.Map // language -> *i18n.Localizer
}

// wordsDir is the folder of a theme that holds its words.
const wordsDir = "i18n"

// loadWords reads every layer's i18n/*.toml, the embedded theme's first.
func (t *Theme) loadWords() error {
	w := &Words{bundle: i18n.NewBundle(language.English), plain: map[string]map[string]string{}, ids: map[string]map[string]bool{}}
	w.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	var problems []error
	version := fingerprint.New("words")
	for _, name := range t.list(wordsDir) {
		if path.Ext(name) != ".toml" {
			continue
		}
		for i := len(t.layers) - 1; i >= 0; i-- { // the default first: the site's own override it
			l := t.layers[i]
			if !l.serves(name) {
				continue
			}
			data, err := fs.ReadFile(l.fsys, name)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				problems = append(problems, problem(l.where(name), 0, fmt.Sprintf("cannot read: %v", err)))
				continue
			}
			version.Str(l.where(name)).Num(fingerprint.Of(data))
			file, err := w.bundle.ParseMessageFileBytes(data, name)
			if err != nil {
				problems = append(problems, problem(l.where(name), 0, fmt.Sprintf("%v: write each message as id = \"text\", or as a table of plural forms (one, other)", err)))
				continue
			}
			lang := strings.ToLower(file.Tag.String())
			if w.plain[lang] == nil {
				w.plain[lang], w.ids[lang] = map[string]string{}, map[string]bool{}
			}
			for _, m := range file.Messages {
				w.ids[lang][m.ID] = true
				if m.One == "" && m.Few == "" && m.Many == "" && m.Two == "" && m.Zero == "" && !strings.Contains(m.Other, "{{") {
					w.plain[lang][m.ID] = m.Other
				} else {
					delete(w.plain[lang], m.ID)
				}
			}
		}
	}
	t.words, t.WordsVersion = w, version.Sum()
	return errors.Join(problems...)
}

// T returns the message id in language lang, with pairs of names and
// values for its template ("Count", 3, "Org", "Northwind"); a "Count"
// chooses the plural form. A message the language lacks is the English
// one; a message no language has is its id.
func (t *Theme) T(lang, id string, pairs ...any) string {
	w := t.words
	if len(pairs) == 0 {
		if s, ok := w.plain[lang][id]; ok {
			return s
		}
		if _, ok := w.plain[lang]; !ok {
			if base, _, ok := strings.Cut(lang, "-"); ok {
				if s, ok := w.plain[base][id]; ok {
					return s // pt-br has what pt has
				}
			}
		}
	}
	data := map[string]any{}
	var count any
	for i := 0; i+1 < len(pairs); i += 2 {
		k := fmt.Sprint(pairs[i])
		data[k] = pairs[i+1]
		if k == "Count" {
			count = pairs[i+1]
		}
	}
	s, err := w.localizer(lang).Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if s == "" && err != nil {
		if s, ok := w.plain["en"][id]; ok {
			return s
		}
		return id
	}
	return s
}

func (w *Words) localizer(lang string) *i18n.Localizer {
	if l, ok := w.localizers.Load(lang); ok {
		return l.(*i18n.Localizer)
	}
	l := i18n.NewLocalizer(w.bundle, lang, "en")
	w.localizers.Store(lang, l)
	return l
}

// Missing lists the ids of the English messages that language lang does
// not have, sorted: what a translator of the theme has still to write.
// English itself misses nothing.
func (t *Theme) Missing(lang string) []string {
	if lang == "en" {
		return nil
	}
	w := t.words
	var out []string
	for id := range w.ids["en"] {
		if !w.ids[lang][id] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// translate is the layouts' t: {{t .Site "press_release"}}, or with a
// language code, {{t "de" "press_release"}}, and pairs of names and
// values for the message's template ({{t .Site "about" "Org" .Name}}).
func (t *Theme) translate(scope any, id string, pairs ...any) string {
	lang := "en"
	switch s := scope.(type) {
	case string:
		lang = s
	case interface{ Language() string }:
		lang = s.Language()
	}
	return t.T(lang, id, pairs...)
}

var embedded = sync.OnceValue(func() *Theme {
	t := &Theme{layers: []layer{{fsys: defaulttheme.FS, root: "(embedded default theme)"}}}
	if err := t.loadWords(); err != nil {
		panic(err) // the embedded theme's words are tested
	}
	return t
})

// EmbeddedT is the embedded default theme's T, for callers without a
// loaded theme.
func EmbeddedT(lang, id string, pairs ...any) string { return embedded().T(lang, id, pairs...) }
