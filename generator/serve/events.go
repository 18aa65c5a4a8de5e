package serve

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// hub tells every open page about the served site over Server-Sent Events.
// It holds one state (the served build's id and the current errors); each
// connection compares it with what its page has seen and sends the
// difference, so a slow page never blocks a rebuild and never misses the
// latest state, however many rebuilds happen while it is not listening.
//
// Events: "reload" (data: the new build id) when the page is out of date;
// "errors" (data: the text, one problem per line) when the last build
// failed; "clear" when errors went away without a new build; "warnings"
// (data: a count line, then one finding a line; empty when there are none
// any more) when the pre-flight check after a build found something else
// than the page has seen.
type hub struct {
	mu      sync.Mutex
	cur     state
	clients map[chan struct{}]bool
	closed  chan struct{}
	once    sync.Once
}

type state struct {
	build string // the served build's id; "" before the first good build
	errs  string // the last build's errors; "" when it succeeded
	warns string // what the last pre-flight check found (see overlayText); "" when nothing
}

// pingEvery keeps idle connections alive through proxies and lets the
// server notice pages that went away.
const pingEvery = 20 * time.Second

func newHub() *hub {
	return &hub{clients: map[chan struct{}]bool{}, closed: make(chan struct{})}
}

// publish sets the state and wakes every connection.
func (h *hub) publish(build, errs string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cur.build, h.cur.errs = build, errs
	h.wake()
}

// warn sets what the pre-flight check found and wakes every connection.
func (h *hub) warn(text string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cur.warns = text
	h.wake()
}

// wake tells every connection to catch up; h.mu is held.
func (h *hub) wake() {
	for c := range h.clients {
		select {
		case c <- struct{}{}:
		default: // already woken: it will read the latest state
		}
	}
}

func (h *hub) state() state {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cur
}

func (h *hub) build() string  { return h.state().build }
func (h *hub) errors() string { return h.state().errs }

// close ends every event stream, so that http.Server.Shutdown can finish.
func (h *hub) close() { h.once.Do(func() { close(h.closed) }) }

func (h *hub) subscribe() chan struct{} {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	h.clients[c] = true
	h.mu.Unlock()
	return c
}

func (h *hub) unsubscribe(c chan struct{}) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

// ServeHTTP streams events to one page. The page says which build it was
// served from (?build=ID, added by the file handler); a page from an older
// build, or from a server that has since restarted, is told to reload at once.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	wake := h.subscribe()
	defer h.unsubscribe(wake)
	seen := state{build: h.build()}
	if q := r.URL.Query(); q.Has("build") {
		seen.build = q.Get("build")
	}
	if _, err := io.WriteString(w, "retry: 1000\n\n"); err != nil {
		return
	}
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		if err := h.catchUp(w, &seen); err != nil || rc.Flush() != nil {
			return
		}
		select {
		case <-wake:
		case <-ping.C:
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil {
				return
			}
		case <-r.Context().Done():
			return
		case <-h.closed:
			return
		}
	}
}

// catchUp sends what the page has not seen of the current state.
func (h *hub) catchUp(w io.Writer, seen *state) error {
	cur := h.state()
	if cur.build != "" && cur.build != seen.build {
		*seen = state{build: cur.build} // the reloaded page starts afresh
		if err := writeEvent(w, "reload", cur.build); err != nil {
			return err
		}
	}
	if cur.errs != seen.errs {
		seen.errs = cur.errs
		name, data := "errors", cur.errs
		if cur.errs == "" {
			name, data = "clear", "ok"
		}
		if err := writeEvent(w, name, data); err != nil {
			return err
		}
	}
	if cur.warns != seen.warns {
		seen.warns = cur.warns
		return writeEvent(w, "warnings", cur.warns)
	}
	return nil
}

// writeEvent writes one event; every line of data gets its own "data:" field.
func writeEvent(w io.Writer, name, data string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "event: %s\n", name)
	data = strings.ReplaceAll(data, "\r\n", "\n")
	for _, line := range strings.Split(data, "\n") {
		fmt.Fprintf(&b, "data: %s\n", strings.ReplaceAll(line, "\r", ""))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
