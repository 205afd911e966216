import { json } from '@sveltejs/kit';
import { summarizeStory } from '$lib/content/model';
import { checkedBundles } from '$lib/server/content-files';

export const prerender = true;

export function GET() {
	return json(checkedBundles().map(summarizeStory));
}
