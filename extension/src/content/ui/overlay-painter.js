/**
 * Underlines drawn as boxes in Tactful's shadow root, over the editor: the fallback
 * where the Custom Highlight API is missing, and always for textareas (whose text has
 * no DOM ranges). Boxes are clipped to the editor's visible area and redrawn on
 * scroll, resize and typing.
 */

import { categoryColor } from './styles.js';
import { h } from './dom.js';

export class OverlayPainter {
  constructor(editor, layer) {
    this.editor = editor;
    this.clip = h('div', { doc: layer.ownerDocument, className: 'layer', 'aria-hidden': 'true' });
    layer.append(this.clip);
    this.findings = [];
    this.active = null;
  }

  paint(findings) {
    this.findings = findings;
    this.layout();
  }

  layout() {
    const area = this.editor.visibleRect();
    Object.assign(this.clip.style, { left: `${area.left}px`, top: `${area.top}px`, width: `${area.width}px`, height: `${area.height}px` });
    const marks = [];
    if (area.width > 0 && area.height > 0) {
      for (const f of this.findings) {
        const color = categoryColor(f.category);
        for (const r of this.editor.rects(f.start, f.end)) {
          const mark = h('div', {
            doc: this.clip.ownerDocument,
            className: f === this.active || f.id === this.active?.id ? 'mark active' : 'mark',
            'data-rule': f.rule,
            'data-category': f.category,
            'data-finding': f.id,
          });
          mark.style.cssText = `left:${r.left - area.left}px;top:${r.top - area.top}px;width:${r.width}px;height:${r.height}px;--c:${color}`;
          marks.push(mark);
        }
      }
    }
    this.clip.replaceChildren(...marks);
  }

  setActive(finding) {
    this.active = finding;
    for (const mark of this.clip.children) mark.classList.toggle('active', Boolean(finding) && mark.dataset.finding === finding.id);
  }

  destroy() {
    this.clip.remove();
  }
}
