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
      path: '/codebook',
      name: 'codebook',
      component: () => import('./features/codebook/CodebookView.vue')
    },
    {
      path: '/passages',
      name: 'passages',
      component: () => import('./features/passages/PassagesView.vue')
    },
    {
      path: '/settings',
      name: 'settings',
      component: () => import('./features/settings/SettingsView.vue')
    }
  ]
})
