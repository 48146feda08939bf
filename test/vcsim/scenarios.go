package main

// The seeded scenarios. Each seeds facts in-process (what vcsim cannot set over SOAP), takes
// snapshots over SOAP, and states per VM what it seeded and what a VMware admin expects.

import (
	"context"
	"fmt"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// snapshotTargets are the VMs to snapshot once the server runs (CreateSnapshot_Task over SOAP).
var snapshotTargets []types.ManagedObjectReference

func takeSnapshots(ctx context.Context, c *govmomi.Client) error {
	for _, ref := range snapshotTargets {
		task, err := object.NewVirtualMachine(c.Client, ref).CreateSnapshot(ctx, "before-patch", "seeded by vcsim-harness", false, false)
		if err != nil {
			return err
		}
		if err := task.Wait(ctx); err != nil {
			return fmt.Errorf("snapshot of %s: %w", ref.Value, err)
		}
	}
	return nil
}

func clusterModel(clusters, hostsPerCluster, vmsPerCluster int) func(options) *simulator.Model {
	return func(options) *simulator.Model {
		m := simulator.VPX()
		m.Host = 0
		m.Cluster = clusters
		m.ClusterHost = hostsPerCluster
		m.Machine = vmsPerCluster
		return m
	}
}

func newBool(b bool) *bool { return &b }

func datastore0() types.ManagedObjectReference { return allDatastores()[0].Self }

// --- seeded-inventory (issue 3) ---------------------------------------------------------------

var seededInventory = scenarioSpec{
	model: clusterModel(2, 2, 3),
	seed: func(options) {
		setVCenterAbout("6.7.0", "15976714", "6.7.3")
		cs := allClusters()
		setClusterHA(cs[0], true)
		setClusterHA(cs[1], false)
		for _, ds := range allDatastores() {
			setSharedVmfs(ds)
		}
		gold := cpuSpec{Vendor: "intel", Description: "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", Packages: 2, Cores: 32, Threads: 64, Hz: 2100000000}
		ivy := cpuSpec{Vendor: "intel", Description: "Intel(R) Xeon(R) CPU E5-2680 v2 @ 2.80GHz", Packages: 2, Cores: 20, Threads: 40, Hz: 2800000000}
		epyc := cpuSpec{Vendor: "amd", Description: "AMD EPYC 7302 16-Core Processor", Packages: 1, Cores: 16, Threads: 32, Hz: 3000000000}
		goldNoHT := gold
		goldNoHT.Threads = goldNoHT.Cores

		h := append(hostsOf(cs[0]), hostsOf(cs[1])...)
		// C0_H0: 6.7 U3, Skylake, SMP-FT capable with an FT logging vmknic on 2 x 10 GbE.
		setHostProduct(h[0], "6.7.0", "15160138", "6.7.3")
		setHostCPU(h[0], gold)
		h[0].Capability = &types.HostCapability{SmpFtSupported: newBool(true), FtSupported: newBool(false), MaxVcpusPerFtVm: 8, MaxMemMBPerFtVm: 131072, FtEfiSupported: newBool(true)}
		setHostFtNetworks(h[0], 0, 10000, []string{"vmnic1", "vmnic2"}, "vmnic3")
		// C0_H1: 7.0 U3, Ivy Bridge, reports why it cannot run SMP-FT; no FT logging vmknic.
		setHostProduct(h[1], "7.0.3", "18644231", "7.0.3.0")
		setHostCPU(h[1], ivy)
		h[1].Capability = &types.HostCapability{SmpFtSupported: newBool(false), SmpFtCompatibilityIssues: []string{"missingFTLoggingNic"}, MaxVcpusPerFtVm: 8, MaxMemMBPerFtVm: 131072}
		// C1_H0: vcsim's 6.5 build, AMD EPYC, no capability published at all.
		setHostProduct(h[2], "6.5.0", "5969303", "6.5")
		setHostCPU(h[2], epyc)
		// C1_H1: 6.7 U1, Skylake with hyper-threading off, FT logging on a single 1 GbE uplink.
		setHostProduct(h[3], "6.7.0", "10302608", "6.7.1")
		setHostCPU(h[3], goldNoHT)
		h[3].Capability = &types.HostCapability{SmpFtSupported: newBool(true), FtSupported: newBool(false), MaxVcpusPerFtVm: 4, MaxMemMBPerFtVm: 65536}
		setHostFtNetworks(h[3], 3, 1000, []string{"vmnic1"}, "vmnic2")

		vms := vmsOfCluster(cs[0])
		ds := datastore0()
		// VM0: thin disk (vcsim's default), 2 vCPUs, CPU hot-add, a snapshot.
		rename(vms[0], "inv-thin-2vcpu-hotadd-snap")
		setCPUMem(vms[0], 2, 4096)
		vms[0].Config.CpuHotAddEnabled = newBool(true)
		snapshotTargets = append(snapshotTargets, vms[0].Self)
		intend(vms[0], "", nil, "thin disk", "2 vCPUs", "cpu hot-add", "1 snapshot", "host-device CD-ROM")
		// VM1: floppy, shared SCSI bus, physical RDM, eager-zeroed first disk.
		rename(vms[1], "inv-floppy-sharedbus-prdm")
		setDiskProvisioning(vms[1], "eagerZeroedThick", 0)
		addHostFloppy(vms[1])
		setBusSharing(vms[1], types.VirtualSCSISharingPhysicalSharing)
		addPhysicalRdm(vms[1], ds)
		intend(vms[1], "", nil, "eager-zeroed disk", "host-device floppy", "physicalSharing SCSI bus", "physical RDM", "host-device CD-ROM")
		// VM2: lazy-zeroed thick disk, no CD-ROM.
		rename(vms[2], "inv-lazythick-nocd")
		setDiskProvisioning(vms[2], "lazyZeroedThick", 0)
		removeCdrom(vms[2])
		intend(vms[2], "", nil, "lazy-zeroed thick disk", "no CD-ROM")
	},
	soap:     takeSnapshots,
	describe: describeAll,
}

// --- legacy55 (issue 4): ESXi 5.5 under vCenter 5.5, legacy FT --------------------------------

// cleanVM is what FT accepts: a listed guest OS, eager-zeroed disk, no CD-ROM, no hot-add.
func cleanVM(vm *simulator.VirtualMachine, name string, cpus, memMB int32, version, guestID, guestName string) {
	rename(vm, name)
	vm.Config.GuestId, vm.Config.GuestFullName = guestID, guestName
	vm.Summary.Config.GuestId, vm.Summary.Config.GuestFullName = guestID, guestName
	setCPUMem(vm, cpus, memMB)
	setVersion(vm, version)
	vm.Config.CpuHotAddEnabled = newBool(false)
	vm.Config.CpuHotRemoveEnabled = newBool(false)
	vm.Config.MemoryHotAddEnabled = newBool(false)
	setDiskProvisioning(vm, "eagerZeroedThick", 40*1024*1024)
	removeCdrom(vm)
}

// ftCluster seeds one HA cluster of identical FT-ready hosts on a shared VMFS datastore.
func ftCluster(hostVersion, hostBuild, hostAPI string, cpu cpuSpec, logSpeed int32, capability func() *types.HostCapability, ftVersion, evc string) *simulator.ClusterComputeResource {
	c := allClusters()[0]
	setClusterHA(c, true)
	c.Summary.(*types.ClusterComputeResourceSummary).CurrentEVCModeKey = evc
	for _, ds := range allDatastores() {
		setSharedVmfs(ds)
	}
	setPoolMemory(c, int64(len(hostsOf(c)))*256<<30*95/100)
	for i, h := range hostsOf(c) {
		setHostMemory(h, 256<<30)
		setHostProduct(h, hostVersion, hostBuild, hostAPI)
		setHostCPU(h, cpu)
		h.Capability = capability()
		if ftVersion != "" {
			setHostFtVersion(h, ftVersion)
		}
		h.Summary.CurrentEVCModeKey = evc
		h.Summary.MaxEVCModeKey = evc
		setHostFtNetworks(h, i, logSpeed, []string{"vmnic1", "vmnic2"}, "vmnic3")
		// FT guidance: BIOS/host power management at high performance.
		h.Config.PowerSystemInfo = &types.PowerSystemInfo{CurrentPolicy: types.HostPowerPolicy{Key: 1, Name: "PowerPolicy.static.name", ShortName: "static"}}
	}
	return c
}

var legacy55 = scenarioSpec{
	model: clusterModel(1, 3, 7),
	seed: func(options) {
		setVCenterAbout("5.5.0", "1312298", "5.5")
		// Hyper-threading off, as legacy FT guidance recommends.
		sandy := cpuSpec{Vendor: "intel", Description: "Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz", Packages: 2, Cores: 16, Threads: 16, Hz: 2600000000}
		c := ftCluster("5.5.0", "1331820", "5.5", sandy, 1000, func() *types.HostCapability {
			return &types.HostCapability{FtSupported: newBool(true), RecordReplaySupported: newBool(true)}
		}, "5.5.0-5.5.0-5.5.0", "intel-sandybridge")
		vms := vmsOfCluster(c)
		ds := datastore0()
		for i, vm := range vms {
			cleanVM(vm, fmt.Sprintf("legacy-%d", i), 1, 2048, "vmx-10", "rhel6_64Guest", "Red Hat Enterprise Linux 6 (64-bit)")
		}
		rename(vms[0], "legacy-clean")
		intend(vms[0], "ready", nil, "1 vCPU", "eager-zeroed disk", "no CD-ROM", "vmx-10")

		rename(vms[1], "legacy-2vcpu")
		setCPUMem(vms[1], 2, 2048)
		intend(vms[1], "blocked", []string{"vm-vcpu-count"}, "2 vCPUs")

		rename(vms[2], "legacy-snapshot")
		snapshotTargets = append(snapshotTargets, vms[2].Self)
		intend(vms[2], "blocked", []string{"vm-snapshots"}, "1 snapshot")

		rename(vms[3], "legacy-physical-rdm")
		addPhysicalRdm(vms[3], ds)
		intend(vms[3], "blocked", []string{"vm-physical-rdm"}, "physical RDM")

		rename(vms[4], "legacy-thin-disk")
		setDiskProvisioning(vms[4], "thin", 0)
		intend(vms[4], "warnings", []string{"vm-thin-disks"}, "thin disk")

		rename(vms[5], "legacy-host-cdrom")
		addHostCdrom(vms[5])
		intend(vms[5], "blocked", []string{"vm-removable-devices"}, "host-device CD-ROM")

		// The name also checks that every report escapes it (issue 5: shown as text, never run).
		rename(vms[6], "legacy-shared-bus <img src=x onerror=alert(1)>")
		setBusSharing(vms[6], types.VirtualSCSISharingPhysicalSharing)
		intend(vms[6], "blocked", []string{"vm-clustering"}, "physicalSharing SCSI bus")
	},
	soap:     takeSnapshots,
	describe: describeFor("legacy", ""),
}

// --- smp70 (issue 4): ESXi 7.0 under vCenter 7.0, SMP-FT ---------------------------------------
// API 7.0 (GA), not 7.0.2+: ftscan asks 7.0.2+ servers for config.pmemFailoverEnabled and
// config.ftEncryptionMode, which vcsim 0.24.2 does not model (it would answer InvalidProperty).

var smp70 = scenarioSpec{
	model: clusterModel(1, 3, 5),
	seed: func(options) {
		setVCenterAbout("7.0.0", "15952498", "7.0")
		cascade := cpuSpec{Vendor: "intel", Description: "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", Packages: 2, Cores: 40, Threads: 80, Hz: 2500000000}
		c := ftCluster("7.0.0", "15843807", "7.0", cascade, 10000, func() *types.HostCapability {
			return &types.HostCapability{SmpFtSupported: newBool(true), MaxVcpusPerFtVm: 8, MaxMemMBPerFtVm: 131072, FtEfiSupported: newBool(true)}
		}, "", "intel-cascadelake")
		vms := vmsOfCluster(c)
		for i, vm := range vms {
			cleanVM(vm, fmt.Sprintf("smp-%d", i), 4, 8192, "vmx-17", "rhel8_64Guest", "Red Hat Enterprise Linux 8 (64-bit)")
		}
		rename(vms[0], "smp-clean-4vcpu")
		intend(vms[0], "ready", nil, "4 vCPUs", "eager-zeroed disk", "no CD-ROM", "shared VMFS")

		rename(vms[1], "smp-16vcpu")
		setCPUMem(vms[1], 16, 16384)
		intend(vms[1], "blocked", []string{"vm-vcpu-count"}, "16 vCPUs")

		rename(vms[2], "smp-snapshot")
		snapshotTargets = append(snapshotTargets, vms[2].Self)
		intend(vms[2], "blocked", []string{"vm-snapshots"}, "1 snapshot")

		rename(vms[3], "smp-usb")
		addUsbDevice(vms[3])
		intend(vms[3], "blocked", []string{"vm-usb-devices"}, "USB device")

		rename(vms[4], "smp-serial")
		addSerialPort(vms[4])
		intend(vms[4], "blocked", []string{"vm-serial-parallel-ports"}, "serial port")
	},
	soap:     takeSnapshots,
	describe: describeFor("smp", "enterprisePlus"),
}

// describeFor adds the FT generation and licence edition the scenario's verdicts assume.
func describeFor(profile, edition string) func() expected {
	return func() expected {
		e := describeAll()
		e.Profile, e.Edition = profile, edition
		return e
	}
}
