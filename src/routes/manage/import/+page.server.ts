import { error, fail } from '@sveltejs/kit';
import { importListings, ManageApiError, type ListingFields } from '$lib/data/manage';
import { parseImportFile, type ParseProblem } from '$lib/import/rows';
import { fieldErrorFromDatabase, validateListing, valuesFromFields, type FieldError } from '$lib/validation/listing';
import { langFromUrl } from '$lib/i18n';
import { t } from '$lib/i18n/manage';
import { isAnyAdmin } from '../manage';
import type { Actions, PageServerLoad } from './$types';

/** Upload limit: a spreadsheet of listings is far smaller; anything bigger is a wrong file. */
const MAX_BYTES = 2 * 1024 * 1024;

export interface PreviewRow {
	index: number;
	source: string;
	kind: string;
	name_zh: string;
	name_en: string;
	district_code: string;
	errors: FieldError[];
	ok: boolean;
}

/** A row's district: the file's, else the importer's only district (an editor of one district imports for it). */
function withDistrict(fields: ListingFields, defaultDistrict: string | null): ListingFields {
	return fields.district_code || !defaultDistrict ? fields : { ...fields, district_code: defaultDistrict };
}

async function defaultDistrictOf(locals: App.Locals): Promise<string | null> {
	const { data } = await locals.supabase.rpc('my_memberships');
	const districts = ((data ?? []) as { district_code: string | null }[]).map((m) => m.district_code).filter((c): c is string => c !== null);
	return districts.length === 1 ? districts[0]! : null;
}

export const load: PageServerLoad = async ({ parent, url }) => {
	const { memberships } = await parent();
	if (!isAnyAdmin(memberships)) error(403, t(langFromUrl(url), 'manage.adminsOnly'));
	return {};
};

export const actions: Actions = {
	/** Parse and validate (form rules, then the database's dry run): writes nothing. */
	preview: async ({ request, locals }) => {
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { problem: { reason: 'empty' } as ParseProblem });
		if (file.size > MAX_BYTES) return fail(400, { problem: { reason: 'too_many_rows' } as ParseProblem });
		const text = new TextDecoder('utf-8', { fatal: false }).decode(await file.arrayBuffer());
		const parsed = parseImportFile(file.name, text);
		if ('problem' in parsed) return fail(400, { problem: parsed.problem, fileName: file.name });

		const defaultDistrict = await defaultDistrictOf(locals);
		const candidates = parsed.rows.filter((row) => row.fields).map((row) => ({ row, fields: withDistrict(row.fields!, defaultDistrict) }));
		const databaseErrors = new Map<number, FieldError[]>();
		if (candidates.length) {
			try {
				const result = await importListings(locals.supabase, candidates.map((c) => c.fields as unknown as Record<string, unknown>), true);
				for (const checked of result.rows) {
					const row = candidates[checked.index]?.row;
					if (row && !checked.ok) databaseErrors.set(row.index, checked.errors.length ? checked.errors.map(fieldErrorFromDatabase) : [{ field: 'form', rule: 'invalid' }]);
				}
			} catch (cause) {
				if (!(cause instanceof ManageApiError && cause.status === 403)) console.error('[import] dry run failed:', cause);
				return fail(cause instanceof ManageApiError && cause.status === 403 ? 403 : 500, { problem: { reason: cause instanceof ManageApiError && cause.status === 403 ? 'forbidden' : 'server' } as unknown as ParseProblem, fileName: file.name });
			}
		}
		const rows: PreviewRow[] = parsed.rows.map((row) => {
			const errors = row.errors.length ? row.errors : (databaseErrors.get(row.index) ?? []);
			return {
				index: row.index,
				source: row.source,
				kind: row.values.kind,
				name_zh: row.values.name_zh,
				name_en: row.values.name_en,
				district_code: row.values.district_code || defaultDistrict || '',
				errors,
				ok: errors.length === 0
			};
		});
		const valid = candidates.filter((c) => !databaseErrors.has(c.row.index)).map((c) => c.fields);
		/** `payload`: the valid rows as the API takes them, sent back on "import" (re-validated there). */
		return { fileName: file.name, rows, payload: JSON.stringify(valid) };
	},

	/** Import the rows the preview found valid, as drafts. */
	import: async ({ request, locals }) => {
		const form = await request.formData();
		let submitted: unknown;
		try {
			submitted = JSON.parse(String(form.get('payload') ?? '[]'));
		} catch {
			submitted = null;
		}
		if (!Array.isArray(submitted) || submitted.length === 0) return fail(400, { problem: { reason: 'empty' } as ParseProblem });
		// the payload came through the browser: check it again rather than trust it
		const rows: ListingFields[] = [];
		for (const item of submitted) {
			const result = validateListing(valuesFromFields(item as Record<string, unknown>));
			if (!result.ok) return fail(400, { problem: { reason: 'not_geojson' } as ParseProblem });
			rows.push(result.fields);
		}
		try {
			const result = await importListings(locals.supabase, rows as unknown as Record<string, unknown>[], false);
			return { imported: result.imported, failed: result.rows.filter((r) => !r.ok).length };
		} catch (cause) {
			console.error('[import] import failed:', cause);
			return fail(500, { problem: { reason: 'server' } as unknown as ParseProblem });
		}
	}
};
