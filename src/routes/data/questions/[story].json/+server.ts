import { error, json } from '@sveltejs/kit';
import { checkedBundles, storyEntries } from '$lib/server/content-files';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = storyEntries;

/** A story's question bank, fetched by the pages that run or report on quizzes. */
export const GET: RequestHandler = ({ params }) => {
	const bundle = checkedBundles().find((b) => b.story.id === params.story);
	if (!bundle) error(404, `No story "${params.story}"`);
	return json(bundle.questions);
};
