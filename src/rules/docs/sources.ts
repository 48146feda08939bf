// The documents rule references (`meta.references`) point at: one entry per id, with what a user needs to open
// it. docs/sources.md is generated from this table (scripts/gen-rules-doc.ts) and `ftscan explain` prints the
// entries of a rule. A reference "ft-requirements C3" names a row of docs/ft-requirements.md (the project's
// research notes, where every row carries these source ids). Tiers: S = API / code, D = VMware product
// documentation, K = knowledge base, F = FAQ / troubleshooting text, B = secondary (blogs: lower confidence).
export interface Source {
  id: string;
  title: string;
  document: string; // VMware document, KB number or repository file
  version: string; // vSphere release(s) the text is about
  section?: string; // chapter > section (and PDF pages) inside the document
  kb?: string; // knowledge-base article number
  url?: string; // only a stable address: a repository file, the API reference, a KB article, a blog
}

// Where an admin opens a source: its address, else the KB number or the release's documentation set.
export function whereToOpen(s: Source): string {
  if (s.url) return s.url;
  if (s.kb) return `Broadcom knowledge base, KB ${s.kb}`;
  return `VMware vSphere ${s.version} documentation (Broadcom TechDocs, or the release's PDF), ${s.document}`;
}

const BC = 'https://developer.broadcom.com/xapis';

