/**
 * Language of the interface: Spanish for es-* tenants, English otherwise, switchable (remembered
 * in this browser). `t()` fills {placeholders}; `error()` turns an API error into the user's language.
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { DICTIONARIES, LANGUAGES, type Language, type MessageKey } from '../i18n';
import { ApiError } from './api';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Language;
  setLang: (lang: Language) => void;
  t: Translate;
  error: (e: unknown) => string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE = 'fluxion.lang';

export function defaultLanguage(locale: string | undefined): Language {
  const saved = localStorage.getItem(STORAGE);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  const base = (locale ?? navigator.language ?? 'en').slice(0, 2).toLowerCase();
  return base === 'es' ? 'es' : 'en';
}

export function fill(template: string, vars?: Record<string, string | number>): string {
  return vars ? template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : template;
}

export function I18nProvider({ locale, children }: { locale: string | undefined; children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => defaultLanguage(locale));
  useEffect(() => setLangState(defaultLanguage(locale)), [locale]);
  // A layout effect runs again when a suspended tree is shown again (a lazy page loaded behind
  // another provider's fallback), so the visible provider always has the last word.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Language) => {
    localStorage.setItem(STORAGE, l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[lang];
    const t: Translate = (key, vars) => fill(dict[key] ?? key, vars);
    const error = (e: unknown) => {
      if (!(e instanceof ApiError)) return fill(dict['error.unknown']!, { code: 'client', message: e instanceof Error ? e.message : String(e) });
      const template = dict[`error.${e.code}`];
      const vars = { message: e.message, seconds: e.retryAfter ?? 60, code: e.code };
      return fill(template ?? dict['error.unknown']!, vars);
    };
    return { lang, setLang, t, error };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export const useT = (): Translate => useI18n().t;
