package main

import (
	"bytes"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pressroom/pressroom/generator/mail/mailtest"
)

// sendSite is a newsroom with one release (no tags: it goes to everyone)
// and a list of six journalists.
func sendSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"config.toml": "title = \"N\"\nbaseURL = \"https://news.example.test/\"\n[organization]\nname = \"Example\"\n" +
			"[[contacts]]\nid = \"press\"\nname = \"Mira Sand\"\nemail = \"press@example.test\"\n[mail]\nrate = 600000\n",
		"content/press/2026-11-20-plant.md": "---\ntitle: Plant opens\ndate: 2026-11-20\ncontacts: [press]\n---\nThe plant opened.\n",
		"media/press.csv": "name,email,outlet,language,beats,embargo_ok\n" +
			"A,a@example.com,,,,\nB,b@example.com,,,,\nC,c@example.com,,,,\nD,d@example.com,,,,\nE,e@example.com,,,,\nF,f@example.com,,,,\n",
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// sendCommand is `pressroom send` of the site's release to its list over srv.
func sendCommand(t *testing.T, bin, root string, srv *mailtest.Server) *exec.Cmd {
	cmd := exec.Command(bin, "send", "plant", "--list", "press", "--source", root)
	cmd.Env = append(os.Environ(), "PRESSROOM_SMTP_URL="+srv.URL(), "PRESSROOM_CACHE="+filepath.Join(os.TempDir(), "pressroom-test-cache"))
	return cmd
}

// startKillable starts cmd and returns a function that kills it, safe to
// call from the SMTP server's goroutines, and one that waits for its end.
func startKillable(t *testing.T, cmd *exec.Cmd) (kill func(), wait func() ([]byte, error)) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var proc atomic.Pointer[os.Process]
	proc.Store(cmd.Process)
	t.Cleanup(func() { proc.Load().Kill() })
	return func() { proc.Load().Kill() }, func() ([]byte, error) { err := cmd.Wait(); return out.Bytes(), err }
}

// perRecipient counts the messages each address got, and their Message-IDs.
func perRecipient(t *testing.T, srv *mailtest.Server) (map[string]int, map[string][]string) {
	count, ids := map[string]int{}, map[string][]string{}
	for _, m := range srv.Messages() {
		msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		count[m.To[0]]++
		ids[m.To[0]] = append(ids[m.To[0]], msg.Header.Get("Message-ID"))
	}
	return count, ids
}

// TestSendKilledMidListIsFinishedByTheNextRun kills `pressroom send` (SIGKILL,
// as the OOM killer would) while the server is being told the fourth
// recipient, then runs it again: everyone has the release exactly once.
func TestSendKilledMidListIsFinishedByTheNextRun(t *testing.T) {
	bin := pressroomBinary(t)
	root := sendSite(t)
	srv := mailtest.Start(t)
	var rcpts atomic.Int32
	var kill atomic.Pointer[func()]
	srv.OnRcpt(func(string) {
		if rcpts.Add(1) == 4 {
			if k := kill.Load(); k != nil {
				(*k)()
			}
		}
	})
	k, wait := startKillable(t, sendCommand(t, bin, root, srv))
	kill.Store(&k)
	out, err := wait()
	if err == nil {
		t.Fatalf("the send was not killed:\n%s", out)
	}
	if n := len(srv.Messages()); n != 3 {
		t.Fatalf("%d sent before the kill, want 3", n)
	}
	srv.OnRcpt(nil)
	out, err = sendCommand(t, bin, root, srv).CombinedOutput()
	if err != nil {
		t.Fatalf("the second run: %v\n%s", err, out)
	}
	// The fourth was cut off during the exchange: the server discarded it,
	// and it goes now, with the Message-ID its intent recorded.
	if want := "Sent \"Plant opens\" to 6 of 6 (3 had it already; 1 left in doubt by an interrupted run, sent with the same Message-ID)\n"; string(out) != want {
		t.Errorf("the second run printed %q, want %q", out, want)
	}
	count, _ := perRecipient(t, srv)
	for _, a := range []string{"a", "b", "c", "d", "e", "f"} {
		if n := count[a+"@example.com"]; n != 1 {
			t.Errorf("%s@example.com got %d messages", a, n)
		}
	}
	// A third run sends nothing.
	out, _ = sendCommand(t, bin, root, srv).CombinedOutput()
	if !strings.Contains(string(out), "to 6 of 6 (6 had it already)") || len(srv.Messages()) != 6 {
		t.Errorf("a third run: %s (%d messages)", out, len(srv.Messages()))
	}
}

