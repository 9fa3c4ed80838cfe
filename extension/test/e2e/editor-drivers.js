/**
 * How the undo cases (undo-cases.js) set up and read each rich editor, from the page's
 * own world: each fixture exposes its editor the way the editor's docs show.
 */

/** TinyMCE 5 in Roundcube's iframe (fixtures/roundcube-html.html). */
export const tinymceDriver = {
  fixture: 'roundcube-html.html',
  frame: '#composebody_ifr',
  root: 'body',
  load: (page, html) =>
    page.evaluate((content) => {
      const editor = tinymce.activeEditor;
      editor.setContent(content);
      editor.undoManager.clear();
      editor.undoManager.add();
    }, html),
  content: (page) => page.evaluate(() => tinymce.activeEditor.getContent()),
};

/**
 * Quill 2 (fixtures/quill.html): `window.quill`. Quill binds Ctrl+Y to redo on Windows only;
 * elsewhere its redo is Ctrl+Shift+Z, so that is what the cases press.
 */
export const quillDriver = {
  fixture: 'quill.html',
  redoKeys: ['Control+Shift+z'],
  frame: null,
  root: '.ql-editor',
  load: (page, html) =>
    page.evaluate((content) => {
      quill.setContents(quill.clipboard.convert({ html: content }), 'silent');
      quill.history.clear();
    }, html),
  content: (page) => page.evaluate(() => JSON.stringify(quill.getContents())),
};

/** CKEditor 5's classic editor (fixtures/ckeditor5.html): `window.editor`. */
export const ckeditorDriver = {
  fixture: 'ckeditor5.html',
  frame: null,
  root: '.ck-editor__editable',
  load: (page, html) =>
    page.evaluate((content) => {
      editor.setData(content); // not an undo step of its own: a fresh draft
    }, html),
  content: (page) => page.evaluate(() => editor.getData()),
};

/** A Gmail-like compose body (fixtures/gmail.html): a plain contenteditable, the browser's own undo. */
export const gmailDriver = {
  fixture: 'gmail.html',
  frame: null,
  root: '[g_editable="true"]',
  load: (page, html) =>
    page.evaluate((content) => {
      document.querySelector('[g_editable="true"]').innerHTML = content;
    }, html),
  content: (page) => page.evaluate(() => document.querySelector('[g_editable="true"]').innerHTML),
};

/**
 * roosterjs (fixtures/outlook-roosterjs.html), Outlook on the web's editor, in Outlook's compose DOM.
 * As in Outlook, the page has no global for the editor: the fixture gives the tests alone a way to
 * open a draft and read the content (roosterjs's own HTML export).
 */
export const roosterjsDriver = {
  fixture: 'outlook-roosterjs.html',
  frame: null,
  root: '[aria-label^="Message body"]',
  load: (page, html) => page.evaluate((content) => window.__fixture.load(content), html),
  content: (page) => page.evaluate(() => window.__fixture.content()),
};
