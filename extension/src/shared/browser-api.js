/**
 * The WebExtension namespace: Firefox's `browser` where it exists, else Chrome's `chrome`.
 * Both return promises in Manifest V3, so the rest of the code never uses callbacks.
 */
export const api = globalThis.browser ?? globalThis.chrome;
