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
import type { AnalysisProgress, RepeatsResult } from '@renderer/services/analysis/analysis-protocol'
import { startAnalysis } from '@renderer/services/analysis/analysis-runner'
import { RepeatInputs } from '@renderer/services/analysis/repeat-inputs'
import { JobCancelled, type RunningJob } from '@renderer/services/worker-job'
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
  let detecting: RunningJob<RepeatsResult> | null = null
  const inputs = new RepeatInputs()

  async function detectRepeats(): Promise<void> {
    detecting?.cancel()
    const run = startAnalysis(
      { type: 'repeats', database: archive().db.name },
      (progress) => (repeatsProgress.value = progress)
    )
    detecting = run
    try {
      const result = await run.result
      repeats.value = result.groups
      inputs.replace(result.inputs)
    } catch (error) {
      if (!(error instanceof JobCancelled)) throw error
    } finally {
      if (detecting === run) {
        detecting = null
        repeatsProgress.value = null
      }
    }
  }

  // Repeats depend on the texts, and on an article's author, dates and source name: found again,
  // off the UI thread, when a write changes a text, or one of those fields (the written articles
  // alone are read to tell; a title edit is not enough). The writes of one import batch come
  // together, and a newer run cancels one still going; a write while a run reads is not missed.
  void detectRepeats()
  let pending: ReturnType<typeof setTimeout> | undefined
  const schedule = (): void => {
    clearTimeout(pending)
    pending = setTimeout(() => void detectRepeats(), 300)
  }
  onArchiveChange((changes) => {
    if (changes.some((c) => c.table === 'articleTexts')) return schedule()
    const articles = changes.find((c) => c.table === 'articles')
    if (!articles) return
    if (detecting) return schedule()
    void inputs.changed(archive().db, articles.keys).then((changed) => {
      if (changed) schedule()
    })
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
