package deploy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/output"
)

// Request is one deploy of a site: what `pressroom deploy` asks for.
type Request struct {
	Source string    // the site folder
	Target string    // the [[deploy]] name; "" for the only one
	At     time.Time // the build's moment: now, or --at
	DryRun bool      // plan only: change nothing
	Force  bool      // upload every file (see PlanOptions.Force)
	// DiskCache and Loaded are passed to the build (see generator.Options).
	DiskCache diskcache.Dir
	Loaded    func(markdown int64)
	Options   Options // of Apply
	// Planned, when set, is called with the plan before anything changes:
	// a dry run's caller lists it.
	Planned func(*Plan)
}

// Report says what one deploy did.
type Report struct {
	Target   *Target
	Build    *generator.Report // its Site is the site as deployed
	Plan     *Plan
	Result   Result
	Duration time.Duration // of the whole deploy, build included
}

// NoTargetError is a request for a target config.toml does not have, or
// for none where it has several.
type NoTargetError struct{ Err error }

func (e *NoTargetError) Error() string { return e.Err.Error() }

// Run builds the site as of req.At into memory, then makes the target
// hold exactly that build (or, for a dry run, only plans it). The build
// decides what is published, so the target can never receive what rule 1
// holds back: an embargoed release is not in the build, and if the target
// holds it from an earlier deploy (an embargo set after the fact), it is
// deleted.
func Run(ctx context.Context, req Request) (*Report, error) {
	start := time.Now()
	tc, err := TargetOf(req.Source, req.Target)
	if err != nil {
		return nil, err
	}
	t, err := Open(ctx, tc)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	// The target is listed while the site builds: on a cloud store the
	// listing of a large newsroom is seconds of round trips.
	planOpts := PlanOptions{Force: req.Force, Attempts: req.Options.Attempts, Backoff: req.Options.Backoff,
		Digests: req.DiskCache.MD5s()}
	listCtx, stopListing := context.WithCancel(ctx)
	defer stopListing()
	type listing struct {
		held map[string]remote
		err  error
	}
	listed := make(chan listing, 1)
	go func() {
		held, err := t.list(listCtx, planOpts)
		listed <- listing{held, err}
	}()
	// The build is written to a scratch folder, never committed, and read
	// from there: held in memory, the pages, feeds and sitemaps of ten
	// thousand releases kept a deploy above 300 MB.
	scratch := ScratchFolder(req.DiskCache, req.Source)
	dir, err := output.NewDir(scratch)
	if err != nil {
		stopListing()
		<-listed
		return nil, err
	}
	defer func() {
		dir.Abort()
		_ = os.Remove(filepath.Dir(scratch)) // unless another deploy of the site is running
	}()
	build, err := generator.Build(ctx, generator.Options{Source: req.Source, At: req.At, Out: dir,
		DiskCache: req.DiskCache, Loaded: req.Loaded})
	if err != nil {
		stopListing()
		<-listed
		return nil, err
	}
	l := <-listed
	if l.err != nil {
		return nil, l.err
	}
	plan, err := t.compare(ctx, folderFiles{dir}, l.held, planOpts)
	planOpts.Digests.Save()
	if err != nil {
		return nil, err
	}
	rep := &Report{Target: t, Build: build, Plan: plan}
	if req.Planned != nil {
		req.Planned(plan)
	}
	if req.DryRun {
		rep.Duration = time.Since(start)
		return rep, plan.TooManyDeletes()
	}
	rep.Result, err = Apply(ctx, plan, req.Options)
	rep.Duration = time.Since(start)
	return rep, err
}

// ScratchFolder is where a deploy of the site at source writes its build:
// in the disk cache, so that kits are hard links to the cache's, else in
// the system's temporary folder. A deploy killed mid-way leaves it behind
// for the next deploy of the site to remove (see output.NewDir).
func ScratchFolder(cache diskcache.Dir, source string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		abs = source
	}
	sum := sha256.Sum256([]byte(abs))
	parent := string(cache)
	if parent == "" {
		parent = filepath.Join(os.TempDir(), "pressroom")
	}
	return filepath.Join(parent, "deploy", hex.EncodeToString(sum[:8]), "site")
}

// folderFiles is a build being written into a folder, as Files.
type folderFiles struct{ dir *output.Dir }

func (f folderFiles) Names() []string { return f.dir.Names() }

func (f folderFiles) Linked(name string) (string, bool) { return f.dir.Linked(name) }

func (f folderFiles) File(name string) ([]byte, bool) {
	data, err := os.ReadFile(filepath.Join(f.dir.Staging(), filepath.FromSlash(name)))
	return data, err == nil
}

func (f folderFiles) Size(name string) (int64, bool) {
	info, err := os.Stat(filepath.Join(f.dir.Staging(), filepath.FromSlash(name)))
	if err != nil {
		return 0, false
	}
	return info.Size(), true
}

// TargetOf returns the deploy target name of the site at source ("" for
// the only one), or a NoTargetError.
func TargetOf(source, name string) (config.Target, error) {
	cfg, err := config.Load(filepath.Join(source, config.FileName))
	if err != nil {
		return config.Target{}, err
	}
	t, err := cfg.Target(name)
	if err != nil {
		return config.Target{}, &NoTargetError{Err: err}
	}
	return t, nil
}
