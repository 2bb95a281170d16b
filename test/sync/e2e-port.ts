// The loopback ports of the team servers the e2e sync tests start: the harness build's CSP names
// them in connect-src (bench/vite.bench.config.ts), as a team's web build names its server. One
// per spec file that starts a server, so that the files can run in two Playwright workers at once.
export const E2E_COUCH_PORT = Number(process.env.LIASSE_E2E_COUCH_PORT ?? 59841)
/** e2e/web/sync-recovery.spec.ts's server (kills and restarts it). */
export const E2E_COUCH_PORT_RECOVERY = Number(process.env.LIASSE_E2E_COUCH_PORT_RECOVERY ?? 59842)
