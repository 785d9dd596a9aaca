import type { HandleClientError } from '@sveltejs/kit';

export const handleError: HandleClientError = ({ error, status, message }) => {
	const errorId = crypto.randomUUID();
	if (status !== 404) console.error(`[error ${errorId}]`, error);
	return { message: status === 404 ? message : 'An unexpected error occurred.', errorId };
};
