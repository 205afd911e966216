import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { EMPTY_RECEIPT, type Receipt } from '$lib/app/gradebook';
import type { Question } from '$lib/content/model';
import type { Banks } from '$lib/quiz/attempt';
import type { Assignment } from '$lib/share/assignment';
import { gradebook, itemAnalysis, resultId } from '$lib/share/gradebook';
import type { ReceivedResult, ResultPayload } from '$lib/share/result';
import { StorageError } from '$lib/storage/errors';
import type { SharedAssignment } from '$lib/share/composition';
import AddResults from '../../../src/routes/teach/gradebook/AddResults.svelte';
import GradebookSettings from '../../../src/routes/teach/gradebook/GradebookSettings.svelte';
import ItemAnalysis from '../../../src/routes/teach/gradebook/ItemAnalysis.svelte';
import StudentTable from '../../../src/routes/teach/gradebook/StudentTable.svelte';
import { samplePayload } from '../../unit/share/factory';
import { SOURCES, trueFalseQuestion } from '../fixtures';

const STORY = 'story-a';
const NOW = 1_700_000_000_000;
const HOSTILE = '<script>alert("x")</script>';

const questions: Question[] = [1, 2, 3].map((n) =>
	trueFalseQuestion({
		id: `q-${n}`,
		prompt: `Is statement ${n} true?`,
		fingerprint: `${n}`.padStart(16, '0')
	})
);
const banks: Banks = new Map([[STORY, { questions, outlets: SOURCES }]]);
const assignment: Assignment = {
	id: 'asg_component_01',
	title: 'Component test',
	instructions: '',
	createdAt: NOW,
	questions: [
		...questions.map((q) => ({ storyId: STORY, questionId: q.id, fingerprint: q.fingerprint })),
		{ storyId: STORY, questionId: 'q-withdrawn', fingerprint: 'ffffffffffffffff' }
	],
	pick: { kind: 'all' },
	order: 'fixed',
	timeLimitMinutes: null,
	attemptsAllowed: null,
	due: null,
	feedback: 'each',
	teacherKey: `B${'A'.repeat(86)}`
};

/** A result answering the first questions given, right or wrong; the rest asked but left blank. */
function result(
	name: string,
	given: (boolean | 'dont-know')[],
	fields: Partial<ResultPayload> = {}
) {
	const payload = samplePayload(assignment, name, {
		asked: ['q-1', 'q-2', 'q-3', 'q-withdrawn'],
		answers: given.map((g, i) => ({
			questionId: `q-${i + 1}`,
			response: g === 'dont-know' ? null : { value: g },
			...(g === 'dont-know' ? { dontKnow: true as const } : {}),
			atSecond: i
		})),
		...fields
	});
	return { id: resultId(payload), payload, receivedAt: NOW } satisfies ReceivedResult;
}

