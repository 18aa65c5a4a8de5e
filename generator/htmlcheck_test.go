package generator_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// vnuJar finds the W3C Nu HTML checker: $VNU_JAR, or the copy .ci/run installs.
// In CI a missing checker fails the test; elsewhere it skips.
func vnuJar(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("VNU_JAR"), filepath.Join("..", ".ci", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")}
	_, javaErr := exec.LookPath("java")
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if _, err := os.Stat(c); err == nil && javaErr == nil {
			return c
		}
	}
	msg := "the W3C Nu HTML checker needs java and vnu.jar (npm install --prefix .ci vnu-jar; or set VNU_JAR)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// TestPagesAreValidHTML runs the W3C checker over every page of the test
// site and of the example newsroom.
func TestPagesAreValidHTML(t *testing.T) {
	jar := vnuJar(t)
	sites := []string{"testdata/small", "testdata/bilingual"}
	if _, err := os.Stat("../config.toml"); err == nil {
		sites = append(sites, "..")
	}
	for _, root := range sites {
		t.Run(root, func(t *testing.T) {
			dest := buildDir(t, root)
			// The site's static/ files are published as they are, not
			// made by pressroom: a search console's verification file is
			// one line of text named .html.
			_ = filepath.WalkDir(filepath.Join(root, "static"), func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(filepath.Join(root, "static"), p)
					os.Remove(filepath.Join(dest, rel))
				}
				return nil
			})
			out, _ := exec.Command("java", "-jar", jar, "--format", "json", "--skip-non-html", "--also-check-css", dest).CombinedOutput()
			var report struct {
				Messages []struct {
					Type, SubType, URL, Message, Extract string
					LastLine                             int
				}
			}
			if err := json.Unmarshal(out, &report); err != nil {
				t.Fatalf("cannot read the checker's report: %v\n%s", err, out)
			}
			for _, m := range report.Messages {
				if m.Type == "error" || m.SubType == "warning" {
					t.Errorf("%s:%d: %s %s: %s\n  %s", filepath.Base(filepath.Dir(m.URL)), m.LastLine, m.Type, m.SubType, m.Message, m.Extract)
				}
			}
		})
	}
}
