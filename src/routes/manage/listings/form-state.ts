// What the listing form's actions hand back on failure (client-safe types: the page and the server both use them).
import type { FieldError, ListingFormValues } from '$lib/validation/listing';

/** A field someone else changed since the editor loaded the form. */
export interface ConflictChange {
	field: string;
	theirs: string | string[];
	yours: string | string[];
}

export interface Conflict {
	/** The version now stored: saving with it overwrites theirs on purpose. */
	version: number;
	/** Their values, ready to load into the form. */
	current: ListingFormValues;
	changes: ConflictChange[];
}

/** Problems that are not about one field. */
export type FormProblem = 'session_expired' | 'forbidden' | 'not_found' | 'server' | 'workflow_failed' | 'reason_required' | 'district_required';

export interface ListingFormFailure {
	values?: ListingFormValues;
	errors?: FieldError[];
	version?: number | null;
	conflict?: Conflict | null;
	problem?: FormProblem | null;
}
