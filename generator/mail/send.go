package mail

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/site"
)

// Request is one send of a release to a media list: what `pressroom send`
// asks for, and what `publish` asks for at a lift.
type Request struct {
	Source  string
	Release string // its content path ("content/press/x.md") or its slug
	List    string // the media list: media/NAME.csv or .toml
	// At is the moment the release is sent as of: what is public then,
	// and whether the release is still held, is decided against it.
	At time.Time
	// Now is the clock, for the journal's times and the rate; the command
	// line passes time.Now.
	Now func() time.Time
	// DryRun writes each message as an .eml file under media/.outbox/
	// instead of sending; it changes no journal.
	DryRun bool
	// To sends one check copy to this address instead of the list, outside
	// the journal.
	To string
	// AttachKit attaches the release's press kit (to held releases too,
	// whose kit is made for the purpose, into memory).
	AttachKit bool
	// SMTPURL is PRESSROOM_SMTP_URL as the command line read it.
	SMTPURL   string
	DiskCache diskcache.Dir
	// Attempts bounds the tries of one message on temporary failures
	// (default 4), Backoff the first wait between them, doubled from one
	// to the next (default 2 s).
	Attempts int
	Backoff  time.Duration
	// Progress, when set, is told of each recipient done.
	Progress func(done, total int)
}

// Report says what a send did.
type Report struct {
	Title, Release, Slug string
	Held                 bool      // sent before the embargo lifts
	Until                time.Time // when it lifts, if held
	Location             *time.Location
	List                 string
	Matched              int // recipients of the list the release goes to
	NotTrusted           int // recipients it would go to but for the embargo
	Sent                 int // this run
	Already              int // sent by an earlier run
	Resent               int // in doubt after a crash, sent again with the same Message-ID
	Bounced              []Failure
	Deferred             []Failure
	Journal              string // "media/.sent/new-plant.jsonl"
	Outbox               string // a dry run's folder of .eml files
	DryRun               bool
	Copy                 string // the address of a --to copy
}

// Failure is one recipient a send could not reach.
type Failure struct {
	To, Reply string
}

// Send mails the release to its list (or one copy, with To). Recipients
// the journal says have it are skipped; every outcome is journaled as it
// happens. ctx ending stops the send between two messages, never inside
// one.
func Send(ctx context.Context, req Request) (*Report, error) {
	if req.At.IsZero() || req.Now == nil {
		return nil, errors.New("mail: Request.At and Request.Now are required")
	}
	now, err := generator.Schedule(ctx, req.Source, req.At)
	if err != nil {
		return nil, err
	}
	cfg := now.Config
	from, err := sender(cfg)
	if err != nil {
		return nil, err
	}
	rel, err := findRelease(ctx, req.Source, now, req.Release)
	if err != nil {
		return nil, err
	}
	var list *List
	if req.To == "" {
		if list, err = LoadList(req.Source, req.List); err != nil {
			return nil, err
		}
	} else if a, err := mail.ParseAddress(req.To); err != nil || a.Address != req.To {
		return nil, fmt.Errorf("--to %q is not an email address such as colleague@example.com", req.To)
	}
	b, err := buildAt(ctx, req, rel.moment)
	if err != nil {
		return nil, err
	}
	e := b.entry(rel.source)
	if e == nil {
		return nil, fmt.Errorf("%s: the build as of %s does not publish it", rel.source, rel.moment.Format(time.RFC3339))
	}
	embargo := ""
	if rel.held {
		embargo = EmbargoLine(rel.moment, cfg.Location)
	}
	whole, err := generator.Schedule(ctx, req.Source, farFuture)
	if err != nil {
		return nil, err
	}
	held := heldPaths(publicPaths(whole, b.catalog), publicPaths(now, b.catalog))
	ed, err := newEdition(b, e, rel.held, embargo, held, req.AttachKit)
	if err != nil {
		return nil, err
	}
	// A recipient whose language a published translation speaks gets it.
	editions := map[string]*Edition{}
	for _, t := range e.Translations {
		if editions[t.Lang], err = newEdition(b, t, rel.held, embargo, held, req.AttachKit); err != nil {
			return nil, err
		}
	}
	rep := &Report{Title: e.Title, Release: rel.source, Slug: e.Slug, Held: rel.held, Location: cfg.Location, DryRun: req.DryRun}
	if rel.held {
		rep.Until = rel.moment
	}
	s := &sending{req: req, cfg: cfg, from: from, ed: ed, editions: editions, rep: rep, host: cfg.Base.Hostname()}
	if req.To != "" {
		return rep, s.copy(ctx)
	}
	rep.List = list.Name
	audience := Audience(list, e, rel.held)
	rep.Matched = len(audience)
	if rel.held {
		rep.NotTrusted = len(Audience(list, e, false)) - len(audience)
	}
	return rep, s.list(ctx, list, audience)
}

