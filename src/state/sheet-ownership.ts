// One tab writes a sheet at a time. The writer holds the sheet's Web Lock; another tab that opens
// the same sheet shows it read-only and can ask, over a BroadcastChannel, to take over: the
// writer saves what it has, lets go, and becomes read-only itself. Without Web Locks (not a
// browser we support) every lock is granted, so every tab writes, as before.
import { holdLock, sheetLockName, type ReleaseLock } from "../persistence/locks.ts";

const CHANNEL = "tensorsheet-sheets";
/** How long a take-over waits for the writer to hand over before taking the lock anyway. */
const HAND_OVER_WAIT_MS = 5_000;

type Message = { readonly type: "take-over"; readonly sheetId: string };

export interface OwnershipHandlers {
  /** Another tab asks for the sheet: finish writing it (resolve when saved). */
  readonly handOver: (sheetId: string) => Promise<void>;
  /** This tab no longer writes the sheet. */
  readonly lost: (sheetId: string) => void;
}

export class SheetOwnership {
  private held: { readonly sheetId: string; readonly release: ReleaseLock } | null = null;
  private readonly channel: BroadcastChannel | null;

  constructor(private readonly handlers: OwnershipHandlers) {
    this.channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
    if (this.channel) this.channel.onmessage = (m: MessageEvent<Message>) => void this.receive(m.data);
  }

  /** The sheet this tab writes, if any. */
  get owned(): string | null {
    return this.held?.sheetId ?? null;
  }

  /** Write `sheetId` from this tab if no other tab does; false if another tab is its writer. */
  async claim(sheetId: string): Promise<boolean> {
    if (this.held?.sheetId === sheetId) return true;
    this.release();
    const release = await holdLock(sheetLockName(sheetId), { ifAvailable: true, lost: () => this.dropped(sheetId) });
    if (release === null) return false;
    this.held = { sheetId, release };
    return true;
  }

  /** Ask the tab writing `sheetId` to hand it over, and write it from here once it has. */
  async takeOver(sheetId: string): Promise<void> {
    if (this.held?.sheetId === sheetId) return;
    this.release();
    const waiting = holdLock(sheetLockName(sheetId), { lost: () => this.dropped(sheetId) });
    this.channel?.postMessage({ type: "take-over", sheetId } satisfies Message);
    // A writer whose page hangs never answers: take the lock from it rather than wait forever.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), HAND_OVER_WAIT_MS)));
    let release = await Promise.race([waiting, late]);
    clearTimeout(timer);
    if (release === null) {
      release = await holdLock(sheetLockName(sheetId), { steal: true, lost: () => this.dropped(sheetId) });
      void waiting.then((r) => r?.());
    }
    this.held = { sheetId, release: release! };
  }

  release(): void {
    const held = this.held;
    this.held = null;
    held?.release();
  }

  private async receive(message: Message): Promise<void> {
    if (message.type !== "take-over" || this.held?.sheetId !== message.sheetId) return;
    const sheetId = message.sheetId;
    try {
      await this.handlers.handOver(sheetId);
    } finally {
      if (this.held?.sheetId === sheetId) {
        this.release();
        this.handlers.lost(sheetId);
      }
    }
  }

  private dropped(sheetId: string): void {
    if (this.held?.sheetId !== sheetId) return;
    this.held = null;
    this.handlers.lost(sheetId);
  }
}
