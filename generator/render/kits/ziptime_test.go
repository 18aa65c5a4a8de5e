package kits

import (
	"archive/zip"
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/site"
)

// TestZipEntryTimes: a kit's entries carry its date in the MS-DOS fields as
// the site's local time (what unzip -l and Windows show), and the same
// moment in the extended timestamp; a date the MS-DOS fields cannot hold
// is moved to the nearest they can rather than wrapping round.
func TestZipEntryTimes(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	auckland, berlin, la := zone("Pacific/Auckland"), zone("Europe/Berlin"), zone("America/Los_Angeles")
	emptySite := &site.Site{Config: &config.Config{Location: la}}
	tests := []struct {
		name   string
		date   time.Time
		local  string    // the MS-DOS fields
		moment time.Time // the extended timestamp
	}{
		{"Auckland summer time", time.Date(2026, 11, 4, 3, 0, 0, 0, auckland), "2026-11-04 03:00:00", time.Date(2026, 11, 3, 14, 0, 0, 0, time.UTC)},
		{"a 09:00 CET release", time.Date(2026, 12, 1, 9, 0, 0, 0, berlin), "2026-12-01 09:00:00", time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)},
		{"an empty site, west of UTC", siteDate(emptySite), "1980-01-01 00:00:00", time.Date(1980, 1, 1, 8, 0, 0, 0, time.UTC)},
		{"before 1980", time.Date(1975, 6, 1, 12, 0, 0, 0, berlin), "1980-01-01 00:00:00", time.Date(1979, 12, 31, 23, 0, 0, 0, time.UTC)},
		{"after 2106", time.Date(2150, 1, 1, 0, 0, 0, 0, berlin), "2106-01-01 00:00:00", time.Date(2105, 12, 31, 23, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			k := &Kit{Path: "press-kit.zip", Folder: "kit", Date: tc.date, Files: []File{{Path: "a.txt", Data: []byte("a")}}}
			if err := writeZip(&buf, t.TempDir(), k); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				d, tm := f.ModifiedDate, f.ModifiedTime
				got := fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d", int(d>>9)+1980, d>>5&0xf, d&0x1f, tm>>11, tm>>5&0x3f, int(tm&0x1f)*2)
				if got != tc.local {
					t.Errorf("%s: MS-DOS time %s, want %s", f.Name, got, tc.local)
				}
				if !f.Modified.Equal(tc.moment) {
					t.Errorf("%s: extended timestamp %v, want %v", f.Name, f.Modified.UTC(), tc.moment)
				}
			}
		})
	}
}
