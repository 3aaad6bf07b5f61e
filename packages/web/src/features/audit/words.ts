import { useTranslation } from 'react-i18next';

/**
 * What an entity kind or a field is called, in the UI's language; a kind or field the words do
 * not know yet (a newer server) shows as the server wrote it rather than not at all.
 */
export function useEntityLabel(): (entity: string) => string {
  const { t } = useTranslation();
  return (entity) => t(`audit.entities.${entity}`, { defaultValue: entity });
}

export function useFieldLabel(): (field: string) => string {
  const { t } = useTranslation();
  return (field) => t(`audit.fields.${field}`, { defaultValue: field });
}
