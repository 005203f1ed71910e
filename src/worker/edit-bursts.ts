/**
 * When the pass an edit starts may begin. An edit on its own (more than BURST_MS after the one
 * before) is evaluated at once: that is the latency people feel. Edits closer together (quick
 * commits, undo held down) are a burst, and the pass waits until they pause for about one and a
 * half of their spacing, so a burst of three pays for about one evaluation however fast or slow
 * the hands (or the machine) that make it. An edit landing while a pass runs also waits a little:
 * it came faster than the sheet evaluates.
 */
const BURST_MS = 1000;
const MIN_QUIET_MS = 150;
const MAX_QUIET_MS = 600;

export class EditBursts {
  private lastEditAt = -Infinity;
  private quietMs = 0;

  noteEdit(now: number, passRunning: boolean): void {
    const gap = now - this.lastEditAt;
    this.lastEditAt = now;
    const inBurst = gap < BURST_MS;
    this.quietMs = inBurst ? Math.min(MAX_QUIET_MS, Math.max(MIN_QUIET_MS, 1.5 * gap)) : passRunning ? MIN_QUIET_MS : 0;
  }

  /** The wait before the next pass starts; a pass not started by an edit waits for nothing. */
  takeQuietMs(): number {
    const q = this.quietMs;
    this.quietMs = 0;
    return q;
  }
}
