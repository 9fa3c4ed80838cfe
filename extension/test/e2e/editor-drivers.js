/**
 * How the undo cases (undo-cases.js) set up and read each rich editor, from the page's
 * own world: each fixture exposes its editor the way the editor's docs show.
 */

/** TinyMCE 5 in Roundcube's iframe (fixtures/roundcube-html.html). */
export const tinymceDriver = {
  fixture: 'roundcube-html.html',
  frame: '#composebody_ifr',
  load: (page, html) =>
    page.evaluate((content) => {
      const editor = tinymce.activeEditor;
      editor.setContent(content);
      editor.undoManager.clear();
      editor.undoManager.add();
    }, html),
  content: (page) => page.evaluate(() => tinymce.activeEditor.getContent()),
};
