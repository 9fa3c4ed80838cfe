/**
 * One review in flight per editor: a newer request for the same key aborts the older
 * one, so a slow answer for stale text never lands after a fresh one.
 */

export class ReviewQueue {
  constructor() {
    /** @type {Map<string, AbortController>} */
    this.inFlight = new Map();
  }

  /**
   * Run `task(signal)` for `key`, aborting the previous task for that key.
   * Resolves `{status: 'cancelled'}` when this task is itself superseded.
   */
  async run(key, task) {
    this.inFlight.get(key)?.abort();
    const controller = new AbortController();
    this.inFlight.set(key, controller);
    try {
      return await task(controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return { status: 'cancelled' };
      throw error;
    } finally {
      if (this.inFlight.get(key) === controller) this.inFlight.delete(key);
    }
  }

  /** Abort every request whose key starts with `prefix` (a closed tab). */
  cancelAll(prefix) {
    for (const [key, controller] of this.inFlight) {
      if (key.startsWith(prefix)) {
        controller.abort();
        this.inFlight.delete(key);
      }
    }
  }
}
