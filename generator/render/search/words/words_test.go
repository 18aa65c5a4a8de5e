package words

import (
	"slices"
	"testing"
)

func scan(text string) []string {
	var out []string
	Scan(text, nil, func(w []byte) { out = append(out, string(w)) })
	return out
}

func TestScan(t *testing.T) {
	cases := map[string]struct {
		text string
		want []string
	}{
		"words and case":         {"Battery Storage opens", []string{"battery", "storage", "opens"}},
		"punctuation parts":      {"grid-scale, 1.6 GWh; (Lubmin)", []string{"grid", "scale", "gwh", "lubmin"}},
		"one letter is no word":  {"a b c is it", []string{"is", "it"}},
		"digits are words":       {"Q4 2026 results", []string{"q4", "2026", "results"}},
		"apostrophes part":       {"Northwind's l'énergie", []string{"northwind", "énergie"}},
		"accents kept for stems": {"Énergie ÉCOLE Straße", []string{"énergie", "école", "straße"}},
		"combining marks":        {"cafe\u0301 na\u0308ive", []string{"cafe\u0301", "na\u0308ive"}},
		"too long":               {"x" + string(make([]byte, 0)) + "abcdefghijabcdefghijabcdefghijabcdefghijk ok", []string{"ok"}},
		"other scripts":          {"Привет мир 東京", []string{"привет", "мир", "東京"}},
		"empty":                  {"", nil},
	}
	for name, c := range cases {
		if got := scan(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: Scan(%q) = %q, want %q", name, c.text, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"energie":    "energie",
		"énergie":    "energie",
		"straße":     "strasse",
		"über":       "uber",
		"año":        "ano",
		"œuvre":      "oeuvre",
		"cafe\u0301": "cafe",
		"søren":      "soren",
		"łódź":       "lodz",
		"привет":     "привет",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStem(t *testing.T) {
	cases := []struct {
		lang, word, want string
	}{
		{"en", "batteries", "batteri"},
		{"en", "battery", "batteri"},
		{"en", "storage", "storag"},
		{"en", "operations", "oper"},
		{"en-GB", "running", "run"},
		{"de", "speicher", "speich"},
		{"de", "energien", "energi"},
		{"de", "windparks", "windpark"},
		{"fr", "énergies", "énerg"},
		{"fr", "stockage", "stockag"},
		{"es", "baterías", "bat"}, // Snowball takes -ería for a suffix
		{"es", "almacenamiento", "almacen"},
		{"nl", "batterijen", "batterijen"}, // no stemmer: the word as it is
	}
	for _, c := range cases {
		if got := NewStemmer(c.lang)(c.word); got != c.want {
			t.Errorf("%s: stem(%q) = %q, want %q", c.lang, c.word, got, c.want)
		}
	}
	if !Stems("de-AT") || Stems("nl") {
		t.Error("Stems: want de-AT stemmed and nl not")
	}
}

func TestAnalyzeFoldsAfterStemming(t *testing.T) {
	cases := []struct {
		lang, word string
		want       Word
	}{
		{"en", "batteries", Word{Form: "batteries", Stem: "batteri"}},
		{"fr", "énergies", Word{Form: "energies", Stem: "energ"}},
		{"fr", "energies", Word{Form: "energies", Stem: "energ"}},
		{"de", "straßen", Word{Form: "strassen", Stem: "strass"}},
		{"es", "baterías", Word{Form: "baterias", Stem: "bat"}}, // typed without accent, the form finds the stem
	}
	for _, c := range cases {
		if got := NewAnalyzer(c.lang).Analyze([]byte(c.word)); got != c.want {
			t.Errorf("%s: Analyze(%q) = %+v, want %+v", c.lang, c.word, got, c.want)
		}
	}
}

func TestHTMLText(t *testing.T) {
	var got []string
	HTMLText(`<p>Grid <em>storage</em>&nbsp;&amp; wind</p><ul><li>one</li></ul><img alt="x" src="a.jpg">tail`, func(s string) { got = append(got, s) })
	want := []string{"Grid ", "storage", "\u00a0& wind", "one", "x", "tail"}
	if !slices.Equal(got, want) {
		t.Errorf("HTMLText = %q, want %q", got, want)
	}
}

func TestScanEdges(t *testing.T) {
	cases := map[string][]string{
		"é":             nil,
		"éa":            {"éa"},
		"ÉA":            {"éa"},
		"ab":            {"ab"},
		"AB cd Éfg":     {"ab", "cd", "éfg"},
		"x1 2y, 3 z":    {"x1", "2y"},
		"trailing—dash": {"trailing", "dash"},
	}
	for in, want := range cases {
		if got := scan(in); !slices.Equal(got, want) {
			t.Errorf("Scan(%q) = %q, want %q", in, got, want)
		}
	}
}
