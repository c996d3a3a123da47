package alicloud

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// panickingProvider fails the way the SDK's STS providers do when STS
// answers an error whose Code is not a string.
type panickingProvider struct{}

func (panickingProvider) GetCredentials() (*credentials.Credentials, error) {
	panic("interface conversion: interface {} is float64, not string")
}

func (panickingProvider) GetProviderName() string { return "panicking" }

func TestClient_signingPanicBecomesAnError(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	c := newTestClient(t, srv.URL, nil)
	signer, err := sdk.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), panickingProvider{})
	if err != nil {
		t.Fatal(err)
	}
	c.signer = signer
	_, err = c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 52234})
	var credsErr *CredentialsError
	if !errors.As(err, &credsErr) || !strings.Contains(err.Error(), "SDK failed while obtaining credentials") {
		t.Fatalf("error = %v, want a *CredentialsError about the SDK", err)
	}
	if n := cloud.Requests(DSCEventAction); n != 0 {
		t.Errorf("an unsigned request reached the server: %d", n)
	}
}

func TestTransportError_message(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  TransportError
		want string
	}{
		{"after attempts", TransportError{Action: "A", Endpoint: "https://h", Attempts: 3, Err: errors.New("reset")},
			"A: no answer from https://h after 3 attempt(s): reset"},
		{"stopped before an answer", TransportError{Action: "A", Endpoint: "https://h", Err: context.Canceled},
			"A: stopped waiting for https://h: context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

// blockingProvider holds its caller until release is closed, as an STS or
// ECS metadata call that hangs does.
type blockingProvider struct {
	entered chan struct{}
	release chan struct{}
}

func (p blockingProvider) GetCredentials() (*credentials.Credentials, error) {
	p.entered <- struct{}{}
	<-p.release
	return &credentials.Credentials{AccessKeyId: "k", AccessKeySecret: "s"}, nil
}

func (blockingProvider) GetProviderName() string { return "blocking" }

// A read waiting behind another read's credential refresh stops waiting
// when its own context ends.
func TestClient_waitForCredentialsHonoursContext(t *testing.T) {
	t.Parallel()
	_, srv := startFake(t)
	c := newTestClient(t, srv.URL, nil)
	p := blockingProvider{entered: make(chan struct{}, 1), release: make(chan struct{})}
	signer, err := sdk.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), p)
	if err != nil {
		t.Fatal(err)
	}
	c.signer = signer
	go func() { _, _ = c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1}) }()
	<-p.entered
	t.Cleanup(func() { close(p.release) })

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.DescribeEventDetail(ctx, DSCEventInput{ID: 2})
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want one caused by the cancellation", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the cancelled read kept waiting for another read's credentials")
	}
}