describe('StudentTable', () => {
	const book = gradebook(
		assignment,
		[
			result(HOSTILE, [true, false, 'dont-know'], { late: true }),
			result('Ana Lopes', [true, true], { assignmentDigest: 'AAAAAAAA', timedOut: true })
		],
		banks,
		{ policy: 'best' }
	);

	it('names each row by its student, as text, with a mark and a percentage in each cell', () => {
		render(StudentTable, { book });
		const table = screen.getByRole('table', { name: 'Scores by student and question' });
		const [, hostileRow, anaRow] = within(table).getAllByRole('row');
		// Markup in a name is shown as typed, never run.
		expect(within(hostileRow!).getByRole('rowheader')).toHaveTextContent(HOSTILE);
		expect(document.querySelector('script')).toBeNull();
		const cells = within(hostileRow!).getAllByRole('cell');
		// What is seen: an icon and the percentage (and a mark); what is read aloud: words.
		expect(cells.slice(1, 6).map((c) => c.querySelector('[aria-hidden]')?.textContent)).toEqual([
			'✓ 100%',
			'✗ 0%',
			'✗ 0% ?',
			'—',
			undefined
		]);
		expect(
			cells.map((c) => c.querySelector('.visually-hidden')?.textContent ?? c.textContent?.trim())
		).toEqual([
			'33%',
			'100%, right',
			'0%, wrong',
			'0%, wrong, don’t know',
			'withdrawn',
			'Late',
			'1'
		]);
		expect(within(anaRow!).getAllByRole('cell')[3]).toHaveTextContent('0%, wrong, left blank');
		expect(within(anaRow!).getByText('Timed out')).toBeInTheDocument();
		expect(within(anaRow!).getByText('Link changed')).toBeInTheDocument();
	});

	it('names the questions a student’s copy had in another version, or lacked', () => {
		const other = result('Ben', [true, true]);
		// Ben's app had another version of q-2, and no q-3 at all (an older Byline).
		other.payload.answers[1]!.fingerprint = 'abcdefabcdefabcd';
		other.payload.asked = ['q-1', 'q-2'];
		const differing = gradebook(assignment, [other], banks, { policy: 'best' });
		render(StudentTable, { book: differing });
		const row = screen.getByRole('row', { name: /Ben/ });
		expect(within(row).getByText('Other version: Q2')).toBeInTheDocument();
		expect(within(row).getByText('Not in their copy: Q3')).toBeInTheDocument();
	});

	it('heads each question column, and names a withdrawn one', () => {
		render(StudentTable, { book });
		const headers = screen.getAllByRole('columnheader').map((h) => h.textContent?.trim());
		expect(headers).toEqual([
			'Student',
			'Total',
			'Q1',
			'Q2',
			'Q3',
			'Q4, withdrawn',
			'Flags',
			'Submissions'
		]);
		expect(screen.getByRole('region', { name: 'Scores by student and question' })).toHaveAttribute(
			'tabindex',
			'0'
		);
	});
});

describe('ItemAnalysis', () => {
	it('says how each question went, the most missed first in words', () => {
		const book = gradebook(
			assignment,
			[
				result('A', [true, false, false]),
				result('B', [true, false, true]),
				result('C', [true, true, 'dont-know'])
			],
			banks,
			{ policy: 'best' }
		);
		render(ItemAnalysis, { items: itemAnalysis(book), book });
		expect(screen.getByText(/Most missed:/).parentElement).toHaveTextContent(
			'Most missed: Q2, 33% right. The most common wrong answer was “False” (2 students).'
		);
		const cards = screen.getAllByRole('listitem');
		expect(cards).toHaveLength(3);
		expect(cards[2]).toHaveTextContent(/“I don’t know”\s*1/);
		expect(cards[0]).toHaveTextContent('too few students');
		expect(screen.getByText(/Q4/)).toHaveTextContent('no longer in Byline’s questions');
	});
});

