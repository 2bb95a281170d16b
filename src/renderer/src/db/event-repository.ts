// Events and their links to passages: the only code that writes them. Deleting an event takes its
// links with it in one transaction, and every change hands back the records that undo it.
import { changedBy, createdBy } from '@core/archive/attribution'
import type { Passage } from '@core/archive/passage'
import { linkIdOf, type EventLink, type LinkRole, type TimelineEvent } from '@core/timeline/types'
import type { LiasseDatabase } from './database'
import { trashEntry } from './trash-repository'

/** Stamped by the repository, never given. */
type Stamped = 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'changedBy'

export type NewEvent = Omit<TimelineEvent, Stamped>
export type EventChanges = Partial<Omit<TimelineEvent, Stamped | 'author'>>

export interface NewLink {
  eventId: string
  passageId: string
  role: LinkRole
  note?: string
}

/** What a change overwrote or removed: putting it back (and removing `added`) undoes it. */
export interface EventSnapshot {
  events: TimelineEvent[]
  links: EventLink[]
  passages: Passage[]
  /** Ids the change created, removed again by an undo. */
  added: { events: string[]; links: string[]; passages: string[] }
}

export class EventError extends Error {
  override readonly name = 'EventError'
  constructor(
    readonly code: 'emptyTitle' | 'notFound' | 'alreadyLinked' | 'invalidDate',
    detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

export class EventRepository {
  constructor(
    private readonly db: LiasseDatabase,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID(),
    /** Who is writing (see core/archive/attribution): stamped on what a person creates or changes. */
    private readonly who: () => string = () => ''
  ) {}

  listEvents(): Promise<TimelineEvent[]> {
    return this.db.events.toArray()
  }

  listLinks(): Promise<EventLink[]> {
    return this.db.links.toArray()
  }

  private stamp(): string {
    return this.now().toISOString()
  }

  async createEvent(input: NewEvent): Promise<TimelineEvent> {
    const title = input.title.trim()
    if (!title) throw new EventError('emptyTitle')
    const stamp = this.stamp()
    const event: TimelineEvent = {
      ...input,
      title,
      id: this.newId(),
      createdAt: stamp,
      updatedAt: stamp,
      ...createdBy(this.who())
    }
    await this.db.events.add(event)
    return event
  }

  async updateEvent(
    id: string,
    changes: EventChanges
  ): Promise<{ event: TimelineEvent; previous: TimelineEvent }> {
    return this.db.transaction('rw', this.db.events, async () => {
      const previous = await this.db.events.get(id)
      if (!previous) throw new EventError('notFound', id)
      const title = (changes.title ?? previous.title).trim()
      if (!title) throw new EventError('emptyTitle')
      const event: TimelineEvent = changedBy(
        { ...previous, ...changes, title, id, updatedAt: this.stamp() },
        this.who()
      )
      await this.db.events.put(event)
      return { event, previous }
    })
  }

  /** Deletes an event with all its links (the passages stay). */
  async deleteEvent(id: string): Promise<EventSnapshot> {
    return this.db.transaction('rw', this.db.events, this.db.links, async () => {
      const event = await this.db.events.get(id)
      if (!event) throw new EventError('notFound', id)
      const links = await this.db.links.where('eventId').equals(id).toArray()
      await this.db.links.bulkDelete(links.map((link) => link.id))
      await this.db.events.delete(id)
      return {
        events: [event],
        links,
        passages: [],
        added: { events: [], links: [], passages: [] }
      }
    })
  }

  /** Moves an event to the trash with all its links (the passages stay); returns the entry's id. */
  async moveToTrash(id: string): Promise<EventSnapshot & { trashId: string }> {
    const { db } = this
    return db.transaction('rw', db.events, db.links, db.trash, async () => {
      const snapshot = await this.deleteEvent(id)
      const [event] = snapshot.events
      const entry = trashEntry(
        'event',
        event!.title,
        { events: snapshot.events, links: snapshot.links },
        this.now(),
        this.newId()
      )
      await db.trash.add(entry)
      return { ...snapshot, trashId: entry.id }
    })
  }

  /**
   * Links passages to an event with a role; a passage already linked to that event is skipped
   * (its existing role is kept). Returns the links made.
   */
  async link(
    eventId: string,
    passageIds: readonly string[],
    role: LinkRole,
    author: string,
    note = ''
  ): Promise<EventLink[]> {
    const { db } = this
    return db.transaction('rw', db.events, db.links, db.passages, async () => {
      if (!(await db.events.get(eventId))) throw new EventError('notFound', eventId)
      const made: EventLink[] = []
      for (const passageId of new Set(passageIds)) {
        if (!(await db.passages.get(passageId))) throw new EventError('notFound', passageId)
        const existing = await db.links
          .where('[eventId+passageId]')
          .equals([eventId, passageId])
          .first()
        if (existing) continue
        const stamp = this.stamp()
        const link: EventLink = {
          id: linkIdOf(eventId, passageId),
          createdAt: stamp,
          updatedAt: stamp,
          author,
          eventId,
          passageId,
          role,
          note,
          ...createdBy(this.who())
        }
        await db.links.add(link)
        made.push(link)
      }
      return made
    })
  }

  async updateLink(
    id: string,
    changes: { role?: LinkRole; note?: string }
  ): Promise<{ link: EventLink; previous: EventLink }> {
    return this.db.transaction('rw', this.db.links, async () => {
      const previous = await this.db.links.get(id)
      if (!previous) throw new EventError('notFound', id)
      const link: EventLink = changedBy(
        { ...previous, ...changes, updatedAt: this.stamp() },
        this.who()
      )
      await this.db.links.put(link)
      return { link, previous }
    })
  }

  async unlink(id: string): Promise<EventLink | undefined> {
    return this.db.transaction('rw', this.db.links, async () => {
      const previous = await this.db.links.get(id)
      if (previous) await this.db.links.delete(id)
      return previous
    })
  }

  /**
   * Accepting a suggestion: the event, its passages (already built, anchored) and a link for
   * each, written together or not at all. `roles[i]` is the role of `passages[i]` (`reports` when
   * absent): a disputed event links one side's passage as `reports`, the other's as `contradicts`.
   */
  async createWithPassages(
    input: NewEvent,
    passages: readonly Passage[],
    author: string,
    roles: readonly LinkRole[] = []
  ): Promise<EventSnapshot> {
    const { db } = this
    return db.transaction('rw', db.events, db.links, db.passages, async () => {
      const event = await this.createEvent(input)
      const stored: Passage[] = []
      const created: Passage[] = []
      for (const passage of passages) {
        // A sentence already coded as a passage is reused rather than doubled.
        const same = await db.passages
          .where('articleId')
          .equals(passage.articleId)
          .filter(
            (p) => p.anchor.start === passage.anchor.start && p.anchor.end === passage.anchor.end
          )
          .first()
        if (same) stored.push(same)
        else {
          // Built by the caller; whoever accepts the suggestion creates it.
          const made = { ...passage, ...createdBy(this.who()) }
          await db.passages.add(made)
          stored.push(made)
          created.push(made)
        }
      }
      const links: EventLink[] = []
      for (const role of ['reports', 'contradicts', 'mentions'] as const) {
        const ids = stored.filter((_, i) => (roles[i] ?? 'reports') === role).map((p) => p.id)
        if (ids.length > 0) links.push(...(await this.link(event.id, ids, role, author)))
      }
      return {
        events: [event],
        links,
        passages: created,
        added: {
          events: [event.id],
          links: links.map((l) => l.id),
          passages: created.map((p) => p.id)
        }
      }
    })
  }

  /** Undo of a change: removes what it added and puts back what it removed or overwrote. */
  async revert(snapshot: EventSnapshot): Promise<void> {
    const { db } = this
    await db.transaction('rw', db.events, db.links, db.passages, async () => {
      await db.links.bulkDelete(snapshot.added.links)
      await db.passages.bulkDelete(snapshot.added.passages)
      await db.events.bulkDelete(snapshot.added.events)
      const removedEvents = snapshot.events.filter((e) => !snapshot.added.events.includes(e.id))
      const removedLinks = snapshot.links.filter((l) => !snapshot.added.links.includes(l.id))
      const removedPassages = snapshot.passages.filter(
        (p) => !snapshot.added.passages.includes(p.id)
      )
      await db.events.bulkPut(removedEvents)
      await db.passages.bulkPut(removedPassages)
      await db.links.bulkPut(removedLinks)
    })
  }

  /** Redo of a change: writes again what it wrote. */
  async reapply(snapshot: EventSnapshot): Promise<void> {
    const { db } = this
    await db.transaction('rw', db.events, db.links, db.passages, async () => {
      await db.events.bulkPut(snapshot.events.filter((e) => snapshot.added.events.includes(e.id)))
      await db.passages.bulkPut(
        snapshot.passages.filter((p) => snapshot.added.passages.includes(p.id))
      )
      await db.links.bulkPut(snapshot.links.filter((l) => snapshot.added.links.includes(l.id)))
    })
  }

  /** Puts records back exactly (undo of an update, unlink, delete). */
  async restore(records: { events?: TimelineEvent[]; links?: EventLink[] }): Promise<void> {
    await this.db.transaction('rw', this.db.events, this.db.links, async () => {
      await this.db.events.bulkPut(records.events ?? [])
      await this.db.links.bulkPut(records.links ?? [])
    })
  }
}
