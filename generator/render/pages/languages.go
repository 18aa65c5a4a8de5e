package pages

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

var languageNames sync.Map // code -> name

// LanguageName is a language's name in itself, as a switcher shows it:
// "Deutsch", "Français", "English".
func LanguageName(code string) string {
	if n, ok := languageNames.Load(code); ok {
		return n.(string)
	}
	name := code
	if tag, err := language.Parse(code); err == nil {
		if n := display.Self.Name(tag); n != "" {
			r, size := utf8.DecodeRuneInString(n)
			name = string(unicode.ToUpper(r)) + n[size:] // "español" -> "Español"
		}
	}
	languageNames.Store(code, name)
	return name
}

// EnglishName is a language's name in English, for messages: "German".
func EnglishName(code string) string {
	if tag, err := language.Parse(code); err == nil {
		if n := display.English.Languages().Name(tag); n != "" {
			return n
		}
	}
	return code
}
