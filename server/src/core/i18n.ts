/**
 * Messages are written in Chinese (the source language) and translated through @vscode/l10n
 * bundles, so the server, the CLI and the client share one mechanism and one English bundle.
 */
import * as l10n from '@vscode/l10n';
import english from '../../../l10n/bundle.l10n.en.json';

export type Locale = 'zh-cn' | 'en';
let current: Locale = 'zh-cn';

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  l10n.config({ contents: locale === 'en' ? (english as Record<string, string>) : {} });
}

export function getLocale(): Locale {
  return current;
}

export const t = l10n.t;