// TestSendKilledAfterTheServerTookAMessage kills the sender in the one
// window the journal cannot close: the server has the message and the
// sender has not written so. The next run sends it again with the same
// Message-ID (which mail clients show once), as the README says.
func TestSendKilledAfterTheServerTookAMessage(t *testing.T) {
	bin := pressroomBinary(t)
	root := sendSite(t)
	srv := mailtest.Start(t)
	var n atomic.Int32
	var kill atomic.Pointer[func()]
	srv.OnData(func(mailtest.Message) {
		if n.Add(1) == 2 {
			if k := kill.Load(); k != nil {
				(*k)()
			}
		}
	})
	k, wait := startKillable(t, sendCommand(t, bin, root, srv))
	kill.Store(&k)
	if out, err := wait(); err == nil {
		t.Fatalf("the send was not killed:\n%s", out)
	}
	srv.OnData(nil)
	out, err := sendCommand(t, bin, root, srv).CombinedOutput()
	if err != nil {
		t.Fatalf("the second run: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`to 6 of 6 \(1 had it already; 1 left in doubt by an interrupted run, sent with the same Message-ID\)`).Match(out) {
		t.Errorf("the second run printed %q", out)
	}
	count, ids := perRecipient(t, srv)
	for to, c := range count {
		switch {
		case to == "b@example.com" && (c != 2 || ids[to][0] != ids[to][1]):
			t.Errorf("%s: %d messages, ids %v: want the same message twice", to, c, ids[to])
		case to != "b@example.com" && c != 1:
			t.Errorf("%s got %d messages", to, c)
		}
	}
	if len(count) != 6 {
		t.Errorf("recipients %v", count)
	}
}

func TestSendMisuse(t *testing.T) {
	for _, args := range [][]string{{"send"}, {"send", "x"}, {"send", "x", "y", "--list", "press"}} {
		var out, errOut bytes.Buffer
		if status := run(t.Context(), args, &out, &errOut); status != exitMisuse {
			t.Errorf("%v: status %d, want %d\n%s", args, status, exitMisuse, errOut.String())
		}
	}
}

// TestSendDryRunOnTheExample runs the README's first send on a copy of the
// example newsroom: the messages are written where it says.
func TestSendDryRunOnTheExample(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"config.toml", "content", "media", "static"} {
		if out, err := exec.Command("cp", "-R", filepath.Join("..", "..", name), root).CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	}
	os.RemoveAll(filepath.Join(root, "media", ".outbox"))
	var out, errOut bytes.Buffer
	status := run(t.Context(), []string{"send", "content/press/2026-12-01-lubmin-storage-hub-with-boddenwerke.md", "--list", "press", "--dry-run", "--source", root}, &out, &errOut)
	if status != exitOK {
		t.Fatalf("status %d:\n%s%s", status, out.String(), errOut.String())
	}
	want := regexp.MustCompile(`^Wrote "Northwind and Boddenwerke to build 1.6 GWh Lubmin Storage Hub on the Baltic coast" for (\d) of (\d) on press to media/.outbox/lubmin-storage-hub-with-boddenwerke/ \(a dry run: nothing sent\)\n$`)
	m := want.FindStringSubmatch(out.String())
	if m == nil || m[1] != m[2] {
		t.Fatalf("printed %q", out.String())
	}
	files, _ := filepath.Glob(filepath.Join(root, "media", ".outbox", "lubmin-storage-hub-with-boddenwerke", "*.eml"))
	if n, _ := strconv.Atoi(m[1]); len(files) == 0 || len(files) != n {
		t.Errorf("%d .eml files for %s messages", len(files), m[1])
	}
}
