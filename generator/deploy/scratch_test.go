package deploy_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/pressroom/pressroom/generator/deploy"
	"github.com/pressroom/pressroom/generator/diskcache"
)

// TestDeployBuildsOnDiskAndTidiesUp: a deploy writes its build into a
// scratch folder of the disk cache (so that it holds no output in memory),
// deploys exactly the build from there, and leaves nothing of it behind;
// what a killed deploy left is removed by the next one.
func TestDeployBuildsOnDiskAndTidiesUp(t *testing.T) {
	tg := fileTarget(t)
	site := newSite(t, tg.url, "")
	cache := t.TempDir()
	req := deploy.Request{Source: site, At: at, Options: fast, DiskCache: diskcache.Dir(cache)}
	rep, err := deploy.Run(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	holdsExactly(t, tg, build(t, site))
	if rep.Result.Uploaded == 0 {
		t.Fatal("nothing was uploaded")
	}
	left, _ := filepath.Glob(filepath.Join(cache, "deploy", "*", "*"))
	if len(left) != 0 {
		t.Errorf("the deploy left %q in the cache", left)
	}

	// A deploy killed mid-way leaves its staging folder, locked by nobody.
	scratch := deploy.ScratchFolder(diskcache.Dir(cache), site)
	killed := filepath.Join(filepath.Dir(scratch), "."+filepath.Base(scratch)+".staging-12345")
	if err := writeFile(filepath.Join(killed, "index.html"), "half a build"); err != nil {
		t.Fatal(err)
	}
	if _, err := deploy.Run(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Errorf("a killed deploy's scratch folder survived the next deploy (%v)", err)
	}
	if _, err := os.Stat(filepath.Dir(scratch)); !os.IsNotExist(err) {
		t.Errorf("the site's scratch folder was left in the cache (%v)", err)
	}
}

// TestFileTargetOnAnotherFileSystem: a file:// target writes nothing into
// the system's temporary folder, where fileblob would stage each file and
// then fail to rename it onto another file system ("invalid cross-device
// link": a target on a mounted disk, /tmp on tmpfs). Here the temporary
// folder cannot be written at all.
func TestFileTargetOnAnotherFileSystem(t *testing.T) {
	tg := fileTarget(t)
	site := newSite(t, tg.url, "")
	cache := t.TempDir()
	notAFolder := filepath.Join(t.TempDir(), "tmp")
	if err := writeFile(notAFolder, "a file where TMPDIR points"); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", notAFolder)
	if _, err := deploy.Run(context.Background(), deploy.Request{Source: site, At: at, Options: fast, DiskCache: diskcache.Dir(cache)}); err != nil {
		t.Fatal(err)
	}
	holdsExactly(t, tg, build(t, site))
}
