// Import of files, drops and pasted text: one batch at a time, with progress, cancel and a report.
// The first run loads the sample archive through this same pipeline.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import {
  importBatch,
  type BatchOutcome,
  type BatchProgress,
  type BatchReport
} from '@core/archive/import-batch'
import { importSource } from '@core/import/import'
import type { ImportSource } from '@core/import/types'
import { archive } from '@renderer/db'
import { browserImportEnvironment } from '@renderer/services/import-environment'
import { useArchiveStore } from './archive'

export const useImportStore = defineStore('import', () => {
  const progress = ref<BatchProgress | null>(null)
  const report = shallowRef<BatchReport | null>(null)
  /** A newer version the user chose to review (from the report). */
  const review = shallowRef<{ articleId: string; text: string } | null>(null)
  let controller: AbortController | null = null

  const running = (): boolean => progress.value !== null

  /**
   * Imports files in order. `titles` gives the title a user typed for a source (pasted text),
   * which wins over the title derived from the text.
   */
  async function run(
    sources: ImportSource[],
    { quiet = false, titles = new Map<ImportSource, string>() } = {}
  ): Promise<BatchReport> {
    if (running()) throw new Error('An import is already running')
    const env = await browserImportEnvironment()
    controller = new AbortController()
    progress.value = { done: 0, total: sources.length, current: sources[0]?.name ?? '' }
    const archiveStore = useArchiveStore()
    const { importJournal, settings } = archive()
    const limits = await settings.get('scanLimits')
    const signal = controller.signal
    try {
      // The journal says which files of the batch are stored, if the window closes before the end.
      await importJournal.start(sources.map((source) => source.name))
      const result = await importBatch(sources, {
        parse: async (source, onPage) => {
          const imported = await importSource(source, env, { limits, signal, onPage })
          const title = titles.get(source)
          return title ? { ...imported, meta: { ...imported.meta, title } } : imported
        },
        store: (imported, index) => archive().articles.add(imported, index),
        // Files stored in groups, one transaction each (a failing group file by file).
        storeGroup: (items) => archive().articles.addMany(items),
        findPrevious: (imported) => archive().articles.findPreviousVersion(imported),
        onProgress: (p) => (progress.value = p),
        signal
      })
      if (!quiet) report.value = result
      return result
    } finally {
      progress.value = null
      controller = null
      await importJournal.clear().catch(() => undefined)
      await archiveStore.refresh()
    }
  }

  /**
   * At start-up: a journal left behind is an import the app did not see to its end (the window
   * was closed or the page killed). Shows its report — what was stored, what was not — and closes
   * the journal. Returns that report, if any.
   */
  async function reportInterrupted(): Promise<BatchReport | null> {
    const { importJournal, articles } = archive()
    const journal = await importJournal.read()
    if (!journal) return null
    const { header, done } = journal
    const stored = await articles.bulkGet(done.map((d) => d.articleId))
    const outcomes: BatchOutcome[] = []
    const storedIndexes = new Set<number>()
    done
      .map((d, i) => ({ ...d, article: stored[i] }))
      .sort((a, b) => a.index - b.index)
      .forEach(({ index, article }) => {
        if (!article) return
        storedIndexes.add(index)
        outcomes.push({ status: 'imported', name: header.names[index] ?? '', article })
      })
    const notImported = header.names.filter((_, index) => !storedIndexes.has(index))
    const result: BatchReport = {
      outcomes,
      cancelled: false,
      notImported,
      interrupted: { startedAt: header.startedAt, total: header.total }
    }
    report.value = result
    await importJournal.clear()
    return result
  }

  function cancel(): void {
    controller?.abort()
  }

  function closeReport(): void {
    report.value = null
  }

  /** On first run (empty archive, sample never offered), imports the sample archive. */
  async function loadSampleIfFirstRun(readSample: () => Promise<ImportSource[]>): Promise<void> {
    const { settings, articles } = archive()
    if ((await settings.get('sampleLoaded')) || (await articles.count()) > 0) return
    await run(await readSample(), { quiet: true })
    await settings.set('sampleLoaded', true)
  }

  return {
    progress,
    report,
    review,
    run,
    cancel,
    closeReport,
    loadSampleIfFirstRun,
    reportInterrupted
  }
})
