/**
 * Coordinates: everything the UI draws is in the top window's viewport.
 *
 * NOTE: under CSS `zoom`, getBoundingClientRect() and getClientRects() are in viewport pixels,
 * but clientLeft, clientWidth, scrollTop and computed lengths are in the element's own,
 * unzoomed pixels: multiply those by `cssZoom(el)`.
 */

/** The element's effective CSS zoom (its own times its ancestors'); 1 where unsupported. */
export function cssZoom(el) {
  return el.currentCSSZoom ?? 1;
}

/** Offset of `win`'s viewport inside `rootWin`'s viewport (iframes nest). */
export function frameOffset(win, rootWin) {
  let x = 0;
  let y = 0;
  for (let w = win; w && w !== rootWin && w.frameElement; w = w.parent) {
    const frame = w.frameElement;
    const rect = frame.getBoundingClientRect();
    const style = w.parent.getComputedStyle(frame);
    const zoom = cssZoom(frame);
    x += rect.left + (frame.clientLeft + parseFloat(style.paddingLeft || '0')) * zoom;
    y += rect.top + (frame.clientTop + parseFloat(style.paddingTop || '0')) * zoom;
  }
  return { x, y };
}

/** A plain rect moved by an offset. */
export function shiftRect(rect, { x, y }) {
  return { left: rect.left + x, top: rect.top + y, right: rect.right + x, bottom: rect.bottom + y, width: rect.width, height: rect.height };
}

export function intersectRects(a, b) {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(a.right, b.right);
  const bottom = Math.min(a.bottom, b.bottom);
  return { left, top, right, bottom, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

/** The client area (inside borders and scrollbars) of an element, in its own viewport. */
export function clientArea(el) {
  const rect = el.getBoundingClientRect();
  const zoom = cssZoom(el);
  const left = rect.left + el.clientLeft * zoom;
  const top = rect.top + el.clientTop * zoom;
  const width = el.clientWidth * zoom;
  const height = el.clientHeight * zoom;
  return { left, top, right: left + width, bottom: top + height, width, height };
}

export function viewportRect(win) {
  return { left: 0, top: 0, right: win.innerWidth, bottom: win.innerHeight, width: win.innerWidth, height: win.innerHeight };
}

/** Point inside rect, with `slack` pixels of tolerance below (where the underline is). */
export function rectContains(rect, x, y, slack = 0) {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom + slack;
}
