// The parts of a split read (src/vsphere/collect.ts partsOf): sized so that 10,000 and 45,000 VMs both overlap
// (parts of 1,000, at most 20 parts), evened out, every item once and in order.
import { describe, expect, it } from 'vitest';
import { partsOf } from '../../../src/vsphere/collect.js';

const sizes = (n: number, partSize?: number) => partsOf([...Array(n).keys()], partSize).map((p) => p.length);

describe('partsOf', () => {
  it('keeps up to 1,000 in one part (read over the container view) and cuts parts of 1,000 up to 20 parts', () => {
    expect(sizes(0)).toEqual([]);
    expect(sizes(220)).toEqual([220]);
    expect(sizes(1000)).toEqual([1000]);
    expect(sizes(10000)).toEqual(Array(10).fill(1000));
    expect(sizes(20000)).toEqual(Array(20).fill(1000));
  });

  it('grows the part past 20 parts: 45,000 VMs in 20 parts of 2,250', () => {
    expect(sizes(45000)).toEqual(Array(20).fill(2250));
    expect(sizes(100001).length).toBe(20);
  });

  it('evens the parts out instead of leaving a sliver', () => {
    expect(sizes(1001)).toEqual([501, 500]);
    expect(sizes(23, 5)).toEqual([5, 5, 5, 5, 3]);
    expect(sizes(60, 7)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4]);
  });

  it('hands every item over once, in order', () => {
    const items = [...Array(2345).keys()];
    expect(partsOf(items).flat()).toEqual(items);
  });
});
