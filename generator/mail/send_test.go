package mail_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	pmail "github.com/pressroom/pressroom/generator/mail"
	"github.com/pressroom/pressroom/generator/mail/mailtest"
)

// parsed is a message read back with net/mail and mime/multipart.
type parsed struct {
	Header      mail.Header
	Text, HTML  string
	Attachments map[string][]byte
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v\n%s", err, data)
	}
	p := parsed{Header: m.Header, Attachments: map[string][]byte{}}
	var walk func(ctype string, body io.Reader, encoding, disposition string)
	walk = func(ctype string, body io.Reader, encoding, disposition string) {
		mt, params, err := mime.ParseMediaType(ctype)
		if err != nil {
			t.Fatalf("Content-Type %q: %v", ctype, err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			r := multipart.NewReader(body, params["boundary"])
			for {
				part, err := r.NextRawPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatalf("multipart: %v", err)
				}
				walk(part.Header.Get("Content-Type"), part, part.Header.Get("Content-Transfer-Encoding"), part.Header.Get("Content-Disposition"))
			}
		}
		data := decode(t, body, encoding)
		switch {
		case strings.HasPrefix(disposition, "attachment"):
			_, dp, _ := mime.ParseMediaType(disposition)
			p.Attachments[dp["filename"]] = data
		case mt == "text/plain":
			p.Text = string(data)
		case mt == "text/html":
			p.HTML = string(data)
		}
	}
	walk(m.Header.Get("Content-Type"), m.Body, m.Header.Get("Content-Transfer-Encoding"), "")
	return p
}

func decode(t *testing.T, r io.Reader, encoding string) []byte {
	t.Helper()
	var rd io.Reader = r
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		rd = quotedPrintable(r)
	case "base64":
		rd = base64Reader(r)
	}
	data, err := io.ReadAll(rd)
	if err != nil {
		t.Fatalf("decoding %s: %v", encoding, err)
	}
	return data
}

// subject decodes the Subject header (RFC 2047).
func subject(t *testing.T, h mail.Header) string {
	s, err := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func send(t *testing.T, root string, srv *mailtest.Server, mutate func(*pmail.Request)) (*pmail.Report, error) {
	t.Helper()
	req := pmail.Request{Source: root, Release: "content/press/2026-11-20-public-plant.md", List: "press", At: testAt,
		Now: time.Now, SMTPURL: srv.URL(), DiskCache: testDiskCache, Backoff: 10 * time.Millisecond}
	if mutate != nil {
		mutate(&req)
	}
	return pmail.Send(context.Background(), req)
}

func recipients(ms []mailtest.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.To...)
	}
	sort.Strings(out)
	return out
}

var links = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

