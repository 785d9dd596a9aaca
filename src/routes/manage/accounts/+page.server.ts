import { error, fail, redirect } from '@sveltejs/kit';
import { grantMembership, listMembers, ManageApiError, revokeMembership, type Role } from '$lib/data/manage';
import { langFromUrl } from '$lib/i18n';
import { t } from '$lib/i18n/manage';
import { AccountError, createMemberAccount, setMemberDisabled } from '$lib/server/accounts';
import { isAnyAdmin, withLang } from '../manage';
import { serviceClient } from '$lib/server/supabase-admin';
import type { Actions, PageServerLoad } from './$types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ROLES: Role[] = ['district_editor', 'district_admin', 'city_admin'];

export const load: PageServerLoad = async ({ locals, url, parent, depends }) => {
	depends('supabase:db:memberships');
	const lang = langFromUrl(url);
	const { memberships } = await parent();
	if (!isAnyAdmin(memberships)) error(403, t(lang, 'manage.adminsOnly'));
	try {
		const members = await listMembers(locals.supabase, null);
		/** `canManageAccounts`: a service-role key is configured (accounts can be created and disabled). */
		return { members, canManageAccounts: (await serviceClient()) !== null, notice: url.searchParams.get('notice'), me: locals.user?.id ?? null };
	} catch (cause) {
		console.error('[accounts] listing members failed:', cause);
		error(503, t(lang, 'backend.unavailable'));
	}
};

type Problem = 'email' | 'role' | 'forbidden' | 'exists' | 'unavailable' | 'server';

const problemOfError = (cause: unknown): { status: number; problem: Problem } => {
	const status = cause instanceof AccountError || cause instanceof ManageApiError ? cause.status : 500;
	const code = cause instanceof AccountError || cause instanceof ManageApiError ? cause.code : '';
	if (status === 403 || code === '42501' || code === 'not_allowed') return { status: 403, problem: 'forbidden' };
	if (code === 'email_exists' || code === 'user_already_exists') return { status: 409, problem: 'exists' };
	if (status === 400 || status === 422) return { status: 400, problem: 'email' };
	console.error('[accounts] failed:', cause);
	return { status: 500, problem: 'server' };
};

export const actions: Actions = {
	/**
	 * Create an account with a temporary password and give it a role in a district. The password is shown to the
	 * admin once, in this response only (never stored in clear, never in a URL).
	 */
	create: async ({ locals, request }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim().toLowerCase();
		const role = String(form.get('role') ?? '') as Role;
		const district = role === 'city_admin' ? null : String(form.get('district') ?? '') || null;
		const echo = { email, district, role };
		if (!EMAIL.test(email)) return fail(400, { ...echo, problem: 'email' as Problem });
		if (!ROLES.includes(role) || (role !== 'city_admin' && !district)) return fail(400, { ...echo, problem: 'role' as Problem });
		const admin = await serviceClient();
		if (!admin) return fail(503, { ...echo, problem: 'unavailable' as Problem });
		try {
			const created = await createMemberAccount({ asUser: locals.supabase, admin }, { email, district, role });
			return { created: { email: created.account.email, temporaryPassword: created.temporaryPassword }, members: await listMembers(locals.supabase, null) };
		} catch (cause) {
			const { status, problem } = problemOfError(cause);
			return fail(status, { ...echo, problem });
		}
	},

	/** Give an existing member a role in a district (or change it). */
	grant: async ({ locals, request, url }) => {
		const lang = langFromUrl(url);
		const form = await request.formData();
		const userId = String(form.get('user_id') ?? '');
		const role = String(form.get('role') ?? '') as Role;
		const district = role === 'city_admin' ? null : String(form.get('district') ?? '') || null;
		if (!ROLES.includes(role)) return fail(400, { grant: true, problem: 'role' as Problem });
		try {
			await grantMembership(locals.supabase, userId, district, role);
		} catch (cause) {
			const { status, problem } = problemOfError(cause);
			return fail(status, { grant: true, problem });
		}
		redirect(303, withLang('/manage/accounts?notice=granted', lang));
	},

	revoke: async ({ locals, request, url }) => {
		const lang = langFromUrl(url);
		const form = await request.formData();
		const userId = String(form.get('user_id') ?? '');
		const district = String(form.get('district') ?? '') || null;
		try {
			await revokeMembership(locals.supabase, userId, district);
		} catch (cause) {
			const { status, problem } = problemOfError(cause);
			return fail(status, { userId, problem });
		}
		redirect(303, withLang('/manage/accounts?notice=revoked', lang));
	},

	/** Disable (ban) or re-enable an account; setMemberDisabled asks can_manage_user as the caller first. */
	disable: async (event) => setDisabledAction(event, true),
	enable: async (event) => setDisabledAction(event, false)
};

async function setDisabledAction({ locals, request, url }: Parameters<Actions[string]>[0], disabled: boolean) {
	const lang = langFromUrl(url);
	const form = await request.formData();
	const userId = String(form.get('user_id') ?? '');
	if (userId === locals.user?.id) return fail(400, { userId, problem: 'forbidden' as Problem });
	const admin = await serviceClient();
	if (!admin) return fail(503, { userId, problem: 'unavailable' as Problem });
	try {
		await setMemberDisabled({ asUser: locals.supabase, admin }, userId, disabled);
	} catch (cause) {
		const { status, problem } = problemOfError(cause);
		return fail(status, { userId, problem });
	}
	redirect(303, withLang(`/manage/accounts?notice=${disabled ? 'disabled' : 'enabled'}`, lang));
}
