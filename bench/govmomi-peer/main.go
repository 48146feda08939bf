// govmomi benchmark peer: the same work as ftscan's VM inventory read, done the idiomatic Go SDK way
// (view.Manager ContainerView + property.Collector into []mo.VirtualMachine). Connection details come
// from the environment (never argv): FTSCAN_BENCH_URL, _USER, _PASSWORD, _CA (PEM file), _PATHS
// (comma-separated VirtualMachine property paths). Prints one JSON line: seconds, objects, maxRssMB.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "govmomi-peer:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx := context.Background()
	start := time.Now()
	u, err := url.Parse(os.Getenv("FTSCAN_BENCH_URL"))
	if err != nil {
		return err
	}
	sc := soap.NewClient(u, false)
	if err := sc.SetRootCAs(os.Getenv("FTSCAN_BENCH_CA")); err != nil {
		return err
	}
	c, err := vim25.NewClient(ctx, sc)
	if err != nil {
		return err
	}
	sm := session.NewManager(c)
	if err := sm.Login(ctx, url.UserPassword(os.Getenv("FTSCAN_BENCH_USER"), os.Getenv("FTSCAN_BENCH_PASSWORD"))); err != nil {
		return err
	}
	defer sm.Logout(ctx)

	v, err := view.NewManager(c).CreateContainerView(ctx, c.ServiceContent.RootFolder, []string{"VirtualMachine"}, true)
	if err != nil {
		return err
	}
	defer v.Destroy(ctx)
	var vms []mo.VirtualMachine
	if err := v.Retrieve(ctx, []string{"VirtualMachine"}, strings.Split(os.Getenv("FTSCAN_BENCH_PATHS"), ","), &vms); err != nil {
		return err
	}
	devices := 0
	for _, vm := range vms {
		if vm.Config != nil {
			devices += len(vm.Config.Hardware.Device)
		}
	}
	seconds := time.Since(start).Seconds()

	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return json.NewEncoder(os.Stdout).Encode(map[string]interface{}{
		"seconds": seconds, "objects": len(vms), "devices": devices, "maxRssMB": float64(ru.Maxrss) / 1024,
	})
}
