package content

import (
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/diag"
)

func TestParseDate(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	newYork, _ := time.LoadLocation("America/New_York")
	auckland, _ := time.LoadLocation("Pacific/Auckland")
	tests := map[string]struct {
		in   string
		loc  *time.Location
		want string // RFC 3339, "" for an error
	}{
		"bare date is midnight in the site zone (winter)": {"2026-11-03", berlin, "2026-11-03T00:00:00+01:00"},
		"bare date is midnight in the site zone (summer)": {"2026-07-03", berlin, "2026-07-03T00:00:00+02:00"},
		"local time without offset":                       {"2026-11-03T09:00:00", berlin, "2026-11-03T09:00:00+01:00"},
		"local time without seconds":                      {"2026-11-03T09:30", berlin, "2026-11-03T09:30:00+01:00"},
		"local time with a space":                         {"2026-11-03 09:00:00", newYork, "2026-11-03T09:00:00-05:00"},
		// An offset says which moment; the site's zone says how it is shown.
		"offset names the moment, shown in the site zone": {"2026-11-03T09:00:00+05:30", berlin, "2026-11-03T04:30:00+01:00"},
		"UTC shown in the site zone":                      {"2026-11-03T08:00:00Z", berlin, "2026-11-03T09:00:00+01:00"},
		"YAML's spaced form with offset":                  {"2026-11-03 09:00:00+01:00", newYork, "2026-11-03T03:00:00-05:00"},
		"Z in Auckland, summer time":                      {"2026-11-03T06:00:00Z", auckland, "2026-11-03T19:00:00+13:00"},
		"+02:00 in Auckland, across midnight":             {"2026-11-03T14:00:00+02:00", auckland, "2026-11-04T01:00:00+13:00"},
		"Z in Auckland, winter time":                      {"2026-07-03T06:00:00Z", auckland, "2026-07-03T18:00:00+12:00"},
		"local time in Auckland":                          {"2026-11-03T09:00", auckland, "2026-11-03T09:00:00+13:00"},
		"surrounding space":                               {" 2026-11-03 ", berlin, "2026-11-03T00:00:00+01:00"},
		"month 13":                                        {"2026-13-01", berlin, ""},
		"day 31 of November":                              {"2026-11-31", berlin, ""},
		"words":                                           {"next Tuesday", berlin, ""},
		"American order":                                  {"11/03/2026", berlin, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := ParseDate(tc.in, tc.loc)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error", tc.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tc.in, err)
			}
			if s := got.Format(time.RFC3339); s != tc.want {
				t.Errorf("ParseDate(%q) = %s, want %s", tc.in, s, tc.want)
			}
			if got.Location() != tc.loc {
				t.Errorf("ParseDate(%q) is in %v, want the site's zone %v", tc.in, got.Location(), tc.loc)
			}
		})
	}
}

func TestEmbargoMomentAcrossZones(t *testing.T) {
	// A release embargoed until 09:00 Berlin time in winter lifts at 08:00 UTC.
	berlin, _ := time.LoadLocation("Europe/Berlin")
	lift, err := ParseDate("2026-12-01T09:00:00", berlin)
	if err != nil {
		t.Fatal(err)
	}
	held := time.Date(2026, 12, 1, 7, 59, 0, 0, time.UTC)
	open := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	if !lift.After(held) {
		t.Errorf("at 07:59Z the embargo (%v) must not have lifted", lift)
	}
	if lift.After(open) {
		t.Errorf("at 08:00Z the embargo (%v) must have lifted", lift)
	}
}

func TestSplitDatePrefix(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tests := map[string]struct {
		name, rest, date string
	}{
		"dated":             {"2026-11-03-new-plant", "new-plant", "2026-11-03"},
		"undated":           {"new-plant", "new-plant", ""},
		"date only":         {"2026-11-03", "2026-11-03", ""},
		"invalid date":      {"2026-02-30-x", "2026-02-30-x", ""},
		"number in slug":    {"2026-q3-results", "2026-q3-results", ""},
		"date inside slug":  {"report-2026-11-03", "report-2026-11-03", ""},
		"keeps later dates": {"2025-01-02-2026-plan", "2026-plan", "2025-01-02"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			date, rest, ok := SplitDatePrefix(tc.name, berlin)
			if rest != tc.rest {
				t.Errorf("rest = %q, want %q", rest, tc.rest)
			}
			if ok != (tc.date != "") {
				t.Fatalf("ok = %v, want %v", ok, tc.date != "")
			}
			if ok && date.Format("2006-01-02") != tc.date {
				t.Errorf("date = %v, want %s", date, tc.date)
			}
		})
	}
}

func TestCheckSlug(t *testing.T) {
	tests := map[string]bool{ // slug -> acceptable
		"new-plant":       true,
		"q3-2026-results": true,
		"ünïcode-ok":      true,
		"":                false,
		"..":              false,
		"../../etc":       false,
		"a/b":             false,
		`a\b`:             false,
		".hidden":         false,
		"with space":      false,
		"what?":           false,
	}
	for slug, ok := range tests {
		if msg := CheckSlug(slug); (msg == "") != ok {
			t.Errorf("CheckSlug(%q) = %q, want acceptable=%v", slug, msg, ok)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Community Energy":             "community-energy",
		"  storage ":                   "storage",
		"Q3 Results (2026)":            "q3-results-2026",
		"Über Uns":                     "über-uns",
		"a -- b":                       "a-b",
		"!!!":                          "",
		"It's a quoted headline":       "its-a-quoted-headline",
		"Women’s Day, the Smiths' bid": "womens-day-the-smiths-bid",
		"' quoted '":                   "quoted",
	}
	for in, want := range tests {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEveryMomentInTheSiteZone: every moment of front matter and sidecars
// is read into the site's zone, whatever offset it was written with, so
// that no output can show it in another.
func TestEveryMomentInTheSiteZone(t *testing.T) {
	auckland, _ := time.LoadLocation("Pacific/Auckland")
	front, err := Parse("press", "content/press/x.md", []byte("---\ntitle: X\n"+
		"date: 2026-11-03T06:00:00Z\nlastmod: 2026-11-03 14:00:00+02:00\nembargo: 2026-11-04T00:00:00-05:00\n---\nBody.\n"), auckland)
	if err != nil {
		t.Fatal(err)
	}
	var problems diag.List
	sidecar := parseSidecar([]byte("embargo: 2026-11-03T06:00:00Z\n"), "content/assets/x.jpg.yaml", auckland, &problems)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	tomlSidecar := parseSidecar([]byte("embargo = 2026-11-03T06:00:00Z\n"), "content/assets/x.jpg.toml", auckland, &problems)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key  string
		got  time.Time
		want string
	}{
		{"date", front.Date, "2026-11-03T19:00:00+13:00"},
		{"lastmod", front.Lastmod, "2026-11-04T01:00:00+13:00"},
		{"embargo", front.Embargo, "2026-11-04T18:00:00+13:00"},
		{"sidecar embargo (YAML)", sidecar.Embargo, "2026-11-03T19:00:00+13:00"},
		{"sidecar embargo (TOML)", tomlSidecar.Embargo, "2026-11-03T19:00:00+13:00"},
	} {
		if s := tc.got.Format(time.RFC3339); s != tc.want || tc.got.Location() != auckland {
			t.Errorf("%s = %s in %v, want %s in the site's zone", tc.key, s, tc.got.Location(), tc.want)
		}
	}
}
