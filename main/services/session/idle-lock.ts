import type { LockState } from '../../../shared/bridge/contract';

const CHECK_EVERY_MS = 5_000;

/**
 * Locks the app after a stretch without input, as an unattended laptop in a shelter must not show
 * client records to whoever walks by. Only the person's input counts as activity (the renderer
 * reports it); background syncing does not keep the app open.
 */
export class IdleLock {
  private lastActivity = Date.now();
  private locked = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private idleMs: number,
    private readonly onChange: (state: LockState) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.lastActivity = this.now();
    this.timer = setInterval(() => this.check(), Math.min(CHECK_EVERY_MS, this.idleMs));
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  get state(): LockState {
    return { locked: this.locked, idleMinutes: Math.round(this.idleMs / 60_000) };
  }

  get isLocked(): boolean {
    return this.locked;
  }

  setIdleMs(idleMs: number): void {
    this.idleMs = idleMs;
    if (this.timer) {
      this.stop();
      this.timer = setInterval(() => this.check(), Math.min(CHECK_EVERY_MS, this.idleMs));
    }
  }

  activity(): void {
    if (!this.locked) this.lastActivity = this.now();
  }

  unlock(): void {
    this.locked = false;
    this.lastActivity = this.now();
    this.onChange(this.state);
  }

  check(): void {
    if (this.locked || this.now() - this.lastActivity < this.idleMs) return;
    this.locked = true;
    this.onChange(this.state);
  }
}
