// Bench harness, not part of the app: TimelineAxis alone with generated events, for
// bench/timeline.browser-bench.ts (bench/web/bench-timeline.html in the harness build).
// `?n=5000` (the default) or `?n=0` for the empty baseline. The events are deterministic: mixed
// precisions over 2014–2018, with source counts adding up to 50,000 links (the links themselves
// play no part in drawing the axis, only their count per event does).
import { createApp, defineComponent, h, nextTick, ref } from 'vue'
import TimelineAxis, {
  type TimelineAxisEvent
} from '../../src/renderer/src/features/timeline/TimelineAxis.vue'
import { i18n } from '../../src/renderer/src/i18n'
import '../../src/renderer/src/styles.css'
import { generator as random } from '../synthetic/archive'

const LINKS = 50_000
const FROM = Date.UTC(2014, 0, 1)
const TO = Date.UTC(2019, 0, 1)
const DAY = 86_400_000

const WORDS = ['Sommet', 'Grève', 'Vote', 'Accord', 'Procès', 'Manifestation', 'Rapport', 'Crue']
const PLACES = ['Paris', 'Lyon', 'Bruxelles', 'Genève', 'Marseille', 'Lille', 'Nantes']

function generateEvents(count: number): TimelineAxisEvent[] {
  const next = random(20161021)
  const events: TimelineAxisEvent[] = []
  for (let i = 0; i < count; i++) {
    const day = FROM + Math.floor(next() * ((TO - FROM) / DAY)) * DAY
    const date = new Date(day)
    const kind = next()
    let interval: [number, number]
    let precision: TimelineAxisEvent['precision'] = 'day'
    if (kind < 0.03) {
      precision = 'year'
      interval = [Date.UTC(date.getUTCFullYear(), 0, 1), Date.UTC(date.getUTCFullYear() + 1, 0, 1)]
    } else if (kind < 0.17) {
      precision = 'month'
      const y = date.getUTCFullYear()
      const m = date.getUTCMonth()
      interval = [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1)]
    } else if (kind < 0.2) {
      interval = [day, day + (2 + Math.floor(next() * 20)) * DAY]
    } else if (kind < 0.28) {
      // A time with its zone: placed as that minute.
      const minute = day + Math.floor(next() * 1440) * 60_000
      interval = [minute, minute + 60_000]
    } else interval = [day, day + DAY]
    const status = next()
    events.push({
      id: `ev-${i}`,
      title: `${WORDS[i % WORDS.length]} ${PLACES[(i * 7) % PLACES.length]} n° ${i}`,
      interval,
      approximate: next() < 0.12,
      precision,
      sourceCount: 1 + Math.floor(next() * 19),
      singleSource: false,
      status: status < 0.6 ? 'confirmed' : status < 0.75 ? 'disputed' : 'unverified'
    })
  }
  // Bring the total to exactly LINKS links.
  let total = events.reduce((sum, event) => sum + event.sourceCount, 0)
  for (let i = 0; count && total !== LINKS; i = (i + 1) % count) {
    const event = events[i]!
    if (total < LINKS) {
      event.sourceCount++
      total++
    } else if (event.sourceCount > 1) {
      event.sourceCount--
      total--
    }
  }
  for (const event of events) event.singleSource = event.sourceCount === 1 || next() < 0.04
  return events
}

const count = Number(new URLSearchParams(location.search).get('n') ?? 5000)
const events = Object.freeze(generateEvents(count))

const Bench = defineComponent({
  setup() {
    const selected = ref<string | null>(null)
    const opened = ref('')
    return () =>
      h('main', { style: 'padding: 1rem' }, [
        h(TimelineAxis, {
          events,
          selectedId: selected.value,
          initialRange: [FROM, TO] as const,
          onSelect: (id: string) => (selected.value = id),
          onOpen: (id: string) => (opened.value = id)
        }),
        h('p', { 'data-opened': opened.value }, opened.value)
      ])
  }
})

createApp(Bench).use(i18n).mount('#app')
void nextTick(() =>
  requestAnimationFrame(() => {
    document.body.dataset.benchEvents = String(events.length)
    document.body.dataset.benchReady = 'true'
  })
)
