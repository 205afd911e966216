import { error } from '@sveltejs/kit';
import { fetchStories, fetchStory } from '$lib/app/data';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, params }) => {
	// The list first: it is stored on the device, so an unknown story is "not found" even offline.
	const stories = await fetchStories(fetch);
	const summary = stories.find((s) => s.id === params.story);
	if (!summary) error(404, 'There is no such story.');
	return { ...(await fetchStory(fetch, params.story)), summary };
};
