import type { Reroute } from '@sveltejs/kit';

/** A path no route matches, so the not-found page shows. */
const NOT_FOUND = '/__not-found__';

/**
 * An address with a broken percent-escape (`/stories/%E0%A4%A`) cannot be decoded into a route;
 * the router would throw and leave a blank page. Such an address gets the not-found page instead.
 */
export const reroute: Reroute = ({ url }) => {
	try {
		decodeURI(url.pathname);
		for (const segment of url.pathname.split('/')) decodeURIComponent(segment);
	} catch {
		return NOT_FOUND;
	}
};
