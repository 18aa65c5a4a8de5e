package config

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/suggest"
)

// The kinds of value config.toml holds, as the configuration reference in
// README.md names them in its type column.
const (
	KindText   = "text"
	KindNumber = "whole number"
	KindBool   = "true or false"
	KindList   = "list of texts"
	KindTable  = "table"
	KindTables = "list of tables"
	// KindNamed is a table of tables by name, [languages.de]: Keys and
	// README write its name as XX ("languages.XX.title").
	KindNamed = "tables by name"
)

// NamePlaceholder stands for the name of a table of KindNamed in key paths.
const NamePlaceholder = "XX"

// Key is one key or table that config.toml accepts.
type Key struct {
	Path string // from the top, dotted: "title", "feeds", "feeds.limit", "deploy.matchers.gzip"
	Kind string // KindText, KindNumber, ...
}

// Keys lists every key and table config.toml accepts, in the order of
// Config's fields, each table followed by its keys. It is read from the
// struct tags the decoder reads, so the reference in README.md can be
// tested against it.
func Keys() []Key {
	var out []Key
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for _, f := range tomlFields(t) {
			k := Key{Path: prefix + f.name, Kind: kindOf(f.typ)}
			out = append(out, k)
			switch k.Kind {
			case KindTable:
				walk(f.typ, k.Path+".")
			case KindTables:
				walk(f.typ.Elem(), k.Path+".")
			case KindNamed: // listed as the table each name opens
				out[len(out)-1] = Key{Path: k.Path + "." + NamePlaceholder, Kind: KindTable}
				walk(f.typ.Elem(), k.Path+"."+NamePlaceholder+".")
			}
		}
	}
	walk(reflect.TypeOf(Config{}), "")
	return out
}

type tomlField struct {
	name  string
	index int
	typ   reflect.Type // pointers removed
}

// tomlFields are the fields of struct type t that config.toml sets.
func tomlFields(t reflect.Type) []tomlField {
	var out []tomlField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		typ := f.Type
		if typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		out = append(out, tomlField{name: name, index: i, typ: typ})
	}
	return out
}

func kindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return KindText
	case reflect.Int, reflect.Int64:
		return KindNumber
	case reflect.Bool:
		return KindBool
	case reflect.Struct:
		return KindTable
	case reflect.Slice:
		switch t.Elem().Kind() {
		case reflect.String:
			return KindList
		case reflect.Struct:
			return KindTables
		}
	case reflect.Map:
		if t.Key().Kind() == reflect.String && t.Elem().Kind() == reflect.Struct {
			return KindNamed
		}
	}
	panic("config: no kind of config.toml value for a field of type " + t.String())
}

