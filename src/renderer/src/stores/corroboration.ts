// Corroboration as the UI sees it: the events × sources matrix (by outlet or by article), the
// repeats (wire copies, near-identical texts) counted once, and a summary per event.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  corroborationMatrix,
  type MatrixCell,
  type Repeat,
  type RepeatGroup,
  type SourceGrouping
} from '@core/timeline/corroboration'
import type { TimelineEvent } from '@core/timeline/types'
import { archive } from '@renderer/db'
import { onArchiveChange } from '@renderer/db/change-feed'
import type { AnalysisProgress } from '@renderer/services/analysis/analysis-protocol'
import { startAnalysis } from '@renderer/services/analysis/analysis-runner'
import { JobCancelled } from '@renderer/services/worker-job'
import { i18n } from '@renderer/i18n'
import { useArchiveStore } from './archive'
import { useEventsStore } from './events'
import { usePassagesStore } from './passages'

export interface EventSummary {
  supporting: number
  contradicting: number
  singleSource: boolean
  /** Why some linked articles were counted with another one. */
  repeats: string[]
}

const EMPTY: EventSummary = { supporting: 0, contradicting: 0, singleSource: false, repeats: [] }

export const useCorroborationStore = defineStore('corroboration', () => {
  const by = ref<SourceGrouping>('outlet')
  const repeats = shallowRef<RepeatGroup[]>([])
  const archiveStore = useArchiveStore()
  const events = useEventsStore()
  const passages = usePassagesStore()

  /** Progress of the repeats detection, while it runs in the analysis worker. */
  const repeatsProgress = ref<AnalysisProgress | null>(null)
  let detecting: Promise<void> | null = null
  let again = false
  let haveGroups = false

  // One run at a time, in the analysis worker: the saved prints are brought up to date from the
  // change log (only the articles written since are read; the first run ever reads every text),
  // and the groups come back when they may have changed. Writes during a run call for one more.
  async function runOnce(): Promise<void> {
    const run = startAnalysis(
      { type: 'repeats', database: archive().db.name, haveGroups },
      (progress) => (repeatsProgress.value = progress.total > 0 ? progress : null)
    )
    try {
      const result = await run.result
      if (result.changed || !haveGroups) repeats.value = result.groups
      haveGroups = true
    } catch (error) {
      if (!(error instanceof JobCancelled)) throw error
    } finally {
      repeatsProgress.value = null
    }
  }

  function detectRepeats(): Promise<void> {
    if (detecting) {
      again = true
      return detecting
    }
    detecting = (async () => {
      do {
        again = false
        await runOnce()
      } while (again)
    })().finally(() => (detecting = null))
    return detecting
  }

  // Repeats depend on the texts, and on an article's author, dates and source name: a write to
  // either table calls for a run (the worker reads the written articles alone, and tells when
  // nothing that matters changed, as after a title edit). An import batch's writes come together.
  void detectRepeats()
  let pending: ReturnType<typeof setTimeout> | undefined
  onArchiveChange((changes) => {
    if (!changes.some((c) => c.table === 'articleTexts' || c.table === 'articles')) return
    clearTimeout(pending)
    pending = setTimeout(() => void detectRepeats(), 300)
  })

  const raw = computed(() =>
    corroborationMatrix(events.events, events.links, passages.passages, archiveStore.articles, {
      by: by.value,
      repeats: repeats.value
    })
  )

  function describe(repeat: Repeat): string {
    const title = (id: string): string => archiveStore.byId.get(id)?.title ?? id
    return i18n.global.t(`matrix.repeat.${repeat.kind}`, {
      article: title(repeat.articleId),
      of: title(repeat.of),
      similarity: Math.round(repeat.similarity * 100),
      wires: repeat.wires.join(', ')
    })
  }

  const matrix = computed(() => ({
    columns: raw.value.sources.map((source) => ({
      key: source.key,
      label: source.label,
      unknownOutlet: source.unknownOutlet,
      outlet: source.outlet
    })),
    rows: raw.value.rows.flatMap((row) => {
      const event = events.byId.get(row.eventId)
      return event
        ? [
            {
              event: event as TimelineEvent,
              cells: row.cells as Map<string, MatrixCell>,
              supporting: row.supporting,
              contradicting: row.contradicting,
              singleSource: row.singleSource
            }
          ]
        : []
    }),
    repeats: repeats.value.flatMap((group) => group.repeats.map(describe))
  }))

  function summaryOf(eventId: string): EventSummary {
    const row = raw.value.byEvent.get(eventId)
    if (!row) return EMPTY
    return {
      supporting: row.supporting,
      contradicting: row.contradicting,
      singleSource: row.singleSource,
      repeats: [...row.supportingSources, ...row.contradictingSources].flatMap((s) =>
        s.repeats.map(describe)
      )
    }
  }

  return { by, matrix, summaryOf, repeats, repeatsProgress }
})
