import type { Session, SupabaseClient, User } from '@supabase/supabase-js';

declare global {
	namespace App {
		interface Locals {
			/** Per-request Supabase client: acts as the signed-in user (RLS applies) or as anon. */
			supabase: SupabaseClient;
			/** Session validated with the Auth server (never trust a bare cookie). */
			safeGetSession(): Promise<{ session: Session | null; user: User | null }>;
			session: Session | null;
			user: User | null;
		}
		interface Error {
			message: string;
			errorId?: string;
		}
		interface PageData {
			/** The signed-in session's expiry (epoch seconds), null when signed out; see routes/+layout.server.ts. */
			sessionExpiresAt: number | null;
		}
	}
}

export {};
