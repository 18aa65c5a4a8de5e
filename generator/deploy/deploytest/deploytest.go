// Package deploytest runs an S3 server on 127.0.0.1 for the tests of
// deploy and publish: github.com/johannesboyne/gofakes3 in memory, reached
// over real HTTP by the real s3blob driver, as a MinIO user would
// (endpoint= and use_path_style=true). In front of it a handler records
// every request (for the tests of the upload order), keeps Cache-Control
// itself (gofakes3 v1.2.0 drops it on PUT, where S3 keeps it), refuses
// requests signed with unknown credentials as S3 does, and can fail PUTs
// from some point on, as a store that goes away mid-deploy.
//
// It is test tooling: nothing but tests imports it.
package deploytest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// The credentials tests set in the environment, as for any S3 store.
const (
	AccessKey = "AKIAPRESSROOMTEST"
	SecretKey = "pressroom-test-secret"
)

// Request is one request the server answered.
type Request struct {
	Method string
	Key    string // the object's key, without the bucket
	Header http.Header
	Status int
}

// Server is a recording S3 server.
type Server struct {
	URL string // http://127.0.0.1:PORT

	backend *s3mem.Backend
	srv     *httptest.Server

	mu        sync.Mutex
	log       []Request
	cache     map[string]string // "bucket/key" -> Cache-Control
	failAfter int               // PUTs after this many fail with 500; -1: none
	puts      int
	hookAfter int    // the PUT after which hook runs
	hook      func() // see AfterPuts
	refuse    bool   // see Refuse
}

// New starts a server for the test, sets the environment the AWS SDK reads
// credentials from, and stops the server when the test ends. The SDK is
// told to try each request once: the deploy retries by itself.
func New(t testing.TB) *Server {
	t.Helper()
	t.Setenv("AWS_ACCESS_KEY_ID", AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", SecretKey)
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_CONFIG_FILE", "/nonexistent")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_MAX_ATTEMPTS", "1")
	s := &Server{backend: s3mem.New(), cache: map[string]string{}, failAfter: -1}
	faker := gofakes3.New(s.backend)
	s.srv = httptest.NewServer(s.handler(faker.Server()))
	s.URL = s.srv.URL
	t.Cleanup(s.srv.Close)
	return s
}

// CreateBucket makes an empty bucket.
func (s *Server) CreateBucket(t testing.TB, name string) {
	t.Helper()
	if err := s.backend.CreateBucket(name); err != nil {
		t.Fatal(err)
	}
}

// BucketURL is the blob URL of a bucket on this server, as config.toml
// names a MinIO bucket.
func (s *Server) BucketURL(bucket string) string {
	return fmt.Sprintf("s3://%s?endpoint=%s&use_path_style=true&region=us-east-1", bucket, url.QueryEscape(s.URL))
}

// FailPutsAfter makes every PUT after the next n fail with 500 Internal
// Error; n < 0 lets them all through again.
func (s *Server) FailPutsAfter(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failAfter, s.puts = n, 0
}

// AfterPuts runs f once, as soon as n more PUTs have been answered: a
// test cancels a deploy there, as a killed process stops.
func (s *Server) AfterPuts(n int, f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hookAfter, s.hook, s.puts = n, f, 0
}

// Refuse makes the server deny every request (403 AccessDenied) while on
// is true, as a store whose credentials were revoked.
func (s *Server) Refuse(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = on
}

// Requests returns the requests answered since the last Reset, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Reset forgets the recorded requests.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// Get fetches an object over HTTP as a reader would from the bucket's
// website: its bytes as stored (gzipped if they were uploaded so) and the
// headers the server stores for it.
func (s *Server) Get(t testing.TB, bucket, key string) ([]byte, http.Header, bool) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+"/"+bucket+"/"+(&url.URL{Path: key}).EscapedPath(), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "identity") // the bytes as stored, not decompressed by the client
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return body, resp.Header, resp.StatusCode == http.StatusOK
}

// Keys lists every object of a bucket, sorted.
func (s *Server) Keys(t testing.TB, bucket string) []string {
	t.Helper()
	var keys []string
	prefix := gofakes3.NewPrefix(nil, nil)
	page := gofakes3.ListBucketPage{}
	for {
		res, err := s.backend.ListBucket(bucket, &prefix, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range res.Contents {
			keys = append(keys, c.Key)
		}
		if !res.IsTruncated || len(res.Contents) == 0 {
			break
		}
		page.Marker = res.Contents[len(res.Contents)-1].Key
		page.HasMarker = true
	}
	sort.Strings(keys)
	return keys
}

// handler records each request and stands in for what gofakes3 lacks.
func (s *Server) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		id := bucket + "/" + key
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			s.mu.Lock()
			s.log = append(s.log, Request{Method: r.Method, Key: key, Header: r.Header.Clone(), Status: rec.status})
			if r.Method == http.MethodPut && key != "" && rec.status < 300 && s.hook != nil {
				if s.puts++; s.puts >= s.hookAfter {
					go s.hook()
					s.hook = nil
				}
			}
			if rec.status < 300 && key != "" {
				switch r.Method {
				case http.MethodPut:
					if cc := r.Header.Get("Cache-Control"); cc != "" {
						s.cache[id] = cc
					} else {
						delete(s.cache, id)
					}
				case http.MethodDelete:
					delete(s.cache, id)
				}
			}
			s.mu.Unlock()
		}()
		if auth := r.Header.Get("Authorization"); auth != "" && !strings.Contains(auth, "Credential="+AccessKey+"/") {
			refuse(rec, http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
			return
		}
		s.mu.Lock()
		refused := s.refuse
		s.mu.Unlock()
		if refused {
			io.Copy(io.Discard, r.Body)
			refuse(rec, http.StatusForbidden, "AccessDenied", "Access Denied")
			return
		}
		s.mu.Lock()
		fail := false
		if r.Method == http.MethodPut && key != "" && s.failAfter >= 0 {
			s.puts++
			fail = s.puts > s.failAfter
		}
		cc, cached := s.cache[id]
		s.mu.Unlock()
		if fail {
			io.Copy(io.Discard, r.Body)
			refuse(rec, http.StatusInternalServerError, "InternalError", "We encountered an internal error. Please try again.")
			return
		}
		if cached && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			w.Header().Set("Cache-Control", cc)
		}
		next.ServeHTTP(rec, r)
	})
}

func refuse(w http.ResponseWriter, status int, code, msg string) {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message></Error>`, code, msg)
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
