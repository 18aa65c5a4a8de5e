package content

import (
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/diag"
)

// TestSidecarLicenceSpellings: pages and kits print "Licence", so a
// sidecar takes licence as well as license, in YAML and TOML; both in one
// sidecar is one key written twice, an error at the later line.
func TestSidecarLicenceSpellings(t *testing.T) {
	loc := time.UTC
	tests := map[string]struct {
		name, src string
		license   string
		line      int    // of license in Lines
		problem   string // the one problem, or ""
	}{
		"license in YAML": {"photo.jpg.yaml", "title: P\nlicense: CC BY 4.0\n", "CC BY 4.0", 2, ""},
		"licence in YAML": {"photo.jpg.yaml", "title: P\ncredit: C\nlicence: CC BY 4.0\n", "CC BY 4.0", 3, ""},
		"licence in TOML": {"photo.jpg.toml", "title = \"P\"\nlicence = \"CC0\"\n", "CC0", 2, ""},
		"both in YAML":    {"photo.jpg.yaml", "license: A\ntitle: P\nlicence: B\n", "", 0, "content/assets/photo.jpg.yaml:3: licence: license on line 1 is the same key, spelt the other way: keep one of the two lines"},
		"both in TOML":    {"photo.jpg.toml", "licence = \"B\"\nlicense = \"A\"\n", "", 0, "content/assets/photo.jpg.toml:2: license: licence on line 1 is the same key, spelt the other way: keep one of the two lines"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var problems diag.List
			meta := parseSidecar([]byte(tc.src), "content/assets/"+tc.name, loc, &problems)
			err := problems.Err()
			if tc.problem == "" {
				if err != nil {
					t.Fatal(err)
				}
				if meta.License != tc.license || meta.Lines["license"] != tc.line {
					t.Errorf("license %q on line %d, want %q on line %d", meta.License, meta.Lines["license"], tc.license, tc.line)
				}
				return
			}
			if err == nil || len(err.(*diag.Errors).Problems) != 1 || !strings.HasPrefix(err.Error(), tc.problem) {
				t.Errorf("problems %v, want one: %s", err, tc.problem)
			}
		})
	}
}

// TestKeysAreTheDecodersLists: Keys is what files are checked against,
// with the sidecar's other spellings.
func TestKeysAreTheDecodersLists(t *testing.T) {
	keys := Keys()
	for kind, set := range keysBySection {
		want := len(set)
		if kind == "sidecar" {
			want += len(sidecarSpellings)
		}
		if len(keys[kind]) != want {
			t.Errorf("%s: %d keys %v, want %d", kind, len(keys[kind]), keys[kind], want)
		}
		for _, k := range keys[kind] {
			if !set[k] && (kind != "sidecar" || sidecarSpellings[k] == "") {
				t.Errorf("%s: %q is not accepted", kind, k)
			}
		}
	}
	if strings.Join(keys["sidecar"], " ") != "alt caption checkIgnore credit embargo licence license tags title" {
		t.Errorf("sidecar keys %v", keys["sidecar"])
	}
}
