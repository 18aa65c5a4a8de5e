// Package mailtest is a real SMTP server for the tests of sending
// (github.com/emersion/go-smtp on 127.0.0.1): it records every message it
// accepts, and answers as a test scripts it, per recipient (a 421 then a
// 250, a 550), so that retries and bounces are tested over the wire.
package mailtest

import (
	"bytes"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one message the server accepted.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Server is a running SMTP server.
type Server struct {
	Addr string // "127.0.0.1:PORT"

	mu       sync.Mutex
	messages []Message
	script   map[string][]int // per lower-case recipient: the codes to answer RCPT with, in turn
	onData   func(Message)    // called before the server answers DATA
	onRcpt   func(string)     // called before the server answers RCPT
	attempts map[string]int
	srv      *smtp.Server
}

// Start starts a server on a free port of 127.0.0.1, stopped when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: l.Addr().String(), script: map[string][]int{}}
	s.srv = smtp.NewServer(backend{s})
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.ReadTimeout = 10 * time.Second
	s.srv.WriteTimeout = 10 * time.Second
	s.srv.MaxMessageBytes = 50 << 20
	go s.srv.Serve(l)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// URL is the PRESSROOM_SMTP_URL that reaches the server.
func (s *Server) URL() string { return "smtp://" + s.Addr }

// Answer scripts the codes RCPT TO:<address> gets, one per attempt, before
// the server accepts it (421 then a 250: Answer(a, 421)).
func (s *Server) Answer(address string, codes ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script[strings.ToLower(address)] = append(s.script[strings.ToLower(address)], codes...)
}

// OnData is called with each message before the server answers its DATA.
func (s *Server) OnData(f func(Message)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onData = f
}

// OnRcpt is called with each recipient before the server answers its RCPT.
func (s *Server) OnRcpt(f func(to string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onRcpt = f
}

// Messages are the messages accepted so far, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Attempts counts the RCPT commands each recipient got, scripted refusals
// included.
func (s *Server) Attempts(address string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts[strings.ToLower(address)]
}

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s    *Server
	from string
	to   []string
}

func (se *session) Reset()        { se.from, se.to = "", nil }
func (se *session) Logout() error { return nil }

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	se.from = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s := se.s
	s.mu.Lock()
	onRcpt := s.onRcpt
	s.mu.Unlock()
	if onRcpt != nil {
		onRcpt(to)
	}
	s.mu.Lock()
	key := strings.ToLower(to)
	if s.attempts == nil {
		s.attempts = map[string]int{}
	}
	s.attempts[key]++
	var code int
	if codes := s.script[key]; len(codes) > 0 {
		code, s.script[key] = codes[0], codes[1:]
	}
	s.mu.Unlock()
	switch {
	case code == 0 || code == 250:
		se.to = append(se.to, to)
		return nil
	case code == 421:
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 7, 0}, Message: "Try again later"}
	case code >= 500:
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user here"}
	}
	return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{4, 0, 0}, Message: "Not now"}
}

func (se *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(se.to) == 0 {
		return errors.New("no recipients")
	}
	m := Message{From: se.from, To: se.to, Data: bytes.Clone(data)}
	se.s.mu.Lock()
	onData := se.s.onData
	se.s.mu.Unlock()
	if onData != nil {
		onData(m)
	}
	se.s.mu.Lock()
	se.s.messages = append(se.s.messages, m)
	se.s.mu.Unlock()
	return nil
}
