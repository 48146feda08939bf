package main

// In-process seeding helpers: they change the live simulator objects (simulator.Map) to hold facts
// vcsim cannot set over SOAP (host builds, CPUs, capability, FT networking, cluster HA, RDMs).
// They run before any client connects, so no locking is needed.

import (
	"fmt"
	"reflect"
	"sort"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

func allClusters() []*simulator.ClusterComputeResource {
	var out []*simulator.ClusterComputeResource
	for _, e := range simulator.Map.All("ClusterComputeResource") {
		out = append(out, e.(*simulator.ClusterComputeResource))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func hostsOf(c *simulator.ClusterComputeResource) []*simulator.HostSystem {
	var out []*simulator.HostSystem
	for _, ref := range c.Host {
		out = append(out, simulator.Map.Get(ref).(*simulator.HostSystem))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func allVMs() []*simulator.VirtualMachine {
	var out []*simulator.VirtualMachine
	for _, e := range simulator.Map.All("VirtualMachine") {
		out = append(out, e.(*simulator.VirtualMachine))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func vmsOfCluster(c *simulator.ClusterComputeResource) []*simulator.VirtualMachine {
	in := map[types.ManagedObjectReference]bool{}
	for _, h := range c.Host {
		in[h] = true
	}
	var out []*simulator.VirtualMachine
	for _, vm := range allVMs() {
		if vm.Runtime.Host != nil && in[*vm.Runtime.Host] {
			out = append(out, vm)
		}
	}
	return out
}

func allDatastores() []*simulator.Datastore {
	var out []*simulator.Datastore
	for _, e := range simulator.Map.All("Datastore") {
		out = append(out, e.(*simulator.Datastore))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// setVCenterAbout rewrites the service content's about (what RetrieveServiceContent answers).
func setVCenterAbout(version, build, apiVersion string) {
	si := simulator.Map.Get(serviceInstanceRef).(*simulator.ServiceInstance)
	a := &si.Content.About
	a.Version = version
	a.Build = build
	a.ApiVersion = apiVersion
	a.FullName = fmt.Sprintf("VMware vCenter Server %s build-%s", version, build)
}

var serviceInstanceRef = types.ManagedObjectReference{Type: "ServiceInstance", Value: "ServiceInstance"}

// setHostProduct gives a host its own product. vcsim shares one summary.config.product pointer
// across every host, so it must be replaced, never written through.
func setHostProduct(h *simulator.HostSystem, version, build, apiVersion string) {
	about := h.Config.Product
	about.Version = version
	about.Build = build
	about.ApiVersion = apiVersion
	about.FullName = fmt.Sprintf("VMware ESXi %s build-%s", version, build)
	h.Config.Product = about
	copied := about
	h.Summary.Config.Product = &copied
}

type cpuSpec struct {
	Vendor      string // intel | amd
	Description string
	Packages    int16
	Cores       int16 // per host
	Threads     int16 // per host
	Hz          int64
}

// setHostCPU replaces the CPU packages (the cpuPkg slice is shared between hosts: assign a new one).
func setHostCPU(h *simulator.HostSystem, c cpuSpec) {
	hw := *h.Hardware
	hw.CpuInfo = types.HostCpuInfo{NumCpuPackages: c.Packages, NumCpuCores: c.Cores, NumCpuThreads: c.Threads, Hz: c.Hz}
	hw.CpuPkg = nil
	perPkg := c.Threads / c.Packages
	for i := int16(0); i < c.Packages; i++ {
		var threads []int16
		for t := int16(0); t < perPkg; t++ {
			threads = append(threads, i*perPkg+t)
		}
		hw.CpuPkg = append(hw.CpuPkg, types.HostCpuPackage{
			Index: i, Vendor: c.Vendor, Hz: c.Hz, BusHz: 100000000, Description: c.Description, ThreadId: threads,
		})
	}
	h.Hardware = &hw
	sh := *h.Summary.Hardware
	sh.CpuModel = c.Description
	sh.CpuMhz = int32(c.Hz / 1000000)
	sh.NumCpuPkgs = c.Packages
	sh.NumCpuCores = c.Cores
	sh.NumCpuThreads = c.Threads
	h.Summary.Hardware = &sh
	h.Config.HyperThread = &types.HostHyperThreadScheduleInfo{Available: c.Threads > c.Cores, Active: c.Threads > c.Cores, Config: c.Threads > c.Cores}
}

// vmkSwitch is one standard vSwitch carrying one VMkernel port group, as an admin builds for FT
// logging or vMotion: its own uplinks (pNICs created when vcsim lacks them) at a given link speed.
type vmkSwitch struct {
	VSwitch   string // vSwitch1
	Portgroup string // "FT Logging"
	Vmknic    string // vmk1
	IP        string
	Uplinks   []string // vmnic1, vmnic2
	SpeedMb   int32
	Service   string // netConfig nicType selected for the vmknic: faultToleranceLogging | vmotion
}

// addVmkSwitch adds the switch, port group, pNICs and vmknic, and selects the vmknic for its service
// in config.virtualNicManagerInfo.netConfig (keys "<nicType>.key-vim.host.VirtualNic-vmkN").
func addVmkSwitch(h *simulator.HostSystem, s vmkSwitch) {
	net := h.Config.Network // deep-copied per host by vcsim
	var pnicKeys []string
	for i, dev := range s.Uplinks {
		key := "key-vim.host.PhysicalNic-" + dev
		pnicKeys = append(pnicKeys, key)
		idx := -1
		for j, p := range net.Pnic {
			if p.Device == dev {
				idx = j
			}
		}
		if idx < 0 {
			p := net.Pnic[0]
			p.Device, p.Key = dev, key
			p.Pci = fmt.Sprintf("0000:%02x:00.0", 0x20+len(net.Pnic))
			p.Mac = fmt.Sprintf("00:0c:29:81:d9:%02x", len(net.Pnic)+i)
			net.Pnic = append(net.Pnic, p)
			idx = len(net.Pnic) - 1
		}
		speed := &types.PhysicalNicLinkInfo{SpeedMb: s.SpeedMb, Duplex: true}
		net.Pnic[idx].LinkSpeed = speed
		net.Pnic[idx].Spec.LinkSpeed = speed
		net.Pnic[idx].ValidLinkSpecification = []types.PhysicalNicLinkInfo{*speed}
	}
	teaming := &types.HostNicTeamingPolicy{Policy: "failover_explicit", NicOrder: &types.HostNicOrderPolicy{ActiveNic: s.Uplinks}}
	net.Vswitch = append(net.Vswitch, types.HostVirtualSwitch{
		Name: s.VSwitch, Key: "key-vim.host.VirtualSwitch-" + s.VSwitch, NumPorts: 128, NumPortsAvailable: 124, Mtu: 9000,
		Portgroup: []string{"key-vim.host.PortGroup-" + s.Portgroup},
		Pnic:      pnicKeys,
		Spec: types.HostVirtualSwitchSpec{
			NumPorts: 128, Mtu: 9000,
			Bridge: &types.HostVirtualSwitchBondBridge{NicDevice: s.Uplinks},
			Policy: &types.HostNetworkPolicy{NicTeaming: teaming},
		},
	})
	net.Portgroup = append(net.Portgroup, types.HostPortGroup{
		Key:            "key-vim.host.PortGroup-" + s.Portgroup,
		Vswitch:        "key-vim.host.VirtualSwitch-" + s.VSwitch,
		ComputedPolicy: types.HostNetworkPolicy{NicTeaming: teaming},
		Spec:           types.HostPortGroupSpec{Name: s.Portgroup, VswitchName: s.VSwitch},
	})
	vnic := types.HostVirtualNic{
		Device: s.Vmknic, Key: "key-vim.host.VirtualNic-" + s.Vmknic, Portgroup: s.Portgroup,
		Spec: types.HostVirtualNicSpec{
			Ip:  &types.HostIpConfig{IpAddress: s.IP, SubnetMask: "255.255.255.0"},
			Mac: fmt.Sprintf("00:50:56:6a:00:%02x", len(net.Vnic)), Portgroup: s.Portgroup, Mtu: 9000,
			NetStackInstanceKey: "defaultTcpipStack",
		},
	}
	net.Vnic = append(net.Vnic, vnic)

	info := &types.HostVirtualNicManagerInfo{}
	for _, nc := range h.Config.VirtualNicManagerInfo.NetConfig {
		c := nc
		if nc.NicType == s.Service {
			cand := vnic
			cand.Key = nc.NicType + "." + vnic.Key
			c.CandidateVnic = append(append([]types.HostVirtualNic(nil), nc.CandidateVnic...), cand)
			c.SelectedVnic = append(append([]string(nil), nc.SelectedVnic...), cand.Key)
		}
		info.NetConfig = append(info.NetConfig, c)
	}
	h.Config.VirtualNicManagerInfo = info
	switch s.Service {
	case "vmotion":
		h.Summary.Config.VmotionEnabled = true
	case "faultToleranceLogging":
		h.Summary.Config.FaultToleranceEnabled = types.NewBool(true)
	}
}

// setHostFtNetworks gives a host a dedicated FT logging switch (ftUplinks) and a vMotion switch.
func setHostFtNetworks(h *simulator.HostSystem, n int, speedMb int32, ftUplinks []string, vmotionUplink string) {
	addVmkSwitch(h, vmkSwitch{VSwitch: "vSwitch1", Portgroup: "FT Logging", Vmknic: "vmk1", IP: fmt.Sprintf("10.10.1.%d", 10+n),
		Uplinks: ftUplinks, SpeedMb: speedMb, Service: "faultToleranceLogging"})
	addVmkSwitch(h, vmkSwitch{VSwitch: "vSwitch2", Portgroup: "vMotion", Vmknic: "vmk2", IP: fmt.Sprintf("10.10.2.%d", 10+n),
		Uplinks: []string{vmotionUplink}, SpeedMb: speedMb, Service: "vmotion"})
}

func setHostFtVersion(h *simulator.HostSystem, v string) {
	h.Config.FeatureVersion = []types.HostFeatureVersionInfo{{Key: "faultTolerance", Value: v}}
	h.Summary.Config.FeatureVersion = h.Config.FeatureVersion
}

func setClusterHA(c *simulator.ClusterComputeResource, enabled bool) {
	cfg := c.ConfigurationEx.(*types.ClusterConfigInfoEx)
	cfg.DasConfig.Enabled = types.NewBool(enabled)
	if enabled {
		cfg.DasConfig.HostMonitoring = "enabled"
		cfg.DasConfig.AdmissionControlEnabled = types.NewBool(true)
		// What a 6.5+ vCenter sets when HA is turned on: percentages computed for one host failure.
		cfg.DasConfig.AdmissionControlPolicy = &types.ClusterFailoverResourcesAdmissionControlPolicy{
			CpuFailoverResourcesPercent: 33, MemoryFailoverResourcesPercent: 33, FailoverLevel: 1, AutoComputePercentages: types.NewBool(true),
		}
	}
	for i, h := range hostsOf(c) {
		if !enabled {
			h.Runtime.DasHostState = nil
			continue
		}
		state := "connectedToMaster"
		if i == 0 {
			state = "master"
		}
		h.Runtime.DasHostState = &types.ClusterDasFdmHostState{State: state}
	}
}

// setHostMemory gives a host its own memory size (vcsim shares one 4 GB HostHardwareSummary between hosts).
func setHostMemory(h *simulator.HostSystem, bytes int64) {
	hw := *h.Hardware
	hw.MemorySize = bytes
	h.Hardware = &hw
	sh := *h.Summary.Hardware
	sh.MemorySize = bytes
	h.Summary.Hardware = &sh
}

// setPoolMemory sets the cluster root pool's runtime.memory.unreservedForVm (vcsim reports a fixed ~1 GB).
func setPoolMemory(c *simulator.ClusterComputeResource, bytes int64) {
	rp := simulator.Map.Get(*c.ResourcePool).(*simulator.ResourcePool)
	rp.Runtime.Memory.UnreservedForVm = bytes
	rp.Runtime.Memory.UnreservedForPool = bytes
	rp.Runtime.Memory.MaxUsage = bytes
}

func setSharedVmfs(ds *simulator.Datastore) {
	ds.Summary.Type = "VMFS"
	ds.Summary.MultipleHostAccess = types.NewBool(true)
	// Fixed sizes (vcsim reports its temp dir's filesystem): room to inflate every seeded thin disk.
	ds.Summary.Capacity = 4 << 40
	ds.Summary.FreeSpace = 2 << 40
	if info, ok := ds.Info.(*types.LocalDatastoreInfo); ok {
		// A VMFS datastore reports VmfsDatastoreInfo; keep vcsim's local path for its file backend.
		info.DatastoreInfo.FreeSpace = ds.Summary.FreeSpace
		ds.Info = &types.VmfsDatastoreInfo{DatastoreInfo: info.DatastoreInfo, Vmfs: &types.HostVmfsVolume{
			HostFileSystemVolume: types.HostFileSystemVolume{Type: "VMFS", Name: ds.Name, Capacity: ds.Summary.Capacity},
			BlockSizeMb:          1, MajorVersion: 6, Version: "6.82", Uuid: "5f1e2d3c-4b5a6978-0a1b-000c2981d8a0",
		}}
	}
}

// --- VM helpers -----------------------------------------------------------------------------

func rename(vm *simulator.VirtualMachine, name string) {
	vm.Name = name
	vm.Config.Name = name
	vm.Summary.Config.Name = name
}

func setCPUMem(vm *simulator.VirtualMachine, cpus int32, memMB int32) {
	vm.Config.Hardware.NumCPU = cpus
	vm.Summary.Config.NumCpu = cpus
	if memMB > 0 {
		vm.Config.Hardware.MemoryMB = memMB
		vm.Summary.Config.MemorySizeMB = memMB
	}
}

func setVersion(vm *simulator.VirtualMachine, v string) { vm.Config.Version = v }

func devices(vm *simulator.VirtualMachine) []types.BaseVirtualDevice {
	return vm.Config.Hardware.Device
}

func firstDisk(vm *simulator.VirtualMachine) *types.VirtualDisk {
	for _, d := range devices(vm) {
		if disk, ok := d.(*types.VirtualDisk); ok {
			return disk
		}
	}
	panic("vm has no disk: " + vm.Name)
}

// setDiskProvisioning rewrites the model's thin disk: "thin", "lazyZeroedThick" or "eagerZeroedThick".
// The backing is replaced (not mutated) so no other VM sees the change.
func setDiskProvisioning(vm *simulator.VirtualMachine, kind string, capacityKB int64) *types.VirtualDisk {
	disk := firstDisk(vm)
	b := *disk.Backing.(*types.VirtualDiskFlatVer2BackingInfo)
	b.ThinProvisioned = types.NewBool(kind == "thin")
	b.EagerlyScrub = types.NewBool(kind == "eagerZeroedThick")
	disk.Backing = &b
	if capacityKB > 0 {
		disk.CapacityInKB = capacityKB
		disk.CapacityInBytes = capacityKB * 1024
	}
	return disk
}

func scsiController(vm *simulator.VirtualMachine) *types.VirtualSCSIController {
	for _, d := range devices(vm) {
		if c, ok := d.(types.BaseVirtualSCSIController); ok {
			return c.GetVirtualSCSIController()
		}
	}
	panic("vm has no SCSI controller: " + vm.Name)
}

func setBusSharing(vm *simulator.VirtualMachine, sharing types.VirtualSCSISharing) int32 {
	c := scsiController(vm)
	c.SharedBus = sharing
	return c.Key
}

// ownController replaces the VM's controller `key` with a private copy and returns it: vcsim gives
// every VM the SAME default controller objects (IDE, PCI, SIO), so writing through them would
// change every VM.
func ownController(vm *simulator.VirtualMachine, key int32) *types.VirtualController {
	for i, d := range devices(vm) {
		if ctl, ok := d.(types.BaseVirtualController); ok && ctl.GetVirtualController().Key == key {
			v := reflect.ValueOf(d)
			cp := reflect.New(v.Elem().Type())
			cp.Elem().Set(v.Elem())
			own := cp.Interface().(types.BaseVirtualDevice)
			vm.Config.Hardware.Device[i] = own
			vc := own.(types.BaseVirtualController).GetVirtualController()
			vc.Device = append([]int32(nil), vc.Device...)
			return vc
		}
	}
	return nil
}

func addDevice(vm *simulator.VirtualMachine, d types.BaseVirtualDevice) {
	dev := d.GetVirtualDevice()
	if vc := ownController(vm, dev.ControllerKey); vc != nil {
		vc.Device = append(vc.Device, dev.Key)
	}
	vm.Config.Hardware.Device = append(vm.Config.Hardware.Device, d)
}

func connectable(connected bool) *types.VirtualDeviceConnectInfo {
	return &types.VirtualDeviceConnectInfo{StartConnected: connected, AllowGuestControl: true, Connected: connected, Status: "ok"}
}

// addPhysicalRdm adds a second disk on the SCSI controller backed by a physical-mode RDM (adding
// one over SOAP panics vcsim's handler).
func addPhysicalRdm(vm *simulator.VirtualMachine, ds types.ManagedObjectReference) int32 {
	ctl := scsiController(vm)
	key := int32(2001)
	addDevice(vm, &types.VirtualDisk{
		VirtualDevice: types.VirtualDevice{
			Key:        key,
			DeviceInfo: &types.Description{Label: "Hard disk 2", Summary: "10,485,760 KB"},
			Backing: &types.VirtualDiskRawDiskMappingVer1BackingInfo{
				VirtualDeviceFileBackingInfo: types.VirtualDeviceFileBackingInfo{
					FileName: fmt.Sprintf("[LocalDS_0] %s/%s_1.vmdk", vm.Name, vm.Name), Datastore: &ds,
				},
				LunUuid:           "0200000000600508b1001c3a1b2c3d4e5f60718293",
				DeviceName:        "/vmfs/devices/disks/naa.600508b1001c3a1b2c3d4e5f60718293",
				CompatibilityMode: string(types.VirtualDiskCompatibilityModePhysicalMode),
				DiskMode:          string(types.VirtualDiskModeIndependent_persistent),
				Uuid:              "6000C29a-1b2c-3d4e-5f60-718293a4b5c6",
			},
			ControllerKey: ctl.Key,
			UnitNumber:    types.NewInt32(1),
		},
		CapacityInKB:    10 * 1024 * 1024,
		CapacityInBytes: 10 * 1024 * 1024 * 1024,
	})
	return key
}

func cdrom(vm *simulator.VirtualMachine) *types.VirtualCdrom {
	for _, d := range devices(vm) {
		if c, ok := d.(*types.VirtualCdrom); ok {
			return c
		}
	}
	return nil
}

// removeCdrom drops the model's host-device CD-ROM (and its key from the IDE controller).
func removeCdrom(vm *simulator.VirtualMachine) {
	cd := cdrom(vm)
	if cd == nil {
		return
	}
	if vc := ownController(vm, cd.ControllerKey); vc != nil {
		var rest []int32
		for _, k := range vc.Device {
			if k != cd.Key {
				rest = append(rest, k)
			}
		}
		vc.Device = rest
	}
	var keep []types.BaseVirtualDevice
	for _, d := range devices(vm) {
		if d != types.BaseVirtualDevice(cd) {
			keep = append(keep, d)
		}
	}
	vm.Config.Hardware.Device = keep
}

func addHostFloppy(vm *simulator.VirtualMachine) int32 {
	key := int32(8000)
	addDevice(vm, &types.VirtualFloppy{VirtualDevice: types.VirtualDevice{
		Key:           key,
		DeviceInfo:    &types.Description{Label: "Floppy drive 1", Summary: "Host device /dev/fd0"},
		Backing:       &types.VirtualFloppyDeviceBackingInfo{VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{DeviceName: "/dev/fd0"}},
		Connectable:   connectable(false),
		ControllerKey: 400,
		UnitNumber:    types.NewInt32(0),
	}})
	return key
}

func addSerialPort(vm *simulator.VirtualMachine) int32 {
	key := int32(9000)
	addDevice(vm, &types.VirtualSerialPort{VirtualDevice: types.VirtualDevice{
		Key:        key,
		DeviceInfo: &types.Description{Label: "Serial port 1", Summary: "File [LocalDS_0] " + vm.Name + "/serial.log"},
		Backing: &types.VirtualSerialPortFileBackingInfo{VirtualDeviceFileBackingInfo: types.VirtualDeviceFileBackingInfo{
			FileName: "[LocalDS_0] " + vm.Name + "/serial.log",
		}},
		Connectable:   connectable(true),
		ControllerKey: 400,
		UnitNumber:    types.NewInt32(1),
	}, YieldOnPoll: true})
	return key
}

func addUsbDevice(vm *simulator.VirtualMachine) int32 {
	ctlKey, key := int32(7000), int32(15000)
	addDevice(vm, &types.VirtualUSBController{
		VirtualController: types.VirtualController{
			VirtualDevice: types.VirtualDevice{Key: ctlKey, DeviceInfo: &types.Description{Label: "USB controller", Summary: "Auto connect Disabled"}, ControllerKey: 100, UnitNumber: types.NewInt32(22)},
		},
		AutoConnectDevices: types.NewBool(false),
		EhciEnabled:        types.NewBool(true),
	})
	addDevice(vm, &types.VirtualUSB{
		VirtualDevice: types.VirtualDevice{
			Key:           key,
			DeviceInfo:    &types.Description{Label: "USB 1", Summary: "SafeNet USB key"},
			Backing:       &types.VirtualUSBUSBBackingInfo{VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{DeviceName: "path:1/0/2 version:2"}},
			Connectable:   connectable(true),
			ControllerKey: ctlKey,
			UnitNumber:    types.NewInt32(0),
		},
		Connected: true, Vendor: 0x0529, Product: 0x0001,
	})
	return key
}

func hostMoid(vm *simulator.VirtualMachine) string {
	if vm.Runtime.Host == nil {
		return ""
	}
	return vm.Runtime.Host.Value
}

// addHostCdrom adds an ATAPI (host device) CD-ROM on the first IDE controller.
func addHostCdrom(vm *simulator.VirtualMachine) int32 {
	key := int32(3000)
	addDevice(vm, &types.VirtualCdrom{VirtualDevice: types.VirtualDevice{
		Key:        key,
		DeviceInfo: &types.Description{Label: "CD/DVD drive 1", Summary: "Remote device"},
		Backing: &types.VirtualCdromAtapiBackingInfo{VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{
			DeviceName: "/vmfs/devices/cdrom/mpx.vmhba32:C0:T0:L0",
		}},
		Connectable:   connectable(false),
		ControllerKey: 200,
		UnitNumber:    types.NewInt32(0),
	}})
	return key
}
