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
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

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
	cloud, err := fakecloud.New().Listen(listen)
	if err != nil {
		return err
	}
	defer cloud.Close()
	fmt.Printf("url=%s\n", cloud.URL)
	fmt.Printf("access_key=%s\n", fakecloud.DefaultAccessKeyID)
	fmt.Printf("secret_key=%s\n", fakecloud.DefaultAccessKeySecret)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return nil
}
