/**
 * Apply an edit through the editor's own input path, as if typed, so the site sees a
 * normal edit and Ctrl+Z undoes it; then select the placeholder (plan.select) so the
 * writer types straight over it. Shared by the contenteditable and textarea editors.
 *
 * The text is selected first; then, inside `step` (one undo step of a rich editor, see
 * undo-step.js), the edit is offered to the editor as a `beforeinput` event: an editor that
 * keeps its own model and ignores edits it did not make (CKEditor 5, …) applies it itself
 * and cancels the event. Otherwise the browser's editing command makes it.
 *
 * @param {{read(): unknown, focus(): void, select(start: number, end: number): void,
 *          replaceWithoutUndo(plan: object): void, doc: Document, win: Window, element: Element}} editor
 * @param {{start: number, end: number, text: string, select?: {start: number, end: number}}} plan
 * @param {(edit: () => void) => void} [step]
 */
export function replaceAsTyped(editor, plan, step = (edit) => edit()) {
  editor.read();
  editor.focus();
  editor.select(plan.start, plan.end);
  step(() => {
    if (!editorTookIt(editor, plan.text)) {
      const done = plan.text
        ? editor.doc.execCommand('insertText', false, plan.text)
        : editor.doc.execCommand('delete', false);
      if (!done) editor.replaceWithoutUndo(plan);
    }
    if (plan.select) {
      editor.read();
      editor.select(plan.select.start, plan.select.end);
    }
  });
}

/** Offer the edit of the selected text as a cancelable `beforeinput`; true if the editor made it. */
function editorTookIt(editor, text) {
  const sel = editor.win.getSelection?.();
  if (editor.element.nodeName === 'TEXTAREA' || !sel || sel.rangeCount === 0) return false;
  const event = new editor.win.InputEvent('beforeinput', {
    inputType: text ? 'insertText' : 'deleteContentBackward',
    data: text || null,
    bubbles: true,
    cancelable: true,
    composed: true,
    targetRanges: [new editor.win.StaticRange(sel.getRangeAt(0))],
  });
  return !editor.element.dispatchEvent(event);
}
