/**
 * One editor under review: reads the draft as it changes, asks for a review a moment
 * after the writer pauses, keeps findings in step with typing, and wires the
 * underlines, the badge and the card to the editor.
 */

import { diffText, endsSentence, rebaseFindings, planReplacement, planFixAll } from './text/edits.js';
import { HighlightPainter, supportsHighlights } from './ui/highlight-painter.js';
import { OverlayPainter } from './ui/overlay-painter.js';
import { Badge, countByCategory } from './ui/badge.js';
import { Disconnected } from './messaging.js';
import { bindEditorInput } from './editor-input.js';
import { startMeasure } from './perf.js';
import { category } from '../shared/categories.js';

const MAX_SUGGESTIONS = 3;
let sessionCount = 0;

export class EditorSession {
  /**
   * @param {{editor: object, ui: import('./ui/ui-root.js').UiRoot, client: typeof import('./messaging.js').client,
   *          debounceMs: number, sentenceEndMs: number, onRuleDisabled: (rule: string) => void}} options
   */
  constructor({ editor, ui, client, debounceMs, sentenceEndMs = debounceMs, onRuleDisabled }) {
    this.id = `e${++sessionCount}`;
    this.editor = editor;
    this.ui = ui;
    this.client = client;
    this.debounceMs = debounceMs;
    this.sentenceEndMs = sentenceEndMs;
    this.onRuleDisabled = onRuleDisabled;
    this.text = '';
    this.findings = [];
    this.summary = null;
    this.status = 'idle';
    this.detail = '';
    this.dismissed = new Set();
    this.disabledRules = new Set();
    this.seq = 0;
    this.findingCount = 0;
    this.reviewTimer = 0;
    this.frame = 0;
    this.renderPending = false;
    this.layoutPending = false;
    this.placed = false;
    this.drawCount = 0;
    this.announced = '';
    this.cleanups = [];
    this.destroyed = false;
    this.layer = ui.createLayer();
    this.painter = this.createPainter();
    this.badge = new Badge(ui, this, this.layer);
  }

  /** Highlights where the editor's window has them, overlay boxes otherwise. */
  createPainter() {
    if (this.editor.kind === 'contenteditable' && supportsHighlights(this.editor.win)) {
      try {
        return new HighlightPainter(this.editor);
      } catch (error) {
        console.warn('[tactful] highlights unavailable, drawing overlay underlines', error);
      }
    }
    return new OverlayPainter(this.editor, this.layer);
  }

  start() {
    const el = this.editor.element;
    this.cleanups.push(this.editor.observe(() => this.contentChanged()));
    bindEditorInput(this);
    if (this.editor.win !== this.ui.win) {
      this.listen(this.editor.win, 'scroll', () => this.scheduleLayout(), { capture: true, passive: true });
    }
    const resize = new ResizeObserver(() => this.scheduleLayout());
    resize.observe(el);
    this.cleanups.push(() => resize.disconnect());
    this.text = this.editor.read().text;
    this.scheduleRender();
    if (this.text.trim()) this.scheduleReview(0);
  }

  listen(target, type, handler, options) {
    target.addEventListener(type, handler, options);
    this.cleanups.push(() => target.removeEventListener(type, handler, options));
  }

  /** The editor changed (typing, an applied suggestion, the site itself). */
  contentChanged() {
    const done = startMeasure('tactful:keystroke');
    if (this.ui.card.session === this && !this.ui.shadowHasFocus()) this.ui.card.close(); // the writer is typing
    this.sync();
    this.scheduleRender();
    done();
  }

  /** Read the draft and move findings along with whatever changed since the last read. */
  sync() {
    const text = this.editor.read().text;
    const edit = diffText(this.text, text);
    if (!edit) return;
    this.findings = rebaseFindings(this.findings, edit);
    this.text = text;
    // A finished sentence is reviewed at once; mid-sentence, after a short pause. A review still
    // in flight for older text is cancelled by the next one (the background's review queue).
    this.scheduleReview(endsSentence(text, edit) ? this.sentenceEndMs : this.debounceMs);
  }

  scheduleReview(delay = this.debounceMs) {
    clearTimeout(this.reviewTimer);
    this.reviewTimer = setTimeout(() => this.review(), delay);
  }

  async review() {
    clearTimeout(this.reviewTimer);
    const text = this.text;
    const seq = ++this.seq;
    if (!text.trim()) {
      this.setResult('idle', [], null);
      return;
    }
    this.status = this.status === 'ok' || this.status === 'idle' ? 'busy' : this.status;
    this.scheduleRender();
    let reply;
    try {
      reply = await this.client.review(this.id, text);
    } catch (error) {
      if (error instanceof Disconnected) return this.destroy();
      reply = { status: 'error', detail: String(error?.message ?? error) };
    }
    if (this.destroyed || seq !== this.seq || !reply || reply.status === 'cancelled') return;
    if (reply.status !== 'ok') {
      this.setResult(reply.status, [], null, reply.detail);
      return;
    }
    const done = startMeasure('tactful:apply-review');
    // The writer may have typed while the server worked: move findings onto the current text.
    const findings = rebaseFindings(this.localFindings(reply.findings, text), diffText(text, this.text));
    this.setResult('ok', findings, reply.summary ?? null);
    done();
  }

