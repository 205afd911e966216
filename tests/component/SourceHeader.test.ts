import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SourceHeader, { noteId } from '$lib/components/SourceHeader.svelte';
import { HEADLINE } from '$lib/content/evidence';
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
	it('marks a passage of the headline, as text, and leaves the paragraphs’ marks alone', () => {
		const { container } = render(SourceHeader, {
			props: {
				source,
				level: 2,
				marks: [
					{ paragraph: HEADLINE, start: 2, end: 10, id: 'difference-1', label: '1' },
					{ paragraph: 0, start: 0, end: 3, id: 'in-a-paragraph' }
				]
			}
		});
		const headline = screen.getByRole('heading', { level: 2, name: /headline/ });
		const mark = headline.querySelector('mark')!;
		expect(mark.id).toBe('difference-1');
		expect(mark.textContent).toBe('1headline');
		expect(headline.textContent).toBe('A 1headline');
		expect(container.querySelector('#in-a-paragraph')).toBeNull();
	});

	it('separates the byline from the date with a spaced middle dot', () => {
		const { container } = render(SourceHeader, { props: { source } });
		expect(meta(container)).toBe('CAPITAL (Alpha) · 5 March 2024');
	});

	it('lists the editor’s notes on the copy under their own heading, each a link target', () => {
		const noted: Source = {
			...source,
			notes: [
				{ text: 'A machine re-translation.' },
				{ text: 'It misspells a name.', passage: 'One' }
			]
		};
		const { container } = render(SourceHeader, { props: { source: noted } });
		const aside = screen.getByRole('complementary', { name: 'About this copy' });
		expect(
			within(aside)
				.getAllByRole('listitem')
				.map((li) => li.textContent)
		).toEqual(['A machine re-translation.', 'It misspells a name.']);
		expect(container.querySelector(`#${noteId(source.id, 2)}`)?.textContent).toBe(
			'It misspells a name.'
		);
	});

	it('has no notes section for a copy without notes', () => {
		render(SourceHeader, { props: { source } });
		expect(screen.queryByRole('complementary')).toBeNull();
	});

	it('shows the date alone when there is no byline', () => {
		const unsigned: Source = { ...source };
		delete unsigned.byline;
		const { container } = render(SourceHeader, { props: { source: unsigned } });
		expect(meta(container)).toBe('5 March 2024');
	});
});
