package fingerprint

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgramIsTheBuildID: the test binary's fingerprint comes from its Go
// build ID, the one `go tool buildid` prints, not from hashing the file.
func TestProgramIsTheBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	id := string(buildID(f))
	if id == "" {
		t.Fatal("no build ID found in the test binary")
	}
	out, err := exec.Command(filepath.Join(os.Getenv("GOROOT"), "bin", "go"), "tool", "buildid", exe).Output()
	if err != nil {
		out, err = exec.Command("go", "tool", "buildid", exe).Output()
	}
	if err == nil && strings.TrimSpace(string(out)) != id {
		t.Errorf("build ID %q, go tool buildid says %q", id, out)
	}
	if Program() == 0 {
		t.Error("Program() is 0")
	}
}