// farFuture is a moment after every embargo and date a site holds: the
// site as of then has every item out but drafts.
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// release is the release a Request names, and the moment its messages
// show it as of.
type release struct {
	source string    // "content/press/x.md"
	held   bool      // not public at the request's moment
	moment time.Time // the request's moment, or the lift
}

// findRelease finds arg (a content path or a slug) among the releases of
// now, published or held.
func findRelease(ctx context.Context, source string, now *site.Site, arg string) (release, error) {
	want := filepath.ToSlash(filepath.Clean(arg))
	if abs, err := filepath.Abs(arg); err == nil {
		if root, err := filepath.Abs(source); err == nil {
			if r, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(r, "..") {
				want = filepath.ToSlash(r) // a path given from elsewhere than the site
			}
		}
	}
	matches := func(src, slug string) bool {
		return src == want || strings.TrimSuffix(src, "/index.md") == strings.TrimSuffix(want, "/") || slug == arg
	}
	if sec := now.Section("press"); sec != nil {
		for _, e := range sec.Entries {
			if matches(e.Item.Source, e.Slug) {
				return release{source: e.Item.Source, moment: now.At}, nil
			}
		}
	}
	for _, h := range now.Held {
		if !strings.HasPrefix(h.Source, content.Dir+"/press/") || !matches(h.Source, heldSlug(h.Source)) {
			continue
		}
		if h.Until.IsZero() {
			return release{}, fmt.Errorf("%s: is a draft: remove `draft: true` before sending it", h.Source)
		}
		return release{source: h.Source, held: true, moment: h.Until}, nil
	}
	return release{}, fmt.Errorf("no release %q: name a file under content/press/ (content/press/2026-11-03-new-plant.md) or its slug (new-plant)", arg)
}

// heldSlug is the slug a held release's file name gives it (a slug set in
// its front matter is matched by the build as of its lift instead).
func heldSlug(src string) string {
	name := path.Base(strings.TrimSuffix(src, "/index.md"))
	name = strings.TrimSuffix(name, path.Ext(name))
	if len(name) > 11 && name[4] == '-' && name[7] == '-' && name[10] == '-' {
		name = name[11:]
	}
	return name
}

// buildAt builds the site as of at into memory: the site as a message
// shows it. For a held release at is its lift moment, and nothing of this
// build is written anywhere but into the messages.
func buildAt(ctx context.Context, req Request, at time.Time) (*built, error) {
	mem := output.NewMemory()
	rep, err := generator.Build(ctx, generator.Options{Source: req.Source, At: at, Out: mem, DiskCache: req.DiskCache})
	if err != nil {
		return nil, err
	}
	cat, err := images.Inspect(req.Source, rep.Site, nil)
	if err != nil {
		return nil, err
	}
	return &built{site: rep.Site, files: mem, catalog: cat}, nil
}

func (b *built) entry(source string) *site.Entry {
	if sec := b.site.Section("press"); sec != nil {
		for _, e := range sec.Entries {
			if e.Item.Source == source {
				return e
			}
		}
	}
	return nil
}

// sender is the From address: [mail] from, else the organisation and the
// first contact with an address.
func sender(cfg *config.Config) (*mail.Address, error) {
	if cfg.Mail.From != "" {
		return mail.ParseAddress(cfg.Mail.From)
	}
	for _, c := range cfg.Contacts {
		if c.Email != "" {
			return &mail.Address{Name: cfg.Organization.Name, Address: c.Email}, nil
		}
	}
	return nil, fmt.Errorf("%s: no sender: add [mail] with from = %q, or an email to a [[contacts]] entry", config.FileName, "Your Company Press Office <press@example.com>")
}

// sending is one run over a list.
type sending struct {
	req  Request
	cfg  *config.Config
	from *mail.Address
	ed   *Edition
	// editions are the release's published translations, by language.
	editions map[string]*Edition
	rep      *Report
	host     string
	next     time.Time // the rate's next free moment
}

// journalDir is the journal's folder, and how to name it to people.
func journalDir(source string, cfg *config.Config) (dir, shown string) {
	if filepath.IsAbs(cfg.Mail.Journal) {
		return cfg.Mail.Journal, cfg.Mail.Journal
	}
	return filepath.Join(source, filepath.FromSlash(cfg.Mail.Journal)), cfg.Mail.Journal
}

