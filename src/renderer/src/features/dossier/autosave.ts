// Saving as one edits: a moment after the last edit, one write at a time, and an honest
// "saved" that never shows while an edit is still waiting to be written.

export class Autosave {
  private timer: ReturnType<typeof setTimeout> | undefined
  private chain: Promise<void> = Promise.resolve()
  /** Bumped by every edit: a write only reports "saved" if no edit came after it started. */
  private edits = 0

  /**
   * `write` saves the record as it is when it runs (and reports its own errors); `onSaving`
   * hears true on the first edit not yet written and false once everything is.
   */
  constructor(
    private readonly write: () => Promise<void>,
    private readonly onSaving: (saving: boolean) => void,
    private readonly delay = 400
  ) {}

  /** An edit: written once `delay` ms pass without another. */
  changed(): void {
    this.edits += 1
    this.onSaving(true)
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.save(), this.delay)
  }

  /** Writes now what waits for its timer (the page is left, closed or reloaded). */
  flush(): Promise<void> {
    if (this.timer === undefined) return this.chain
    clearTimeout(this.timer)
    return this.save()
  }

  private async save(): Promise<void> {
    this.timer = undefined
    const started = this.edits
    // `write` reports its own errors; one that throws anyway must not stop the writes after it.
    this.chain = this.chain.then(() => this.write()).catch(() => undefined)
    await this.chain
    if (this.edits === started && this.timer === undefined) this.onSaving(false)
  }
}
