/** The sections a story's questions fall into. Kept apart from the schemas so pages that only
 * name sections do not load the validation library. */
export const CATEGORIES = ['dates', 'actors', 'quotes', 'sources'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, { title: string; blurb: string }> = {
	dates: { title: 'Dates and numbers', blurb: 'When, how many, how long' },
	actors: {
		title: 'People and organisations',
		blurb: 'Who is who: people, roles, organisations, countries'
	},
	quotes: { title: 'Quotes', blurb: 'Who said it, and how it goes on' },
	sources: { title: 'Sources', blurb: 'Which outlet reported what, and where they disagree' }
};
