// The codebook (tags) as the UI sees it: tree, paths, counts, and every change undoable.
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { CodebookError, passageCounts, tagPath } from '@core/archive/codebook'
import type { Tag } from '@core/archive/passage'
import { archive } from '@renderer/db'
import type { TagChanges } from '@renderer/db/tag-repository'
import { i18n } from '@renderer/i18n'
import { isQuotaExceeded } from '@core/archive/quota'
import { liveTags, resolveTagIds, tagRedirects } from '@core/archive/tag-redirects'
import { followTable } from './followed-table'
import { useHistoryStore } from './history'
import { useTrashStore } from './trash'
import { usePassagesStore } from './passages'
import { useSettingsStore } from './settings'

export const useCodebookStore = defineStore('codebook', () => {
  // Every tag record, the redirects left by merges included: the store resolves passages' tag ids
  // with them, and shows only the live tags.
  const table = followTable<Tag>('tags', (tag) => tag.id, {
    all: () => archive().tags.listAll(),
    get: (keys) => archive().db.tags.bulkGet(keys)
  })
  /** The codebook as the user sees it: no redirect. */
  const tags = computed(() => liveTags(table.list.value))
  const byId = computed<ReadonlyMap<string, Tag>>(
    () => new Map(tags.value.map((tag) => [tag.id, tag]))
  )
  /** Every tag record, redirects included (records handed to core code that resolves them). */
  const allTags = table.list
  /** Merged tag id → the tag it was merged into. */
  const redirects = computed(() => tagRedirects(table.list.value))
  const counts = computed(() => passageCounts(table.list.value, usePassagesStore().passages))

  /** A passage's tag ids as the codebook now means them: redirects followed, each once. */
  function resolve(tagIds: readonly string[]): string[] {
    return resolveTagIds(tagIds, redirects.value)
  }

  function path(id: string): string {
    return tagPath(tags.value, id)
  }

  /** The translated message of a codebook error (or the raw message of anything else). */
  function errorMessage(error: unknown): string {
    if (error instanceof CodebookError) return i18n.global.t(`codebook.errors.${error.code}`)
    if (isQuotaExceeded(error)) return i18n.global.t('storage.quotaExceeded')
    return error instanceof Error ? error.message : String(error)
  }

  /** Once every committed change shows: tags, and the passages a merge or delete retagged. */
  async function afterChange(): Promise<void> {
    await Promise.all([table.settled(), usePassagesStore().settled()])
  }

  async function create(input: {
    name: string
    parentId?: string | null
    color?: string
    description?: string
  }): Promise<Tag> {
    const repo = archive().tags
    let created: Tag | undefined
    await useHistoryStore().run(
      'createTag',
      async () => {
        created = await repo.create({ ...input, author: useSettingsStore().authorName })
        await afterChange()
      },
      async () => {
        if (created) await repo.delete(created.id)
        await afterChange()
      },
      async () => {
        if (created) await repo.restore({ tags: [created] })
        await afterChange()
      }
    )
    return created!
  }

  async function update(id: string, changes: TagChanges): Promise<void> {
    const repo = archive().tags
    let previous: Tag | undefined
    await useHistoryStore().run(
      'updateTag',
      async () => {
        previous = (await repo.update(id, changes)).previous
        await afterChange()
      },
      async () => {
        if (previous) await repo.restore({ tags: [previous] })
        await afterChange()
      }
    )
  }

  async function merge(sourceId: string, targetId: string): Promise<void> {
    const repo = archive().tags
    let previous: Awaited<ReturnType<typeof repo.merge>>['previous'] | undefined
    await useHistoryStore().run(
      'mergeTags',
      async () => {
        previous = (await repo.merge(sourceId, targetId)).previous
        await afterChange()
      },
      async () => {
        if (previous) await repo.restore(previous)
        await afterChange()
      }
    )
  }

  async function remove(id: string): Promise<void> {
    const repo = archive().tags
    let trashId: string | undefined
    await useHistoryStore().run(
      'deleteTag',
      async () => {
        trashId = (await repo.moveToTrash(id)).trashId
        await afterChange()
      },
      () => useTrashStore().undoDelete(trashId)
    )
  }

  return {
    tags,
    byId,
    allTags,
    redirects,
    resolve,
    counts,
    load: table.load,
    settled: table.settled,
    path,
    errorMessage,
    create,
    update,
    merge,
    remove
  }
})