// examples are what each key's errors offer to write, as the value after
// "KEY = ". They name no real company: a message goes to every newsroom.
var examples = map[string]string{
	"title":                                 `"Your Company Newsroom"`,
	"baseURL":                               `"https://news.example.com/"`,
	"language":                              `"en"`,
	"timezone":                              `"Europe/Berlin"`,
	"theme":                                 `"default"`,
	"organization.name":                     `"Your Company"`,
	"organization.tagline":                  `"What you do, in one line."`,
	"organization.website":                  `"https://www.example.com/"`,
	"organization.boilerplate":              `"Your Company makes …"`,
	"organization.logo":                     `"logos/logo.svg"`,
	"organization.logoRaster":               `"logos/logo.png"`,
	"contacts.id":                           `"press"`,
	"contacts.name":                         `"Alex Doe"`,
	"contacts.role":                         `"Head of Communications"`,
	"contacts.email":                        `"press@example.com"`,
	"contacts.phone":                        `"+1 555 0100"`,
	"feeds.limit":                           `50`,
	"markup.unsafe":                         `false`,
	"presskits.name":                        `"brand"`,
	"presskits.title":                       `"Brand assets"`,
	"presskits.description":                 `"Logos and portraits, free for editorial use."`,
	"presskits.include":                     `["logos/**", "photos/leadership/**"]`,
	"deploy.name":                           `"production"`,
	"deploy.url":                            `"s3://BUCKET?region=eu-central-1"`,
	"deploy.maxDeletes":                     `256`,
	"deploy.matchers.pattern":               `'\.zip$'`,
	"deploy.matchers.cacheControl":          `"public, max-age=604800"`,
	"deploy.matchers.gzip":                  `true`,
	"check.ignore":                          `["short-photo"]`,
	"mail.from":                             `"Your Company Press Office <press@example.com>"`,
	"mail.rate":                             `60`,
	"mail.unsubscribe":                      `"press@example.com"`,
	"mail.unsubscribeURL":                   `"https://www.example.com/unsubscribe?email={email}&list={list}"`,
	"mail.journal":                          `"media/.sent"`,
	"alerts.list":                           `"press"`,
	"alerts.when":                           `"lift"`,
	"description":                           `"News, photos and press kits of Your Company."`,
	"languages.XX.title":                    `"Your Company Pressebereich"`,
	"languages.XX.description":              `"Neuigkeiten, Fotos und Pressemappen."`,
	"languages.XX.timezone":                 `"Europe/Berlin"`,
	"languages.XX.organization.tagline":     `"Was Sie tun, in einer Zeile."`,
	"languages.XX.organization.boilerplate": `"Your Company baut …"`,
	"languages.XX.contacts.id":              `"press"`,
	"languages.XX.contacts.role":            `"Leitung Kommunikation"`,
}

// exampleLine is a line to write for key: `limit = 50`.
func exampleLine(key string) string {
	return key[strings.LastIndex(key, ".")+1:] + " = " + examples[key]
}

// decoder sets a Config from the values BurntSushi/toml read into maps,
// checking each against the field it is for. It reports every problem at
// its line in plain words, where toml stops at the first and speaks of Go
// types ("TOML value has type string; destination has type integer").
type decoder struct {
	src      []byte
	pos      positions
	problems *diag.List
	bad      map[string]bool // keys (as positions writes them) already reported
}

func newDecoder(src []byte, problems *diag.List) *decoder {
	return &decoder{src: src, pos: scanPositions(src), problems: problems, bad: map[string]bool{}}
}

// reported tells whether key, or a key or table in it, has a problem
// already: later checks say nothing more about it.
func (d *decoder) reported(key string) bool {
	for k := range d.bad {
		if k == key || strings.HasPrefix(k, key+".") || strings.HasPrefix(k, key+"[") {
			return true
		}
	}
	return false
}

func (d *decoder) add(key string, format string, args ...any) {
	d.bad[key] = true
	d.problems.Add(FileName, d.pos.line(key), format, args...)
}

// table sets the struct rv from raw. at is the table's key as positions
// writes it ("contacts[1]"), name the same without indices ("contacts"),
// header as a line of config.toml starts it ("[[contacts]]"); all three
// are "" at the top.
func (d *decoder) table(raw map[string]any, rv reflect.Value, at, name, header string) {
	fields := tomlFields(rv.Type())
	byName := map[string]tomlField{}
	for _, f := range fields {
		byName[f.name] = f
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f, ok := byName[k]
		if !ok {
			d.unknown(raw[k], join(at, k), join(name, k), header, fields)
			continue
		}
		fv := rv.Field(f.index)
		if fv.Kind() == reflect.Pointer {
			ptr := reflect.New(f.typ)
			if d.value(raw[k], ptr.Elem(), join(at, k), join(name, k)) {
				fv.Set(ptr)
			}
			continue
		}
		d.value(raw[k], fv, join(at, k), join(name, k))
	}
}

