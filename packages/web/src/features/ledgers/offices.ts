import { useMemo } from 'react';
import { type Office, useOffices } from '../offices/api';

/** The directory as a name lookup and as choices for a Select. */
export function useOfficeNames() {
  const offices = useOffices();
  return useMemo(() => {
    const list: Office[] = offices.data ?? [];
    const names = new Map(list.map((o) => [o.id, o.name]));
    return {
      name: (id: string | null | undefined) => (id ? (names.get(id) ?? id) : ''),
      options: list.map((o) => ({ value: o.id, label: o.name })),
      places: list
        .filter((o) => o.kind === 'community' || o.kind === 'street-office')
        .map((o) => ({ value: o.id, label: o.name })),
    };
  }, [offices.data]);
}
