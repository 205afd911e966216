import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SourceHeader from '$lib/components/SourceHeader.svelte';
import type { Source } from '$lib/content/model';

const source: Source = {
	id: 'alpha-news-2024-03-05',
	outlet: 'Alpha',
	outletName: 'Alpha News',
	headline: 'A headline',
	byline: 'CAPITAL (Alpha)',
	published: '2024-03-05',
	url: null,
	credit: 'Alpha News, reprinted.',
	paragraphs: ['One paragraph.']
};

const meta = (container: HTMLElement) => container.querySelector('.meta')!.textContent!.trim();

describe('SourceHeader', () => {
	it('separates the byline from the date with a spaced middle dot', () => {
		const { container } = render(SourceHeader, { props: { source } });
		expect(meta(container)).toBe('CAPITAL (Alpha) · 5 March 2024');
	});

	it('shows the date alone when there is no byline', () => {
		const unsigned: Source = { ...source };
		delete unsigned.byline;
		const { container } = render(SourceHeader, { props: { source: unsigned } });
		expect(meta(container)).toBe('5 March 2024');
	});
});
