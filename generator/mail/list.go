package mail

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/diag"
)

// Dir is the folder of the site that holds media lists. Nothing of it is
// ever published: builds never read it, and it may not be a destination.
const Dir = "media"

// Recipient is one journalist of a media list.
type Recipient struct {
	Name     string
	Email    string // as written, checked by net/mail
	Outlet   string
	Language string   // "de"; "" for the site's language
	Beats    []string // tag slugs; none means every release
	// EmbargoOK says the journalist is trusted with embargoed news: only
	// they get a release before its embargo lifts.
	EmbargoOK bool

	Line int // of its row, for errors
}

// List is a media list as read from media/NAME.csv or media/NAME.toml.
type List struct {
	Name       string
	File       string // "media/press.csv"
	Recipients []Recipient
}

// header is the first row of a CSV list.
var header = []string{"name", "email", "outlet", "language", "beats", "embargo_ok"}

// LoadList reads the list name of the site at source: media/NAME.csv, or
// media/NAME.toml. Every malformed row is a problem at its line, all of
// them at once.
func LoadList(source, name string) (*List, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return nil, fmt.Errorf("--list %q: name a media list, a file media/NAME.csv or media/NAME.toml", name)
	}
	for _, ext := range []string{".csv", ".toml"} {
		rel := Dir + "/" + name + ext
		data, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(rel)))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		l := &List{Name: name, File: rel}
		var problems diag.List
		if ext == ".csv" {
			l.Recipients = parseCSV(rel, data, &problems)
		} else {
			l.Recipients = parseTOML(rel, data, &problems)
		}
		checkDuplicates(rel, l.Recipients, &problems)
		return l, problems.Err()
	}
	return nil, fmt.Errorf("no media list %q: write media/%s.csv with the header row %s", name, name, strings.Join(header, ","))
}

func parseCSV(file string, data []byte, problems *diag.List) []Recipient {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1 // counted here, to say which row and what to do
	r.TrimLeadingSpace = true
	first, err := r.Read()
	if err != nil {
		problems.Add(file, 1, "no header row: the first line must be %s", strings.Join(header, ","))
		return nil
	}
	cols := map[string]int{}
	for i, c := range first {
		cols[strings.ToLower(strings.TrimSpace(c))] = i
	}
	for _, h := range header {
		if _, ok := cols[h]; !ok {
			problems.Add(file, 1, "the header row has no column %q: it must be %s", h, strings.Join(header, ","))
			return nil
		}
	}
	var out []Recipient
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var perr *csv.ParseError
			line := 0
			if errors.As(err, &perr) {
				line, err = perr.StartLine, perr.Err
			}
			problems.Add(file, line, "%v: quote a field holding a comma or a quote (\"Doe, Jane\")", err)
			return out
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(first) {
			problems.Add(file, line, "%d fields where the header has %d: quote a field holding a comma (\"Doe, Jane\")", len(rec), len(first))
			continue
		}
		get := func(col string) string { return strings.TrimSpace(rec[cols[col]]) }
		out = append(out, checkRow(file, line, problems, get("name"), get("email"), get("outlet"), get("language"),
			splitBeats(get("beats")), get("embargo_ok")))
	}
	return out
}

// splitBeats splits a CSV beats cell: tags separated by ";".
func splitBeats(cell string) []string {
	var out []string
	for _, b := range strings.Split(cell, ";") {
		if b = strings.TrimSpace(b); b != "" {
			out = append(out, b)
		}
	}
	return out
}

// tomlList is a media list in TOML: one [[journalist]] table a journalist.
type tomlList struct {
	Journalist []struct {
		Name      string   `toml:"name"`
		Email     string   `toml:"email"`
		Outlet    string   `toml:"outlet"`
		Language  string   `toml:"language"`
		Beats     []string `toml:"beats"`
		EmbargoOK *bool    `toml:"embargo_ok"`
	} `toml:"journalist"`
}

