// Events and links as the UI sees them: every change undoable, links to missing passages left
// out (deleting a passage moves its links to the trash; older archives may still hold such links).
import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { Passage } from '@core/archive/passage'
import type { EventLink, LinkRole, TimelineEvent } from '@core/timeline/types'
import { archive } from '@renderer/db'
import type { EventChanges, EventSnapshot, NewEvent } from '@renderer/db/event-repository'
import { followTable } from './followed-table'
import { useHistoryStore } from './history'
import { useTrashStore } from './trash'
import { usePassagesStore } from './passages'
import { useSettingsStore } from './settings'

export const useEventsStore = defineStore('events', () => {
  const eventTable = followTable<TimelineEvent>('events', (event) => event.id, {
    all: () => archive().events.listEvents(),
    get: (keys) => archive().db.events.bulkGet(keys)
  })
  const linkTable = followTable<EventLink>('links', (link) => link.id, {
    all: () => archive().events.listLinks(),
    get: (keys) => archive().db.links.bulkGet(keys)
  })
  const events = eventTable.list
  const allLinks = linkTable.list
  const byId = eventTable.byId

  /** Links whose passage still exists. */
  const links = computed(() => {
    const passages = new Set(usePassagesStore().passages.map((p) => p.id))
    return allLinks.value.filter((link) => passages.has(link.passageId))
  })
  const linksByEvent = computed(() => group(links.value, (link) => link.eventId))
  const linksByPassage = computed(() => group(links.value, (link) => link.passageId))

  /** Reads events and links (and the passages the links need) if no view did yet. */
  async function load(): Promise<void> {
    await Promise.all([eventTable.load(), linkTable.load(), usePassagesStore().load()])
  }

  /** Once every committed change shows (the store's own actions await it). */
  async function settled(): Promise<void> {
    await Promise.all([eventTable.settled(), linkTable.settled()])
  }

  const author = (): string => useSettingsStore().authorName

  async function create(input: Omit<NewEvent, 'author'>): Promise<TimelineEvent> {
    const repo = archive().events
    let created: TimelineEvent | undefined
    await useHistoryStore().run(
      'createEvent',
      async () => {
        created = await repo.createEvent({ ...input, author: author() })
        await settled()
      },
      async () => {
        if (created) await repo.deleteEvent(created.id)
        await settled()
      },
      async () => {
        if (created) await repo.restore({ events: [created] })
        await settled()
      }
    )
    return created!
  }

  async function update(id: string, changes: EventChanges): Promise<void> {
    const repo = archive().events
    let previous: TimelineEvent | undefined
    await useHistoryStore().run(
      'updateEvent',
      async () => {
        previous = (await repo.updateEvent(id, changes)).previous
        await settled()
      },
      async () => {
        if (previous) await repo.restore({ events: [previous] })
        await settled()
      }
    )
  }

  async function remove(id: string): Promise<void> {
    const repo = archive().events
    let trashId: string | undefined
    await useHistoryStore().run(
      'deleteEvent',
      async () => {
        trashId = (await repo.moveToTrash(id)).trashId
        await settled()
      },
      () => useTrashStore().undoDelete(trashId)
    )
  }

  async function link(
    eventId: string,
    passageIds: readonly string[],
    role: LinkRole,
    note = ''
  ): Promise<number> {
    const repo = archive().events
    let made: EventLink[] = []
    await useHistoryStore().run(
      'linkPassages',
      async () => {
        made = await repo.link(eventId, passageIds, role, author(), note)
        await settled()
      },
      async () => {
        for (const one of made) await repo.unlink(one.id)
        await settled()
      },
      async () => {
        await repo.restore({ links: made })
        await settled()
      }
    )
    return made.length
  }

  async function updateLink(
    id: string,
    changes: { role?: LinkRole; note?: string }
  ): Promise<void> {
    const repo = archive().events
    let previous: EventLink | undefined
    await useHistoryStore().run(
      'updateLink',
      async () => {
        previous = (await repo.updateLink(id, changes)).previous
        await settled()
      },
      async () => {
        if (previous) await repo.restore({ links: [previous] })
        await settled()
      }
    )
  }

  async function unlink(id: string): Promise<void> {
    const repo = archive().events
    let previous: EventLink | undefined
    await useHistoryStore().run(
      'unlinkPassage',
      async () => {
        previous = await repo.unlink(id)
        await settled()
      },
      async () => {
        if (previous) await repo.restore({ links: [previous] })
        await settled()
      }
    )
  }

  /**
   * Creates an event with new anchored passages and their links (`reports`, or `roles[i]` for
   * `passages[i]`), in one undoable step.
   */
  /** Events, links and the passages written with them, all showing. */
  async function settledWithPassages(): Promise<void> {
    await Promise.all([settled(), usePassagesStore().settled()])
  }

  async function createWithPassages(
    input: Omit<NewEvent, 'author'>,
    passages: readonly Passage[],
    roles: readonly LinkRole[] = []
  ): Promise<TimelineEvent> {
    const repo = archive().events
    let snapshot: EventSnapshot | undefined
    await useHistoryStore().run(
      'acceptSuggestion',
      async () => {
        snapshot = await repo.createWithPassages(
          { ...input, author: author() },
          passages,
          author(),
          roles
        )
        await settledWithPassages()
      },
      async () => {
        if (snapshot) await repo.revert(snapshot)
        await settledWithPassages()
      },
      async () => {
        if (snapshot) await repo.reapply(snapshot)
        await settledWithPassages()
      }
    )
    return snapshot!.events[0]!
  }

  return {
    events,
    links,
    byId,
    linksByEvent,
    linksByPassage,
    load,
    settled,
    create,
    update,
    remove,
    link,
    updateLink,
    unlink,
    createWithPassages
  }
})

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  return map
}
