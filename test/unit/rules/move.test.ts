// Issue 18 §1: a pre-migration what-if moves the VM as the admin will — a Storage vMotion when its datastores
// are not mounted on the target's FT hosts, a port group mapping when its networks are not there, the named
// hosts — and the rules judge the moved VM. A move is a step with its disruption, never a blocker.
import { describe, expect, it } from 'vitest';
import type { Inventory, Network } from '../../../src/inventory/model.js';
import { MoveTargetError } from '../../../src/rules/move.js';
import { addCluster, addVm, assessment, cleanInventory, ruleFindings, run } from './fixtures.js';

const drHosts = (inv: Inventory) => inv.hosts.filter((h) => h.clusterMoid === 'domain-c2');

// DR (hosts dr-01, dr-02) beside the VM's own cluster. `storage`: DR mounts only its own dr-ds; else also the
// VM's shared-ds. `network`: DR has only its own port group dr-net; else also the VM's "VM Network".
function estate(opts: { storage: boolean; network: boolean }): Inventory {
  const inv = cleanInventory();
  addCluster(inv);
  const drNet: Network = { moid: 'network-2', name: 'dr-net', kind: 'standard' };
  inv.networks.push(drNet);
  for (const h of drHosts(inv)) {
    if (!opts.storage) h.datastoreMoids.push('datastore-1');
    h.networkMoids = opts.network ? ['network-2'] : ['network-1', 'network-2'];
  }
  return inv;
}

const actions = (inv: Inventory, opts = {}) => assessment(run(inv, { targetCluster: 'DR', ...opts })).move!.steps.map((s) => s.action);

describe('a move into the target cluster', () => {
  it('needs neither: only the vMotion, the VM ready there', () => {
    const inv = estate({ storage: false, network: false });
    const a = assessment(run(inv, { targetCluster: 'DR' }));
    expect(a.verdict).not.toBe('blocked');
    expect(a.move!.steps).toEqual([{ action: 'vmotion', text: 'vMotion the VM from Prod to a host of DR', disruption: 'none' }]);
    expect(a.move!.current).toMatchObject({ clusterName: 'Prod', datastores: ['shared-ds'], networks: ['VM Network'] });
  });

  it('needs a Storage vMotion: a step naming the candidates, the datastore rules judged on the best one', () => {
    const inv = estate({ storage: true, network: false });
    const ev = run(inv, { targetCluster: 'DR' });
    const a = assessment(ev);
    expect(a.move!.steps.map((s) => s.action)).toEqual(['vmotion', 'storageVmotion']);
    expect(a.move!.steps[1]).toMatchObject({ disruption: 'none' });
    expect(a.move!.steps[1]!.text).toMatch(
      /^Storage vMotion the VM's files from shared-ds to a datastore mounted on every FT host of DR \(candidates: dr-ds \d+ GB free\); judged on dr-ds$/,
    );
    expect(a.move!.datastores).toEqual(['dr-ds']);
    // Not a blocker, and not reported twice (datastore access, then "no host can hold the secondary").
    expect(ruleFindings(ev, 'vm-datastore-access')).toEqual([]);
    expect(ruleFindings(ev, 'vm-secondary-host')).toEqual([]);
    expect(a.verdict).not.toBe('blocked');
  });

  it('needs a port group mapping: a step offering the target port groups, judged as mapped', () => {
    const inv = estate({ storage: false, network: true });
    const ev = run(inv, { targetCluster: 'DR' });
    const a = assessment(ev);
    expect(a.move!.steps.map((s) => s.action)).toEqual(['vmotion', 'networkMapping']);
    expect(a.move!.steps[1]!.text).toBe(
      'Map port group VM Network, which DR lacks, to one on every FT host of DR (offered: dr-net); judged as dr-net',
    );
    expect(a.move!.networks).toEqual(['dr-net']);
    expect(ruleFindings(ev, 'vm-secondary-host')).toEqual([]);
    expect(a.verdict).not.toBe('blocked');
  });

  it('needs both; --target-network states the mapping', () => {
    const inv = estate({ storage: true, network: true });
    expect(actions(inv)).toEqual(['vmotion', 'storageVmotion', 'networkMapping']);
    const a = assessment(run(inv, { targetCluster: 'DR', move: { networks: { 'vm network': 'DR-NET' } } }));
    expect(a.move!.steps[2]!.text).toBe('Map port group VM Network to dr-net (--target-network)');
    expect(a.verdict).not.toBe('blocked');
  });

  it('a VM already in the target cluster is judged where it runs: no step, nothing rewritten', () => {
    const inv = estate({ storage: true, network: true });
    const local = addVm(inv, 'vm-300', {
      hostMoid: 'host-4',
      clusterMoid: 'domain-c2',
      datastoreMoids: ['datastore-2'],
      networkMoids: ['network-2'],
    });
    local.nics = local.nics.map((n) => ({ ...n, networkMoid: 'network-2' }));
    const a = assessment(run(inv, { targetCluster: 'DR' }), 'vm-300');
    expect(a.move!.steps).toEqual([]);
  });

  it('--target-datastore says where the files go; a datastore the FT hosts do not all mount still blocks', () => {
    const inv = estate({ storage: true, network: false });
    drHosts(inv)[1]!.datastoreMoids = ['datastore-2', 'datastore-1'];
    const ev = run(inv, { targetCluster: 'DR', move: { datastores: ['shared-ds'] } });
    // shared-ds is the VM's own datastore: nothing to move; dr-01 lacks it, so the datastore rule blocks.
    expect(assessment(ev).move!.steps.map((s) => s.action)).toEqual(['vmotion']);
    expect(assessment(ev).verdict).toBe('blocked');
    const moved = run(inv, { targetCluster: 'DR', move: { datastores: ['dr-ds'] } });
    expect(assessment(moved).move!.steps[1]!.text).toMatch(
      /^Storage vMotion the VM's files from shared-ds to dr-ds \(\d+ GB free; --target-datastore\)$/,
    );
    expect(() => run(inv, { targetCluster: 'DR', move: { datastores: ['nope-ds'] } })).toThrow(MoveTargetError);
  });

  it('without a datastore every FT host mounts: the step says so and the datastore rules decide', () => {
    const inv = estate({ storage: true, network: false });
    drHosts(inv)[1]!.datastoreMoids = [];
    const ev = run(inv, { targetCluster: 'DR' });
    expect(assessment(ev).move!.steps[1]!.text).toMatch(/no datastore is mounted on every FT host of DR/);
    expect(assessment(ev).verdict).toBe('blocked');
    expect(ruleFindings(ev, 'vm-datastore-access')).toHaveLength(1);
  });

  it('--target-host names the primary, a second one the secondary', () => {
    const inv = estate({ storage: true, network: false });
    const a = assessment(run(inv, { targetCluster: 'DR', move: { hosts: ['dr-02.lab', 'dr-01.lab'] } }));
    expect(a).toMatchObject({ hostName: 'dr-02.lab', secondaryCandidates: ['host-4'] });
    expect(a.move!.steps[0]!.text).toBe('vMotion the VM from Prod to dr-02.lab');
    expect(() => run(inv, { targetCluster: 'DR', move: { hosts: ['esx-99'] } })).toThrow(MoveTargetError);
  });
});
