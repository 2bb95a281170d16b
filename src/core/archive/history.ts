// Undo and redo for the archive's edits: a stack of commands, each able to do and undo itself.
// Operations run one at a time, so that a quick double Ctrl+Z never undoes two things at once.

export interface Command {
  /** Shown in the UI ("Undo: merge tags"); already translated by whoever makes the command. */
  label: string
  do(): Promise<void>
  undo(): Promise<void>
}

export interface HistoryState {
  canUndo: boolean
  canRedo: boolean
  undoLabel: string | null
  redoLabel: string | null
  busy: boolean
}

export const DEFAULT_HISTORY_LIMIT = 100

export class History {
  private readonly done: Command[] = []
  private readonly undone: Command[] = []
  private queue: Promise<unknown> = Promise.resolve()
  private running = 0
  private readonly listeners = new Set<(state: HistoryState) => void>()

  constructor(private readonly limit = DEFAULT_HISTORY_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`History limit ${limit}`)
  }

  get canUndo(): boolean {
    return this.done.length > 0
  }

  get canRedo(): boolean {
    return this.undone.length > 0
  }

  get undoLabel(): string | null {
    return this.done.at(-1)?.label ?? null
  }

  get redoLabel(): string | null {
    return this.undone.at(-1)?.label ?? null
  }

  /** Labels from the most recent down, for an undo menu or a test. */
  get undoLabels(): string[] {
    return this.done.map((command) => command.label).reverse()
  }

  get redoLabels(): string[] {
    return this.undone.map((command) => command.label).reverse()
  }

  get busy(): boolean {
    return this.running > 0
  }

  get state(): HistoryState {
    return {
      canUndo: this.canUndo,
      canRedo: this.canRedo,
      undoLabel: this.undoLabel,
      redoLabel: this.redoLabel,
      busy: this.busy
    }
  }

  /** Called after every change of the stacks (and of `busy`); returns the unsubscribe. */
  subscribe(listener: (state: HistoryState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Runs a command and records it. A new command clears what could be redone: redoing it on top of
   * a different state would not be the same edit. A command whose `do` throws is not recorded and
   * leaves the redo stack alone, since nothing changed.
   */
  execute(command: Command): Promise<void> {
    return this.serialize(async () => {
      await command.do()
      this.done.push(command)
      if (this.done.length > this.limit) this.done.splice(0, this.done.length - this.limit)
      this.undone.length = 0
    })
  }

  /**
   * Undoes the last command; false when there is none. If its `undo` throws, the command stays on
   * the undo stack (the edit is still in effect as far as anyone knows) and the error is rethrown.
   */
  undo(): Promise<boolean> {
    return this.serialize(async () => {
      const command = this.done.at(-1)
      if (!command) return false
      await command.undo()
      this.done.pop()
      this.undone.push(command)
      return true
    })
  }

  /** Redoes the last undone command; false when there is none. A failure leaves it redoable. */
  redo(): Promise<boolean> {
    return this.serialize(async () => {
      const command = this.undone.at(-1)
      if (!command) return false
      await command.do()
      this.undone.pop()
      this.done.push(command)
      return true
    })
  }

  /** Forgets everything (after the archive is replaced wholesale, say). */
  clear(): Promise<void> {
    return this.serialize(async () => {
      this.done.length = 0
      this.undone.length = 0
    })
  }

  private serialize<T>(operation: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.running += 1
      this.notify()
      try {
        return await operation()
      } finally {
        this.running -= 1
        this.notify()
      }
    }
    const result = this.queue.then(run)
    this.queue = result.catch(() => undefined)
    return result
  }

  private notify(): void {
    const state = this.state
    for (const listener of this.listeners) listener(state)
  }
}
