/** A Gmail-like compose body (a plain contenteditable): every one-click apply is one step of the browser's own undo. */

import { undoSuite } from './undo-cases.js';
import { gmailDriver } from './editor-drivers.js';

undoSuite('Gmail-like contenteditable', gmailDriver);
