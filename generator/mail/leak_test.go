package mail_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/deploy"
	pmail "github.com/pressroom/pressroom/generator/mail"
	"github.com/pressroom/pressroom/generator/mail/mailtest"
	"github.com/pressroom/pressroom/generator/output"
)

// TestListsReachNoOutput builds the site and deploys it to a file://
// target, with media lists, a journal and an outbox beside it: not one
// byte of an address, a name or an outlet of a list is in any file, in
// any kit's entries, nor on the target.
func TestListsReachNoOutput(t *testing.T) {
	target := t.TempDir()
	root := writeSite(t, testSite+"-- media/vip.toml --\n[[journalist]]\nname = \"Vera Secretname\"\nemail = \"vera.secret@hidden.example.net\"\noutlet = \"Hidden Gazette\"\n")
	write(t, filepath.Join(root, "config.toml"), readFile(t, filepath.Join(root, "config.toml"))+"[[deploy]]\nname = \"t\"\nurl = \"file://"+target+"\"\n")
	// A journal and an outbox, as sends leave them.
	srv := mailtest.Start(t)
	if _, err := send(t, root, srv, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := send(t, root, srv, func(r *pmail.Request) { r.DryRun = true }); err != nil {
		t.Fatal(err)
	}
	secrets := []string{"jane@outlet.example.com", "tom@outlet.example.org", "wind@outlet.example.org", "desk@outlet.example.com",
		"Jane Trusted", "Tom Public", "Outlet Three", "vera.secret@hidden.example.net", "Vera Secretname", "Hidden Gazette"}
	mem := output.NewMemory()
	if _, err := generator.Build(context.Background(), generator.Options{Source: root, At: testAt.Add(30 * 24 * time.Hour), Out: mem, DiskCache: testDiskCache}); err != nil {
		t.Fatal(err)
	}
	for _, name := range mem.Names() {
		data, _ := mem.File(name)
		checkBytes(t, "build: "+name, data, secrets)
	}
	if _, err := deploy.Run(context.Background(), deploy.Request{Source: root, At: testAt.Add(30 * 24 * time.Hour), DiskCache: testDiskCache}); err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(target, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkBytes(t, "target: "+p, data, secrets)
		return nil
	})
	if n < 10 {
		t.Fatalf("the target holds %d files", n)
	}
}

// checkBytes fails if data, or any entry of it as a ZIP, holds a secret.
func checkBytes(t *testing.T, what string, data []byte, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if bytes.Contains(bytes.ToLower(data), []byte(strings.ToLower(s))) {
			t.Errorf("%s holds %q", what, s)
		}
	}
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			entry, _ := io.ReadAll(rc)
			rc.Close()
			checkBytes(t, what+"!"+f.Name, entry, secrets)
		}
	}
}

func readFile(t *testing.T, p string) string {
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
