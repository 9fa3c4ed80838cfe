/** Quill 2 (npm `quill`): every one-click apply is one step in Quill's own history. */

import { undoSuite } from './undo-cases.js';
import { quillDriver } from './editor-drivers.js';

undoSuite('Quill', quillDriver);
