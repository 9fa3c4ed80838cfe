/*
 * Tactful's content script. Manifest V3 content scripts cannot be ES modules, so this
 * classic script imports the real entry point, which runs in the same isolated world.
 * The flag keeps a second injection (site just switched on) from starting twice.
 */
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  if (globalThis.__tactfulStarted || !api?.runtime?.id) return;
  globalThis.__tactfulStarted = true;
  import(api.runtime.getURL('src/content/main.js'))
    .then((main) => main.start())
    .catch((error) => console.warn('[tactful] could not start', error));
})();
