// govmomi benchmark peer: the same read as ftscan's collection, done the Go SDK way. The spec is ftscan's own
// (buildCollectSpec, written as JSON by bench/run.ts to $FTSCAN_BENCH_SPEC, so the two cannot drift): one
// ContainerView over its view types, one RetrievePropertiesEx with its PropertySpecs and page size, then
// ContinueRetrievePropertiesEx until no token; every ObjectContent decoded into its govmomi `mo` type
// (mo.VirtualMachine, mo.HostSystem, mo.ClusterComputeResource...) with mo.ObjectContentToType.
// Connection details come from the environment (never argv): FTSCAN_BENCH_URL, _USER, _PASSWORD, _CA (PEM
// file), _SPEC. Prints one JSON line: seconds, objects, devices, maxRssMB.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"syscall"
	"time"

	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// The JSON of ftscan's CollectSpec (src/vsphere/api.ts).
type collectSpec struct {
	ViewTypes []string `json:"viewTypes"`
	PropSets  []struct {
		Type  string   `json:"type"`
		Paths []string `json:"paths"`
	} `json:"propSets"`
	MaxObjects int32 `json:"maxObjects"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "govmomi-peer:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx := context.Background()
	start := time.Now()
	raw, err := os.ReadFile(os.Getenv("FTSCAN_BENCH_SPEC"))
	if err != nil {
		return err
	}
	var spec collectSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return err
	}
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

	v, err := view.NewManager(c).CreateContainerView(ctx, c.ServiceContent.RootFolder, spec.ViewTypes, true)
	if err != nil {
		return err
	}
	defer v.Destroy(ctx)

	filter := types.PropertyFilterSpec{
		ObjectSet: []types.ObjectSpec{{
			Obj:  v.Reference(),
			Skip: types.NewBool(true),
			SelectSet: []types.BaseSelectionSpec{
				&types.TraversalSpec{Type: "ContainerView", Path: "view", Skip: types.NewBool(false)},
			},
		}},
	}
	for _, ps := range spec.PropSets {
		filter.PropSet = append(filter.PropSet, types.PropertySpec{Type: ps.Type, PathSet: ps.Paths})
	}
	pc := c.ServiceContent.PropertyCollector
	res, err := methods.RetrievePropertiesEx(ctx, c, &types.RetrievePropertiesEx{
		This:    pc,
		SpecSet: []types.PropertyFilterSpec{filter},
		Options: types.RetrieveOptions{MaxObjects: spec.MaxObjects},
	})
	if err != nil {
		return err
	}
	devices := 0
	var decoded []interface{} // kept, as ftscan keeps its normalized objects
	result := res.Returnval
	for result != nil {
		for _, oc := range result.Objects {
			// vcsim answers a path through an unset pointer with a missingSet entry; ftscan reads the other
			// properties of such an object, so does this peer.
			oc.MissingSet = nil
			obj, err := mo.ObjectContentToType(oc)
			if err != nil {
				return err
			}
			if vm, ok := obj.(mo.VirtualMachine); ok && vm.Config != nil {
				devices += len(vm.Config.Hardware.Device)
			}
			decoded = append(decoded, obj)
		}
		if result.Token == "" {
			break
		}
		next, err := methods.ContinueRetrievePropertiesEx(ctx, c, &types.ContinueRetrievePropertiesEx{This: pc, Token: result.Token})
		if err != nil {
			return err
		}
		result = &next.Returnval
	}
	seconds := time.Since(start).Seconds()

	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return json.NewEncoder(os.Stdout).Encode(map[string]interface{}{
		"seconds": seconds, "objects": len(decoded), "devices": devices, "maxRssMB": float64(ru.Maxrss) / 1024,
		"cpuSeconds": time.Duration(syscall.TimevalToNsec(ru.Utime) + syscall.TimevalToNsec(ru.Stime)).Seconds(),
	})
}
