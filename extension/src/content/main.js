/**
 * Content script entry: asks the background whether Tactful is on for this site, then
 * attaches a review session to every editor the site adapters find.
 */

import { client } from './messaging.js';
import { EditorFinder } from './editor-finder.js';
import { EditorSession } from './session.js';
import { UiRoot } from './ui/ui-root.js';
import { ContentEditableEditor } from './editor/contenteditable-editor.js';
import { TextareaEditor } from './editor/textarea-editor.js';

export async function start() {
  let hello;
  try {
    hello = await client.hello();
  } catch {
    return;
  }
  if (!hello?.enabled) return;

  const ui = new UiRoot(document);
  /** @type {Map<Element, EditorSession>} */
  const sessions = new Map();
  const onRuleDisabled = (rule) => {
    for (const session of sessions.values()) session.removeRule(rule);
  };

  const finder = new EditorFinder(document, location, {
    found({ element, kind }, adapter) {
      ui.attach();
      const editor = kind === 'textarea'
        ? new TextareaEditor(element, ui.layers, window)
        : new ContentEditableEditor(element, { exclude: adapter.exclude, stopAt: adapter.stopAt }, window);
      const session = new EditorSession({ editor, ui, client, debounceMs: hello.debounceMs, sentenceEndMs: hello.sentenceEndMs, onRuleDisabled });
      sessions.set(element, session);
      session.start();
    },
    lost(element) {
      sessions.get(element)?.destroy();
      sessions.delete(element);
    },
  });
  finder.start();

  const relayout = () => {
    for (const session of sessions.values()) session.scheduleLayout();
  };
  window.addEventListener('scroll', relayout, { capture: true, passive: true });
  window.addEventListener('resize', relayout, { passive: true });
  document.addEventListener('mousedown', (event) => ui.pointerDown(event), true);
}
