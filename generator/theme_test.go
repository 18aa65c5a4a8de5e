package generator_test

import (
	"bytes"
	"strings"
	"testing"
)

func TestSiteThemeOverridesFileByFile(t *testing.T) {
	root := writeSite(t, minimalConfig+`
-- content/press/2026-01-01-x.md --
---
title: X
---
Body.
-- themes/default/layouts/partials/footer.html --
<footer class="custom-footer"><p>Our own footer</p></footer>
-- themes/default/static/css/extra.css --
body { color: black; }
`)
	_, mem, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := mem.File("press/x/index.html")
	if !bytes.Contains(page, []byte("Our own footer")) {
		t.Error("the site's footer did not replace the theme's")
	}
	if !bytes.Contains(page, []byte(`class="site-header"`)) {
		t.Error("files the site does not override must come from the embedded theme")
	}
	if _, ok := mem.File("css/extra.css"); !ok {
		t.Error("the site's own static file was not published")
	}
	if _, ok := mem.File("css/pressroom.css"); !ok {
		t.Error("the theme's static file was not published")
	}
}

func TestThemeErrors(t *testing.T) {
	tests := map[string]struct{ files, want string }{
		"unknown theme": {`
-- config.toml --
title = "T"
baseURL = "https://x.example/"
theme = "fancy"
[organization]
name = "O"
`, `theme "fancy" not found`},
		"broken layout names its file": {minimalConfig + `
-- themes/default/layouts/release.html --
{{define "main"}}{{.Nope}
`, "themes/default/layouts/release.html"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, _, err := buildMemory(t, writeSite(t, tc.files), testAt, false)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
