package deploy_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob"
)

// Azurite's well-known development account.
const (
	azuriteAccount = "devstoreaccount1"
	azuriteKey     = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)

// azuriteTarget starts Azurite (npm azurite, which .ci/run installs under
// .ci/node_modules) on a free port of 127.0.0.1 with an empty container,
// reached by the real azureblob driver. Where it is missing the test is
// skipped, except under CI=true, where that is a failure.
func azuriteTarget(t *testing.T) target {
	t.Helper()
	bin, err := filepath.Abs(filepath.Join("..", "..", ".ci", "node_modules", ".bin", "azurite-blob"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Azurite is missing (%v): run `npm install --prefix .ci azurite`, as .ci/run does", err)
		}
		t.Skip("Azurite is not installed: npm install --prefix .ci azurite")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "--blobHost", "127.0.0.1", "--blobPort", fmt.Sprint(port), "--location", t.TempDir(),
		"--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry")
	var out lockedOutput
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(30 * time.Second); ; {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Azurite did not listen on %s within 30 s: %s", addr, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Setenv("AZURE_STORAGE_ACCOUNT", azuriteAccount)
	t.Setenv("AZURE_STORAGE_KEY", azuriteKey)
	cred, err := container.NewSharedKeyCredential(azuriteAccount, azuriteKey)
	if err != nil {
		t.Fatal(err)
	}
	c, err := container.NewClientWithSharedKeyCredential("http://"+addr+"/"+azuriteAccount+"/news", cred, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Create(context.Background(), nil); err != nil {
		t.Fatalf("creating the container: %v", err)
	}
	url := "azblob://news?protocol=http&domain=" + addr
	bucket, err := blob.OpenBucket(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bucket.Close() })
	return target{name: "azure", url: url,
		keys: func(t *testing.T) []string {
			var keys []string
			iter := bucket.List(nil)
			for {
				obj, err := iter.Next(context.Background())
				if err != nil {
					break
				}
				keys = append(keys, obj.Key)
			}
			sort.Strings(keys)
			return keys
		},
		get: func(t *testing.T, key string) []byte {
			b, err := bucket.ReadAll(context.Background(), key)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}}
}

// TestAzure runs the deploy cases through Azurite: a first deploy holds
// exactly the build, a second uploads nothing, an edit uploads only what
// changed, a deleted release's files are deleted.
func TestAzure(t *testing.T) {
	tg := azuriteTarget(t)
	site := newSite(t, tg.url, "")
	first := run(t, site, fast)
	before := build(t, site)
	holdsExactly(t, tg, before)
	second := run(t, site, fast)
	if second.Result.Uploaded != 0 || second.Plan.Unchanged != first.Result.Uploaded {
		t.Errorf("second deploy: %+v, %d unchanged", second.Result, second.Plan.Unchanged)
	}
	if second.Plan.Checked != 0 {
		t.Errorf("%d objects' metadata read: Azure's listing should carry the MD5 each upload set", second.Plan.Checked)
	}
	release := filepath.Join(site, "content", "press", "second.md")
	writeFile(release, readFile(t, release)+"\nNew words.\n")
	os.RemoveAll(filepath.Join(site, "content", "press", "2026-03-02-bundle-launch"))
	rep := run(t, site, fast)
	after := build(t, site)
	changed, gone := changedNames(before, after)
	if got := names(rep.Plan.Uploads); fmt.Sprint(got) != fmt.Sprint(changed) {
		t.Errorf("uploaded %v, want %v", got, changed)
	}
	if got := names(rep.Plan.Deletes); fmt.Sprint(got) != fmt.Sprint(gone) {
		t.Errorf("deleted %v, want %v", got, gone)
	}
	holdsExactly(t, tg, after)
}

// lockedOutput collects what a child process prints.
type lockedOutput struct {
	mu sync.Mutex
	b  []byte
}

func (o *lockedOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.b = append(o.b, p...)
	return len(p), nil
}

func (o *lockedOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return string(o.b)
}
