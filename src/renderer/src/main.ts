// Renderer entry: Vue with Pinia, the router and i18n, mounted on #app.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { handleAppError, installQuotaNotice } from './stores/quota-notice'
import { cleanUpArchives } from './db/active-archive'
import './styles.css'

const app = createApp(App).use(createPinia()).use(i18n).use(router)
// A full disk met by an edit anywhere says so in the status line (the write was rolled back).
app.config.errorHandler = handleAppError
installQuotaNotice()
// Databases a restore replaced (once its session is over) or an undone restore left behind.
void cleanUpArchives().catch((error: unknown) => console.warn('Archive clean-up failed', error))
app.mount('#app')
