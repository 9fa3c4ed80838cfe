/** CKEditor 5 (npm `ckeditor5`, classic editor): every one-click apply is one step in its undo history. */

import { undoSuite } from './undo-cases.js';
import { ckeditorDriver } from './editor-drivers.js';

undoSuite('CKEditor 5', ckeditorDriver);
