package fakecloud

import (
	"context"
	"net"
	"net/http"
	"time"
)

// Listening is a Server answering on a TCP address, for programs (the
// demo, the benchmark, cmd/fakecloud); tests use httptest instead.
type Listening struct {
	// URL is the base URL to put in the provider's endpoints, such as
	// "http://127.0.0.1:41234".
	URL string
	srv *http.Server
}

// Listen serves s on addr ("127.0.0.1:0" picks a free port) until Close.
func (s *Server) Listen(addr string) (*Listening, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	l := &Listening{URL: "http://" + ln.Addr().String(), srv: &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}}
	go func() { _ = l.srv.Serve(ln) }()
	return l, nil
}

// Close stops accepting requests and waits up to five seconds for those
// in flight.
func (l *Listening) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = l.srv.Shutdown(ctx)
}
