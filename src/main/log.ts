// The main process log: one prefixed line per event on stderr, where Electron's own messages go
// and where a user can capture them (`liasse 2> log.txt`) when reporting a problem.
export interface Log {
  info(message: string): void
  warn(message: string, detail?: unknown): void
}

export function createLog(scope: string): Log {
  const line = (level: string, message: string): string =>
    `${new Date().toISOString()} ${level} [${scope}] ${message}`
  return {
    info: (message) => console.error(line('info', message)),
    // Only the detail's message and code are logged: request bodies may hold the user's text.
    warn: (message, detail) =>
      console.error(line('warn', detail === undefined ? message : `${message} ${describe(detail)}`))
  }
}

function describe(detail: unknown): string {
  if (detail instanceof Error) {
    const code = (detail as { code?: unknown }).code
    return `${detail.name}${typeof code === 'string' ? ` ${code}` : ''}: ${detail.message}`
  }
  return JSON.stringify(detail)
}
