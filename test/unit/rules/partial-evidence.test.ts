// Partial evidence (issue 10 §4): an unreadable property makes a VM unknown only when a rule's outcome
// depends on it. The example: a vCenter at API 7.0.3 that returned config.pmemFailoverEnabled and
// config.ftEncryptionMode as InvalidProperty in every VM's missingSet.
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/inventory/model.js';
import { VM_PATHS } from '../../../src/inventory/model.js';
import { assessment, cleanInventory, ds0, ruleFindings, run, vm0 } from './fixtures.js';

function withInvalidProperties(inv: Inventory, ...paths: string[]): Inventory {
  for (const vm of inv.vms) for (const path of paths) vm.unreadable.push({ path, fault: 'InvalidProperty' });
  return inv;
}

describe('partial evidence', () => {
  it('pmemFailoverEnabled and ftEncryptionMode unreadable: a VM without PMem or encryption stays ready', () => {
    const inv = withInvalidProperties(cleanInventory(), VM_PATHS.pmemFailover, VM_PATHS.ftEncryptionMode);
    const a = assessment(run(inv));
    expect(a.findings.filter((f) => f.severity === 'unknown')).toEqual([]);
    expect(a.verdict).toBe('ready');
  });

  it('the same gap on a VM with storage on a PMem datastore: unknown, naming the path and the fault', () => {
    const inv = withInvalidProperties(cleanInventory(), VM_PATHS.pmemFailover);
    ds0(inv).type = 'PMEM';
    expect(ruleFindings(run(inv), 'vm-pmem')).toEqual([
      expect.objectContaining({
        severity: 'unknown',
        message: expect.stringMatching(/config\.pmemFailoverEnabled is unreadable \(InvalidProperty\); the VM uses PMem storage/),
      }),
    ]);
  });

  it('an NVDIMM device blocks whatever the failover flag', () => {
    const inv = withInvalidProperties(cleanInventory(), VM_PATHS.pmemFailover);
    vm0(inv).nvdimm = true;
    expect(assessment(run(inv)).verdict).toBe('blocked');
  });

  it('vbsEnabled unreadable: a BIOS VM cannot have VBS and passes; an EFI vmx-19 VM is unknown', () => {
    const bios = withInvalidProperties(cleanInventory(), VM_PATHS.vbs);
    expect(ruleFindings(run(bios), 'vm-vbs')).toEqual([]);
    const efi = withInvalidProperties(cleanInventory(), VM_PATHS.vbs);
    vm0(efi).firmware = 'efi';
    expect(ruleFindings(run(efi), 'vm-vbs').map((f) => f.severity)).toEqual(['unknown']);
  });

  it('a property a rule always needs still makes the VM unknown', () => {
    const inv = withInvalidProperties(cleanInventory(), VM_PATHS.snapshot);
    expect(assessment(run(inv)).verdict).toBe('unknown');
  });
});
