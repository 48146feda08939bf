// Public API of the inventory layer (what src/scan and src/cli call).
export * from './model.js';
export { collectInventory, type CollectOptions, type CollectProgress } from './collect.js';
export { type Scope, hasScope, loadVmList, parseVmList } from './scope.js';
export { restTagReader, readTags, type TagReader, type TagReadResult, type TaggableObject } from './tags.js';
export { askVcenterFt, type FtQueryOptions } from './ft-query.js';
export { checkPrivileges, REQUIRED_PRIVILEGES, QUERY_FT_PRIVILEGE, type PrivilegeCheck, type RequiredPrivilege } from './privileges.js';
export { readHostLicenses } from './license.js';
export { DEFAULTS } from './defaults.js';
export { buildCollectSpec, isApiAtLeast } from './property-specs.js';
