package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// EnvSMTP names the environment variable that holds the SMTP server, with
// its credentials: smtp://user:pass@host:587 (STARTTLS when the server
// offers it) or smtps://user:pass@host:465 (TLS from the start). It is
// never read from config.toml, so that no secret is committed with a site.
const EnvSMTP = "PRESSROOM_SMTP_URL"

// transport delivers messages: to an SMTP server, or into .eml files.
type transport interface {
	// send delivers m; an error says whether it is worth another try (see
	// classify).
	send(ctx context.Context, m *gomail.Msg, file string) error
	close()
}

// smtpTransport keeps one connection to the server for a whole list, and
// dials again after any failure.
type smtpTransport struct {
	client    *gomail.Client
	connected bool
}

// SMTPServer says where PRESSROOM_SMTP_URL points, without its password.
func SMTPServer(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an unreadable URL)"
	}
	return u.Scheme + "://" + u.Host
}

// newSMTP opens no connection yet: it checks raw and makes the client.
func newSMTP(raw string) (*smtpTransport, error) {
	if raw == "" {
		return nil, fmt.Errorf("%s is not set: export %s=smtp://USER:PASSWORD@HOST:587 (or smtps://… for TLS on port 465), or use --dry-run to write .eml files", EnvSMTP, EnvSMTP)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("%s is not an SMTP URL such as smtp://USER:PASSWORD@HOST:587 or smtps://USER:PASSWORD@HOST:465", EnvSMTP)
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("%s: port %q is not a number", EnvSMTP, p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if user := u.User.Username(); user != "" {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(user), gomail.WithPassword(pass))
	}
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", EnvSMTP, err)
	}
	return &smtpTransport{client: c}, nil
}

func (t *smtpTransport) send(ctx context.Context, m *gomail.Msg, _ string) error {
	if !t.connected {
		if err := t.client.DialWithContext(ctx); err != nil {
			return &dialError{err}
		}
		t.connected = true
	}
	err := t.client.Send(m)
	if err != nil && !m.IsDelivered() {
		t.close() // a 421 closes the channel; any failure may leave it unusable
	}
	if m.IsDelivered() {
		return nil // accepted; a failed RSET after it changes nothing
	}
	return err
}

func (t *smtpTransport) close() {
	if t.connected {
		_ = t.client.Close()
		t.connected = false
	}
}

// dialError is a failure to reach or greet the server at all.
type dialError struct{ err error }

func (e *dialError) Error() string { return "cannot reach the SMTP server: " + e.err.Error() }
func (e *dialError) Unwrap() error { return e.err }

// outbox writes each message as an .eml file (a dry run).
type outbox struct{ dir string }

func (o outbox) send(_ context.Context, m *gomail.Msg, file string) error {
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	var buf bytes.Buffer // go-mail writes in small pieces: one write call, not thousands
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(o.dir, file), buf.Bytes(), 0o644)
}

func (outbox) close() {}

// verdict is what a failed delivery calls for.
type verdict int

const (
	retry     verdict = iota // temporary (4xx, a dropped connection): try again after a wait
	permanent                // 5xx: the server refused it for good
)

// classify says what err calls for, and the server's words.
func classify(err error) (verdict, string) {
	var se *gomail.SendError
	if errors.As(err, &se) {
		if code := se.ErrorCode(); code >= 500 && code < 600 {
			return permanent, strings.TrimSpace(err.Error())
		}
	}
	return retry, strings.TrimSpace(err.Error())
}
