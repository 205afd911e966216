import { fetchStories } from '$lib/app/data';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ stories: await fetchStories(fetch) });
