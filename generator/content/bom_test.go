package content

import (
	"reflect"
	"testing"
)

// TestByteOrderMark: a content file that begins with a UTF-8 byte-order
// mark, as Windows editors write, loads as one without, lines and all.
func TestByteOrderMark(t *testing.T) {
	const bom = "\uFEFF"
	got, errs := loadFiles(t, map[string]string{
		"content/pages/yaml.md": bom + "---\ntitle: YAML\n---\nBody.\n",
		"content/pages/toml.md": bom + "+++\ntitle = \"TOML\"\n+++\nBody.\n",
	})
	if errs != nil {
		t.Fatalf("unexpected problems: %v", errs)
	}
	for _, it := range got.Items {
		if it.Front.Title == "" || string(it.Body) != "Body.\n" || it.BodyLine != 4 {
			t.Errorf("%s: title %q, body %q on line %d", it.Source, it.Front.Title, it.Body, it.BodyLine)
		}
	}
	_, errs = loadFiles(t, map[string]string{"content/press/bad.md": bom + "---\ntitle: Bad\ndate: 2026-02-30\n---\n"})
	if want := []string{`content/press/bad.md:3: date: "2026-02-30" is not a date: write YYYY-MM-DD, or a date and time such as 2026-11-03T09:00:00+01:00`}; !reflect.DeepEqual(errs, want) {
		t.Errorf("problems %q, want %q", errs, want)
	}
}
