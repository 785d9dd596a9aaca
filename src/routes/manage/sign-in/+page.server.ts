import { fail, redirect } from '@sveltejs/kit';
import { langFromUrl } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';
import { safeNext } from './next';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'), langFromUrl(url) === 'en' ? '/manage?lang=en' : '/manage');
	// Already signed in (e.g. the back button): go on.
	if (locals.user) redirect(303, next);
	/** `next`: the same-site path to return to after signing in. */
	return { next };
};

export type SignInProblem = 'missing' | 'invalid_credentials' | 'rate_limited' | 'server_down';

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const next = safeNext(String(form.get('next') ?? '') || url.searchParams.get('next'), langFromUrl(url) === 'en' ? '/manage?lang=en' : '/manage');
		// The password is never echoed back: only the email returns with a failure.
		if (!email || !password) return fail(400, { email, problem: 'missing' as SignInProblem });

		let problem: SignInProblem | null = null;
		try {
			const { error } = await locals.supabase.auth.signInWithPassword({ email, password });
			if (error) {
				if (error.status === 429 || error.code === 'over_request_rate_limit') problem = 'rate_limited';
				else if (error.status === 400 || error.code === 'invalid_credentials' || error.code === 'user_banned') problem = 'invalid_credentials';
				else {
					console.error('[sign-in] auth error:', error.status, error.code);
					problem = 'server_down';
				}
			}
		} catch (cause) {
			console.error('[sign-in] auth unreachable:', cause);
			problem = 'server_down';
		}
		if (problem === 'rate_limited') return fail(429, { email, problem });
		if (problem === 'server_down') return fail(503, { email, problem });
		if (problem) return fail(400, { email, problem });
		redirect(303, next);
	}
};
