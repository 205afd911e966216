import { fetchStories } from '$lib/app/data';
import type { PageLoad } from './$types';

/** `/teach/gradebook?assignment=<id>`: the query is read in the browser, as the page is prerendered. */
export const load: PageLoad = async ({ fetch }) => ({ stories: await fetchStories(fetch) });
