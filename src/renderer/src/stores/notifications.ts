// Short messages for the status line (saved, deleted, errors), each with an optional action.
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Notice {
  id: number
  kind: 'info' | 'error'
  text: string
  action?: { label: string; run: () => void | Promise<void> }
}

/** Notices with an action (Undo) shown at once; older ones give way to newer ones. */
export const MAX_ACTIONS = 3

export const useNotificationsStore = defineStore('notifications', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function push(
    notice: Omit<Notice, 'id'>,
    timeoutMs = notice.kind === 'error' ? 0 : 8000
  ): number {
    const id = nextId++
    // A plain message replaces the previous plain ones: the line shows what just happened.
    // Errors and messages carrying an action (Undo) stay until they time out or are dismissed,
    // but only the newest few actions are shown: ten deletes in a row must not bury the screen
    // (older ones stay undoable with Ctrl+Z).
    let kept =
      notice.kind === 'info' && !notice.action
        ? notices.value.filter((n) => n.kind !== 'info' || n.action)
        : notices.value
    if (notice.action) {
      const actions = kept.filter((n) => n.action)
      const dropped = new Set(actions.slice(0, Math.max(0, actions.length - (MAX_ACTIONS - 1))))
      kept = kept.filter((n) => !dropped.has(n))
    }
    notices.value = [...kept, { ...notice, id }]
    if (timeoutMs > 0) setTimeout(() => dismiss(id), timeoutMs)
    return id
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((notice) => notice.id !== id)
  }

  return { notices, push, dismiss }
})