func parseTOML(file string, data []byte, problems *diag.List) []Recipient {
	var l tomlList
	md, err := toml.Decode(string(data), &l)
	if err != nil {
		var perr toml.ParseError
		line := 0
		if errors.As(err, &perr) {
			line, err = perr.Position.Line, errors.New(perr.Message)
		}
		problems.Add(file, line, "%v: each journalist is a [[journalist]] table of name, email, outlet, language, beats, embargo_ok", err)
		return nil
	}
	headers := tableLines(data, "[[journalist]]")
	for _, k := range md.Undecoded() {
		line := 0
		if len(k) > 1 && k[0] == "journalist" {
			line = keyLine(data, headers, k[len(k)-1])
		}
		problems.Add(file, line, "unknown key %q: a journalist has name, email, outlet, language, beats, embargo_ok", k.String())
	}
	var out []Recipient
	for i, j := range l.Journalist {
		line := 0
		if i < len(headers) {
			line = headers[i]
		}
		ok := ""
		if j.EmbargoOK != nil {
			ok = strconv.FormatBool(*j.EmbargoOK)
		}
		out = append(out, checkRow(file, line, problems, strings.TrimSpace(j.Name), strings.TrimSpace(j.Email),
			strings.TrimSpace(j.Outlet), strings.TrimSpace(j.Language), j.Beats, ok))
	}
	return out
}

// tableLines are the lines (from 1) on which header is written.
func tableLines(data []byte, header string) []int {
	var out []int
	for i, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(strings.SplitN(l, "#", 2)[0]) == header {
			out = append(out, i+1)
		}
	}
	return out
}

// keyLine is the first line after any of headers that sets key.
func keyLine(data []byte, headers []int, key string) int {
	if len(headers) == 0 {
		return 0
	}
	for i, l := range strings.Split(string(data), "\n") {
		k, _, ok := strings.Cut(l, "=")
		if ok && i+1 > headers[0] && strings.TrimSpace(k) == key {
			return i + 1
		}
	}
	return headers[0]
}

// checkRow makes a Recipient of one row's fields, reporting what is wrong.
func checkRow(file string, line int, problems *diag.List, name, email, outlet, lang string, beats []string, embargoOK string) Recipient {
	r := Recipient{Name: name, Email: email, Outlet: outlet, Language: strings.ToLower(lang), Line: line}
	if email == "" {
		problems.Add(file, line, "no email address: every journalist needs one")
	} else if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		problems.Add(file, line, "%q is not an email address: write it as jane.doe@example.com", email)
	}
	if lang != "" && !validLanguage(r.Language) {
		problems.Add(file, line, "language %q is not a language code such as \"en\" or \"de\"", lang)
	}
	for _, b := range beats {
		s := content.Slugify(b)
		if s == "" {
			problems.Add(file, line, "beat %q is no tag: beats are the tags of releases, such as \"storage\"", b)
			continue
		}
		r.Beats = append(r.Beats, s)
	}
	switch strings.ToLower(embargoOK) {
	case "", "false", "no", "0":
	case "true", "yes", "1":
		r.EmbargoOK = true
	default:
		problems.Add(file, line, "embargo_ok %q: write true or false (true: trusted with embargoed news)", embargoOK)
	}
	return r
}

// validLanguage accepts codes such as "en", "de", "pt-br".
func validLanguage(s string) bool {
	main, region, _ := strings.Cut(s, "-")
	letters := func(s string, min, max int) bool {
		if len(s) < min || len(s) > max {
			return false
		}
		for _, c := range s {
			if c < 'a' || c > 'z' {
				return false
			}
		}
		return true
	}
	return letters(main, 2, 3) && (region == "" || letters(region, 2, 8))
}

// checkDuplicates reports an address written twice: a journalist would
// get the one message the journal allows, and the second row would lie.
func checkDuplicates(file string, rs []Recipient, problems *diag.List) {
	seen := map[string]int{}
	for _, r := range rs {
		key := strings.ToLower(r.Email)
		if key == "" {
			continue
		}
		if prev, dup := seen[key]; dup {
			problems.Add(file, r.Line, "%s is on this list already, at line %d: keep one row", r.Email, prev)
			continue
		}
		seen[key] = r.Line
	}
}
