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
      path: '/timeline',
      name: 'timeline',
      component: () => import('./features/events/TimelineView.vue')
    },
    {
      path: '/event/:id',
      name: 'event',
      component: () => import('./features/events/EventView.vue'),
      props: true
    },
    {
      path: '/sources',
      name: 'matrix',
      component: () => import('./features/events/MatrixView.vue')
    },
    {
      path: '/suggestions',
      name: 'suggestions',
      component: () => import('./features/events/SuggestionsView.vue')
    },
    {
      path: '/dossiers',
      name: 'dossiers',
      component: () => import('./features/dossier/DossiersView.vue')
    },
    {
      path: '/dossier/:id',
      name: 'dossier',
      component: () => import('./features/dossier/DossierView.vue'),
      props: true
    },
    {
      path: '/search',
      name: 'search',
      component: () => import('./features/search/SearchView.vue')
    },
    {
      path: '/trash',
      name: 'trash',
      component: () => import('./features/trash/TrashView.vue')
    },
    {
      path: '/conflicts',
      name: 'conflicts',
      component: () => import('./features/sync/ConflictsView.vue')
    },
    {
      path: '/settings',
      name: 'settings',
      component: () => import('./features/settings/SettingsView.vue')
    }
  ]
})
