/**
 * TinyMCE 5 (npm `tinymce`), embedded in an iframe as Roundcube does: every one-click
 * apply is one step in TinyMCE's own undo history.
 */

import { undoSuite } from './undo-cases.js';
import { tinymceDriver } from './editor-drivers.js';

undoSuite('TinyMCE', tinymceDriver);
