// TODO: filled in below
import type { Estate } from './estate.js';
export const DEMO_USER = 'ftscan@vsphere.local';
export const DEMO_PASSWORD = 'Ft-Demo-2024!';
export function demoEstate(): Estate {
  throw new Error('TODO');
}
