// Package alicloud is a small Alibaba Cloud RPC client for the security
// event APIs the provider reads. It signs requests with the official SDK
// (sdk.Client and requests.CommonRequest) and resolves credentials with the
// SDK's providers, but sends requests and decodes responses itself: the
// SDK's send path takes no context, mutates shared transport state on every
// call, panics on some error bodies and its typed structs drop documented
// fields.
//
// Nothing in this package knows about Terraform.
package alicloud
