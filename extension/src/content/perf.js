/**
 * User Timing measures around Tactful's own work (per keystroke, per render), readable
 * by the end-to-end test through `performance.getEntriesByName('tactful:keystroke')`.
 * The start is a timestamp, not a mark, so one entry is written per measure and the
 * cost of writing it falls outside the measured span. Old entries are cleared so a
 * long session does not grow the timeline.
 */

const KEEP = 2000;
const counts = new Map();

/** Start timing `name`; call the returned function when the work is done. */
export function startMeasure(name) {
  const start = performance.now();
  return () => {
    const end = performance.now();
    try {
      performance.measure(name, { start, end });
      const n = (counts.get(name) ?? 0) + 1;
      counts.set(name, n > KEEP ? 0 : n);
      if (n > KEEP) performance.clearMeasures(name);
    } catch {
      // timing is best effort
    }
  };
}
