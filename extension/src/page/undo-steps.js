/*
 * Tactful's only script in the page's own JavaScript world. Rich editors keep their own
 * undo history, reachable only from the page's world (the content script runs in an
 * isolated one), so an edit made through the browser alone is not a step of its own
 * there: Ctrl+Z would undo it together with the typing before it. This script does one
 * thing: it runs Tactful's edit inside one undo step of the editor that owns the
 * element. It reads and sends nothing, and keeps no state.
 *
 * Protocol (DOM events, so nothing crosses between the worlds but the event):
 * 1. The content script listens for `tactful:edit` on the editor's host element (the
 *    editable element, or the iframe holding it) and dispatches `tactful:undo-step`
 *    on that host.
 * 2. Here, if an editor owns the host, its undo API opens a step, dispatches
 *    `tactful:edit` on the host (the content script edits, synchronously), and closes it.
 *    Where the page holds no editor object (roosterjs in Outlook), the step is made with
 *    DOM events that editor handles on its root (see `roosterjs` below).
 * 3. If no `tactful:edit` arrives, the content script edits with the browser's own
 *    undo, as on any plain editable.
 * A page can fire these events itself; that can only make Tactful's pending edit run
 * inside or outside a step, never make one up.
 */
(() => {
  const STEP = 'tactful:undo-step';
  const EDIT = 'tactful:edit';
  if (window.__tactfulUndoSteps) return;
  Object.defineProperty(window, '__tactfulUndoSteps', { value: true });

  /** The editable root for a host: an iframe's body, or the element itself. */
  const editableOf = (host) => {
    try {
      return host.nodeName === 'IFRAME' ? host.contentDocument?.body ?? null : host;
    } catch {
      return null;
    }
  };

  /** Each returns `(edit) => void` running `edit` as one undo step, or null if it does not own `root`. */
  const EDITORS = [
    function tinymce(root) {
      const editors = window.tinymce?.get?.();
      const editor = Array.isArray(editors) ? editors.find((e) => e.getBody?.() === root) : null;
      if (!editor?.undoManager?.transact) return null;
      return (edit) => {
        // Ends TinyMCE's typing level (so the typing before is kept), then adds one level after the edit.
        editor.undoManager.transact(edit);
        editor.nodeChanged();
      };
    },
    function quill(root) {
      // Quill 2 records DOM changes as its own, but merges changes less than a second apart
      // (history.delay): cut the history before and after, and flush the edit into it in between.
      // Reachable only where the page has the global `Quill` (its script build).
      const editor = root.classList.contains('ql-editor') ? window.Quill?.find?.(root.parentElement) : null;
      if (!editor?.history?.cutoff || !editor.update) return null;
      return (edit) => {
        editor.update('user');
        editor.history.cutoff();
        edit();
        editor.update('user');
        editor.history.cutoff();
      };
    },
    function ckeditor5(root) {
      // CKEditor 5 applies the edit itself (it takes the `beforeinput` the content script offers) into
      // its typing batch, which may still hold the last words typed. Setting the model's selection to
      // the text about to change, as the writer's click would, starts a new batch: one undo step.
      const editor = root.ckeditorInstance;
      if (!editor?.model || !editor.editing?.view) return null;
      return (edit) => {
        const selection = root.ownerDocument.getSelection();
        if (selection?.rangeCount) {
          const viewRange = editor.editing.view.domConverter.domRangeToView(selection.getRangeAt(0));
          const modelRange = viewRange && editor.editing.mapper.toModelRange(viewRange);
          if (modelRange) editor.model.change((writer) => writer.setSelection(modelRange));
        }
        edit();
      };
    },
    function roosterjs(root) {
      // roosterjs (Outlook on the web) undoes by restoring DOM snapshots it takes on its own cues
      // (a space typed, Enter, a mouse press after typing, its own edits); an edit made through the
      // browser is in none, so Ctrl+Z would jump past it and drop the last words typed. Outlook keeps
      // the editor object inside its bundle, out of reach, so this talks to roosterjs through DOM
      // events it handles on its root. It is known by stopping keyboard events of cursor keys there
      // (a `keypress` of End, which no browser sends, never reaches the root's parent), and an
      // input method's `compositionend` makes it take a snapshot: one before the edit keeps the
      // typing, one after it makes the edit a step of its own.
      if (!root.parentNode || !stopsCursorKeys(root)) return null;
      const snapshot = () => root.dispatchEvent(new (root.ownerDocument.defaultView.CompositionEvent)('compositionend', { bubbles: true, data: '' }));
      return (edit) => {
        snapshot();
        edit();
        snapshot();
      };
    },
  ];

  /** True if a listener on `root` stops a cursor key's `keypress` there, as roosterjs's do. */
  function stopsCursorKeys(root) {
    let reached = false;
    const seen = () => {
      reached = true;
    };
    root.parentNode.addEventListener('keypress', seen);
    try {
      root.dispatchEvent(new (root.ownerDocument.defaultView.KeyboardEvent)('keypress', { key: 'End', bubbles: true, cancelable: true }));
    } finally {
      root.parentNode.removeEventListener('keypress', seen);
    }
    return !reached;
  }

  document.addEventListener(STEP, (event) => {
    const host = event.target;
    const root = host instanceof Element ? editableOf(host) : null;
    if (!root) return;
    for (const find of EDITORS) {
      let step = null;
      try {
        step = find(root);
      } catch (error) {
        console.warn(`[tactful] ${find.name}: cannot reach its undo history`, error);
      }
      if (step) {
        step(() => host.dispatchEvent(new Event(EDIT)));
        return;
      }
    }
  }, true);
})();
