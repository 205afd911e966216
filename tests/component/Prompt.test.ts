import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Prompt from '$lib/components/Prompt.svelte';
import { HOSTILE } from './fixtures';

describe('Prompt', () => {
	it('renders the prompt as a level 2 heading with the given id, focusable by script', () => {
		render(Prompt, { props: { text: 'Who said it?', id: 'q-one' } });
		const heading = screen.getByRole('heading', { level: 2, name: 'Who said it?' });
		expect(heading).toHaveAttribute('id', 'q-one');
		expect(heading).toHaveAttribute('tabindex', '-1');
		expect(heading.querySelector('.blank')).toBeNull();
	});

	it('shows a cloze blank as a line that reads as "blank"', () => {
		render(Prompt, { props: { text: 'The ___ said', id: 'q-cloze' } });
		const heading = screen.getByRole('heading', { level: 2, name: 'The blank said' });
		const blanks = heading.querySelectorAll('.blank');
		expect(blanks).toHaveLength(1);
		expect(blanks[0]!.querySelector('.visually-hidden')).toHaveTextContent(/^blank$/);
		expect(heading).not.toHaveTextContent('___');
		expect(heading.textContent).toBe('The blank said');
	});

	it('shows a blank for every run of three or more underscores', () => {
		render(Prompt, { props: { text: '____ met ___ in ______', id: 'q-many' } });
		const heading = screen.getByRole('heading', { level: 2 });
		expect(heading.querySelectorAll('.blank')).toHaveLength(3);
		expect(heading).toHaveAccessibleName('blank met blank in blank');
	});

	it('leaves one or two underscores as they are', () => {
		render(Prompt, { props: { text: 'snake_case and __init__', id: 'q-none' } });
		const heading = screen.getByRole('heading', { level: 2, name: 'snake_case and __init__' });
		expect(heading.querySelector('.blank')).toBeNull();
	});

	it('renders markup in the prompt as text, never as HTML', () => {
		const { container } = render(Prompt, { props: { text: `${HOSTILE} ___`, id: 'q-x' } });
		expect(container.querySelector('img')).toBeNull();
		const heading = screen.getByRole('heading', { level: 2 });
		expect(heading.textContent).toBe(`${HOSTILE} blank`);
	});
});
