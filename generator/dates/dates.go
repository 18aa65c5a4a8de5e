// Package dates writes dates as each language writes them: "3 November
// 2026", "3. November 2026", "3 novembre 2026", "3 de noviembre de 2026".
// Go's time package writes English month names only. A language it does
// not know is written in English words, in the order of English.
package dates

import (
	"strconv"
	"strings"
	"time"
)

// style is how one language writes a date.
type style struct {
	months [12]string
	// long writes day, month and year in the language's order.
	long func(day int, month string, year int) string
}

var styles = map[string]style{
	"en": {[12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) }},
	"de": {[12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		func(d int, m string, y int) string { return itoa(d) + ". " + m + " " + itoa(y) }},
	"fr": {[12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		func(d int, m string, y int) string {
			if d == 1 {
				return "1er " + m + " " + itoa(y)
			}
			return itoa(d) + " " + m + " " + itoa(y)
		}},
	"es": {[12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		func(d int, m string, y int) string { return itoa(d) + " de " + m + " de " + itoa(y) }},
	"it": {[12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) }},
	"nl": {[12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) }},
	"pt": {[12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		func(d int, m string, y int) string { return itoa(d) + " de " + m + " de " + itoa(y) }},
}

func of(lang string) style {
	if s, ok := styles[lang]; ok {
		return s
	}
	if base, _, ok := strings.Cut(lang, "-"); ok {
		if s, ok := styles[base]; ok {
			return s
		}
	}
	return styles["en"]
}

// Long writes t's date in language lang: "3. November 2026" in German.
// t is written in its own zone: convert it first.
func Long(lang string, t time.Time) string {
	s := of(lang)
	return s.long(t.Day(), s.months[t.Month()-1], t.Year())
}

// Month is the name of t's month in language lang.
func Month(lang string, t time.Time) string { return of(lang).months[t.Month()-1] }

// Clock writes t's time of day as the language does: "09:30" on a 24-hour
// clock, which every language here reads; English newsrooms write it so too.
func Clock(lang string, t time.Time) string { return t.Format("15:04") }

func itoa(n int) string { return strconv.Itoa(n) }
