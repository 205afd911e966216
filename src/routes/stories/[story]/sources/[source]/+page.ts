import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
	const { sources } = await parent();
	const source = sources.find((s) => s.id === params.source);
	if (!source) error(404, 'This story has no such article.');
	return { source };
};
