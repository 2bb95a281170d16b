// Who answers the Find command (Ctrl+F, the Edit › Find… menu): the view on screen may take it
// (the reader opens its find bar); when none does, the app focuses the library filter.

/** Returns false when the view cannot find after all (its content is missing). */
type FindHandler = () => boolean

let current: FindHandler | null = null

/** Makes `handler` answer Find until the returned function is called (on unmount). */
export function takeFindCommand(handler: FindHandler): () => void {
  current = handler
  return () => {
    if (current === handler) current = null
  }
}

/** Runs the view's Find if one is registered; false when the app should do its own. */
export function runFindCommand(): boolean {
  return current?.() ?? false
}
