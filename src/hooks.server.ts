import { createServerClient } from '@supabase/ssr';
import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { embeddedFetch, getSupabaseEndpoint } from '$lib/server/backend';
import { htmlLang, langFromUrl, unexpectedErrorMessage } from '$lib/i18n';
import { gzipLargeResponse } from '$lib/server/compression';

/** Start (and on first start migrate and seed) the embedded backend before the first request. */
export const init: ServerInit = async () => {
	await getSupabaseEndpoint();
};

/** The embedded Supabase-compatible API, mounted on the site's own origin (/rest/v1, /auth/v1). */
const embeddedApi: Handle = async ({ event, resolve }) => {
	const { embedded } = await getSupabaseEndpoint();
	if (embedded) {
		const response = await embedded.gateway.handle(event.request, event.getClientAddress());
		if (response) return gzipLargeResponse(event.request, response);
	}
	return resolve(event);
};

/** A Supabase client per request, acting as the user whose session cookie came with it. */
const supabase: Handle = async ({ event, resolve }) => {
	const endpoint = await getSupabaseEndpoint();
	const { embedded } = endpoint;
	const clientAddress = event.getClientAddress();
	event.locals.supabase = createServerClient(endpoint.url ?? event.url.origin, endpoint.anonKey, {
		cookies: {
			getAll: () => event.cookies.getAll(),
			setAll: (cookies) => {
				for (const { name, value, options } of cookies) event.cookies.set(name, value, { ...options, path: '/' });
			}
		},
		// Server-side calls to the embedded API skip the HTTP hop: same gateway, same contract, no socket.
		global: embedded ? { fetch: embeddedFetch(embedded, clientAddress) } : {}
	});

	/**
	 * getSession() alone trusts the cookie, which the browser controls: a forged cookie would pass. getUser()
	 * asks the Auth server to validate the token, so only a genuine session is returned.
	 */
	event.locals.safeGetSession = async () => {
		const {
			data: { session }
		} = await event.locals.supabase.auth.getSession();
		if (!session) return { session: null, user: null };
		const {
			data: { user },
			error
		} = await event.locals.supabase.auth.getUser();
		if (error) return { session: null, user: null };
		return { session, user };
	};

	const lang = htmlLang(langFromUrl(event.url));
	return resolve(event, {
		filterSerializedResponseHeaders: (name) => name === 'content-range' || name === 'x-supabase-api-version',
		transformPageChunk: ({ html }) => html.replace('%lang%', lang)
	});
};

const session: Handle = async ({ event, resolve }) => {
	const { session, user } = await event.locals.safeGetSession();
	event.locals.session = session;
	event.locals.user = user;
	return resolve(event);
};

/**
 * The editing area (/manage) is for signed-in district staff only. Guarded here, before any load or form action
 * runs (a layout load alone does not protect actions or parallel loads: style.md §6.3). The database enforces the
 * roles; this only keeps anonymous visitors out and sends them to sign in, returning them where they were going.
 */
const authGuard: Handle = async ({ event, resolve }) => {
	const { pathname } = event.url;
	const inManage = pathname === '/manage' || pathname.startsWith('/manage/');
	if (inManage && pathname !== '/manage/sign-in' && !event.locals.user) {
		// Back to the page, not to a form action (`?/save`): a POST that arrives signed out returns to its form.
		const params = new URLSearchParams(event.url.search);
		for (const name of [...params.keys()]) if (name.startsWith('/')) params.delete(name);
		const search = params.size ? `?${params}` : '';
		const lang = params.get('lang') === 'en' ? '&lang=en' : '';
		redirect(303, `/manage/sign-in?next=${encodeURIComponent(pathname + search)}${lang}`);
	}
	return resolve(event);
};

export const handle = sequence(embeddedApi, supabase, session, authGuard);

export const handleError: HandleServerError = ({ error, event, status }) => {
	const message = unexpectedErrorMessage(status, event.url);
	if (status === 404) return { message }; // a mistyped address: nothing to log, so no ID to quote
	const errorId = crypto.randomUUID();
	console.error(`[error ${errorId}] ${event.request.method} ${event.url.pathname}:`, error);
	return { message, errorId };
};
