// Public surface of the vSphere client layer.
export * from './api.js';
export * from './errors.js';
export { connect, withClient, Client, SERVICE_INSTANCE } from './client.js';
export { restSession, type RestSession, type RestOptions } from './rest.js';
export { encodeRequest, xmlEscape } from './soap-encode.js';
export { parseServer, REDACT_PATHS, DEFAULTS } from './transport.js';
