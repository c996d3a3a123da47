package bench

import (
	"context"
	"fmt"
	"io"
	"net/rpc"
	"os/exec"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// The handshake Terraform and terraform-plugin-go agree on for protocol 6.
var handshake = plugin.HandshakeConfig{
	ProtocolVersion:  6,
	MagicCookieKey:   "TF_PLUGIN_MAGIC_COOKIE",
	MagicCookieValue: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
}

// StartTime starts the provider binary the way Terraform does (go-plugin,
// gRPC, automatic mutual TLS) and returns the time until the provider
// answered the first call Terraform makes, GetProviderSchema.
func StartTime(ctx context.Context, binary string) (time.Duration, error) {
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  handshake,
		VersionedPlugins: map[int]plugin.PluginSet{6: {"provider": connPlugin{}}},
		Cmd:              exec.Command(binary),
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true,
		Logger:           hclog.NewNullLogger(),
		SyncStdout:       io.Discard,
		SyncStderr:       io.Discard,
	})
	defer client.Kill()

	start := time.Now()
	rpcClient, err := client.Client()
	if err != nil {
		return 0, fmt.Errorf("starting %s: %w", binary, err)
	}
	raw, err := rpcClient.Dispense("provider")
	if err != nil {
		return 0, err
	}
	// The answer is decoded into Empty, which keeps its fields as unknown
	// ones: only its arrival matters here.
	callCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, ok := raw.(*grpc.ClientConn)
	if !ok {
		return 0, fmt.Errorf("the plugin client is a %T, not a gRPC connection", raw)
	}
	if err := conn.Invoke(callCtx, "/tfplugin6.Provider/GetProviderSchema", &emptypb.Empty{}, &emptypb.Empty{}); err != nil {
		return 0, fmt.Errorf("GetProviderSchema: %w", err)
	}
	return time.Since(start), nil
}

// connPlugin hands out the plugin's gRPC connection itself, so that calls
// need none of terraform-plugin-go's internal client code.
type connPlugin struct{}

func (connPlugin) Server(*plugin.MuxBroker) (any, error) { return nil, fmt.Errorf("client only") }

func (connPlugin) Client(*plugin.MuxBroker, *rpc.Client) (any, error) {
	return nil, fmt.Errorf("gRPC only")
}

func (connPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return fmt.Errorf("client only")
}

func (connPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	return conn, nil
}
