// The words of exported dossiers in either language, from the same message files as the UI; the
// export worker uses it too (labels hold functions, which cannot be posted to a worker).
import { dossierLabels, type DossierMessages } from '@core/dossier/labels'
import type { DossierLabels } from '@core/dossier/types'
import en from './en.json'
import fr from './fr.json'

export function outputLabels(lang: 'fr' | 'en'): DossierLabels {
  return dossierLabels(lang, (lang === 'fr' ? fr : en).dossier.out as DossierMessages)
}
