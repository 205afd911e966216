import type { HandleClientError } from '@sveltejs/kit';

/**
 * An address no route matches (SvelteKit's 404) is the not-found page, not a fault: unlike
 * SvelteKit's default, it is not logged as an error. Anything unexpected still is.
 */
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};
