import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { type Language, rememberLanguage, switchLanguage } from '../../i18n';
import { ME_KEY, useSession } from '../auth/session';

/** The UI language: switched here, remembered on this browser and in the user's profile. */
export function useLanguage(): { language: Language; toggle: () => Promise<void> } {
  const { i18n } = useTranslation();
  const { me } = useSession();
  const client = useQueryClient();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const toggle = async () => {
    const next: Language = language === 'en' ? 'zh-CN' : 'en';
    // Remembered and saved while English's messages load: a reload meanwhile must still come
    // back in the language asked for.
    rememberLanguage(next);
    const shown = switchLanguage(next);
    if (me) {
      // The profile keeps the choice for the user's other browsers.
      const profile = await unwrap(api.GET('/api/users/me'));
      await unwrap(api.PATCH('/api/users/me', { body: { version: profile.version, locale: next } }));
      client.setQueryData(ME_KEY, { ...me, locale: next });
    }
    await shown;
  };
  return { language, toggle };
}
