// Package deploy makes a blob target hold exactly one build: every file of
// it, byte for byte, and nothing else. A target is a gocloud.dev blob URL
// (s3://, gs://, azblob://, file:///), so every cloud and any S3-compatible
// store goes through one code path; credentials come from each cloud's
// usual environment, never from config.toml, and are never printed.
//
// A deploy is two steps. NewPlan lists the target and compares it with the
// build by content (see compare.go): what is new, what changed, what is gone.
// Apply then uploads in an order that never lets a reader meet a page that
// links a file not yet there, nor a feed item whose page is missing: other
// files first (assets, derivatives, kits, vCards, styles), then new pages,
// then changed pages, then feeds, calendars, the sitemap and robots.txt,
// and deletions last, each step finished before the next begins. An
// interrupted deploy therefore leaves a site whose every page and link
// still works, and the next deploy completes it.
//
// The package builds nothing: its caller builds the site into memory as of
// the deploy's moment and hands over those files, so the target can only
// ever receive what the build published. It never reads the clock for what
// is published, and it never prints.
package deploy

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://
	_ "gocloud.dev/blob/fileblob"  // file://
	_ "gocloud.dev/blob/gcsblob"   // gs://
	_ "gocloud.dev/blob/s3blob"    // s3://, and S3-compatible stores through endpoint=

	"github.com/pressroom/pressroom/generator/config"
)

// Files is a build to deploy: every file's name (a slash path, as in its
// URL without the leading slash) and bytes. *output.Memory is one.
type Files interface {
	Names() []string
	File(name string) ([]byte, bool)
	Size(name string) (int64, bool)
}

// Target is an open deploy target.
type Target struct {
	Name string // as in config.toml
	// Where is the target's URL fit to print: no user, password or secret.
	Where string

	conf   config.Target
	bucket *blob.Bucket
}

// Open opens the target t of config.toml. Nothing is read or written yet.
func Open(ctx context.Context, t config.Target) (*Target, error) {
	tg := &Target{Name: t.Name, Where: config.Redact(t.URL), conf: t}
	b, err := blob.OpenBucket(ctx, openURL(t.URL))
	if err != nil {
		return nil, tg.fail("cannot open the target", err)
	}
	tg.bucket = b
	return tg, nil
}

// openURL is the URL the driver opens for a target's. A file:// target
// writes each file beside its final name and renames it into place
// (no_tmp_dir), where fileblob would write it into the system's temporary
// folder first: the rename fails when that is another file system (a
// target on a mounted disk, /tmp on tmpfs), "invalid cross-device link".
func openURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "file" {
		return raw
	}
	q := u.Query()
	if q.Has("no_tmp_dir") {
		return raw
	}
	q.Set("no_tmp_dir", "true")
	u.RawQuery = q.Encode()
	return u.String()
}

// Close releases the target's connections.
func (t *Target) Close() error { return t.bucket.Close() }

// Error is a deploy that failed, with the target it was for and what to do.
type Error struct {
	Target string // the target's name
	Line   int    // of its [[deploy]] table in config.toml
	Msg    string
	Err    error
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d: deploy target %q: %s", config.FileName, e.Line, e.Target, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// fail words err, which happened while doing what, for a person: what the
// store said (with no URL that could carry a secret) and what to do.
func (t *Target) fail(what string, err error) error {
	msg := what + ": " + t.scrub(err.Error())
	if advice := advise(err); advice != "" {
		msg += ": " + advice
	}
	return &Error{Target: t.Name, Line: t.conf.Line, Msg: msg, Err: err}
}

// scrub removes the target's URL from a driver's message, which may quote
// it with its query: the redacted form stands in.
func (t *Target) scrub(msg string) string {
	if t.conf.URL != "" {
		msg = strings.ReplaceAll(msg, t.conf.URL, t.Where)
	}
	return msg
}

// ErrTooManyDeletes is wrapped by the error of a plan that would delete
// more files than the target's maxDeletes.
var ErrTooManyDeletes = errors.New("too many deletions")