func (s *sending) list(ctx context.Context, list *List, audience []Recipient) error {
	dir, shown := journalDir(s.req.Source, s.cfg)
	var t transport
	var j *Journal
	if s.req.DryRun {
		box := path.Join(Dir, ".outbox", s.rep.Slug)
		s.rep.Outbox = box
		boxDir := filepath.Join(s.req.Source, filepath.FromSlash(box))
		clearOutbox(boxDir)
		t = outbox{dir: boxDir}
		last, err := ReadJournal(dir, s.rep.Slug)
		if err != nil {
			return err
		}
		j = &Journal{Path: path.Join(shown, s.rep.Slug+".jsonl"), last: last} // read only: a dry run journals nothing
		if j.last == nil {
			j.last = map[string]Record{}
		}
	} else {
		smtp, err := newSMTP(s.req.SMTPURL)
		if err != nil {
			return err
		}
		t = smtp
		if j, err = OpenJournal(dir, shown, s.rep.Slug); err != nil {
			return err
		}
		defer j.Close()
	}
	defer t.close()
	s.rep.Journal = j.Path
	for i, r := range audience {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.one(ctx, t, j, list.Name, r); err != nil {
			return err
		}
		if s.req.Progress != nil {
			s.req.Progress(i+1, len(audience))
		}
	}
	return nil
}

// clearOutbox removes the .eml files of an earlier dry run of the release.
func clearOutbox(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	for _, n := range names {
		_ = os.Remove(n)
	}
}

// editionFor is the edition a recipient of language lang ("de", "de-at",
// "" for the site's) gets: the translation into that language when one is
// published, else the release itself.
func (s *sending) editionFor(lang string) *Edition {
	if ed := s.editions[lang]; ed != nil {
		return ed
	}
	if base, _, ok := strings.Cut(lang, "-"); ok && s.editions[base] != nil {
		return s.editions[base]
	}
	return s.ed
}

// one sends the message of one recipient, unless the journal says it went.
func (s *sending) one(ctx context.Context, t transport, j *Journal, list string, r Recipient) error {
	id := messageID(s.rep.Slug, r.Email, s.host)
	last, seen := j.Last(r.Email)
	inDoubt := false
	switch {
	case seen && last.State == Sent:
		s.rep.Already++
		return nil
	case seen && last.State == Bounced:
		s.rep.Bounced = append(s.rep.Bounced, Failure{To: r.Email, Reply: last.Reply + " (in an earlier run)"})
		return nil
	case seen && last.State == Sending:
		inDoubt, id = true, last.MessageID // see the journal's comment
	}
	p := Personal{Why: why(s.cfg.Organization.Name, list, r, s.rep.Held),
		UnsubscribeURL:    unsubscribeURL(s.cfg.Mail.UnsubscribeURL, r.Email, list),
		UnsubscribeMailto: unsubscribeMailto(s.unsubscribeAddress(), list)}
	m, err := s.message(s.editionFor(r.Language), r.Name, r.Email, id, p, list)
	if err != nil {
		return err
	}
	if s.req.DryRun {
		if err := t.send(ctx, m, emlName(r.Email)); err != nil {
			return fmt.Errorf("%s: %w", s.rep.Outbox, err)
		}
		s.rep.Sent++
		return nil
	}
	rec := Record{To: r.Email, MessageID: id, List: list, Language: s.editionFor(r.Language).Lang, Embargoed: s.rep.Held}
	rec.State, rec.At = Sending, s.req.Now()
	if err := j.Write(rec); err != nil {
		return err
	}
	outcome, reply, err := s.deliver(ctx, t, m, "")
	if err != nil {
		return err // the server is out of reach: the intent stays, the next run sends it
	}
	rec.State, rec.At, rec.Reply = outcome, s.req.Now(), reply
	if err := j.Write(rec); err != nil {
		return err
	}
	switch outcome {
	case Sent:
		s.rep.Sent++
		if inDoubt {
			s.rep.Resent++
		}
	case Bounced:
		s.rep.Bounced = append(s.rep.Bounced, Failure{To: r.Email, Reply: reply})
	case Deferred:
		s.rep.Deferred = append(s.rep.Deferred, Failure{To: r.Email, Reply: reply})
	}
	return nil
}

// deliver sends m at the rate, trying again after temporary failures with
// a doubling wait; a permanent one is not tried again. A server that
// cannot be reached at all after every try ends the run (an error).
func (s *sending) deliver(ctx context.Context, t transport, m *gomail.Msg, file string) (State, string, error) {
	attempts, wait := s.req.Attempts, s.req.Backoff
	if attempts <= 0 {
		attempts = 4
	}
	if wait <= 0 {
		wait = 2 * time.Second
	}
	var reply string
	for try := 1; ; try++ {
		if err := s.pace(ctx); err != nil {
			return "", "", err
		}
		// The exchange runs to its end even when ctx ends meanwhile: a
		// message cut off mid-way would be left in doubt.
		err := t.send(context.WithoutCancel(ctx), m, file)
		if err == nil {
			return Sent, strings.TrimSpace(m.ServerResponse()), nil
		}
		v, why := classify(err)
		reply = why
		if v == permanent {
			return Bounced, reply, nil
		}
		if try >= attempts {
			var dial *dialError
			if errors.As(err, &dial) {
				return "", "", fmt.Errorf("%v (PRESSROOM_SMTP_URL points at %s): nothing more was sent; run the same command again to finish the list", err, SMTPServer(s.req.SMTPURL))
			}
			return Deferred, reply, nil
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return Deferred, reply, nil
		case <-timer.C:
		}
		wait *= 2
	}
}