func join(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// value sets rv from v, or reports why it cannot; it returns whether it set it.
func (d *decoder) value(v any, rv reflect.Value, at, name string) bool {
	kind := kindOf(rv.Type())
	switch kind {
	case KindText:
		if s, ok := v.(string); ok {
			rv.SetString(s)
			return true
		}
	case KindNumber:
		if n, ok := v.(int64); ok && !rv.OverflowInt(n) {
			rv.SetInt(n)
			return true
		}
	case KindBool:
		if b, ok := v.(bool); ok {
			rv.SetBool(b)
			return true
		}
	case KindList:
		if list, ok := v.([]any); ok {
			out := make([]string, len(list))
			for i, e := range list {
				s, ok := e.(string)
				if !ok {
					d.add(at, "%s must be a list of texts in quotes, like %s (entry %d is %s)", name, exampleLine(name), i+1, describe(e))
					return false
				}
				out[i] = s
			}
			rv.Set(reflect.ValueOf(out))
			return true
		}
	case KindTable:
		if m, ok := v.(map[string]any); ok {
			d.table(m, rv, at, name, "["+name+"]")
			return true
		}
	case KindNamed:
		if m, ok := v.(map[string]any); ok {
			out := reflect.MakeMapWithSize(rv.Type(), len(m))
			names := make([]string, 0, len(m))
			for k := range m {
				names = append(names, k)
			}
			sort.Strings(names)
			for _, k := range names {
				sub, ok := m[k].(map[string]any)
				if !ok {
					d.add(join(at, k), "%s.%s must be a table: a line [%s.%s] with its keys on the lines below (it is %s)", name, k, name, k, describe(m[k]))
					continue
				}
				elem := reflect.New(rv.Type().Elem()).Elem()
				d.table(sub, elem, join(at, k), name+"."+NamePlaceholder, "["+name+"."+k+"]")
				out.SetMapIndex(reflect.ValueOf(k), elem)
			}
			rv.Set(out)
			return true
		}
	case KindTables:
		var list []map[string]any
		switch v := v.(type) {
		case []map[string]any:
			list = v
		case []any: // inline tables, contacts = [{id = "press"}], or none
			list = make([]map[string]any, 0, len(v))
			for _, e := range v {
				if m, ok := e.(map[string]any); ok {
					list = append(list, m)
				}
			}
			if len(list) != len(v) {
				list = nil
			}
		}
		if list != nil {
			out := reflect.MakeSlice(rv.Type(), len(list), len(list))
			for i, m := range list {
				d.table(m, out.Index(i), at+"["+strconv.Itoa(i)+"]", name, "[["+name+"]]")
			}
			rv.Set(out)
			return true
		}
	}
	d.mismatch(v, rv.Type(), kind, at, name)
	return false
}

// mismatch reports a value of the wrong kind for the field.
func (d *decoder) mismatch(v any, t reflect.Type, kind, at, name string) {
	switch kind {
	case KindText:
		d.add(at, "%s must be text in quotes, like %s (it is %s)", name, exampleLine(name), describe(v))
	case KindNumber:
		if n, ok := v.(int64); ok {
			d.add(at, "%s = %d is too large a number", name, n)
			return
		}
		d.add(at, "%s must be a whole number, like %s (it is %s)", name, exampleLine(name), describe(v))
	case KindBool:
		d.add(at, "%s must be true or false, without quotes, like %s (it is %s)", name, exampleLine(name), describe(v))
	case KindList:
		d.add(at, "%s must be a list of texts in quotes, like %s (it is %s)", name, exampleLine(name), describe(v))
	case KindNamed:
		d.add(at, "%s must be tables by name: a line [%s.%s] with its keys on the lines below, such as %s (it is %s)", name, name, NamePlaceholder, firstExample(t.Elem(), name+"."+NamePlaceholder), describe(v))
	case KindTable:
		d.add(at, "%s must be a table: a line [%s] with its keys on the lines below, such as %s (it is %s)", name, name, firstExample(t, name), describe(v))
	case KindTables:
		it := describe(v)
		if _, one := v.(map[string]any); one {
			it = fmt.Sprintf("one table, [%s]: write [[%s]], with two brackets, before each", name, name)
		}
		d.add(at, "%s must be a list of tables: a line [[%s]] before each, with its keys on the lines below, such as %s (it is %s)", name, name, firstExample(t.Elem(), name), it)
	}
}

// firstExample is the example line of the first key of a table.
func firstExample(t reflect.Type, name string) string {
	return exampleLine(name + "." + tomlFields(t)[0].name)
}

// unknown reports a key or table that config.toml does not have, with the
// one it most likely meant: one problem for a table, however many keys it
// holds.
func (d *decoder) unknown(v any, at, name, header string, fields []tomlField) {
	last := name[strings.LastIndex(name, ".")+1:]
	table := name[:max(0, strings.LastIndex(name, "."))]
	parentAt := strings.TrimSuffix(strings.TrimSuffix(at, last), ".")
	isTable := func(f tomlField) bool {
		k := kindOf(f.typ)
		return k == KindTable || k == KindTables || k == KindNamed
	}
	bracket := func(f tomlField, path string) string {
		switch kindOf(f.typ) {
		case KindTable:
			return "[" + path + "]"
		case KindTables:
			return "[[" + path + "]]"
		case KindNamed:
			return "[" + path + "." + NamePlaceholder + "]"
		}
		return fmt.Sprintf("%q", path)
	}
	shown := name
	if strings.Contains(name, "."+NamePlaceholder) {
		shown = at // the name as written: "languages.de.titel"
	}
	written := fmt.Sprintf("key %q", shown)
	if d.pos.headers[at] || d.pos.headers[at+"[0]"] {
		if _, many := v.([]map[string]any); many {
			written = "table [[" + name + "]]"
		} else {
			written = "table [" + name + "]"
		}
	}
	// A table is a slip of a table's name, a key of a key's.
	var names []string
	for _, f := range fields {
		if isTable(f) == strings.HasPrefix(written, "table") {
			names = append(names, f.name)
		}
	}
	if near := suggest.Nearest(last, names); near != "" {
		for _, f := range fields {
			if f.name == near {
				d.bad[join(parentAt, near)] = true // its missing keys are this slip
				meant := join(table, near)
				if !strings.HasPrefix(written, "table") {
					meant = near
				}
				d.add(at, "unknown %s: did you mean %s?", written, bracket(f, meant))
				return
			}
		}
	}
	var keys, tables []string
	for _, f := range fields {
		if isTable(f) {
			tables = append(tables, bracket(f, join(table, f.name)))
		} else {
			keys = append(keys, f.name)
		}
	}
	var has []string
	if len(keys) > 0 {
		has = append(has, "the keys "+strings.Join(keys, ", "))
	}
	if len(tables) > 0 {
		has = append(has, "the tables "+strings.Join(tables, ", "))
	}
	where := "config.toml has"
	if header != "" {
		where = header + " has"
	}
	d.add(at, "unknown %s: %s %s (see \"Configuration reference\" in README.md)", written, where, strings.Join(has, " and "))
}

// describe says what a value is, for "(it is …)".
func describe(v any) string {
	switch v := v.(type) {
	case string:
		s := v
		if utf8.RuneCountInString(s) > 40 {
			s = string([]rune(s)[:40]) + "…"
		}
		return fmt.Sprintf("the text %q", s)
	case int64:
		return fmt.Sprintf("the number %d", v)
	case float64:
		return "the number " + strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return fmt.Sprintf("the value %t", v)
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return "the date " + v.Format("2006-01-02")
		case "time-local":
			return "the time " + v.Format("15:04:05")
		}
		return "the date and time " + v.Format("2006-01-02T15:04:05")
	case []any:
		return "a list"
	case []map[string]any:
		return "a list of tables"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%v", v)
}