export const SOURCES: Source[] = [
  {
    id: 'ft-requirements',
    title: 'ftscan research notes: FT requirements, blockers and the vim25 data that reveals them',
    document: 'docs/ft-requirements.md (row ids C*, H*, ST*, V*, §n)',
    version: '4.0-8.0',
    url: 'docs/ft-requirements.md',
  },
  {
    id: 'seed',
    title:
      "ftscan's seed requirement list (issue 4): the vSphere 4.0 FT checklist the catalogue started from; not a VMware source (every rule citing it cites other sources too)",
    document: 'ftscan issue 4; mapped to rule ids in docs/rules.md (Seed requirements)',
    version: '4.0',
    url: 'docs/rules.md#seed-requirements---rule-ids',
  },
  // API / code
  {
    id: 'S1',
    title: 'govmomi vim25 types and enums (HostCapability, VmFaultToleranceConfigIssueReasonForIssue, ...)',
    document: 'github.com/vmware/govmomi vim25/types/types.go, enum.go @ fd061606',
    version: 'API 4.0-8.0U3',
    url: 'https://github.com/vmware/govmomi/blob/fd06160642a8c3609c0cd86e2bc25f2b4e974631/vim25/types/enum.go',
  },
  {
    id: 'S2',
    title: 'pyVmomi type info and version table',
    document: 'github.com/vmware/pyvmomi pyVmomi/_typeinfo_vim.py @ debb0511 (and tags v5.1.0 ... v8.0.3.0.0)',
    version: 'API 4.0-8.0U3',
    url: 'https://github.com/vmware/pyvmomi/blob/debb05118666d07ce38b2527151f738f4fac673e/pyVmomi/_typeinfo_vim.py',
  },
  {
    id: 'S3',
    title: 'govmomi virtual hardware versions',
    document: 'govmomi vim25/types/hardware_version.go @ fd061606',
    version: 'vmx-03 ... vmx-21',
    url: 'https://github.com/vmware/govmomi/blob/fd06160642a8c3609c0cd86e2bc25f2b4e974631/vim25/types/hardware_version.go',
  },
  {
    id: 'S4',
    title: 'govmomi simulator host config (faultToleranceLogging netConfig, power policies)',
    document: 'govmomi simulator/esx/host_config_info.go @ fd061606',
    version: 'vcsim',
    url: 'https://github.com/vmware/govmomi/blob/fd06160642a8c3609c0cd86e2bc25f2b4e974631/simulator/esx/host_config_info.go',
  },
  {
    id: 'S5',
    title: 'API reference: VmFaultToleranceConfigIssue.ReasonForIssue',
    document: 'vSphere Web Services API reference',
    version: '8.0U2 / latest',
    url: `${BC}/virtual-storage-lifecycle-management-api/latest/vim.fault.VmFaultToleranceConfigIssue.ReasonForIssue.html`,
  },
  {
    id: 'S6',
    title: 'API reference: HostCapability.FtUnsupportedReason',
    document: 'vSphere Web Services API reference',
    version: '8.0U3',
    url: `${BC}/vmware-storage-policy-api/8.0u3/vim.host.Capability.FtUnsupportedReason.html`,
  },
  {
    id: 'S7',
    title: 'API reference 5.0: HostCapability.FtUnsupportedReason',
    document: 'vSphere API 5.0 reference (vijava mirror)',
    version: '5.0',
    url: 'https://vijava.sourceforge.net/vSphereAPIDoc/ver5/ReferenceGuide/vim.host.Capability.FtUnsupportedReason.html',
  },
  {
    id: 'S8',
    title: 'API reference: NotSupportedDeviceForFT (vmxnet3 / PVSCSI on 4.0 hosts)',
    document: 'vSphere Web Services API reference',
    version: '8.0U2',
    url: `${BC}/vmware-storage-policy-api/8.0u2/vim.fault.NotSupportedDeviceForFT.html`,
  },
  {
    id: 'S9',
    title: 'API reference: Capability (ftDrsWithoutEvcSupported)',
    document: 'vSphere Web Services API reference',
    version: '7.0U1',
    url: `${BC}/vsphere-web-services-api/7.0U1/vim.Capability.html`,
  },
  {
    id: 'S10',
    title: 'API reference: VmSmpFaultToleranceTooManyVMsOnHost, VmFaultToleranceTooManyFtVcpusOnHost, VmFaultToleranceTooManyVMsOnHost',
    document: 'vSphere Web Services API reference',
    version: '8.0U2 / 8.0U3',
    url: `${BC}/vmware-storage-policy-api/8.0U3/vim.fault.VmFaultToleranceTooManyFtVcpusOnHost.html`,
  },
  {
    id: 'S11',
    title: 'API reference: FaultToleranceNeedsThickDisk',
    document: 'vSphere Web Services API reference',
    version: '8.0U2',
    url: `${BC}/vmware-storage-policy-api/8.0u2/vim.fault.FaultToleranceNeedsThickDisk.html`,
  },
  {
    id: 'S12',
    title: 'API reference 5.1: VirtualDiskBlocksNotFullyProvisioned',
    document: 'vSphere API 5.1 reference (vijava mirror)',
    version: '5.1',
    url: 'https://vijava.sourceforge.net/vSphereAPIDoc/ver51/ReferenceGuide/vim.fault.VirtualDiskBlocksNotFullyProvisioned.html',
  },
  {
    id: 'S13',
    title: 'API reference: VmConfigIncompatibleForFaultTolerance, VmFaultToleranceOpIssuesList',
    document: 'vSphere Web Services API reference',
    version: '8.0U2 / 8.0U3',
    url: `${BC}/vmware-storage-policy-api/8.0U3/vim.fault.VmConfigIncompatibleForFaultTolerance.html`,
  },
  {
    id: 'S14',
    title: 'API reference: HostIncompatibleForFaultTolerance.Reason',
    document: 'vSphere Web Services API reference',
    version: '8.0U2',
    url: `${BC}/vmware-storage-policy-api/8.0u2/vim.fault.HostIncompatibleForFaultTolerance.Reason.html`,
  },
  // VMware product documentation: cited by document, release and section (VMware's documentation moved from
  // pubs.vmware.com and docs.vmware.com to Broadcom TechDocs, and the old addresses are dead); a quoted copy is
  // linked only where the guide itself is no longer published.
  {
    id: 'D1',
    title: 'Fault Tolerance Requirements, Limits, and Licensing',
    document: 'vSphere Availability',
    version: '8.0',
    section: 'Providing Fault Tolerance for Virtual Machines > Fault Tolerance Requirements, Limits, and Licensing',
  },
  {
    id: 'D2',
    title: 'vSphere Features Not Supported with Fault Tolerance',
    document: 'vSphere Availability',
    version: '8.0',
    section:
      'Providing Fault Tolerance for Virtual Machines > Fault Tolerance Interoperability > vSphere Features Not Supported with Fault Tolerance',
  },
  {
    id: 'D3',
    title: 'Features and Devices Incompatible with Fault Tolerance',
    document: 'vSphere Availability',
    version: '8.0',
    section:
      'Providing Fault Tolerance for Virtual Machines > Fault Tolerance Interoperability > Features and Devices Incompatible with Fault Tolerance',
  },
  {
    id: 'D4',
    title: 'Fault Tolerance Checklist',
    document: 'vSphere Availability',
    version: '8.0',
    section:
      'Providing Fault Tolerance for Virtual Machines > Preparing Your Cluster and Hosts for Fault Tolerance > Fault Tolerance Checklist',
  },
  {
    id: 'D5',
    title: 'Legacy Fault Tolerance',
    document: 'vSphere Availability',
    version: '8.0',
    section: 'Providing Fault Tolerance for Virtual Machines > Legacy Fault Tolerance',
  },
  {
    id: 'D6',
    title: 'Using Fault Tolerance with DRS',
    document: 'vSphere Availability',
    version: '8.0',
    section:
      'Providing Fault Tolerance for Virtual Machines > Fault Tolerance Interoperability > Using Fault Tolerance with DRS (read in the German edition)',
  },
  {
    id: 'D7',
    title: 'Fault Tolerance Requirements, Limits, and Licensing',
    document: 'vSphere Availability',
    version: '7.0',
    section:
      'Providing Fault Tolerance for Virtual Machines > Fault Tolerance Requirements, Limits, and Licensing (read in the Portuguese edition)',
  },
  {
    id: 'D8',
    title: 'vSphere Features Not Supported with Fault Tolerance',
    document: 'vSphere Availability',
    version: '7.0',
    section:
      'Providing Fault Tolerance for Virtual Machines > Fault Tolerance Interoperability > vSphere Features Not Supported with Fault Tolerance (read in the Japanese edition)',
  },
  {
    id: 'D9',
    title: 'DRS behaviour with Fault Tolerance and EVC',
    document: 'vSphere Resource Management',
    version: '7.0',
    section: 'Creating a DRS Cluster: the EVC requirement for Fault Tolerance virtual machines',
  },
  {
    id: 'D10',
    title: 'Providing Fault Tolerance for Virtual Machines (requirements, interoperability, DRS)',
    document: 'vSphere Availability',
    version: '6.7',
    section:
      'chapter Providing Fault Tolerance for Virtual Machines: Fault Tolerance Requirements, Limits, and Licensing; Fault Tolerance Interoperability; Using Fault Tolerance with DRS (PDF pages 50-54)',
  },
  {
    id: 'D11',
    title: 'Legacy Fault Tolerance (and how it differs from SMP-FT)',
    document: 'vSphere Availability',
    version: '6.5',
    section: 'Providing Fault Tolerance for Virtual Machines > Legacy Fault Tolerance',
  },
  {
    id: 'D12',
    title: 'Providing Fault Tolerance for Virtual Machines',
    document: 'vSphere Availability',
    version: '6.5 Update 1',
    section: 'chapter Providing Fault Tolerance for Virtual Machines (PDF pages 45, 46, 54, 55)',
  },
  {
    id: 'D13',
    title: 'vSphere Features Not Supported with Fault Tolerance; Using Fault Tolerance with DRS',
    document: 'vSphere Availability',
    version: '6.0',
    section: 'Providing Fault Tolerance for Virtual Machines > Fault Tolerance Interoperability',
  },
  {
    id: 'D14',
    title: 'Providing Fault Tolerance for Virtual Machines',
    document: 'vSphere Availability',
    version: '6.0 Update 1',
    section: 'chapter Providing Fault Tolerance for Virtual Machines (PDF pages 47, 48, 57, 58)',
  },
  {
    id: 'D15',
    title: 'Fault Tolerance Configuration Recommendations',
    document: 'vSphere Availability',
    version: '5.5',
    section:
      'Providing Fault Tolerance for Virtual Machines > Best Practices for Fault Tolerance > Fault Tolerance Configuration Recommendations',
  },
  {
    id: 'D16',
    title: 'Fault Tolerance requirements (as quoted in a VCAP5-DCA study note)',
    document: 'vSphere Availability',
    version: '5.0',
    section: 'Providing Fault Tolerance for Virtual Machines > Fault Tolerance Checklist',
    url: 'http://elatov.github.io/2012/11/vcap5-dca-objective-4-2-deploy-and-test-vmware-ft/',
  },
  {
    id: 'D17',
    title: 'Using Fault Tolerance with DRS',
    document: 'vSphere Availability Guide',
    version: '4.1',
    section: 'Providing Fault Tolerance for Virtual Machines > Using Fault Tolerance with DRS',
  },
  {
    id: 'D18',
    title: 'VMDirectPath I/O limitations',
    document: 'ESXi Configuration Guide',
    version: '4.0 Update 1',
    section: 'Advanced Networking > VMDirectPath Gen I (configuring passthrough devices)',
  },
  {
    id: 'D19',
    title: 'Fault Tolerance prerequisites (as quoted in a VMware community thread)',
    document: 'vSphere Availability Guide',
    version: '4.0',
    section: 'Providing Fault Tolerance for Virtual Machines > Fault Tolerance Checklist / Prerequisites',
    url: 'https://community.broadcom.com/vmware-cloud-foundation/discussion/vm-can-not-power-on-after-ft-open',
  },
  {
    id: 'D20',
    title: 'Validation Checks for Turning On Fault Tolerance',
    document: 'vSphere Availability',
    version: '8.0 (the same list in 6.5 and 4.1)',
    section: 'Providing Fault Tolerance for Virtual Machines > Using Fault Tolerance > Validation Checks for Turning On Fault Tolerance',
  },
  {
    id: 'D21',
    title: 'Limitations of Virtual SAN (Virtual SAN does not support Fault Tolerance)',
    document: 'vSphere Storage',
    version: '5.5',
    section: 'Working with Virtual SAN > Virtual SAN Requirements > Limitations of Virtual SAN',
  },
  {
    id: 'D22',
    title:
      'View Fault Tolerant Virtual Machines (FT status: Protected, Not Protected – Starting, Not Protected – VM not Running, Need Secondary VM)',
    document: 'vSphere Availability',
    version: '5.5',
    section: 'Providing Fault Tolerance for Virtual Machines > Viewing Information About Fault Tolerant Virtual Machines',
  },
  // FAQ / troubleshooting
  {
    id: 'F2',
    title: 'VMware Fault Tolerance FAQ',
    document: 'KB 1013428',
    version: '4.x-6.0',
    kb: '1013428',
  },
  {
    id: 'F3',
    title: 'Troubleshooting Fault Tolerant Virtual Machines: FT network latency below 10 Gbit/s; 16 disks',
    document: 'vSphere Troubleshooting',
    version: '6.0 Update 1',
    section:
      'Troubleshooting Availability > Troubleshooting Fault Tolerant Virtual Machines (PDF page 15); and vSphere Availability 6.0 Update 1, PDF page 393',
  },
  // Knowledge base: by KB number (the Broadcom knowledge base finds the old VMware numbers)
  {
    id: 'K1',
    title: 'Processors and guest operating systems that support VMware Fault Tolerance',
    document: 'KB 1008027',
    version: '4.x-5.x',
    kb: '1008027',
  },
  {
    id: 'K2',
    title: 'VMware vSphere Fault Tolerance guidance',
    document: 'Broadcom KB 334895',
    version: '6.x-8.0',
    kb: '334895',
    url: 'https://knowledge.broadcom.com/external/article/334895/vmware-vsphere-fault-tolerance.html',
  },
  {
    id: 'K3',
    title: 'Legacy Fault Tolerance no longer supported',
    document: 'Broadcom KB 328203',
    version: '6.5+',
    kb: '328203',
    url: 'https://knowledge.broadcom.com/external/article/328203/legacy-fault-tolerance-no-longer-support.html',
  },
  {
    id: 'K4',
    title: 'VMware SiteSurvey help (FT CPU matrix, stepping, 400 MHz rule)',
    document: 'VMware SiteSurvey 1.0 help (a retired tool; no current copy)',
    version: '4.0',
  },
  {
    id: 'K5',
    title:
      'Support for virtual machine disks larger than 2 TB in vSphere 5.5 (features not supported with 62 TB disks) - not read in this research, UNVERIFIED',
    document: 'KB 2058287',
    version: '5.5',
    kb: '2058287',
  },
  {
    id: 'K6',
    title: 'Virtual machine hardware versions (which ESXi release runs which vmx) - table used from memory of the KB, not re-read here',
    document: 'KB 1003746 (Broadcom KB 315655)',
    version: '4.0-8.0U3',
    kb: '315655',
    url: 'https://knowledge.broadcom.com/external/article/315655',
  },
  // Secondary (blogs, summaries)
  {
    id: 'B1',
    title: 'The list of things FT does not like is very long',
    document: 'blog (deinoscloud)',
    version: '4.0',
    url: 'https://deinoscloud.wordpress.com/2009/07/10/the-list-of-things-ft-doesnt-like-is-very-long/',
  },
  {
    id: 'B2',
    title: 'Not all FT compatible CPUs are created equal',
    document: 'blog (boche.net)',
    version: '4.0',
    url: 'http://www.boche.net/blog/index.php/2009/07/10/not-all-ft-compatible-cpus-are-created-equal/',
  },
  {
    id: 'B3',
    title: 'Virtual machine requirements for VMware FT',
    document: 'blog (vmwarearena)',
    version: '4.x-5.x',
    url: 'http://www.vmwarearena.com/virtual-machine-requirements-for-vmware/',
  },
  {
    id: 'B4',
    title: 'ESX host infrastructure requirements for FT',
    document: 'blog (vmwarearena)',
    version: '4.x-5.x',
    url: 'http://www.vmwarearena.com/esx-host-infrastrcuture-requirements/',
  },
  {
    id: 'B5',
    title: 'VCP5 objective 1.5: vSphere 5.0 editions',
    document: 'blog (virtuallanger)',
    version: '5.0',
    url: 'http://www.virtuallanger.com/2011/09/13/vcp-5-objective-1-5-identify-vsphere-architecture-and-solutions/',
  },
  {
    id: 'B6',
    title: "What's new in vSphere 6.0: multi-CPU Fault Tolerance",
    document: 'blog (settlersoman)',
    version: '6.0',
    url: 'https://www.settlersoman.com/whats-new-in-vmware-vsphere-6-0-multi-cpu-fault-tolerance/',
  },
  {
    id: 'B7',
    title: 'Can you exceed the number of FT-enabled vCPUs per host or per VM?',
    document: 'blog (yellow-bricks)',
    version: '8.0',
    url: 'https://www.yellow-bricks.com/2022/11/18/can-you-exceed-the-number-of-ft-enabled-vcpus-per-host-or-number-of-ft-enabled-vcpus-per-vm/',
  },
  {
    id: 'B8',
    title: 'VMware Fault Tolerance at your home lab',
    document: 'blog (ntpro.nl)',
    version: '4.0',
    url: 'https://www.ntpro.nl/blog/archives/1092-VMware-Fault-Tolerance-at-your-home-lab.html',
  },
  {
    id: 'B9',
    title: 'Fault tolerance requirements, limits and licensing',
    document: 'blog (virtualization24x7)',
    version: '6.0',
    url: 'http://virtualization24x7.blogspot.com/2015/10/fault-tolerance-requirements-limits-and.html',
  },
  {
    id: 'B12',
    title: 'vPMC: virtual performance monitoring counters',
    document: 'blog (vxpertise)',
    version: '5.1',
    url: 'http://vxpertise.net/2012/11/vpmc-virtual-performance-monitoring-counters/',
  },
  {
    id: 'B13',
    title: 'FT checklist from a client call (2 TB VMDK limit)',
    document: 'blog (sse.to)',
    version: '6.7',
    url: 'https://sse.to/blog/?p=368',
  },
];

