// Command fakecloud serves the Alibaba Cloud look-alike on a local address,
// for trying the provider by hand:
//
//	go run ./internal/fakecloud/cmd/fakecloud -listen 127.0.0.1:0
//
// It prints its URL and the access key pair it accepts, then serves until
// interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	flag.Parse()
	if err := run(*listen); err != nil {
		fmt.Fprintln(os.Stderr, "fakecloud:", err)
		os.Exit(1)
	}
}

func run(listen string) error {
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: fakecloud.New(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("url=http://%s\n", ln.Addr())
	fmt.Printf("access_key=%s\n", fakecloud.DefaultAccessKeyID)
	fmt.Printf("secret_key=%s\n", fakecloud.DefaultAccessKeySecret)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
