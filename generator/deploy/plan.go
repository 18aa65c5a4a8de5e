package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"gocloud.dev/blob"

	"github.com/pressroom/pressroom/generator/diskcache"
)

// Reasons a file is in a plan.
const (
	ReasonNew     = "new"     // the target does not hold it
	ReasonChanged = "changed" // the target holds other bytes (or other headers, under Force)
	ReasonGone    = "gone"    // the build no longer has it
)

// SumKey is the metadata key under which every object a deploy writes
// carries the hex SHA-256 of the file's bytes as built (before gzip).
const SumKey = "pressroom-sha256"

// Change is one upload or deletion of a plan.
type Change struct {
	Name   string // the object's key: the file's path in the build
	Reason string // ReasonNew, ReasonChanged or ReasonGone
	Phase  Phase
	Size   int64 // bytes as built; of a deletion, as the target holds it
	headers
}

// Plan is what a deploy of one build to one target does.
type Plan struct {
	Target  *Target
	Files   Files
	Uploads []Change // in the order they go, phase by phase
	Deletes []Change // by name
	// Unchanged counts the files the target already holds as built.
	Unchanged int
	// Checked counts the objects whose metadata had to be read because the
	// listing could not tell (no MD5, or one that is not of the content).
	Checked int
}

// PlanOptions tune NewPlan.
type PlanOptions struct {
	// Force uploads every file, changed or not: after a change of a
	// matcher's cacheControl, which the content comparison cannot see.
	Force bool
	// Workers compare files in parallel; default GOMAXPROCS.
	Workers int
	// Attempts and Backoff: see Options.
	Attempts int
	Backoff  time.Duration
	// Digests, when set, remembers the MD5 of the files a build links
	// from the disk cache (kits: most of a newsroom's bytes), so that an
	// unchanged kit is compared by the listing alone, without reading it.
	Digests *diskcache.Sums
}

// linker is Files that can tell which of its files are links to entries
// of the disk cache (output.Dir and output.Memory can).
type linker interface {
	Linked(name string) (string, bool)
}

// remote is an object as the target's listing reports it.
type remote struct {
	size int64
	md5  []byte
}

// NewPlan lists the target and compares it with files, the build.
//
// How files are compared. The listing gives each object's size and, where
// the store reports one, its MD5 (S3 and S3-compatible stores through the
// ETag of a single-part upload, GCS, Azure and fileblob from what they
// keep): an object of the size and MD5 of the bytes to upload is
// unchanged, with no request but the listing. Where the listing gives no
// MD5, or one that differs while the size agrees (an S3 multipart ETag, or
// an ETag under SSE-KMS, is no MD5 of the content), the object's metadata
// is read: it is unchanged if it carries the SHA-256 of the file as built
// (SumKey, which every upload writes) and the same Content-Encoding. A
// gzipped file is compared by its compressed bytes first and then by the
// SHA-256 of its uncompressed bytes, so a change of compressor does not
// upload it again. An object with neither is uploaded once more, and from
// then on carries the sum.
func NewPlan(ctx context.Context, t *Target, files Files, opts PlanOptions) (*Plan, error) {
	held, err := t.list(ctx, opts)
	if err != nil {
		return nil, err
	}
	return t.compare(ctx, files, held, opts)
}

// list returns every object the target holds, by key.
func (t *Target) list(ctx context.Context, opts PlanOptions) (map[string]remote, error) {
	opts.defaults()
	held := map[string]remote{}
	// fileblob pages its listing by the last key of a page, but walks the
	// folder in an order that is not the keys' ("press/…" before
	// "press-kit.zip"), so a second page skips objects: a file:// target
	// is listed in one page (up to a million files). Cloud stores cap the
	// page size themselves.
	pageSize := 1000
	if strings.HasPrefix(t.conf.URL, "file:") {
		pageSize = 1 << 20 // fileblob allocates room for a whole page: 8 MB
	}
	err := retry(ctx, opts.Attempts, opts.Backoff, func() error {
		clear(held)
		token := blob.FirstPageToken
		for token != nil {
			objs, next, err := t.bucket.ListPage(ctx, token, pageSize, nil)
			if err != nil {
				return err
			}
			for _, obj := range objs {
				if !obj.IsDir {
					held[obj.Key] = remote{size: obj.Size, md5: obj.MD5}
				}
			}
			token = next
		}
		return nil
	})
	if err != nil {
		return nil, t.fail("cannot list the target", err)
	}
	return held, nil
}

