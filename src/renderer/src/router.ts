// Hash routes, so that the same build works from file:// in Electron and from a web server.
import { createRouter, createWebHashHistory } from 'vue-router'
import LibraryView from './features/library/LibraryView.vue'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'library', component: LibraryView },
    {
      path: '/article/:id',
      name: 'article',
      component: () => import('./features/reader/ReaderView.vue'),
      props: true
    },
    {
      path: '/settings',
      name: 'settings',
      component: () => import('./features/settings/SettingsView.vue')
    }
  ]
})
