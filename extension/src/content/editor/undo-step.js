/**
 * One apply, one undo step. Rich editors (TinyMCE, …) keep their own undo history,
 * which only the page's world can reach; `src/page/undo-steps.js` runs there and wraps
 * our edit in a step of that history (see its header for the event protocol). Where no
 * editor answers, the edit runs as is and the browser's own undo covers it.
 */

const STEP = 'tactful:undo-step';
const EDIT = 'tactful:edit';

/** The element in the top document that holds `element`: itself, or the iframe (chain) around it. */
function hostOf(element) {
  let host = element;
  while (host.ownerDocument.defaultView?.frameElement && host.ownerDocument !== document) {
    host = host.ownerDocument.defaultView.frameElement;
  }
  return host;
}

/**
 * Run `edit()` once, inside one undo step of the editor owning `element` when there is one.
 * @param {Element} element the editable root
 * @param {() => void} edit
 */
export function inOneUndoStep(element, edit) {
  const host = hostOf(element);
  let ran = false;
  let failure = null;
  const run = () => {
    if (ran) return;
    ran = true;
    try {
      edit();
    } catch (error) {
      failure = error;
    }
  };
  host.addEventListener(EDIT, run);
  try {
    host.dispatchEvent(new CustomEvent(STEP, { bubbles: true, composed: true }));
  } finally {
    host.removeEventListener(EDIT, run);
  }
  if (!ran) edit();
  if (failure) throw failure;
}
