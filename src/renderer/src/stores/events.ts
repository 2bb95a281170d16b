// Events and links as the UI sees them: every change undoable, links to missing passages left
// out (deleting a passage moves its links to the trash; older archives may still hold such links).
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { Passage } from '@core/archive/passage'
import type { EventLink, LinkRole, TimelineEvent } from '@core/timeline/types'
import { archive } from '@renderer/db'
import type { EventChanges, EventSnapshot, NewEvent } from '@renderer/db/event-repository'
import { useHistoryStore } from './history'
import { useTrashStore } from './trash'
import { usePassagesStore } from './passages'
import { useSettingsStore } from './settings'

export const useEventsStore = defineStore('events', () => {
  const events = shallowRef<TimelineEvent[]>([])
  const allLinks = shallowRef<EventLink[]>([])
  const byId = computed(() => new Map(events.value.map((event) => [event.id, event])))

  /** Links whose passage still exists. */
  const links = computed(() => {
    const passages = new Set(usePassagesStore().passages.map((p) => p.id))
    return allLinks.value.filter((link) => passages.has(link.passageId))
  })
  const linksByEvent = computed(() => group(links.value, (link) => link.eventId))
  const linksByPassage = computed(() => group(links.value, (link) => link.passageId))

  async function refresh(): Promise<void> {
    const repo = archive().events
    ;[events.value, allLinks.value] = await Promise.all([repo.listEvents(), repo.listLinks()])
  }

  const author = (): string => useSettingsStore().authorName

  async function create(input: Omit<NewEvent, 'author'>): Promise<TimelineEvent> {
    const repo = archive().events
    let created: TimelineEvent | undefined
    await useHistoryStore().run(
      'createEvent',
      async () => {
        created = await repo.createEvent({ ...input, author: author() })
        await refresh()
      },
      async () => {
        if (created) await repo.deleteEvent(created.id)
        await refresh()
      },
      async () => {
        if (created) await repo.restore({ events: [created] })
        await refresh()
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
        await refresh()
      },
      async () => {
        if (previous) await repo.restore({ events: [previous] })
        await refresh()
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
        await useTrashStore().afterChange()
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
        await refresh()
      },
      async () => {
        for (const one of made) await repo.unlink(one.id)
        await refresh()
      },
      async () => {
        await repo.restore({ links: made })
        await refresh()
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
        await refresh()
      },
      async () => {
        if (previous) await repo.restore({ links: [previous] })
        await refresh()
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
        await refresh()
      },
      async () => {
        if (previous) await repo.restore({ links: [previous] })
        await refresh()
      }
    )
  }

  /**
   * Creates an event with new anchored passages and their links (`reports`, or `roles[i]` for
   * `passages[i]`), in one undoable step.
   */
  async function createWithPassages(
    input: Omit<NewEvent, 'author'>,
    passages: readonly Passage[],
    roles: readonly LinkRole[] = []
  ): Promise<TimelineEvent> {
    const repo = archive().events
    let snapshot: EventSnapshot | undefined
    const passagesStore = usePassagesStore()
    await useHistoryStore().run(
      'acceptSuggestion',
      async () => {
        snapshot = await repo.createWithPassages(
          { ...input, author: author() },
          passages,
          author(),
          roles
        )
        await Promise.all([refresh(), passagesStore.refresh()])
      },
      async () => {
        if (snapshot) await repo.revert(snapshot)
        await Promise.all([refresh(), passagesStore.refresh()])
      },
      async () => {
        if (snapshot) await repo.reapply(snapshot)
        await Promise.all([refresh(), passagesStore.refresh()])
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
    refresh,
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
