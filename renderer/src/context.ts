import { createContext, useContext } from 'react';
import type { Company } from '../../shared/api';
import type { UiLanguage } from '../../shared/i18n';

export interface AppState {
  company: Company;
  language: UiLanguage;
  /** after the company was changed in Settings */
  setCompany: (company: Company) => void;
  /** switch the UI language now and keep it as this user's choice (ui_state, per user) */
  setLanguage: (language: UiLanguage) => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useAppState(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error('useAppState outside AppContext');
  return s;
}
