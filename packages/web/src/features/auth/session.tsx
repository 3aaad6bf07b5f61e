import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { ApiError, api, type Me, unwrap } from '../../api/client';

interface Session {
  /** The signed-in user; null when nobody is signed in. */
  readonly me: Me | null;
  readonly loading: boolean;
  readonly signIn: (username: string, password: string) => Promise<Me>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export const ME_KEY = ['me'] as const;

/** Who is signed in, from GET /api/auth/me (a 401 means nobody). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/auth/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    retry: false,
  });
  const session: Session = {
    me: me.data ?? null,
    loading: me.isPending,
    signIn: async (username, password) => {
      const r = await unwrap(api.POST('/api/auth/login', { body: { username, password } }));
      client.setQueryData(ME_KEY, r.user);
      return r.user;
    },
    signOut: async () => {
      await unwrap(api.POST('/api/auth/logout'));
      // Nobody is signed in now; what the last user saw must not be shown to the next.
      client.setQueryData(ME_KEY, null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Whether the signed-in user has one of the roles. */
export function useHasRole(...roles: Me['role'][]): boolean {
  const { me } = useSession();
  return me !== null && roles.includes(me.role);
}