describe('AddResults', () => {
	const receipt = (fields: Partial<Receipt>): Receipt => ({ ...EMPTY_RECEIPT, ...fields });

	it('adds pasted codes and lists each refused one with its reason', async () => {
		const added = result('Ana Lopes', [true]);
		const receive = vi.fn(async () =>
			receipt({
				added: [added],
				refused: [{ code: 'BR1.abcdef…12345678', position: 2, message: 'This is incomplete.' }],
				found: 2
			})
		);
		render(AddResults, { assignmentId: assignment.id, receive });
		const button = screen.getByRole('button', { name: 'Add results' });
		expect(button).toBeDisabled();
		await userEvent.type(screen.getByLabelText('Paste result codes'), 'BR1.one BR1.two');
		await userEvent.click(button);
		expect(receive).toHaveBeenCalledWith('BR1.one BR1.two');
		const status = screen.getByRole('status');
		expect(status).toHaveTextContent('Added 1 result.');
		expect(status).toHaveTextContent('1 could not be read:');
		expect(within(status).getByRole('listitem')).toHaveTextContent(
			'Code 2: BR1.abcdef…12345678 This is incomplete.'
		);
		// The refused code is still there to look at.
		expect(screen.getByLabelText('Paste result codes')).toHaveValue('BR1.one BR1.two');
	});

	it('says nothing was added when storage fails', async () => {
		const receive = vi.fn(() => Promise.reject(new StorageError('quota')));
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		render(AddResults, { assignmentId: assignment.id, receive });
		await userEvent.type(screen.getByLabelText('Paste result codes'), 'BR1.one');
		await userEvent.click(screen.getByRole('button', { name: 'Add results' }));
		const status = screen.getByRole('status');
		expect(status).toHaveTextContent(/out of space/);
		expect(status).toHaveTextContent('None of these results were added.');
	});

	it('reads a file of codes through the same path', async () => {
		// jsdom's files have no arrayBuffer(); a browser's do.
		Object.defineProperty(Blob.prototype, 'arrayBuffer', {
			configurable: true,
			value(this: Blob) {
				return new Promise((resolve) => {
					const reader = new FileReader();
					reader.onload = () => resolve(reader.result as ArrayBuffer);
					reader.readAsArrayBuffer(this);
				});
			}
		});
		onTestFinished(() => {
			delete (Blob.prototype as Partial<Blob>).arrayBuffer;
		});
		const receive = vi.fn(async () => receipt({ added: [result('Ana Lopes', [true])], found: 1 }));
		render(AddResults, { assignmentId: assignment.id, receive });
		const input = document.querySelector<HTMLInputElement>('input[accept^=".txt"]')!;
		await userEvent.upload(
			input,
			new File(['Ana: BR1.one\n'], 'codes.txt', { type: 'text/plain' })
		);
		await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Added 1 result.'));
		expect(receive).toHaveBeenCalledWith('Ana: BR1.one\n');
	});
});

describe('GradebookSettings', () => {
	const shared: SharedAssignment = {
		id: assignment.id,
		compositionId: 'comp_component_1',
		assignment,
		sharedAt: NOW,
		policy: 'best',
		roster: ['Ana Lopes'],
		released: false
	};

	it('saves the submission that counts, and shows the stored one when saving fails', async () => {
		const save = vi.fn().mockResolvedValueOnce(null).mockResolvedValueOnce('Not saved: full.');
		render(GradebookSettings, { shared, missing: [], notOnRoster: [], save });
		await userEvent.click(screen.getByRole('radio', { name: /Last/ }));
		expect(save).toHaveBeenLastCalledWith({ policy: 'last' });
		expect(await screen.findByText('Saved.')).toBeInTheDocument();
		await userEvent.click(screen.getByRole('radio', { name: /First/ }));
		expect(await screen.findByText('Not saved: full.')).toBeInTheDocument();
		// The parent still holds the stored setting ("best"): the choice on screen goes back to it.
		expect(screen.getByRole('radio', { name: /Best/ })).toBeChecked();
	});

	it('saves the roster one name a line, and refuses a line too long to be a name', async () => {
		const save = vi.fn(async () => null);
		render(GradebookSettings, { shared, missing: ['Ana Lopes'], notOnRoster: ['Zed'], save });
		expect(screen.getByRole('heading', { name: 'Not handed in (1)' })).toBeInTheDocument();
		const roster = screen.getByLabelText('Class roster');
		await userEvent.clear(roster);
		await userEvent.type(roster, 'Ana Lopes{Enter}{Enter}  Ben Okafor  ');
		await userEvent.click(screen.getByRole('button', { name: 'Save roster' }));
		expect(save).toHaveBeenCalledWith({ roster: ['Ana Lopes', 'Ben Okafor'] });
		expect(await screen.findByText('Saved: 2 names.')).toBeInTheDocument();
		await userEvent.type(roster, `{Enter}${'x'.repeat(81)}`);
		await userEvent.click(screen.getByRole('button', { name: 'Save roster' }));
		expect(await screen.findByText(/Name 3 is longer than 80 characters/)).toBeInTheDocument();
		expect(save).toHaveBeenCalledTimes(1);
	});
});
