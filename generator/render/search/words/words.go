// Package words turns text into the terms of the search index, as the
// language of the text writes them: it splits text into words (runs of
// letters and digits; apostrophes, hyphens and punctuation part them),
// lowercases them, reduces each to its stem with the language's Snowball
// stemmer (English, German, French and Spanish; other languages are
// lowercased only), and folds accents away ("Énergie" and "energie" are
// one word). The browser's search client folds a query the same way
// (themes/default/static/js/search.js): Fold and the client must agree.
//
// It knows nothing of sites or HTML beyond skipping tags and decoding
// entities of a body (Text).
package words

import (
	"strings"
	"unicode"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/spanish"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest word indexed, in bytes: longer runs are codes,
// hashes or addresses, not words anyone types.
const MaxLen = 40

// Stemmer reduces a lowercased word to its stem.
type Stemmer func(word string) string

// stemmers are the Snowball stemmers by language code.
var stemmers = map[string]func(*snowball.Env) bool{
	"en": english.Stem,
	"de": german.Stem,
	"fr": french.Stem,
	"es": spanish.Stem,
}

// Stems reports whether a language has a stemmer; one without finds words
// as they are written, folded.
func Stems(lang string) bool { return stemmers[base(lang)] != nil }

// base is a language tag's language: "de" of "de-AT".
func base(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

// NewStemmer returns the stemmer of a language (a BCP 47 tag such as "de"
// or "en-GB"): Snowball's where there is one, else the word as it is. A
// stemmer is not safe for concurrent use.
func NewStemmer(lang string) Stemmer {
	stem := stemmers[base(lang)]
	if stem == nil {
		return func(w string) string { return w }
	}
	env := snowball.NewEnv("")
	return func(w string) string {
		env.SetCurrent(w)
		stem(env)
		return env.Current()
	}
}

// Word is one word of a text as the index knows it.
type Word struct {
	Form string // the word lowercased and folded: what a reader types
	Stem string // its stem, folded: what the index finds it by
}

// Analyzer turns words into Words for one language, remembering each word
// it has seen: a newsroom writes the same few thousand words again and
// again. It is not safe for concurrent use.
type Analyzer struct {
	stem Stemmer
	seen map[string]Word
}

// NewAnalyzer returns an analyzer for a language.
func NewAnalyzer(lang string) *Analyzer {
	return &Analyzer{stem: NewStemmer(lang), seen: map[string]Word{}}
}

// Analyze returns the Word of a lowercased word (as Scan yields it).
func (a *Analyzer) Analyze(lower []byte) Word {
	if w, ok := a.seen[string(lower)]; ok {
		return w
	}
	s := string(lower)
	w := Word{Form: Fold(s), Stem: Fold(a.stem(s))}
	a.seen[s] = w
	return w
}

// Scan calls fn with each word of text, lowercased, in a buffer that is
// only good until fn returns. Words of one character and words longer
// than MaxLen are left out.
func Scan(text string, buf []byte, fn func(lower []byte)) []byte {
	n := len(text)
	for i := 0; i < n; {
		if c := text[i]; c < utf8.RuneSelf {
			if !wordByte[c] {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !wordRune(r) {
			i += size
			continue
		}
		start, ascii, upper := i, true, false
		for i < n {
			c := text[i]
			if c < utf8.RuneSelf {
				if !wordByte[c] {
					break
				}
				upper = upper || 'A' <= c && c <= 'Z'
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !wordRune(r) {
				break
			}
			ascii = false
			i += size
		}
		word := text[start:i]
		switch {
		case len(word) > MaxLen || len(word) < 2:
		case ascii && !upper:
			buf = append(buf[:0], word...)
			fn(buf)
		case ascii || utf8.RuneCountInString(word) >= 2:
			buf = lowerInto(buf[:0], word)
			fn(buf)
		}
	}
	return buf
}

// wordByte says which ASCII bytes are letters or digits.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// wordRune says whether a rune is part of a word: a letter, a digit, or a
// mark that accents the letter before it.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// lowerInto appends word lowercased to buf.
func lowerInto(buf []byte, word string) []byte {
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			return append(buf[:0], strings.ToLower(word)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// letters are folded to these rather than decomposed: NFD leaves them whole.
var letters = strings.NewReplacer("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "ł", "l", "đ", "d", "ð", "d", "þ", "th", "ı", "i")

var foldMarks = runes.Remove(runes.In(unicode.Mn))

// Fold removes the accents of a lowercased word ("énergie" -> "energie",
// "straße" -> "strasse"), as the search client does with the query.
func Fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	w = letters.Replace(norm.NFD.String(w))
	out, _, err := transform.String(foldMarks, w)
	if err != nil {
		return w
	}
	return norm.NFC.String(out)
}
