package fakecloud

import (
	"net/http"
	"testing"
)

func TestListen(t *testing.T) {
	t.Parallel()
	l, err := New().Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(l.URL + "/?Action=DescribeEventDetail")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unsigned request got HTTP %d, want 400", resp.StatusCode)
	}
	l.Close()
	if _, err := http.Get(l.URL); err == nil {
		t.Error("the server still answers after Close")
	}
}
