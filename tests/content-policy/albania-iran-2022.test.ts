/** Facts of the Albania–Iran story that its questions depend on: the seed texts' disagreements. */
import { describe, expect, it } from 'vitest';
import { occursIn } from '$lib/content/evidence';
import { loadContent } from '$lib/server/content-files';

const STORY = 'albania-iran-2022';
const RFERL = 'rferl-2022-09-07';
const REUTERS = 'reuters-2022-09-07';

const bundle = loadContent().bundles.find((b) => b.story.id === STORY);

function sourceOf(id: string) {
	const found = bundle?.sources.find((s) => s.id === id);
	if (!found) throw new Error(`source ${id} is not in the story`);
	return found;
}

describe('the Albania–Iran story', () => {
	it('is told by RFE/RL and Reuters, in that order', () => {
		expect(bundle?.story.sources).toEqual([RFERL, REUTERS]);
	});

	it('keeps the seed texts’ disagreement on the year the MEK came: 2013 in RFE/RL, 2014 in Reuters', () => {
		const rferl = sourceOf(RFERL);
		const reuters = sourceOf(REUTERS);
		expect(occursIn(rferl, 'in 2013 to accept around 3,000 members')).toBe(true);
		expect(occursIn(rferl, 'Mujahedin-e Khalk (MEK)')).toBe(true);
		expect(
			occursIn(reuters, 'strained since 2014, when Albania accepted about 3,000 members')
		).toBe(true);
		expect(occursIn(rferl, '2014')).toBe(false);
		expect(occursIn(reuters, '2013')).toBe(false);
	});
});
