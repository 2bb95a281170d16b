// The loopback port of the team server the e2e sync tests start: the harness build's CSP names it
// in connect-src (bench/vite.bench.config.ts), as a team's web build names its server.
export const E2E_COUCH_PORT = Number(process.env.LIASSE_E2E_COUCH_PORT ?? 59841)
