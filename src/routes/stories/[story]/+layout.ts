import { error } from '@sveltejs/kit';
import { fetchStories, fetchStory } from '$lib/app/data';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, params }) => {
	const [text, stories] = await Promise.all([fetchStory(fetch, params.story), fetchStories(fetch)]);
	const summary = stories.find((s) => s.id === params.story);
	if (!summary) error(404, 'There is no such story.');
	return { ...text, summary };
};
