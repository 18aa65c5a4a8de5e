package feeds

import "testing"

func TestXMLText(t *testing.T) {
	tests := map[string]string{
		"plain <b>html</b>":   "plain <b>html</b>",
		"form\ffeed":          "form\uFFFDfeed",
		"tab\tand\nnewline\r": "tab\tand\nnewline\r",
		"nul\x00":             "nul\uFFFD",
		"emoji 🌬 and é":       "emoji 🌬 and é",
		"private \uFFFE char": "private \uFFFD char",
	}
	for in, want := range tests {
		if got := xmlText(in); got != want {
			t.Errorf("xmlText(%q) = %q, want %q", in, got, want)
		}
	}
	if rssImage("https://x/logo.svg") || !rssImage("https://x/logo.PNG") {
		t.Error("RSS 2.0 channel images must be GIF, JPEG or PNG")
	}
}
