/**
 * Apply an edit through the editor's own input path, as if typed, so the site sees a
 * normal edit and Ctrl+Z undoes it; then select the placeholder (plan.select) so the
 * writer types straight over it. Shared by the contenteditable and textarea editors.
 *
 * @param {{read(): unknown, focus(): void, select(start: number, end: number): void,
 *          replaceWithoutUndo(plan: object): void, doc: Document}} editor
 * @param {{start: number, end: number, text: string, select?: {start: number, end: number}}} plan
 */
export function replaceAsTyped(editor, plan) {
  editor.read();
  editor.focus();
  editor.select(plan.start, plan.end);
  const done = plan.text
    ? editor.doc.execCommand('insertText', false, plan.text)
    : editor.doc.execCommand('delete', false);
  if (!done) editor.replaceWithoutUndo(plan);
  if (plan.select) {
    editor.read();
    editor.select(plan.select.start, plan.select.end);
  }
}
