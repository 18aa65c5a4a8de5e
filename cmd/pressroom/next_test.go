package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func TestNext(t *testing.T) {
	site := t.TempDir()
	copyFile(t, filepath.Join("..", "..", "generator", "testdata", "small", "config.toml"), filepath.Join(site, "config.toml"))
	writeFile(t, filepath.Join(site, "content/assets/logos/acme.svg"), "<svg/>")
	writeFile(t, filepath.Join(site, "content/press/2026-11-02-q3.md"), "---\ntitle: Q3 results\nembargo: 2026-12-01T09:00:00\n---\n")
	writeFile(t, filepath.Join(site, "content/press/2026-12-01-plant.md"), "---\ntitle: The plant\nembargo: 2026-12-01T09:00:00\nassets: [photos/plant.svg]\n---\n")
	writeFile(t, filepath.Join(site, "content/assets/photos/plant.svg"), "<svg/>")
	writeFile(t, filepath.Join(site, "content/blog/2027-01-10-later.md"), "---\ntitle: Later\n---\n")
	writeFile(t, filepath.Join(site, "content/blog/2026-11-01-draft.md"), "---\ntitle: A draft\ndraft: true\n---\n")
	cases := map[string]struct {
		at   string
		want string
	}{
		"two releases at one moment, with the photo they use": {"2026-11-30T12:00:00Z",
			"2026-12-01T09:00:00+01:00\n" +
				"content/assets/photos/plant.svg\twith the items that use it\tphotos/plant.svg\n" +
				"content/press/2026-11-02-q3.md\tembargo lifts\tQ3 results\n" +
				"content/press/2026-12-01-plant.md\tembargo lifts\tThe plant\n"},
		"a date in the site's timezone": {"2026-12-01T09:00", "2027-01-10T00:00:00+01:00\ncontent/blog/2027-01-10-later.md\tscheduled\tLater\n"},
		"a bare date":                   {"2026-12-02", "2027-01-10T00:00:00+01:00\ncontent/blog/2027-01-10-later.md\tscheduled\tLater\n"},
		"only a draft is left: none":    {"2027-02-01T00:00:00+01:00", "none\n"},
		"the moment itself has passed":  {"2026-12-01T08:00:00Z", "2027-01-10T00:00:00+01:00\n"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if status := run(context.Background(), []string{"next", "--source", site, "--at", tc.at}, &stdout, &stderr); status != exitOK {
				t.Fatalf("status %d: %s", status, &stderr)
			}
			if !strings.HasPrefix(stdout.String(), tc.want) || (strings.Count(tc.want, "\n") > 1 && stdout.String() != tc.want) {
				t.Errorf("next printed\n%s\nwant\n%s", &stdout, tc.want)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	writeFile(t, filepath.Join(site, "content/press/broken.md"), "---\ntitle: Broken\nembargo: soon\n---\n")
	writeFile(t, filepath.Join(site, "content/press/2026-11-03-contact.md"), "---\ntitle: Contact\ncontacts: [nobody]\n---\n")
	if status := run(context.Background(), []string{"next", "--source", site}, &stdout, &stderr); status != exitSite ||
		!strings.Contains(stderr.String(), "content/press/broken.md:3:") || !strings.Contains(stderr.String(), "content/press/2026-11-03-contact.md:3:") {
		t.Errorf("a site with a load and a resolve problem: status %d, %s", status, &stderr)
	}
}

// TestREADMEWorkflowRunsAsDocumented takes the GitHub Actions workflow out
// of README.md, checks that it is scheduled and deploys on a push, and runs
// its deploy step's script with the real binary against a file:// target.
func TestREADMEWorkflowRunsAsDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)[strings.Index(string(readme), "## Going live"):]
	start := strings.Index(section, "```yaml\n")
	if start < 0 {
		t.Fatal("README.md's Going live has no ```yaml block")
	}
	block := section[start+len("```yaml\n"):]
	block = block[:strings.Index(block, "```")]
	var wf struct {
		On struct {
			Push     struct{ Branches []string }
			Schedule []struct{ Cron string }
		}
		Jobs map[string]struct {
			Steps []struct {
				Name string
				Uses string
				Run  string
			}
		}
	}
	if err := yaml.Unmarshal([]byte(block), &wf); err != nil {
		t.Fatalf("the workflow is not YAML: %v", err)
	}
	if len(wf.On.Schedule) == 0 || len(strings.Fields(wf.On.Schedule[0].Cron)) != 5 || len(wf.On.Push.Branches) == 0 {
		t.Errorf("the workflow is not scheduled with a cron line and run on a push: %+v", wf.On)
	}
	var script string
	for _, job := range wf.Jobs {
		for _, step := range job.Steps {
			if strings.Contains(step.Run, "pressroom next") && strings.Contains(step.Run, "pressroom deploy") {
				script = step.Run
			}
		}
	}
	if script == "" {
		t.Fatal("no step of the workflow runs pressroom next and pressroom deploy")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("bash is needed to run the workflow's script")
	}
	bin := pressroomBinary(t)
	cache := t.TempDir()
	runScript := func(t *testing.T, event string, embargo time.Time) []string {
		t.Helper()
		target := t.TempDir()
		site, _ := deploySite(t, "file://"+filepath.ToSlash(target), "")
		writeFile(t, filepath.Join(site, "content/press/2026-01-20-merger.md"),
			"---\ntitle: The merger\nembargo: "+embargo.Format(time.RFC3339)+"\n---\nIt lifts.\n")
		cmd := exec.Command("bash", "-e", "-c", script)
		cmd.Dir = site
		cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
			"GITHUB_EVENT_NAME="+event, "PRESSROOM_CACHE="+cache)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("the script failed: %v\n%s", err, out)
		}
		t.Logf("%s", out)
		var files []string
		filepath.Walk(target, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && !strings.HasSuffix(p, ".attrs") {
				rel, _ := filepath.Rel(target, p)
				files = append(files, filepath.ToSlash(rel))
			}
			return err
		})
		return files
	}
	has := func(files []string, name string) bool {
		for _, f := range files {
			if f == name {
				return true
			}
		}
		return false
	}
	now := time.Now()
	if files := runScript(t, "schedule", now.Add(-5*time.Minute)); !has(files, "press/merger/index.html") {
		t.Errorf("a scheduled run after an embargo lifted five minutes ago did not deploy it: %v", files)
	}
	if files := runScript(t, "schedule", now.Add(24*time.Hour)); len(files) != 0 {
		t.Errorf("a scheduled run with nothing lifted in the last hour deployed %d files", len(files))
	}
	if files := runScript(t, "push", now.Add(24*time.Hour)); !has(files, "index.html") || has(files, "press/merger/index.html") {
		t.Errorf("a push did not deploy the site without the embargoed release: %v", files)
	}
}
