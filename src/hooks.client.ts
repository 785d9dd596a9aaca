import type { HandleClientError } from '@sveltejs/kit';
import { unexpectedErrorMessage } from '$lib/i18n';

export const handleError: HandleClientError = ({ error, event, status }) => {
	const message = unexpectedErrorMessage(status, event.url);
	if (status === 404) return { message };
	const errorId = crypto.randomUUID();
	console.error(`[error ${errorId}]`, error);
	return { message, errorId };
};
