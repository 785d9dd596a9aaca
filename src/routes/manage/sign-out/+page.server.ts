import { redirect } from '@sveltejs/kit';
import { langFromUrl } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (a GET link could be triggered by a prefetch or a crawler).
export const load: PageServerLoad = ({ url }) => {
	redirect(303, url.searchParams.get('lang') === 'en' ? '/manage?lang=en' : '/manage');
};

export const actions: Actions = {
	default: async ({ locals, url }) => {
		const { error } = await locals.supabase.auth.signOut();
		if (error) console.error('[manage] sign-out failed:', error.message);
		redirect(303, langFromUrl(url) === 'en' ? '/manage/sign-in?lang=en' : '/manage/sign-in');
	}
};
