// Undo and redo across the app (Ctrl+Z, Ctrl+Shift+Z): every edit of passages and the codebook
// goes through here as a command, with a translated label for the status line.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { History, type HistoryState } from '@core/archive/history'
import { i18n } from '@renderer/i18n'
import { useNotificationsStore } from './notifications'

export type HistoryLabel =
  | 'createPassage'
  | 'updatePassage'
  | 'deletePassage'
  | 'reattachPassage'
  | 'createTag'
  | 'updateTag'
  | 'mergeTags'
  | 'deleteTag'
  | 'editText'
  | 'createEvent'
  | 'updateEvent'
  | 'deleteEvent'
  | 'linkPassages'
  | 'updateLink'
  | 'unlinkPassage'
  | 'acceptSuggestion'
  | 'createDossier'
  | 'deleteDossier'
  | 'mergeBundle'

export const useHistoryStore = defineStore('history', () => {
  const history = new History()
  const state = ref<HistoryState>(history.state)
  history.subscribe((next) => (state.value = next))
  const t = i18n.global.t

  /** Runs `apply` now and records how to undo it; `reapply` redoes it (defaults to `apply`). */
  async function run(
    label: HistoryLabel,
    apply: () => Promise<void>,
    revert: () => Promise<void>,
    reapply: () => Promise<void> = apply
  ): Promise<void> {
    let first = true
    await history.execute({
      label: t(`history.labels.${label}`),
      do: async () => {
        if (first) {
          first = false
          await apply()
        } else await reapply()
      },
      undo: revert
    })
  }

  async function undo(): Promise<void> {
    const notices = useNotificationsStore()
    const label = history.undoLabel
    if (!(await history.undo()))
      return void notices.push({ kind: 'info', text: t('history.nothingToUndo') })
    notices.push({ kind: 'info', text: t('history.undone', { label: label ?? '' }) })
  }

  async function redo(): Promise<void> {
    const notices = useNotificationsStore()
    const label = history.redoLabel
    if (!(await history.redo()))
      return void notices.push({ kind: 'info', text: t('history.nothingToRedo') })
    notices.push({ kind: 'info', text: t('history.redone', { label: label ?? '' }) })
  }

  return { state, run, undo, redo }
})