func TestSendPublicReleaseOverSMTP(t *testing.T) {
	root := writeSite(t, testSite)
	srv := mailtest.Start(t)
	rep, err := send(t, root, srv, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"desk@outlet.example.com", "jane@outlet.example.com", "tom@outlet.example.org"} // not the wind desk
	if got := recipients(srv.Messages()); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("sent to %v, want %v", got, want)
	}
	if rep.Sent != 3 || rep.Matched != 3 || rep.Journal != "media/.sent/public-plant.jsonl" {
		t.Errorf("report %+v", rep)
	}
	for _, m := range srv.Messages() {
		p := parse(t, m.Data)
		if got := subject(t, p.Header); got != "Public plant opens" {
			t.Errorf("Subject %q", got)
		}
		if from := p.Header.Get("From"); from != `"Example Energy" <press@example.test>` {
			t.Errorf("From %q", from)
		}
		if to, _ := p.Header.AddressList("To"); len(to) != 1 || to[0].Address != m.To[0] {
			t.Errorf("To %v for RCPT %v", to, m.To)
		}
		if id := p.Header.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@news.example.test>") {
			t.Errorf("Message-ID %q", id)
		}
		unsub := p.Header.Get("List-Unsubscribe")
		if !strings.Contains(unsub, "<https://news.example.test/unsubscribe?email="+strings.ReplaceAll(m.To[0], "@", "%40")+"&list=press>") ||
			!strings.Contains(unsub, "<mailto:press@example.test?subject=unsubscribe%20press>") {
			t.Errorf("List-Unsubscribe %q", unsub)
		}
		if post := p.Header.Get("List-Unsubscribe-Post"); post != "List-Unsubscribe=One-Click" {
			t.Errorf("List-Unsubscribe-Post %q", post)
		}
		for _, part := range []string{p.Text, p.HTML} {
			for _, s := range []string{"BERLIN, 20 November 2026", "The plant opened today", "Example Energy stores wind power.",
				"https://news.example.test/contacts/press.vcf", "https://news.example.test/press/public-plant/press-kit.zip",
				"Mira Sand", "The plant stores 200 MWh."} {
				if !strings.Contains(part, s) {
					t.Errorf("a part lacks %q:\n%s", s, part)
				}
			}
			if strings.Contains(part, "EMBARGOED") {
				t.Error("a public release says EMBARGOED")
			}
		}
		if !regexp.MustCompile(`Press kit</a> \(ZIP, [0-9.]+ (kB|MB)\)`).MatchString(p.HTML) {
			t.Error("the kit's link has no size")
		}
		if !strings.Contains(p.HTML, `src="https://news.example.test/assets/photos/public-480w.jpg"`) ||
			!strings.Contains(p.HTML, `href="https://news.example.test/assets/photos/public-1600w.jpg"`) {
			t.Error("the lead photo is not a thumbnail linked to its web size")
		}
		for _, l := range links.FindAllStringSubmatch(p.HTML, -1) {
			u := strings.ReplaceAll(l[1], "&amp;", "&")
			if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "mailto:") && !strings.HasPrefix(u, "tel:") {
				t.Errorf("a link that is not absolute: %q", u)
			}
		}
		if strings.Contains(p.HTML, `href="https://news.example.test/press/held-hub/"`) || !strings.Contains(p.HTML, "the held news") {
			t.Error("a link to a held release is in the message, or its words are gone")
		}
		if !strings.Contains(p.HTML, `href="https://news.example.test/assets/"`) {
			t.Error("a link to a page the site has (the library) is gone")
		}
		if !strings.Contains(strings.Join(strings.Fields(p.Text), " "), "because you are on its media list \"press\"") {
			t.Errorf("the footer does not say why:\n%s", p.Text)
		}
	}
	// The journal says each was sent, with its Message-ID.
	data, err := os.ReadFile(filepath.Join(root, "media", ".sent", "public-plant.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(data), `"state":"sent"`); got != 3 {
		t.Errorf("%d sent records, want 3:\n%s", got, data)
	}
}

