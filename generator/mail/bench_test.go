package mail_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	pmail "github.com/pressroom/pressroom/generator/mail"
)

// BenchmarkDryRun1000 renders 1,000 personalised messages of the test
// site's release, a dry run end to end: the build into memory, then each
// recipient's HTML and text parts, composed and written as an .eml file.
func BenchmarkDryRun1000(b *testing.B) {
	var list strings.Builder
	list.WriteString("name,email,outlet,language,beats,embargo_ok\n")
	for i := range 1000 {
		fmt.Fprintf(&list, "Journalist %d,j%d@outlet%d.example.com,Outlet %d,en,storage,true\n", i, i, i%37, i%37)
	}
	root := writeSite(b, testSite)
	write(b, filepath.Join(root, "media", "big.csv"), list.String())
	req := pmail.Request{Source: root, Release: "public-plant", List: "big", At: testAt, Now: time.Now, DryRun: true, DiskCache: testDiskCache}
	b.ResetTimer()
	for range b.N {
		rep, err := pmail.Send(context.Background(), req)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Sent != 1000 {
			b.Fatalf("%d messages", rep.Sent)
		}
	}
}
