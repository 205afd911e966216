import { describe, expect, it } from 'vitest';
import { reroute } from '../../src/hooks';

const route = (path: string) =>
	reroute({ url: new URL(`https://byline.test${path}`), fetch } as Parameters<typeof reroute>[0]);

describe('reroute', () => {
	it.each(['/stories/%E0%A4%A', '/%ZZ', '/stories/%', '/stories/a%2/sources/b'])(
		'sends the malformed path %s to the not-found page, not a blank one',
		(path) => {
			const to = route(path);
			expect(typeof to).toBe('string');
			expect(to).not.toBe(path);
		}
	);

	it.each(['/', '/stories/some-story', '/stories/caf%C3%A9', '/quiz', '/stories/a%20b'])(
		'leaves the well-formed path %s alone',
		(path) => {
			expect(route(path)).toBeUndefined();
		}
	);
});