// The source id a reference string names: "ft-requirements C3, H8" -> "ft-requirements", "D4" -> "D4".
export const sourceIdOf = (ref: string): string => ref.split(' ')[0]!;

export function sourceOf(ref: string): Source | undefined {
  const id = sourceIdOf(ref);
  return SOURCES.find((s) => s.id === id);
}

export function sourcesMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '# Sources',
    '',
    'Every id a rule cites in its references (`ftscan explain <rule>` prints them). Generated from',
    '`src/rules/docs/sources.ts` by `npx tsx scripts/gen-rules-doc.ts`; do not edit by hand. A reference',
    '`ft-requirements C3` names row C3 of [ft-requirements.md](ft-requirements.md), the research notes whose rows',
    'carry these ids. Tiers: S = API / code, D = VMware documentation, K = knowledge base, F = FAQ /',
    'troubleshooting text, B = secondary sources (blogs; lower confidence).',
    '',
    "VMware's documents are cited by title, release and section (and KB number): the guides moved to Broadcom",
    "TechDocs and their old addresses are dead, so open the release's vSphere documentation (or its PDF) and go to",
    'the section named; a KB article opens by its number in the Broadcom knowledge base.',
    '',
    '| id | title | document / KB | version | section | where to open it |',
    '|---|---|---|---|---|---|',
    ...SOURCES.map((s) => {
      const where = !s.url ? cell(whereToOpen(s)) : s.url.startsWith('http') ? `<${s.url}>` : `[${s.url}](${s.url.replace(/^docs\//, '')})`;
      return `| ${s.id} | ${cell(s.title)} | ${cell(s.document)} | ${cell(s.version)} | ${cell(s.section ?? (s.kb ? `KB ${s.kb}` : ''))} | ${where} |`;
    }),
    '',
  ].join('\n');
}
