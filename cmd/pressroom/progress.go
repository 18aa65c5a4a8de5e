package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pressroom/pressroom/generator/render"
)

// showProgress draws a one-line progress display on w while a build runs,
// from its first second on, and only on a terminal: CI logs and pipes get
// no control codes. The returned func stops it and clears the line.
func showProgress(w io.Writer, p *render.Progress) (stop func()) {
	if !isTerminal(w) || os.Getenv("CI") != "" {
		return func() {}
	}
	quit := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		shown := false
		timer := time.NewTimer(time.Second)
		defer timer.Stop()
		for {
			select {
			case <-quit:
				if shown {
					fmt.Fprint(w, "\r\033[K")
				}
				return
			case <-timer.C:
				if total := p.Total.Load(); total > 0 {
					fmt.Fprintf(w, "\r\033[KWriting %s of %s files", thousands(int(p.Done.Load())), thousands(int(total)))
				} else {
					fmt.Fprint(w, "\r\033[KReading and converting the content")
				}
				shown = true
				timer.Reset(100 * time.Millisecond)
			}
		}
	}()
	return func() {
		close(quit)
		<-finished
	}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
