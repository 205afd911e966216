import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SourceText from '$lib/components/SourceText.svelte';
import type { Source } from '$lib/content/model';
import { findPassage } from '$lib/content/evidence';
import { HOSTILE } from './fixtures';

const source: Source = {
	id: 'alpha-news-2024-03-05',
	outlet: 'Alpha',
	outletName: 'Alpha News',
	headline: 'A headline',
	published: '2024-03-05',
	url: null,
	credit: 'Alpha News, reprinted.',
	paragraphs: ['The premier spoke on Tuesday.', `A hostile ${HOSTILE} line, quoted as text.`]
};

const at = (quote: string) => findPassage(source, quote)!;

describe('SourceText', () => {
	it('marks a passage with its label, and the label links where it is told', () => {
		const { container } = render(SourceText, {
			props: {
				source,
				idPrefix: 't',
				marks: [
					{
						...at('on Tuesday'),
						id: 'alpha-when',
						label: '2',
						linksTo: 'difference-when',
						linkName: 'Difference 2: When'
					}
				]
			}
		});
		const mark = container.querySelector('mark#alpha-when')!;
		expect(mark.textContent).toBe('2on Tuesday');
		const link = screen.getByRole('link', { name: 'Difference 2: When' });
		expect(link).toHaveAttribute('href', '#difference-when');
		expect(link).toHaveTextContent(/^2$/);
		expect(mark.contains(link)).toBe(true);
	});

	it('shows a label without a link when no href is given, and no label at all when none is', () => {
		const { container } = render(SourceText, {
			props: {
				source,
				idPrefix: 't',
				marks: [
					{ ...at('The premier'), id: 'one', label: '1' },
					{ ...at('spoke'), id: 'two' }
				]
			}
		});
		expect(screen.queryByRole('link')).toBeNull();
		expect(container.querySelector('#one .label')).toHaveTextContent('1');
		expect(container.querySelector('#two .label')).toBeNull();
		expect(container.querySelector('#t-p1')!.textContent).toBe('1The premier spoke on Tuesday.');
	});

	it('renders the text as text, never as HTML', () => {
		const { container } = render(SourceText, {
			props: {
				source,
				idPrefix: 't',
				marks: [{ ...at(HOSTILE), id: 'h', label: '1', linksTo: 'x' }]
			}
		});
		expect(container.querySelector('img')).toBeNull();
		expect(container.querySelector('#h')!.textContent).toBe(`1${HOSTILE}`);
	});
});