  /**
   * Server findings as this session keeps them: [start, end) offsets and a local id. A
   * finding already shown (same rule, words and place) keeps its id, so a review that lands
   * while its card is open leaves the card open.
   */
  localFindings(findings, text) {
    const shown = new Map(text === this.text ? this.findings.map((f) => [`${f.key}\u0000${f.start}`, f.id]) : []);
    const out = [];
    for (const f of findings ?? []) {
      const start = f.offset;
      const end = f.offset + f.length;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || end <= start) continue;
      const key = `${f.rule}\u0000${text.slice(start, end)}`;
      if (this.dismissed.has(key) || this.disabledRules.has(f.rule)) continue;
      out.push({
        id: shown.get(`${key}\u0000${start}`) ?? `${this.id}-${++this.findingCount}`,
        key,
        rule: String(f.rule),
        category: String(f.category ?? ''),
        severity: String(f.severity ?? ''),
        message: String(f.message ?? ''),
        rationale: String(f.rationale ?? ''),
        suggestions: (Array.isArray(f.suggestions) ? f.suggestions : [])
          .filter((s) => typeof s?.replacement === 'string')
          .slice(0, MAX_SUGGESTIONS)
          .map((s) => ({ replacement: s.replacement, label: String(s.label ?? '') })),
        start,
        end,
      });
    }
    return out;
  }

  setResult(status, findings, summary, detail = '') {
    const wasReachable = this.status !== 'offline' && this.status !== 'unauthorized' && this.status !== 'error';
    this.status = status;
    this.detail = detail;
    this.findings = findings;
    this.summary = summary;
    this.scheduleRender();
    if (status === 'ok') this.announce(this.describe());
    else if (status !== 'idle' && wasReachable) this.announce('Tactful cannot review this draft right now.');
  }

  describe() {
    if (this.findings.length === 0) return 'Tactful: no findings.';
    const list = countByCategory(this.findings).map(([id, n]) => `${n} ${category(id).label}`).join(', ');
    return `Tactful: ${this.findings.length} ${this.findings.length === 1 ? 'finding' : 'findings'}, ${list}.`;
  }

  announce(text) {
    if (text === this.announced) return;
    this.announced = text;
    this.ui.announce(text);
  }

  // --- drawing -------------------------------------------------------------

  /** Findings or status changed: redraw underlines and the badge's content. */
  scheduleRender() {
    this.renderPending = true;
    this.scheduleFrame();
  }

  /** Geometry changed (scroll, resize): move underlines, badge and card. */
  scheduleLayout() {
    this.layoutPending = true;
    this.scheduleFrame();
  }

  scheduleFrame() {
    if (this.frame || this.destroyed) return;
    this.frame = this.ui.win.requestAnimationFrame(() => {
      this.frame = 0;
      this.flushLayout();
    });
  }

  /**
   * Draw what is pending. A render after typing measures nothing in the page (the
   * highlights follow the text by themselves), so it forces no layout; only geometry
   * changes, an overlay or an open card read positions.
   */
  flushLayout() {
    if (this.destroyed) return;
    const done = startMeasure(this.renderPending ? 'tactful:render' : 'tactful:layout');
    this.drawCount++;
    const render = this.renderPending;
    const layout = this.layoutPending || !this.placed;
    this.renderPending = false;
    this.layoutPending = false;
    if (render) {
      this.painter.paint(this.findings);
      this.badge.update({ status: this.status, findings: this.findings, score: this.summary?.score, detail: this.detail });
      this.ui.panel.refresh(this);
    } else if (layout) {
      this.painter.layout();
    }
    if (layout || this.badge.changedSize()) {
      this.badge.position(this.editor.visibleRect());
      this.placed = true;
    }
    this.ui.card.refresh(this);
    done();
  }

  rectsFor(finding) {
    return this.editor.rects(finding.start, finding.end);
  }

  restoreFocus(caret) {
    this.editor.focus();
    if (caret !== null && caret !== undefined) {
      this.editor.read();
      this.editor.select(caret, caret);
    }
  }

  // --- actions ------------------------------------------------------------------

  /** Apply suggestion `index` of `finding` through the editor's own input path. */
  apply(finding, index) {
    this.sync();
    const current = this.findings.find((f) => f.id === finding.id);
    const suggestion = current?.suggestions[index];
    this.ui.card.close();
    if (!suggestion) return;
    this.findings = this.findings.filter((f) => f !== current);
    this.editor.replace(planReplacement(current, suggestion, this.text));
    this.contentChanged();
    this.client.feedback(current.rule, 'applied');
  }

  /** Apply every finding's first suggestion, last first so earlier offsets hold. */
  fixAll() {
    this.sync();
    const plans = planFixAll(this.findings, this.text);
    this.ui.panel.close();
    for (const { finding, plan } of plans) {
      this.findings = this.findings.filter((f) => f !== finding);
      this.editor.replace(plan);
      this.sync();
      this.client.feedback(finding.rule, 'applied');
    }
    this.scheduleRender();
    this.announce(`Tactful applied ${plans.length} ${plans.length === 1 ? 'suggestion' : 'suggestions'}.`);
  }

  /** Hide `finding` for the rest of this draft. */
  dismiss(finding) {
    this.dismissed.add(finding.key);
    this.findings = this.findings.filter((f) => f.key !== finding.key);
    this.ui.card.close({ restoreFocus: this.ui.shadowHasFocus() });
    this.scheduleRender();
    this.client.feedback(finding.rule, 'dismissed');
  }

  /** Turn `finding`'s rule off for this user, everywhere. */
  disableRule(finding) {
    this.ui.card.close({ restoreFocus: this.ui.shadowHasFocus() });
    this.onRuleDisabled(finding.rule);
    this.client.disableRule(finding.rule);
  }

  removeRule(rule) {
    this.disabledRules.add(rule);
    this.findings = this.findings.filter((f) => f.rule !== rule);
    this.scheduleRender();
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.reviewTimer);
    this.ui.win.cancelAnimationFrame(this.frame);
    for (const cleanup of this.cleanups) cleanup();
    this.ui.forget(this);
    this.painter.destroy();
    this.badge.destroy();
    this.editor.destroy?.();
    this.layer.remove();
  }
}