// compare plans the deploy of files to a target that holds held (which it
// consumes).
func (t *Target) compare(ctx context.Context, files Files, held map[string]remote, opts PlanOptions) (*Plan, error) {
	opts.defaults()
	p := &Plan{Target: t, Files: files}
	names := files.Names()
	changes := make([]*Change, len(names))
	checked := make([]bool, len(names))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opts.Workers)
	for i, name := range names {
		r, ok := held[name]
		delete(held, name)
		h := headersOf(t.conf, name)
		size, _ := files.Size(name)
		c := &Change{Name: name, Size: size, headers: h}
		switch {
		case !ok:
			c.Reason = ReasonNew
			changes[i] = c
			continue
		case opts.Force, !h.Gzip && r.size != size:
			c.Reason = ReasonChanged
			changes[i] = c
			continue
		}
		g.Go(func() error {
			same, head, err := t.same(gctx, files, c, r, opts)
			if err != nil {
				return err
			}
			checked[i] = head
			if !same {
				c.Reason = ReasonChanged
				changes[i] = c
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for i, c := range changes {
		if checked[i] {
			p.Checked++
		}
		if c == nil {
			p.Unchanged++
			continue
		}
		c.Phase = phaseOf(c.Name, c.Reason == ReasonNew)
		p.Uploads = append(p.Uploads, *c)
	}
	sort.SliceStable(p.Uploads, func(i, j int) bool { return p.Uploads[i].Phase < p.Uploads[j].Phase })
	for key, r := range held {
		p.Deletes = append(p.Deletes, Change{Name: key, Reason: ReasonGone, Phase: PhaseDeletes, Size: r.size})
	}
	sort.Slice(p.Deletes, func(i, j int) bool { return p.Deletes[i].Name < p.Deletes[j].Name })
	return p, nil
}

// same reports whether the target's object r holds the file of c as it
// would be uploaded (see NewPlan), and whether its metadata had to be read.
func (t *Target) same(ctx context.Context, files Files, c *Change, r remote, opts PlanOptions) (same, head bool, err error) {
	if l, ok := files.(linker); ok && opts.Digests != nil && !c.Gzip && r.md5 != nil && r.size == c.Size {
		if src, ok := l.Linked(c.Name); ok {
			if sum, err := opts.Digests.Sum(src); err == nil && bytes.Equal(sum[:md5.Size], r.md5) {
				return true, false, nil
			}
		}
	}
	data, ok := files.File(c.Name)
	if !ok {
		return false, false, fmt.Errorf("deploy: %s is no longer readable: build again", c.Name)
	}
	body := data
	if c.Gzip {
		if body, err = compress(data); err != nil {
			return false, false, err
		}
	}
	if int64(len(body)) == r.size && r.md5 != nil {
		sum := md5.Sum(body)
		if bytes.Equal(sum[:], r.md5) {
			return true, false, nil
		}
	}
	if int64(len(body)) != r.size && !c.Gzip {
		return false, false, nil
	}
	var attrs *blob.Attributes
	err = retry(ctx, opts.Attempts, opts.Backoff, func() error {
		var err error
		attrs, err = t.bucket.Attributes(ctx, c.Name)
		return err
	})
	if err != nil {
		return false, true, t.fail("cannot read "+c.Name+" on the target", err)
	}
	wantEncoding := ""
	if c.Gzip {
		wantEncoding = "gzip"
	}
	if attrs.ContentEncoding != wantEncoding {
		return false, true, nil
	}
	if attrs.MD5 != nil && int64(len(body)) == attrs.Size {
		sum := md5.Sum(body)
		if bytes.Equal(sum[:], attrs.MD5) {
			return true, true, nil
		}
	}
	return attrs.Metadata[SumKey] != "" && attrs.Metadata[SumKey] == sha256Hex(data), true, nil
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// compress gzips data, the same bytes every time for the same data.
func compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (o *PlanOptions) defaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Attempts <= 0 {
		o.Attempts = DefaultAttempts
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
}

// TooManyDeletes returns the error of a plan that would delete more files
// than its target allows, or nil.
func (p *Plan) TooManyDeletes() error {
	limit := p.Target.conf.DeleteLimit()
	if limit < 0 || len(p.Deletes) <= limit {
		return nil
	}
	example := make([]string, 0, 3)
	for _, d := range p.Deletes[:min(3, len(p.Deletes))] {
		example = append(example, d.Name)
	}
	return &Error{Target: p.Target.Name, Line: p.Target.conf.Line, Err: ErrTooManyDeletes,
		Msg: fmt.Sprintf("this deploy would delete %d files (%s, …) from %s, more than maxDeletes = %d allows: nothing was changed. "+
			"If %s is the right target and the files should go, raise maxDeletes in its [[deploy]] table (-1: no limit)",
			len(p.Deletes), strings.Join(example, ", "), p.Target.Where, limit, p.Target.Where)}
}
