package generator_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// aucklandSite is a newsroom in Pacific/Auckland (+13:00 in November) whose
// front matter writes its moments in UTC and at +02:00. Release "lifted" is
// dated by its embargo, 14:00Z on 3 November, which is 03:00 on 4 November
// in Auckland; "update" was last changed at 14:00+02:00 on 6 November,
// which is 01:00 on 7 November there. Both cross midnight, so a date shown
// in the zone it was written in is a day off.
const aucklandSite = `-- config.toml --
title = "Kiwi Newsroom"
baseURL = "https://news.kiwi.example/"
timezone = "Pacific/Auckland"

[organization]
name = "Kiwi Bikes"
boilerplate = "Kiwi Bikes makes e-bikes."

[[contacts]]
id = "press"
name = "Pat Press"
email = "press@kiwi.example"
-- content/press/lifted.md --
---
title: Lifted at dawn
date: 2026-11-02T09:00:00Z
embargo: 2026-11-03T14:00:00Z
location: Auckland
contacts: [press]
---
Body.
-- content/press/update.md --
---
title: Updated from Europe
date: 2026-11-05T09:00:00+02:00
lastmod: 2026-11-06T14:00:00+02:00
contacts: [press]
---
Body.
`

// TestDatesInTheSiteZone: every output that shows a moment shows it in the
// site's timezone, whatever offset the front matter wrote it with.
func TestDatesInTheSiteZone(t *testing.T) {
	_, mem, err := buildMemory(t, writeSite(t, aucklandSite), testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	file := func(name string) string {
		data, ok := mem.File(name)
		if !ok {
			t.Fatalf("%s was not written", name)
		}
		if strings.HasSuffix(name, ".html") {
			return html.UnescapeString(string(data)) // html/template writes + as &#43;
		}
		return string(data)
	}
	tests := []struct {
		output, file, want string
	}{
		{"page dateline", "press/lifted/index.html", `<time datetime="2026-11-04T03:00:00+13:00">AUCKLAND, 4 November 2026 —</time>`},
		{"page published_time", "press/lifted/index.html", `<meta property="article:published_time" content="2026-11-04T03:00:00+13:00">`},
		{"page dateline, +02:00", "press/update/index.html", `<time datetime="2026-11-05T20:00:00+13:00">5 November 2026 —</time>`},
		{"list date", "press/index.html", `<time datetime="2026-11-04T03:00:00+13:00">4 November 2026</time>`},
		{"home list date", "index.html", `<time datetime="2026-11-05T20:00:00+13:00">5 November 2026</time>`},
		{"RSS pubDate", "feed.xml", `<pubDate>Wed, 04 Nov 2026 03:00:00 +1300</pubDate>`},
		{"RSS channel date", "press/feed.xml", `<lastBuildDate>Sat, 07 Nov 2026 01:00:00 +1300</lastBuildDate>`},
		{"Atom published", "atom.xml", `<published>2026-11-04T03:00:00+13:00</published>`},
		{"Atom updated", "atom.xml", `<updated>2026-11-07T01:00:00+13:00</updated>`},
		{"JSON feed date_published", "feed.json", `"date_published": "2026-11-05T20:00:00+13:00"`},
		{"JSON feed date_modified", "feed.json", `"date_modified": "2026-11-07T01:00:00+13:00"`},
		{"empty feed updated", "blog/atom.xml", `<updated>1970-01-01T12:00:00+12:00</updated>`},
		{"empty RSS feed date", "blog/feed.xml", `<pubDate>Thu, 01 Jan 1970 12:00:00 +1200</pubDate>`},
		{"sitemap lastmod", "sitemap.xml", `<lastmod>2026-11-04T03:00:00+13:00</lastmod>`},
		{"sitemap lastmod, +02:00", "sitemap.xml", `<lastmod>2026-11-07T01:00:00+13:00</lastmod>`},
		{"release kit README", "press/lifted/press-kit.zip README.txt", "Date: 4 November 2026\n"},
		{"release kit README, lastmod", "press/update/press-kit.zip README.txt", "Date: 7 November 2026\n"},
		{"organisation kit README", "press-kit.zip README.txt", "Date: 7 November 2026\n"},
		{"kit manifest", "press/lifted/press-kit.zip manifest.json", `"date": "2026-11-04T03:00:00+13:00"`},
	}
	for _, tc := range tests {
		t.Run(tc.output, func(t *testing.T) {
			var got string
			if kit, entry, ok := strings.Cut(tc.file, ".zip "); ok {
				got = string(zipEntry(t, []byte(file(kit+".zip")), "/"+entry))
			} else {
				got = file(tc.file)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("%s lacks %s", tc.file, tc.want)
			}
		})
	}
	for _, bad := range []string{"+0000", "T14:00:00Z", "T12:00:00Z", "+02:00"} {
		for _, name := range []string{"press/lifted/index.html", "press/update/index.html", "feed.xml", "atom.xml", "feed.json", "sitemap.xml"} {
			if strings.Contains(file(name), bad) {
				t.Errorf("%s shows a moment at %s, not in the site's zone", name, bad)
			}
		}
	}
}

// TestKitEntryTimesInTheSiteZone: ZIP's MS-DOS date and time have no zone,
// and readers (unzip -l, Windows, Python's zipfile) show them as they are,
// so a kit writes them in the site's local time; its extended timestamp
// names the same moment in UTC. Read from the raw fields and by Python.
func TestKitEntryTimesInTheSiteZone(t *testing.T) {
	_, mem, err := buildMemory(t, writeSite(t, aucklandSite), testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kit    string
		local  string    // the MS-DOS fields, as a reader shows them
		moment time.Time // the extended timestamp
	}{
		{"press/lifted/press-kit.zip", "2026-11-04 03:00:00", time.Date(2026, 11, 3, 14, 0, 0, 0, time.UTC)},
		{"press/update/press-kit.zip", "2026-11-07 01:00:00", time.Date(2026, 11, 6, 12, 0, 0, 0, time.UTC)},
		{"press-kit.zip", "2026-11-07 01:00:00", time.Date(2026, 11, 6, 12, 0, 0, 0, time.UTC)},
	}
	python := pythonFor(t)
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.kit, func(t *testing.T) {
			data, ok := mem.File(tc.kit)
			if !ok {
				t.Fatalf("%s was not written", tc.kit)
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				if got := msDOSTime(f.ModifiedDate, f.ModifiedTime); got != tc.local {
					t.Errorf("%s: MS-DOS time %s, want the site's local %s", f.Name, got, tc.local)
				}
				if !f.Modified.Equal(tc.moment) {
					t.Errorf("%s: extended timestamp %v, want %v", f.Name, f.Modified.UTC(), tc.moment)
				}
			}
			if python == "" {
				return
			}
			p := filepath.Join(dir, strings.ReplaceAll(tc.kit, "/", "_"))
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			script := `import sys, zipfile
for i in zipfile.ZipFile(sys.argv[1]).infolist():
    print("%04d-%02d-%02d %02d:%02d:%02d" % i.date_time)`
			out, err := exec.Command(python, "-c", script, p).CombinedOutput()
			if err != nil {
				t.Fatalf("python3 zipfile: %v\n%s", err, out)
			}
			lines := strings.Fields(strings.ReplaceAll(strings.TrimSpace(string(out)), " ", "_"))
			if len(lines) != len(zr.File) {
				t.Fatalf("python3 zipfile lists %d entries, want %d:\n%s", len(lines), len(zr.File), out)
			}
			for _, l := range lines {
				if got := strings.ReplaceAll(l, "_", " "); got != tc.local {
					t.Errorf("python3 zipfile dates an entry %s, want %s", got, tc.local)
				}
			}
		})
	}
}

// msDOSTime decodes ZIP's legacy date and time fields.
func msDOSTime(date, tm uint16) string {
	return fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d", int(date>>9)+1980, date>>5&0xf, date&0x1f,
		tm>>11, tm>>5&0x3f, int(tm&0x1f)*2)
}

// pythonFor finds python3, which a CI run must have; elsewhere, without
// it, "" (and only the Go reader's checks run).
func pythonFor(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("python3 is needed to read kits as a second ZIP reader")
	}
	t.Log("python3 is not installed: kits are not read by a second ZIP reader")
	return ""
}
