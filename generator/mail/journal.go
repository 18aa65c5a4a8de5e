package mail

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The journal records, per release, every message sent to every recipient,
// in one file of JSON lines for each release (JOURNAL/SLUG.jsonl), appended
// and synced record by record. Before a message goes to the server, an
// intent record ("sending", with its Message-ID) is written; after the
// server's answer, its outcome ("sent", "bounced" or "deferred"). So a run
// stopped at any point leaves each recipient in one of these states:
//
//   - sent or bounced: done, never sent again;
//   - deferred (a temporary failure, retried and failed): the next run
//     tries again;
//   - sending with no outcome (the process died during the SMTP exchange):
//     the next run sends again with the same Message-ID. If the server had
//     accepted the message in the instant before the outcome was written,
//     the journalist has it twice with one Message-ID, which mail clients
//     such as Gmail show once; far likelier, the process died before the
//     end of the exchange and the server discarded the message.
//
// The journal lives under media/ (never published) and is meant to be
// committed with the site, so that every machine that sends knows.

// State is where a message to one recipient stands.
type State string

const (
	Sending  State = "sending"  // an intent: the exchange with the server began
	Sent     State = "sent"     // the server accepted the message
	Bounced  State = "bounced"  // the server refused it for good (5xx)
	Deferred State = "deferred" // temporary failures (4xx) outlasted the retries
)

// Record is one line of a journal.
type Record struct {
	State     State     `json:"state"`
	To        string    `json:"to"`
	MessageID string    `json:"messageId"`
	List      string    `json:"list,omitempty"`
	Language  string    `json:"language,omitempty"`
	Embargoed bool      `json:"embargoed,omitempty"`
	At        time.Time `json:"at"`
	Reply     string    `json:"reply,omitempty"` // the server's answer or the error
}

// Journal is the open journal of one release, locked against other runs.
type Journal struct {
	Path   string // as shown to people: "media/.sent/new-plant.jsonl"
	file   *os.File
	last   map[string]Record // by lower-case address: each recipient's latest record
	unlock func()
}

// OpenJournal opens (creating) the journal of the release slug in dir,
// shown as rel, and takes its lock: a second run for the same release
// waits for none and is refused.
func OpenJournal(dir, rel, slug string) (*Journal, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	name := slug + ".jsonl"
	j := &Journal{Path: filepath.ToSlash(filepath.Join(rel, name)), last: map[string]Record{}}
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	unlock, ok := lockFile(f)
	if !ok {
		f.Close()
		return nil, fmt.Errorf("%s: another send of this release is running: wait for it to end", j.Path)
	}
	j.file, j.unlock = f, unlock
	if err := j.read(); err != nil {
		j.Close()
		return nil, err
	}
	return j, nil
}

// ReadJournal reads the records of a journal without locking it; nil
// when there is none.
func ReadJournal(dir, slug string) (map[string]Record, error) {
	f, err := os.Open(filepath.Join(dir, slug+".jsonl"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	j := &Journal{Path: filepath.Join(dir, slug+".jsonl"), file: f, last: map[string]Record{}}
	return j.last, j.read()
}

func (j *Journal) read() error {
	data, err := os.ReadFile(j.file.Name())
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var r Record
		if err := json.Unmarshal(line, &r); err != nil || r.To == "" {
			if !bytes.HasSuffix(data, []byte("\n")) && isLast(data, n) {
				break // the torn last line of a run that died writing it: its message is retried
			}
			return fmt.Errorf("%s:%d: not a journal record (%v): the journal is pressroom's; restore it from git", j.Path, n, err)
		}
		j.last[strings.ToLower(r.To)] = r
	}
	return sc.Err()
}

// isLast reports whether line n (from 1) is the last line of data.
func isLast(data []byte, n int) bool {
	return bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n"))+1 == n
}

// Last is the latest record for address, if any.
func (j *Journal) Last(address string) (Record, bool) {
	r, ok := j.last[strings.ToLower(address)]
	return r, ok
}

// Write appends r and syncs it to disk before returning.
func (j *Journal) Write(r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if _, err := j.file.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("%s: %w", j.Path, err)
	}
	if err := j.file.Sync(); err != nil {
		return fmt.Errorf("%s: %w", j.Path, err)
	}
	j.last[strings.ToLower(r.To)] = r
	return nil
}

// Close releases the lock.
func (j *Journal) Close() error {
	if j.unlock != nil {
		j.unlock()
	}
	return j.file.Close()
}
