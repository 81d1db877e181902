package main

import (
	"strings"
	"testing"
)

func TestServeRefusesOpenAddressWithoutToken(t *testing.T) {
	t.Setenv("STORYLINE_TOKEN", "")
	code, _, errs := runCLI(t, "", "serve", "--addr", "0.0.0.0:0", "--db", ":memory:")
	if code != exitUsage || !strings.Contains(errs, "--token") {
		t.Errorf("exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI(t, "", "serve", "--addr", "nonsense", "--db", ":memory:"); code != exitUsage || !strings.Contains(errs, "--addr") {
		t.Errorf("bad address: exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI(t, "", "serve", "--addr", "127.0.0.1:0", "--db", ":memory:", "--token", "x"); code != exitUsage || !strings.Contains(errs, "16 characters") {
		t.Errorf("a 1-character token: exit %d, %q", code, errs)
	}
	for _, h := range []string{"127.0.0.1", "localhost", "::1"} {
		if !loopback(h) {
			t.Errorf("%s is loopback", h)
		}
	}
	if loopback("0.0.0.0") || loopback("192.168.1.2") {
		t.Error("open addresses taken for loopback")
	}
}
