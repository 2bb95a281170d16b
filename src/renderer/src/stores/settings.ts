// User settings held in the archive: the interface language and the author name.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { archive } from '@renderer/db'
import { pickLocale, setLocale } from '@renderer/i18n'
import { platform } from '@renderer/platform'

export const useSettingsStore = defineStore('settings', () => {
  const localePreference = ref<'fr' | 'en' | 'system'>('system')
  const authorName = ref('')

  async function applyLocale(): Promise<void> {
    const preference = localePreference.value
    setLocale(preference === 'system' ? pickLocale(await platform.systemLocale()) : preference)
  }

  async function load(): Promise<void> {
    const repo = archive().settings
    localePreference.value = await repo.get('locale')
    authorName.value = await repo.get('authorName')
    // Who the repositories name on what is written from now on (see db/identity).
    await archive().identity.refresh()
    await applyLocale()
  }

  async function setLocalePreference(value: 'fr' | 'en' | 'system'): Promise<void> {
    localePreference.value = value
    await archive().settings.set('locale', value)
    await applyLocale()
  }

  async function setAuthorName(value: string): Promise<void> {
    // Written first: on a full disk the name in use stays the one that is stored.
    await archive().settings.set('authorName', value)
    authorName.value = value
    await archive().identity.refresh()
  }

  return { localePreference, authorName, load, setLocalePreference, setAuthorName }
})
