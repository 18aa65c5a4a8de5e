package serve

import (
	"net/http"
	"time"
)

// An author who saves and then reloads the page wants the edit, not the
// page from before it. While a save waits for its build (the debounce, then
// the rebuild: about 20 ms), a file asked for is held until that build is
// served or has failed, as webpack's dev middleware delays requests until
// a compilation is done; a rebuild that takes longer than holdFor (the full
// path at a large site) does not keep the page from the author: the last
// build answers, and the reload event brings the new one.

// holdFor is the longest a request waits for the build of a save.
const holdFor = time.Second

// settling is one spell of saved edits waiting for their build.
type settling struct{ done chan struct{} }

// hold marks edits pending from now on, unless nothing is served yet: the
// first build hands out its pages as it makes them (early.go), and a save
// during it must not hold those.
func (l *loop) hold() {
	if l.s.current.Load() == nil || l.s.settling.Load() != nil {
		return
	}
	l.s.settling.Store(&settling{done: make(chan struct{})})
}

// release lets the held requests go once nothing is pending, debounced or
// building: the build that covers the edits was served, or failed and
// shows its errors, or found nothing to do.
func (l *loop) release() {
	if l.building || l.armed || !l.next.empty() {
		return
	}
	if st := l.s.settling.Swap(nil); st != nil {
		close(st.done)
	}
}

// settled waits until the edits pending when r came are served, at most
// holdFor; it reports false when the client went away meanwhile.
func (s *Server) settled(r *http.Request) bool {
	st := s.settling.Load()
	if st == nil {
		return true
	}
	t := time.NewTimer(holdFor)
	defer t.Stop()
	select {
	case <-st.done:
	case <-t.C:
	case <-r.Context().Done():
		return false
	}
	return true
}
