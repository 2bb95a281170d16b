// Short messages for the status line (saved, deleted, errors), each with an optional action.
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Notice {
  id: number
  kind: 'info' | 'error'
  text: string
  action?: { label: string; run: () => void | Promise<void> }
}

export const useNotificationsStore = defineStore('notifications', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function push(
    notice: Omit<Notice, 'id'>,
    timeoutMs = notice.kind === 'error' ? 0 : 8000
  ): number {
    const id = nextId++
    // A plain message replaces the previous plain ones: the line shows what just happened.
    // Errors and messages carrying an action (Undo) stay until they time out or are dismissed.
    const kept =
      notice.kind === 'info' && !notice.action
        ? notices.value.filter((n) => n.kind !== 'info' || n.action)
        : notices.value
    notices.value = [...kept, { ...notice, id }]
    if (timeoutMs > 0) setTimeout(() => dismiss(id), timeoutMs)
    return id
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((notice) => notice.id !== id)
  }

  return { notices, push, dismiss }
})