// pace waits for the rate's next free moment.
func (s *sending) pace(ctx context.Context) error {
	interval := time.Minute / time.Duration(max(s.cfg.Mail.Rate, 1))
	now := s.req.Now()
	if d := s.next.Sub(now); d > 0 {
		timer := time.NewTimer(d)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
		now = s.req.Now()
	}
	s.next = now.Add(interval)
	return nil
}

// copy sends the one check copy of a --to.
func (s *sending) copy(ctx context.Context) error {
	s.rep.Copy = s.req.To
	p := Personal{Why: fmt.Sprintf("A check copy for %s, sent with pressroom send --to: journalists get this message with a line here saying why they get it.", s.req.To)}
	sum := sha256.Sum256([]byte(s.rep.Slug + "\x00" + s.req.To + "\x00" + s.req.Now().String()))
	id := hex.EncodeToString(sum[:12]) + ".copy.pressroom@" + s.host // a new message each time
	m, err := s.message(s.ed, "", s.req.To, id, p, "")
	if err != nil {
		return err
	}
	var t transport
	if s.req.DryRun {
		box := path.Join(Dir, ".outbox", s.rep.Slug)
		s.rep.Outbox = box
		t = outbox{dir: filepath.Join(s.req.Source, filepath.FromSlash(box))}
	} else {
		smtp, err := newSMTP(s.req.SMTPURL)
		if err != nil {
			return err
		}
		t = smtp
	}
	defer t.close()
	outcome, reply, err := s.deliver(ctx, t, m, emlName(s.req.To))
	if err != nil {
		return err
	}
	switch outcome {
	case Sent:
		s.rep.Sent++
	case Bounced:
		s.rep.Bounced = append(s.rep.Bounced, Failure{To: s.req.To, Reply: reply})
	case Deferred:
		s.rep.Deferred = append(s.rep.Deferred, Failure{To: s.req.To, Reply: reply})
	}
	s.rep.Matched = 1
	return nil
}

func (s *sending) unsubscribeAddress() string {
	if s.cfg.Mail.Unsubscribe != "" {
		return s.cfg.Mail.Unsubscribe
	}
	return s.from.Address
}

// message puts one recipient's message together.
func (s *sending) message(ed *Edition, name, address, id string, p Personal, list string) (*gomail.Msg, error) {
	htmlPart, textPart, err := Render(ed, p)
	if err != nil {
		return nil, err
	}
	m := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	m.FromMailAddress(s.from)
	m.ToMailAddress(&mail.Address{Name: name, Address: address})
	m.Subject(ed.Subject)
	m.SetMessageIDWithValue(id)
	m.SetDateWithValue(s.req.Now())
	m.SetGenHeader(gomail.HeaderUserAgent, "pressroom")
	if list != "" {
		m.SetGenHeaderPreformatted(gomail.Header("List-Id"), fmt.Sprintf("%s <%s.%s>", quotePhrase(s.cfg.Organization.Name+" "+list), list, s.host))
		var uris []string
		if p.UnsubscribeMailto != "" {
			uris = append(uris, p.UnsubscribeMailto)
		}
		if p.UnsubscribeURL != "" {
			if err := m.SetListUnsubscribeOneClick(p.UnsubscribeURL, uris...); err != nil {
				return nil, fmt.Errorf("%s: [mail] unsubscribeURL: %w", config.FileName, err)
			}
		} else if len(uris) > 0 {
			m.SetListUnsubscribe(uris...)
		}
		m.SetBulk()
	}
	m.SetBodyString(gomail.TypeTextPlain, textPart)
	m.AddAlternativeString(gomail.TypeTextHTML, htmlPart)
	if k := ed.Kit; k != nil && k.Data != nil {
		if err := m.AttachReader(k.Name, bytes.NewReader(k.Data), gomail.WithFileContentType("application/zip")); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// quotePhrase quotes a display name for a header, as RFC 5322 asks.
func quotePhrase(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// messageID is the Message-ID of a release's message to one address: the
// same on every run, so that a message sent again after a crash (see the
// journal) is the same message to mail clients.
func messageID(slug, address, host string) string {
	sum := sha256.Sum256([]byte(slug + "\x00" + strings.ToLower(address)))
	return hex.EncodeToString(sum[:12]) + "." + "pressroom@" + host
}

// emlName is the file a dry run writes a recipient's message to.
func emlName(address string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == 0 {
			return '_'
		}
		return r
	}, strings.ToLower(address)) + ".eml"
}
