package dlimock

import (
	"crypto/tls"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
)

// Server serves a Mock on a loopback port and counts what load tests need:
// TCP connections and TLS handshakes. GET /_mock/stats reports them;
// POST /_mock/reset starts every job's script again (Mock.Reset).
type Server struct {
	*httptest.Server
	Mock        *Mock
	connections atomic.Int64
	handshakes  atomic.Int64
}

// Stats is the body of GET /_mock/stats.
type Stats struct {
	Requests      int   `json:"requests"`
	Connections   int64 `json:"connections"`
	TLSHandshakes int64 `json:"tls_handshakes"`
}

// NewServer starts m on listener l (nil: a free 127.0.0.1 port), over TLS
// with a self-signed certificate when useTLS is set.
func NewServer(m *Mock, l net.Listener, useTLS bool) *Server {
	s := &Server{Mock: m}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_mock/stats", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(s.Stats())
	})
	mux.HandleFunc("POST /_mock/reset", func(w http.ResponseWriter, _ *http.Request) {
		m.Reset()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.Handle("/", m)
	hs := httptest.NewUnstartedServer(mux)
	if l != nil {
		_ = hs.Listener.Close()
		hs.Listener = l
	}
	// Failed handshakes are what TLS tests provoke; do not log them.
	hs.Config.ErrorLog = log.New(io.Discard, "", 0)
	hs.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.connections.Add(1)
		}
	}
	if useTLS {
		hs.TLS = &tls.Config{GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
			s.handshakes.Add(1)
			return nil, nil
		}}
		hs.StartTLS()
	} else {
		hs.Start()
	}
	s.Server = hs
	return s
}

// Stats reports what the server has seen so far.
func (s *Server) Stats() Stats {
	return Stats{Requests: s.Mock.RequestCount(), Connections: s.connections.Load(), TLSHandshakes: s.handshakes.Load()}
}
