import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Countdown from '$lib/components/Countdown.svelte';

const START = 1_700_000_000_000;
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** The countdown's clock: it reads `now`, which only the test moves. */
let clock: number;
const now = () => clock;

/** Lets `ms` pass on the clock and on the timers, then lets the page catch up. */
async function pass(ms: number) {
	clock += ms;
	await vi.advanceTimersByTimeAsync(ms);
	await tick();
}

function mount(left: number) {
	const ontimeup = vi.fn();
	const result = render(Countdown, { props: { deadline: START + left, now, ontimeup } });
	const countdown = () => result.container.querySelector('.countdown')!;
	return { ...result, ontimeup, countdown };
}

beforeEach(() => {
	vi.useFakeTimers();
	clock = START;
});

afterEach(() => {
	vi.useRealTimers();
});

describe('Countdown', () => {
	it('shows the time left as m:ss, in words for screen readers too', () => {
		mount(MINUTE);
		expect(screen.getByText('Time left 1:00')).toBeInTheDocument();
		expect(screen.getByText('1 minute left')).toBeInTheDocument();
	});

	it('shows an hour and more as h:mm:ss', () => {
		mount(75 * MINUTE + 5 * SECOND);
		expect(screen.getByText('Time left 1:15:05')).toBeInTheDocument();
	});

	it('counts down as the clock moves', async () => {
		mount(2 * MINUTE);
		await pass(SECOND);
		expect(screen.getByText('Time left 1:59')).toBeInTheDocument();
		await pass(59 * SECOND);
		expect(screen.getByText('Time left 1:00')).toBeInTheDocument();
		await pass(45 * SECOND);
		expect(screen.getByText('Time left 0:15')).toBeInTheDocument();
	});

	it('counts from the deadline, so time the page did not see (a sleeping phone) is gone', async () => {
		mount(10 * MINUTE);
		// The clock jumps four minutes while only a second of timers runs.
		clock += 4 * MINUTE;
		await pass(SECOND);
		expect(screen.getByText('Time left 5:59')).toBeInTheDocument();
	});

	it('rounds seconds up: it shows 0:00 only when the time is up', async () => {
		const { ontimeup } = mount(1_500);
		expect(screen.getByText('Time left 0:02')).toBeInTheDocument();
		await pass(1_250);
		expect(screen.getByText('Time left 0:01')).toBeInTheDocument();
		expect(ontimeup).not.toHaveBeenCalled();
		await pass(250);
		expect(screen.getByText('Time left 0:00')).toBeInTheDocument();
	});

	it('calls ontimeup exactly once when it reaches 0, and not again later', async () => {
		const { ontimeup } = mount(3 * SECOND);
		await pass(2 * SECOND);
		expect(ontimeup).not.toHaveBeenCalled();
		await pass(SECOND);
		expect(ontimeup).toHaveBeenCalledTimes(1);
		expect(screen.getByText('Time left 0:00')).toBeInTheDocument();
		expect(screen.getByText('No time left')).toBeInTheDocument();
		await pass(MINUTE);
		expect(ontimeup).toHaveBeenCalledTimes(1);
	});

	it('calls ontimeup once at once when the deadline has already passed', async () => {
		const { ontimeup } = mount(-MINUTE);
		expect(ontimeup).toHaveBeenCalledTimes(1);
		expect(screen.getByText('Time left 0:00')).toBeInTheDocument();
		await pass(10 * SECOND);
		expect(ontimeup).toHaveBeenCalledTimes(1);
	});

	it('stops counting once it is gone from the page', async () => {
		const { ontimeup, unmount } = mount(2 * SECOND);
		unmount();
		await pass(10 * SECOND);
		expect(ontimeup).not.toHaveBeenCalled();
	});

	it('announces the time left at five minutes and at one, and not in between', async () => {
		mount(6 * MINUTE);
		const status = screen.getByRole('status');
		expect(status).toHaveTextContent('');
		await pass(59 * SECOND);
		expect(status).toHaveTextContent('');
		await pass(SECOND);
		expect(status).toHaveTextContent('5 minutes left.');
		await pass(2 * MINUTE);
		expect(status).toHaveTextContent('5 minutes left.');
		await pass(2 * MINUTE);
		expect(status).toHaveTextContent('1 minute left.');
		await pass(30 * SECOND);
		expect(status).toHaveTextContent('1 minute left.');
	});

	it('announces nothing on opening with less than five minutes left, then one minute as it passes', async () => {
		mount(3 * MINUTE);
		const status = screen.getByRole('status');
		await pass(SECOND);
		expect(status).toHaveTextContent('');
		await pass(2 * MINUTE);
		expect(status).toHaveTextContent('59 seconds left.');
	});

	it('is marked low from one minute left', async () => {
		const { countdown } = mount(MINUTE + 2 * SECOND);
		expect(countdown()).toHaveAttribute('data-low', 'false');
		await pass(SECOND);
		expect(countdown()).toHaveAttribute('data-low', 'false');
		await pass(SECOND);
		expect(countdown()).toHaveAttribute('data-low', 'true');
		await pass(MINUTE);
		expect(countdown()).toHaveAttribute('data-low', 'true');
	});
});
