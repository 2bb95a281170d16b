// Build-time constants defined in vite.web.config.ts (shared by the desktop and web builds).
declare const __APP_VERSION__: string
