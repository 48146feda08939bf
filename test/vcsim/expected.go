package main

// The `expected` part of the harness's JSON line: the facts a scenario seeded, read back from the live
// simulator objects with a classifier of our own (independent of ftscan's TypeScript), plus the
// verdicts and findings a VMware admin expects per VM.

import (
	"sort"
	"strconv"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

type expProduct struct {
	Version    string `json:"version"`
	Build      string `json:"build"`
	ApiVersion string `json:"apiVersion"`
	FullName   string `json:"fullName"`
}

type expCPU struct {
	Vendor      string `json:"vendor"`
	Model       string `json:"model"`
	Description string `json:"description"` // cpuPkg[0].description
	Packages    int16  `json:"packages"`
	Cores       int16  `json:"cores"`
	Threads     int16  `json:"threads"`
	Hz          int64  `json:"hz"`
}

type expHost struct {
	Moid                   string                 `json:"moid"`
	Name                   string                 `json:"name"`
	Cluster                string                 `json:"cluster,omitempty"` // cluster moid
	Product                expProduct             `json:"product"`
	CPU                    expCPU                 `json:"cpu"`
	HyperThreading         bool                   `json:"hyperThreading"`
	Capability             map[string]interface{} `json:"capability,omitempty"` // only the FT fields seeded
	FtLoggingVmknic        string                 `json:"ftLoggingVmknic,omitempty"`
	VmotionVmknic          string                 `json:"vmotionVmknic,omitempty"`
	FtLoggingUplinkSpeedMb int32                  `json:"ftLoggingUplinkSpeedMb,omitempty"`
	FtVersion              string                 `json:"ftVersion,omitempty"`
	DasHostState           string                 `json:"dasHostState,omitempty"`
}

type expCluster struct {
	Moid      string   `json:"moid"`
	Name      string   `json:"name"`
	HaEnabled bool     `json:"haEnabled"`
	HostMoids []string `json:"hostMoids"`
}

type expDatastore struct {
	Moid               string `json:"moid"`
	Name               string `json:"name"`
	Type               string `json:"type"`
	MultipleHostAccess *bool  `json:"multipleHostAccess,omitempty"`
}

type expDisk struct {
	Key           int32  `json:"key"`
	Backing       string `json:"backing"` // thin | lazyZeroedThick | eagerZeroedThick | rdmPhysical | rdmVirtual
	CapacityBytes int64  `json:"capacityBytes"`
}

type expController struct {
	Key        int32  `json:"key"`
	BusSharing string `json:"busSharing"`
}

type expRemovable struct {
	Key     int32  `json:"key"`
	Kind    string `json:"kind"`    // cdrom | floppy
	Backing string `json:"backing"` // hostDevice | iso | ...
}

type expVM struct {
	Moid            string          `json:"moid"`
	Name            string          `json:"name"`
	Host            string          `json:"host"`
	Cluster         string          `json:"cluster,omitempty"`
	NumCPU          int32           `json:"numCpu"`
	MemoryMB        int32           `json:"memoryMB"`
	HwVersion       int             `json:"hwVersion"`
	CPUHotAdd       bool            `json:"cpuHotAdd"`
	SnapshotCount   int             `json:"snapshotCount"`
	Disks           []expDisk       `json:"disks"`
	ScsiControllers []expController `json:"scsiControllers"`
	Removable       []expRemovable  `json:"removable"`
	Usb             []int32         `json:"usb"`    // VirtualUSB device keys
	Serial          []int32         `json:"serial"` // VirtualSerialPort keys
	// What the scenario means this VM to show; empty in scenarios without rule expectations.
	Seeded   []string `json:"seeded,omitempty"`   // the one-line facts the scenario set on purpose
	Verdict  string   `json:"verdict,omitempty"`  // ready | warnings | blocked
	Findings []string `json:"findings,omitempty"` // exact rule ids expected on this VM (sorted)
}

type expected struct {
	VCenter    expProduct     `json:"vcenter"`
	Counts     map[string]int `json:"counts"`
	Profile    string         `json:"profile,omitempty"` // FT generation the scenario targets: legacy | smp
	Edition    string         `json:"edition,omitempty"` // licence edition the verdicts assume
	Clusters   []expCluster   `json:"clusters,omitempty"`
	Hosts      []expHost      `json:"hosts,omitempty"`
	Datastores []expDatastore `json:"datastores,omitempty"`
	VMs        []expVM        `json:"vms,omitempty"`
}

// counts is all a scale scenario reports (describing 10,000 VMs would only slow the line down).
func countsOnly() expected {
	return expected{VCenter: vcenterAbout(), Counts: counts()}
}

func counts() map[string]int {
	return map[string]int{
		"clusters":   len(simulator.Map.All("ClusterComputeResource")),
		"hosts":      len(simulator.Map.All("HostSystem")),
		"vms":        len(simulator.Map.All("VirtualMachine")),
		"datastores": len(simulator.Map.All("Datastore")),
	}
}

func vcenterAbout() expProduct {
	si := simulator.Map.Get(serviceInstanceRef).(*simulator.ServiceInstance)
	a := si.Content.About
	return expProduct{Version: a.Version, Build: a.Build, ApiVersion: a.ApiVersion, FullName: a.FullName}
}

// describeAll reads every cluster, host, datastore and VM back into the expected shape.
func describeAll() expected {
	e := expected{VCenter: vcenterAbout(), Counts: counts()}
	clusterOf := map[string]string{}
	for _, c := range allClusters() {
		ec := expCluster{Moid: c.Self.Value, Name: c.Name, HostMoids: []string{}}
		if cfg, ok := c.ConfigurationEx.(*types.ClusterConfigInfoEx); ok && cfg.DasConfig.Enabled != nil {
			ec.HaEnabled = *cfg.DasConfig.Enabled
		}
		for _, h := range hostsOf(c) {
			ec.HostMoids = append(ec.HostMoids, h.Self.Value)
			clusterOf[h.Self.Value] = c.Self.Value
		}
		e.Clusters = append(e.Clusters, ec)
	}
	for _, ent := range simulator.Map.All("HostSystem") {
		e.Hosts = append(e.Hosts, describeHost(ent.(*simulator.HostSystem), clusterOf))
	}
	sort.Slice(e.Hosts, func(i, j int) bool { return e.Hosts[i].Name < e.Hosts[j].Name })
	for _, ds := range allDatastores() {
		e.Datastores = append(e.Datastores, expDatastore{Moid: ds.Self.Value, Name: ds.Name, Type: ds.Summary.Type, MultipleHostAccess: ds.Summary.MultipleHostAccess})
	}
	for _, vm := range allVMs() {
		e.VMs = append(e.VMs, describeVM(vm, clusterOf))
	}
	return e
}

func describeHost(h *simulator.HostSystem, clusterOf map[string]string) expHost {
	p := h.Config.Product
	eh := expHost{
		Moid: h.Self.Value, Name: h.Name, Cluster: clusterOf[h.Self.Value],
		Product: expProduct{Version: p.Version, Build: p.Build, ApiVersion: p.ApiVersion, FullName: p.FullName},
		CPU: expCPU{
			Vendor: h.Hardware.CpuPkg[0].Vendor, Model: h.Summary.Hardware.CpuModel, Description: h.Hardware.CpuPkg[0].Description,
			Packages: h.Hardware.CpuInfo.NumCpuPackages, Cores: h.Hardware.CpuInfo.NumCpuCores,
			Threads: h.Hardware.CpuInfo.NumCpuThreads, Hz: h.Hardware.CpuInfo.Hz,
		},
		HyperThreading: h.Config.HyperThread != nil && h.Config.HyperThread.Active,
	}
	if h.Runtime.DasHostState != nil {
		eh.DasHostState = h.Runtime.DasHostState.State
	}
	for _, fv := range h.Config.FeatureVersion {
		if fv.Key == "faultTolerance" {
			eh.FtVersion = fv.Value
		}
	}
	if c := h.Capability; c != nil {
		eh.Capability = map[string]interface{}{}
		setBool := func(name string, b *bool) {
			if b != nil {
				eh.Capability[name] = *b
			}
		}
		setBool("ftSupported", c.FtSupported)
		setBool("recordReplaySupported", c.RecordReplaySupported)
		setBool("smpFtSupported", c.SmpFtSupported)
		setBool("ftEfiSupported", c.FtEfiSupported)
		if c.FtCompatibilityIssues != nil {
			eh.Capability["ftCompatibilityIssues"] = c.FtCompatibilityIssues
		}
		if c.ReplayCompatibilityIssues != nil {
			eh.Capability["replayCompatibilityIssues"] = c.ReplayCompatibilityIssues
		}
		if c.SmpFtCompatibilityIssues != nil {
			eh.Capability["smpFtCompatibilityIssues"] = c.SmpFtCompatibilityIssues
		}
		if c.MaxVcpusPerFtVm != 0 {
			eh.Capability["maxVcpusPerFtVm"] = c.MaxVcpusPerFtVm
		}
		if c.MaxMemMBPerFtVm != 0 {
			eh.Capability["maxMemMBPerFtVm"] = c.MaxMemMBPerFtVm
		}
	}
	selected := map[string]string{}
	for _, nc := range h.Config.VirtualNicManagerInfo.NetConfig {
		for _, key := range nc.SelectedVnic {
			for _, v := range h.Config.Network.Vnic {
				if strings.HasSuffix(key, "."+v.Key) {
					selected[nc.NicType] = v.Device
				}
			}
		}
	}
	eh.FtLoggingVmknic = selected["faultToleranceLogging"]
	eh.VmotionVmknic = selected["vmotion"]
	if eh.FtLoggingVmknic != "" {
		eh.FtLoggingUplinkSpeedMb = uplinkSpeed(h, eh.FtLoggingVmknic)
	}
	return eh
}

// uplinkSpeed follows vmknic -> port group -> vSwitch -> pNICs and returns the slowest link speed.
func uplinkSpeed(h *simulator.HostSystem, device string) int32 {
	net := h.Config.Network
	var pg string
	for _, v := range net.Vnic {
		if v.Device == device {
			pg = v.Portgroup
		}
	}
	var vswitch string
	for _, p := range net.Portgroup {
		if p.Spec.Name == pg {
			vswitch = p.Vswitch
		}
	}
	speed := int32(-1)
	for _, s := range net.Vswitch {
		if s.Key != vswitch {
			continue
		}
		for _, key := range s.Pnic {
			for _, p := range net.Pnic {
				if p.Key == key && p.LinkSpeed != nil && (speed < 0 || p.LinkSpeed.SpeedMb < speed) {
					speed = p.LinkSpeed.SpeedMb
				}
			}
		}
	}
	return speed
}

func describeVM(vm *simulator.VirtualMachine, clusterOf map[string]string) expVM {
	ev := expVM{
		Moid: vm.Self.Value, Name: vm.Name, Host: hostMoid(vm), Cluster: clusterOf[hostMoid(vm)],
		NumCPU: vm.Config.Hardware.NumCPU, MemoryMB: vm.Config.Hardware.MemoryMB,
		CPUHotAdd: vm.Config.CpuHotAddEnabled != nil && *vm.Config.CpuHotAddEnabled,
		Disks:     []expDisk{}, ScsiControllers: []expController{}, Removable: []expRemovable{}, Usb: []int32{}, Serial: []int32{},
	}
	ev.HwVersion, _ = strconv.Atoi(strings.TrimPrefix(vm.Config.Version, "vmx-"))
	if vm.Snapshot != nil {
		ev.SnapshotCount = countSnapshots(vm.Snapshot.RootSnapshotList)
	}
	for _, d := range vm.Config.Hardware.Device {
		switch x := d.(type) {
		case *types.VirtualDisk:
			ev.Disks = append(ev.Disks, expDisk{Key: x.Key, Backing: diskBacking(x), CapacityBytes: diskBytes(x)})
		case *types.VirtualCdrom:
			ev.Removable = append(ev.Removable, expRemovable{Key: x.Key, Kind: "cdrom", Backing: removableBacking(x.Backing)})
		case *types.VirtualFloppy:
			ev.Removable = append(ev.Removable, expRemovable{Key: x.Key, Kind: "floppy", Backing: removableBacking(x.Backing)})
		case *types.VirtualUSB:
			ev.Usb = append(ev.Usb, x.Key)
		case *types.VirtualSerialPort:
			ev.Serial = append(ev.Serial, x.Key)
		case types.BaseVirtualSCSIController:
			c := x.GetVirtualSCSIController()
			ev.ScsiControllers = append(ev.ScsiControllers, expController{Key: c.Key, BusSharing: string(c.SharedBus)})
		}
	}
	if s, ok := seededFacts[vm.Self.Value]; ok {
		ev.Seeded = s.facts
		ev.Verdict = s.verdict
		ev.Findings = append([]string{}, s.findings...)
		sort.Strings(ev.Findings)
	}
	return ev
}

func countSnapshots(list []types.VirtualMachineSnapshotTree) int {
	n := 0
	for _, s := range list {
		n += 1 + countSnapshots(s.ChildSnapshotList)
	}
	return n
}

func diskBytes(d *types.VirtualDisk) int64 {
	if d.CapacityInBytes != 0 {
		return d.CapacityInBytes
	}
	return d.CapacityInKB * 1024
}

func diskBacking(d *types.VirtualDisk) string {
	switch b := d.Backing.(type) {
	case *types.VirtualDiskFlatVer2BackingInfo:
		if b.ThinProvisioned != nil && *b.ThinProvisioned {
			return "thin"
		}
		if b.EagerlyScrub != nil && *b.EagerlyScrub {
			return "eagerZeroedThick"
		}
		return "lazyZeroedThick"
	case *types.VirtualDiskRawDiskMappingVer1BackingInfo:
		if b.CompatibilityMode == string(types.VirtualDiskCompatibilityModePhysicalMode) {
			return "rdmPhysical"
		}
		return "rdmVirtual"
	}
	return "other"
}

func removableBacking(b types.BaseVirtualDeviceBackingInfo) string {
	switch b.(type) {
	case *types.VirtualCdromIsoBackingInfo, *types.VirtualFloppyImageBackingInfo:
		return "iso"
	case *types.VirtualCdromAtapiBackingInfo, *types.VirtualFloppyDeviceBackingInfo:
		return "hostDevice"
	case *types.VirtualCdromPassthroughBackingInfo:
		return "passthrough"
	case *types.VirtualCdromRemoteAtapiBackingInfo:
		return "remoteAtapi"
	case *types.VirtualCdromRemotePassthroughBackingInfo:
		return "remotePassthrough"
	case *types.VirtualFloppyRemoteDeviceBackingInfo:
		return "remoteDevice"
	}
	return "other"
}

// seededFacts is filled by the scenarios: per VM moid, what was set on purpose and what to expect.
type vmIntent struct {
	facts    []string
	verdict  string
	findings []string
}

var seededFacts = map[string]vmIntent{}

func intend(vm *simulator.VirtualMachine, verdict string, findings []string, facts ...string) {
	seededFacts[vm.Self.Value] = vmIntent{facts: facts, verdict: verdict, findings: findings}
}
