package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/alisec/terraform-provider-alisec/internal/provider"
)

// version is set by the release build: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	// Under -debug the provider's own stderr is the log; otherwise its logs
	// go to Terraform, which drops them unless asked for.
	if !debug {
		if err := provider.QuietLogsUnlessWanted(os.Getenv, os.Setenv); err != nil {
			log.Fatal(err.Error())
		}
	}

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/alisec/alisec",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
