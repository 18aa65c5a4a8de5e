package serve_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/serve"
)

// TestScheduledDatePublishes: a release dated a moment ahead, with no
// embargo, is held and then published at its date by serve's own timer,
// with no edit and no restart.
func TestScheduledDatePublishes(t *testing.T) {
	base := time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)
	began := time.Now()
	clock := func() time.Time { return base.Add(time.Since(began)) }
	moment := base.Add(2 * time.Second)
	root := copySite(t, small)
	writeFile(t, root, "content/press/scheduled.md", "---\ntitle: Scheduled news\ndate: "+
		moment.Format(time.RFC3339)+"\n---\nOn its day.\n")
	h := start(t, root, func(c *serve.Config) { c.Now = clock })
	if code, _, _ := h.get("/press/scheduled/"); code != http.StatusNotFound {
		t.Fatalf("the scheduled release is served with status %d before its date", code)
	}
	if strings.Contains(h.page("/press/"), "Scheduled news") {
		t.Fatal("the scheduled release is listed before its date")
	}
	ev := h.listen("/press/")
	r := h.nextOK()
	if r.Reason != "embargo lift" {
		t.Errorf("rebuild reason %q, want the timer's", r.Reason)
	}
	if r.At.Before(moment) {
		t.Errorf("the timer's build was made as of %v, before the date %v", r.At, moment)
	}
	ev.wait("reload")
	if got := heading(h.page("/press/scheduled/")); got != "Scheduled news" {
		t.Errorf("after its date, heading %q", got)
	}
}
