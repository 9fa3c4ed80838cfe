/**
 * The pointer and keyboard in an editor under review: hovering or clicking an
 * underline opens its card; Alt+Enter opens the card for the finding at the caret
 * (or the list of findings) with focus in it; Escape closes them. Only trusted events
 * count: a page script dispatching clicks or keys at the editor opens nothing.
 */

import { rectContains } from './editor/geometry.js';
import { trusted } from './ui/dom.js';

/** Listen to `session`'s editor; returns nothing (the session removes listeners on destroy). */
export function bindEditorInput(session) {
  const { editor, ui } = session;
  let frame = 0;
  let pointer = null;
  let hitCache = null;

  /** The finding under a point of the root viewport (rects cached until the next draw). */
  const findingAt = (x, y) => {
    if (!hitCache || hitCache.version !== session.drawCount) {
      hitCache = { version: session.drawCount, items: session.findings.map((f) => ({ f, rects: session.rectsFor(f) })) };
    }
    for (const { f, rects } of hitCache.items) if (rects.some((r) => rectContains(r, x, y, 3))) return f;
    return null;
  };

  session.listen(editor.element, 'mousemove', trusted((e) => {
    pointer = editor.toRootPoint(e.clientX, e.clientY);
    if (frame) return;
    frame = ui.win.requestAnimationFrame(() => {
      frame = 0;
      if (!session.destroyed) ui.card.hover(session, findingAt(pointer.x, pointer.y));
    });
  }));
  session.listen(editor.element, 'mouseleave', trusted(() => ui.card.hover(session, null)));
  session.listen(editor.element, 'click', trusted((e) => {
    const p = editor.toRootPoint(e.clientX, e.clientY);
    const f = findingAt(p.x, p.y);
    if (f) ui.card.open(session, f);
    else if (ui.card.session === session) ui.card.close();
  }));
  // Capture phase on the editor's window: Tactful's keys are taken before the editor's own
  // handlers on the element see them (TinyMCE would otherwise split the paragraph on Alt+Enter).
  session.listen(editor.win, 'keydown', trusted((e) => {
    if (e.target !== editor.element && !editor.element.contains(e.target)) return;
    if (e.key === 'Enter' && e.altKey) {
      e.preventDefault();
      session.sync();
      const offset = editor.caretOffset();
      const f = offset === null ? null : session.findings.find((x) => x.start <= offset && offset <= x.end);
      if (f) ui.card.open(session, f, { focus: true });
      else ui.panel.open(session, { focus: true });
    } else if (e.key === 'Escape' && (ui.card.session === session || ui.panel.session === session)) {
      e.preventDefault();
      ui.card.close();
      ui.panel.close();
    }
  }), { capture: true });
  session.cleanups.push(() => ui.win.cancelAnimationFrame(frame));
}