func TestSendHeldReleaseOnlyToTrustedWithoutLinksToWhatIsHeld(t *testing.T) {
	root := writeSite(t, testSite)
	srv := mailtest.Start(t)
	rep, err := send(t, root, srv, func(r *pmail.Request) {
		r.Release, r.AttachKit = "held-hub", true // by slug
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"desk@outlet.example.com", "jane@outlet.example.com"} // Tom is not trusted with embargoes
	if got := recipients(srv.Messages()); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("sent to %v, want %v", got, want)
	}
	if !rep.Held || rep.NotTrusted != 1 {
		t.Errorf("report %+v", rep)
	}
	const line = "EMBARGOED UNTIL 1 December 2026, 09:00 CET (08:00 UTC)"
	for _, m := range srv.Messages() {
		p := parse(t, m.Data)
		if got := subject(t, p.Header); got != line+": Held hub agreed" {
			t.Errorf("Subject %q", got)
		}
		if !strings.HasPrefix(p.Text, line) {
			t.Errorf("the text does not begin with the embargo:\n%s", p.Text[:min(200, len(p.Text))])
		}
		if !strings.Contains(p.HTML, ">"+line+"<") {
			t.Error("the HTML does not show the embargo")
		}
		for _, held := range []string{"/press/held-hub/", "press-kit.zip", "/assets/photos/held"} {
			for _, part := range []string{p.HTML, p.Text} {
				if strings.Contains(part, held) {
					t.Errorf("a held message links %s, which 404s until the lift", held)
				}
			}
		}
		if !strings.Contains(p.HTML, `href="https://news.example.test/press/public-plant/"`) {
			t.Error("the link to the public release is gone")
		}
		if !strings.Contains(p.HTML, ">The hub</p>") {
			t.Error("the held image's alt text is gone with it")
		}
		kit, ok := p.Attachments["held-hub-press-kit.zip"]
		if !ok {
			t.Fatalf("no kit attached: %v", p.Attachments)
		}
		zr, err := zip.NewReader(bytes.NewReader(kit), int64(len(kit)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		if !strings.Contains(strings.Join(names, " "), "held.jpg") {
			t.Errorf("the kit lacks the held photo: %v", names)
		}
	}
	// Nothing of the held build reached public/.
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("send wrote public/: %v", err)
	}
}

func TestTemporaryFailureIsTriedAgainOnce(t *testing.T) {
	root := writeSite(t, testSite)
	srv := mailtest.Start(t)
	srv.Answer("jane@outlet.example.com", 421)
	rep, err := send(t, root, srv, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Attempts("jane@outlet.example.com"); got != 2 {
		t.Errorf("%d attempts after a 421, want 2", got)
	}
	if rep.Sent != 3 || len(rep.Deferred) != 0 {
		t.Errorf("report %+v", rep)
	}
}

func TestPermanentFailureIsNotTriedAgain(t *testing.T) {
	root := writeSite(t, testSite)
	srv := mailtest.Start(t)
	srv.Answer("tom@outlet.example.org", 550)
	rep, err := send(t, root, srv, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Attempts("tom@outlet.example.org"); got != 1 {
		t.Errorf("%d attempts after a 550, want 1", got)
	}
	if rep.Sent != 2 || len(rep.Bounced) != 1 || !strings.Contains(rep.Bounced[0].Reply, "550") {
		t.Errorf("report %+v", rep)
	}
	// A second run tries nobody again: the bounce is journaled.
	rep, err = send(t, root, srv, nil)
	if err != nil {
		t.Fatal(err)
	}
	if srv.Attempts("tom@outlet.example.org") != 1 || rep.Sent != 0 || rep.Already != 2 || len(rep.Bounced) != 1 {
		t.Errorf("second run: attempts %d, report %+v", srv.Attempts("tom@outlet.example.org"), rep)
	}
}

func TestInterruptedSendFinishesWithNobodyTwice(t *testing.T) {
	root := writeSite(t, testSite)
	srv := mailtest.Start(t)
	ctx, cancel := context.WithCancel(context.Background())
	srv.OnData(func(mailtest.Message) {
		if len(srv.Messages()) == 0 {
			cancel() // stop while the first message is being accepted
		}
	})
	req := pmail.Request{Source: root, Release: "public-plant", List: "press", At: testAt, Now: time.Now,
		SMTPURL: srv.URL(), DiskCache: testDiskCache, Backoff: 10 * time.Millisecond}
	rep, err := pmail.Send(ctx, req)
	if err == nil || rep.Sent != 1 {
		t.Fatalf("an interrupted send: %v, %+v", err, rep)
	}
	srv.OnData(nil)
	rep, err = pmail.Send(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sent != 2 || rep.Already != 1 {
		t.Errorf("the second run: %+v", rep)
	}
	count := map[string]int{}
	for _, m := range srv.Messages() {
		count[m.To[0]]++
	}
	if len(count) != 3 {
		t.Errorf("recipients %v, want 3", count)
	}
	for to, n := range count {
		if n != 1 {
			t.Errorf("%s got %d messages", to, n)
		}
	}
}

func TestDryRunWritesEMLFilesAndSendsNothing(t *testing.T) {
	root := writeSite(t, testSite)
	srv := mailtest.Start(t)
	rep, err := send(t, root, srv, func(r *pmail.Request) { r.DryRun, r.SMTPURL = true, "" })
	if err != nil {
		t.Fatal(err)
	}
	if len(srv.Messages()) != 0 || rep.Outbox != "media/.outbox/public-plant" || rep.Sent != 3 {
		t.Errorf("report %+v, %d sent", rep, len(srv.Messages()))
	}
	files, _ := filepath.Glob(filepath.Join(root, "media", ".outbox", "public-plant", "*.eml"))
	if len(files) != 3 {
		t.Fatalf("files %v", files)
	}
	data, _ := os.ReadFile(files[0])
	parse(t, data)
	if _, err := os.Stat(filepath.Join(root, "media", ".sent")); !os.IsNotExist(err) {
		t.Error("a dry run wrote the journal")
	}
}

func TestCopyGoesToOneAddressOutsideTheJournal(t *testing.T) {
	root := writeSite(t, testSite)
	srv := mailtest.Start(t)
	rep, err := send(t, root, srv, func(r *pmail.Request) { r.To, r.List = "colleague@example.test", "" })
	if err != nil {
		t.Fatal(err)
	}
	if got := recipients(srv.Messages()); len(got) != 1 || got[0] != "colleague@example.test" || rep.Sent != 1 {
		t.Fatalf("copy sent to %v (%+v)", got, rep)
	}
	if _, err := os.Stat(filepath.Join(root, "media", ".sent", "public-plant.jsonl")); !os.IsNotExist(err) {
		t.Error("a check copy was journaled")
	}
	// And as a dry run, a file named after it.
	rep, err = send(t, root, srv, func(r *pmail.Request) { r.To, r.List, r.DryRun = "colleague@example.test", "", true })
	if err != nil || rep.Sent != 1 || len(rep.Deferred) != 0 {
		t.Fatalf("a dry-run copy: %v, %+v", err, rep)
	}
	data, err := os.ReadFile(filepath.Join(root, "media", ".outbox", "public-plant", "colleague@example.test.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if p := parse(t, data); !strings.Contains(p.Text, "A check copy for colleague@example.test") {
		t.Errorf("the copy does not say it is one:\n%s", p.Text)
	}
}

func TestSendErrorsSayWhatToDo(t *testing.T) {
	root := writeSite(t, testSite)
	srv := mailtest.Start(t)
	for name, c := range map[string]struct {
		mutate func(*pmail.Request)
		want   string
	}{
		"unknown release": {func(r *pmail.Request) { r.Release = "nope" }, `no release "nope": name a file under content/press/`},
		"unknown list":    {func(r *pmail.Request) { r.List = "vip" }, `no media list "vip": write media/vip.csv`},
		"no SMTP":         {func(r *pmail.Request) { r.SMTPURL = "" }, "PRESSROOM_SMTP_URL is not set"},
		"bad SMTP":        {func(r *pmail.Request) { r.SMTPURL = "http://x" }, "PRESSROOM_SMTP_URL is not an SMTP URL"},
		"bad copy":        {func(r *pmail.Request) { r.To = "me@" }, `--to "me@" is not an email address`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := send(t, root, srv, c.mutate)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// TestRecipientsGetTheirLanguage: a journalist whose list entry says de
// gets the release's German translation, with its German dateline, page
// and kit; the others get the release itself; the journal says which.
func TestRecipientsGetTheirLanguage(t *testing.T) {
	site := strings.Replace(testSite, "[mail]\n", "[languages.de]\ntitle = \"Example Pressebereich\"\n[languages.de.organization]\nboilerplate = \"Example Energy speichert Windstrom.\"\n[mail]\n", 1) + `-- content/press/2026-11-20-public-plant.de.md --
---
title: Öffentliches Werk eröffnet
date: 2026-11-20T10:00:00
location: Berlin
summary: Das Werk speichert 200 MWh.
tags: [storage]
contacts: [press]
---
Das Werk wurde heute eröffnet.
`
	site = strings.Replace(site, "Tom Public,tom@outlet.example.org,Outlet Two,en,storage;grid,false", "Tom Public,tom@outlet.example.org,Outlet Two,de,storage;grid,false", 1)
	root := writeSite(t, site)
	srv := mailtest.Start(t)
	if _, err := send(t, root, srv, nil); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range srv.Messages() {
		p := parse(t, m.Data)
		got[m.To[0]] = subject(t, p.Header)
		if m.To[0] == "tom@outlet.example.org" {
			for _, s := range []string{"BERLIN, 20. November 2026", "Das Werk wurde heute eröffnet.", "Example Energy speichert Windstrom.",
				"https://news.example.test/de/press/public-plant/"} {
				if !strings.Contains(p.HTML, s) || !strings.Contains(p.Text, s) {
					t.Errorf("the German message lacks %q:\n%s", s, p.Text)
				}
			}
		}
	}
	if got["tom@outlet.example.org"] != "Öffentliches Werk eröffnet" || got["jane@outlet.example.com"] != "Public plant opens" || got["desk@outlet.example.com"] != "Public plant opens" {
		t.Errorf("subjects by recipient: %v", got)
	}
	data, _ := os.ReadFile(filepath.Join(root, "media", ".sent", "public-plant.jsonl"))
	if !strings.Contains(string(data), `"to":"tom@outlet.example.org"`) || !regexp.MustCompile(`"to":"tom@outlet.example.org"[^\n]*"language":"de"`).Match(data) {
		t.Errorf("the journal does not say Tom got German:\n%s", data)
	}
}
