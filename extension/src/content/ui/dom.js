/**
 * `h(tag, props, ...children)`: builds elements with text set through text nodes only,
 * so page or server text is never parsed as HTML. Handlers given as `on…` props run
 * for trusted events only (see `trusted`).
 */

/**
 * Wrap an event handler so it runs only for events the browser itself dispatched
 * (the user's mouse or keyboard). Events a page script makes with `dispatchEvent` or
 * `element.click()` have `isTrusted === false` and are ignored, so a page cannot press
 * Tactful's buttons or shortcuts for the writer.
 * @template {Event} E
 * @param {(event: E) => unknown} handler
 * @returns {(event: E) => unknown}
 */
export function trusted(handler) {
  return (event) => {
    if (event?.isTrusted !== true) return undefined;
    return handler(event);
  };
}

export function h(tag, props = {}, ...children) {
  const el = (props.doc ?? document).createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false || key === 'doc') continue;
    if (key === 'className') el.className = value;
    else if (key === 'style') for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2).toLowerCase(), trusted(value));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? el.ownerDocument.createTextNode(String(child)) : child);
  }
  return el;
}
