// A full disk met by a write nobody catches says so in the status line, once: the app's error
// handler and its unhandled rejections end here.
import { isQuotaExceeded } from '@core/archive/quota'
import { i18n } from '@renderer/i18n'
import { useNotificationsStore } from './notifications'

/**
 * A full disk met by a write nobody catches (an edit in a view) still says so in the status line,
 * once, rather than failing silently. The transaction itself was already rolled back.
 */
export function installQuotaNotice(target: Pick<Window, 'addEventListener'> = window): void {
  target.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    if (!isQuotaExceeded(event.reason)) return
    event.preventDefault()
    showQuotaNotice()
  })
}

/** Pushes the full-disk notice (errors stay until dismissed). */
export function showQuotaNotice(): void {
  const notices = useNotificationsStore()
  const text = i18n.global.t('storage.quotaExceeded')
  if (notices.notices.some((n) => n.text === text)) return
  notices.push({ kind: 'error', text })
}

/** Vue's error handler: a full disk met in a view's handler gets its notice; the rest is logged. */
export function handleAppError(error: unknown): void {
  if (isQuotaExceeded(error)) return showQuotaNotice()
  console.error(error)
}
