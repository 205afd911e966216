import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	evidenceHash,
	findPassage,
	foldWhitespace,
	occursIn,
	quoteFromHash,
	markPassages
} from '$lib/content/evidence';
import type { Source } from '$lib/content/model';

const source: Source = {
	id: 'alpha-news',
	outlet: 'Alpha',
	outletName: 'Alpha News',
	headline: 'Headline',
	published: '2022-09-07',
	url: null,
	credit: 'Credit',
	paragraphs: [
		'On September 7, the prime minister announced the expulsion of all diplomats.',
		'The ministry called it “an ill-considered   and hasty decision”… based on unfounded insinuations.',
		'Relations worsened after the country agreed in 2013\nto accept around 3,000 members.',
		'The prime minister said it again.'
	]
};

describe('foldWhitespace', () => {
	it('folds every run of whitespace to one space and trims the ends', () => {
		expect(foldWhitespace('  a \n\n b\t\tc\r\nd  ')).toBe('a b c d');
		expect(foldWhitespace('a\u00a0\u00a0b')).toBe('a b');
		expect(foldWhitespace(' \n\t ')).toBe('');
	});

	it('leaves text without runs of whitespace alone', () => {
		expect(foldWhitespace('“Quoted” – text… here.')).toBe('“Quoted” – text… here.');
	});

	it('is idempotent and never leaves two spaces together', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (s) => {
				const once = foldWhitespace(s);
				expect(foldWhitespace(once)).toBe(once);
				expect(once).not.toMatch(/\s\s|^\s|\s$/);
			})
		);
	});
});

describe('findPassage', () => {
	it('finds a quote in the paragraph it stands in, with its place in the folded text', () => {
		const passage = findPassage(source, 'announced the expulsion');
		expect(passage).toEqual({
			paragraph: 0,
			start: source.paragraphs[0]!.indexOf('announced'),
			end: source.paragraphs[0]!.indexOf('announced') + 'announced the expulsion'.length
		});
	});

	it('matches across whitespace differences in either the quote or the paragraph', () => {
		const inQuote = findPassage(source, 'the\nprime   minister announced');
		expect(inQuote?.paragraph).toBe(0);
		const inParagraph = findPassage(source, 'an ill-considered and hasty decision');
		expect(inParagraph?.paragraph).toBe(1);
		const lineBreak = findPassage(source, 'in 2013 to accept');
		expect(lineBreak?.paragraph).toBe(2);
	});

	it('measures start and end in the folded paragraph, so a line break before the quote does not shift it', () => {
		const paragraph = foldWhitespace(source.paragraphs[2]!);
		const passage = findPassage(source, 'around 3,000')!;
		expect(paragraph.slice(passage.start, passage.end)).toBe('around 3,000');
	});

	it('returns the first paragraph when a quote stands in several', () => {
		expect(findPassage(source, 'prime minister')?.paragraph).toBe(0);
	});

	it('does not find a quote that runs across a paragraph break', () => {
		expect(findPassage(source, 'all diplomats. The ministry called it')).toBeNull();
	});

	it('does not forgive case, punctuation or straight quotes for curly ones', () => {
		expect(findPassage(source, 'The Prime Minister announced')).toBeNull();
		expect(findPassage(source, 'On September 7 the prime minister')).toBeNull();
		expect(findPassage(source, '"an ill-considered and hasty decision"')).toBeNull();
		expect(findPassage(source, 'hasty decision”...')).toBeNull();
		expect(findPassage(source, 'hasty decision”…')).not.toBeNull();
	});

	it('finds nothing for an empty or blank quote', () => {
		expect(findPassage(source, '')).toBeNull();
		expect(findPassage(source, ' \n ')).toBeNull();
	});

	it('finds any slice of any paragraph, whitespace aside', () => {
		fc.assert(
			fc.property(fc.nat({ max: source.paragraphs.length - 1 }), fc.nat(), fc.nat(), (p, a, b) => {
				const text = foldWhitespace(source.paragraphs[p]!);
				const [from, to] = [a % text.length, b % text.length].sort((x, y) => x - y);
				const quote = text.slice(from!, to! + 1);
				if (!quote.trim()) return;
				expect(occursIn(source, quote.replace(/ /g, '\n  '))).toBe(true);
			})
		);
	});
});

