package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pressroom/pressroom/generator/deploy"
	"github.com/pressroom/pressroom/generator/render"
)

// showProgress draws a one-line progress display on w while a build runs
// (see showLine).
func showProgress(w io.Writer, p *render.Progress) (stop func()) {
	return showLine(w, func() string {
		if total := p.Total.Load(); total > 0 {
			return fmt.Sprintf("Writing %s of %s files", thousands(int(p.Done.Load())), thousands(int(total)))
		}
		return "Reading and converting the content"
	})
}

// showDeployProgress draws a one-line progress display while a deploy runs.
func showDeployProgress(w io.Writer, p *deploy.Progress) (stop func()) {
	return showLine(w, func() string {
		if total := p.Total.Load(); total > 0 {
			return fmt.Sprintf("Deploying: %s of %s files (%.1f MB sent)", thousands(int(p.Done.Load())), thousands(int(total)), float64(p.Bytes.Load())/1e6)
		}
		return "Building and comparing with the target"
	})
}

// showLine redraws line() in place on w every tenth of a second, from the
// work's first second on, and only on a terminal: CI logs and pipes get no
// control codes. The returned func stops it and clears the line.
func showLine(w io.Writer, line func() string) (stop func()) {
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
				fmt.Fprint(w, "\r\033[K"+line())
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
