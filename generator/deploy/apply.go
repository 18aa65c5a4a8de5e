package deploy

import (
	"context"
	"crypto/md5"
	"fmt"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"gocloud.dev/blob"
)

// Defaults of Options.
const (
	DefaultConcurrency = 16
	DefaultAttempts    = 4
	DefaultBackoff     = time.Second
)

// Options tune Apply.
type Options struct {
	// Concurrency is how many uploads or deletions run at once; default
	// DefaultConcurrency.
	Concurrency int
	// Attempts is how often an operation that failed for a transient reason
	// (a server error, throttling, a dropped connection) is tried in all;
	// Backoff is the wait before the second try, doubled for each next one.
	Attempts int
	Backoff  time.Duration
	// Progress, when set, is updated as files go.
	Progress *Progress
}

// Progress counts a running deploy's work, for a display; safe to read
// while Apply runs.
type Progress struct {
	Total atomic.Int64 // uploads and deletions planned
	Done  atomic.Int64
	Bytes atomic.Int64 // bytes sent
}

// Result says what Apply did.
type Result struct {
	Uploaded, Deleted int
	Bytes             int64 // sent, after gzip
}

func (o *Options) defaults() {
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Attempts <= 0 {
		o.Attempts = DefaultAttempts
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.Progress == nil {
		o.Progress = &Progress{}
	}
}

// Apply carries out p: uploads phase by phase, each phase finished before
// the next begins, then deletions. A plan that would delete more than the
// target's maxDeletes changes nothing (see Plan.TooManyDeletes). On error
// the target holds the old site with some of the new files, in a state
// where every page still finds what it links; the next deploy completes it.
func Apply(ctx context.Context, p *Plan, opts Options) (res Result, err error) {
	opts.defaults()
	if err := p.TooManyDeletes(); err != nil {
		return res, err
	}
	opts.Progress.Total.Store(int64(len(p.Uploads) + len(p.Deletes)))
	var uploaded, deleted atomic.Int64
	var sent atomic.Int64
	run := func(changes []Change, do func(ctx context.Context, c Change) error) error {
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(opts.Concurrency)
		for _, c := range changes {
			if gctx.Err() != nil {
				break
			}
			g.Go(func() error {
				if err := do(gctx, c); err != nil {
					return err
				}
				opts.Progress.Done.Add(1)
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
		return ctx.Err()
	}
	upload := func(ctx context.Context, c Change) error {
		n, err := p.Target.upload(ctx, p.Files, c, opts)
		if err != nil {
			return err
		}
		uploaded.Add(1)
		sent.Add(n)
		opts.Progress.Bytes.Add(n)
		return nil
	}
	defer func() {
		res.Uploaded, res.Deleted, res.Bytes = int(uploaded.Load()), int(deleted.Load()), sent.Load()
	}()
	for start := 0; start < len(p.Uploads); {
		end := start
		for end < len(p.Uploads) && p.Uploads[end].Phase == p.Uploads[start].Phase {
			end++
		}
		if err := run(p.Uploads[start:end], upload); err != nil {
			return res, err
		}
		start = end
	}
	err = run(p.Deletes, func(ctx context.Context, c Change) error {
		err := retry(ctx, opts.Attempts, opts.Backoff, func() error {
			err := p.Target.bucket.Delete(ctx, c.Name)
			if blobNotFound(err) { // gone already: what a deletion wants
				return nil
			}
			return err
		})
		if err != nil {
			return p.Target.fail("cannot delete "+c.Name, err)
		}
		deleted.Add(1)
		return nil
	})
	return res, err
}

// upload writes the file of c to the target with its headers and sum, and
// returns the bytes sent.
func (t *Target) upload(ctx context.Context, files Files, c Change, opts Options) (int64, error) {
	data, ok := files.File(c.Name)
	if !ok {
		return 0, fmt.Errorf("deploy: %s is no longer readable: build again", c.Name)
	}
	body := data
	wo := &blob.WriterOptions{
		ContentType:        c.ContentType,
		CacheControl:       c.CacheControl,
		ContentDisposition: c.ContentDisposition,
		Metadata:           map[string]string{SumKey: sha256Hex(data)},
	}
	if c.Gzip {
		var err error
		if body, err = compress(data); err != nil {
			return 0, err
		}
		wo.ContentEncoding = "gzip"
	}
	sum := md5.Sum(body)
	wo.ContentMD5 = sum[:]
	err := retry(ctx, opts.Attempts, opts.Backoff, func() error {
		return t.bucket.WriteAll(ctx, c.Name, body, wo)
	})
	if err != nil {
		return 0, t.fail("cannot upload "+c.Name, err)
	}
	return int64(len(body)), nil
}