describe('occursIn', () => {
	it('says whether a quote stands anywhere in the source', () => {
		expect(occursIn(source, 'unfounded insinuations')).toBe(true);
		expect(occursIn(source, 'unfounded allegations')).toBe(false);
		expect(occursIn(source, '')).toBe(false);
	});
});

describe('evidenceHash and quoteFromHash', () => {
	const roundTrip = (quote: string) => quoteFromHash(evidenceHash({ source: 'alpha-news', quote }));

	it.each([
		'plain words',
		'“an ill-considered and hasty decision”…',
		'it’s “quoted” – with a dash',
		'Q&A: who? #1 of 100% sure',
		'a=b; c/d + e',
		'Durrës, Tiranë — ünïcödé'
	])('reads %j back out of the link it makes', (quote) => {
		expect(roundTrip(quote)).toBe(quote);
	});

	it('folds whitespace in the link', () => {
		const hash = evidenceHash({ source: 'alpha-news', quote: '  two\n\nlines  ' });
		expect(hash).toBe('#quote=two%20lines');
		expect(quoteFromHash(hash)).toBe('two lines');
	});

	it('encodes characters that would end or split the hash', () => {
		const hash = evidenceHash({ source: 'alpha-news', quote: 'a & b? #c “d”…' });
		expect(hash.startsWith('#quote=')).toBe(true);
		expect(hash.slice(1)).not.toMatch(/[#&?\s“”…]/);
	});

	it('round-trips any text, whitespace folded', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (quote) => {
				expect(roundTrip(quote)).toBe(foldWhitespace(quote));
			})
		);
	});

	it.each(['', '#', 'quote=abc', '#quotes=abc', '#q=abc', '#other=1&quote=abc'])(
		'returns null for %j, which holds no quote',
		(hash) => {
			expect(quoteFromHash(hash)).toBeNull();
		}
	);

	it('reads an empty quote as an empty string', () => {
		expect(quoteFromHash('#quote=')).toBe('');
	});

	it.each(['#quote=%', '#quote=%E2%80', '#quote=abc%zz', '#quote=%E0%A4%A'])(
		'returns null for the malformed hash %j instead of throwing',
		(hash) => {
			expect(() => quoteFromHash(hash)).not.toThrow();
			expect(quoteFromHash(hash)).toBeNull();
		}
	);

	it('reads a hash written by hand with unencoded characters', () => {
		expect(quoteFromHash('#quote=hasty decision')).toBe('hasty decision');
	});
});

describe('markPassages', () => {
	const paragraph = 'Rama said the move was forced.  Iran denied it.';

	it('cuts a paragraph into plain and marked runs, in order of position, whatever the input order', () => {
		const later = { start: 31, end: 46, id: 'b' };
		const earlier = { start: 0, end: 9, id: 'a' };
		expect(markPassages(paragraph, [later, earlier])).toEqual([
			{ text: 'Rama said', mark: earlier },
			{ text: ' the move was forced. ' },
			{ text: 'Iran denied it.', mark: later }
		]);
	});

	it('drops a mark that overlaps an earlier one, and joins back to the folded text', () => {
		const pieces = markPassages(paragraph, [
			{ start: 0, end: 12 },
			{ start: 5, end: 20 }
		]);
		expect(pieces.filter((p) => p.mark)).toHaveLength(1);
		expect(pieces.map((p) => p.text).join('')).toBe(foldWhitespace(paragraph));
	});

	it('returns the whole paragraph as one plain run when nothing is marked', () => {
		expect(markPassages('<b>not markup</b>', [])).toEqual([{ text: '<b>not markup</b>' }]);
	});
});
