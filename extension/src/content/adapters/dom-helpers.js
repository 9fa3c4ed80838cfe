/** Small DOM helpers shared by the site adapters. */

/** `{element, kind}` for a textarea or a contenteditable root. */
export function editorOf(element) {
  return { element, kind: element.nodeName === 'TEXTAREA' ? 'textarea' : 'contenteditable' };
}

/** The element takes up space on screen (hidden compose windows are skipped). */
export function isShown(el) {
  return el.getClientRects().length > 0 && !el.closest('[aria-hidden="true"]');
}

/** Editable bodies of same-origin iframes matching `selector` (rich editors such as TinyMCE). */
export function iframeBodies(doc, selector) {
  const bodies = [];
  for (const frame of doc.querySelectorAll(selector)) {
    let body = null;
    try {
      body = frame.contentDocument?.body ?? null;
    } catch {
      body = null; // cross-origin: not ours to read
    }
    if (body && body.isContentEditable && isShown(frame)) bodies.push(body);
  }
  return bodies;
}
