import { fetchStory } from '$lib/app/data';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, params }) => ({
	bundle: await fetchStory(fetch, params.story)
});
