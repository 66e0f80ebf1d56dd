import { m } from '$lib/paraglide/messages';
import type { TicketStatus } from '$lib/server/db/schema';

const WORDS: Record<TicketStatus, () => string> = {
	waiting: m.ticket_waiting,
	called: m.ticket_called,
	done: m.ticket_done,
	no_show: m.ticket_no_show
};

/** What became of a ticket, with the counter it went to once called: 已叫号 · 2号窗口. */
export function ticketWords(ticket: { status: TicketStatus; counter: number | null }): string {
	const counter =
		ticket.status !== 'waiting' && ticket.counter ? m.staff_counter_n({ n: ticket.counter }) : '';
	return [WORDS[ticket.status](), counter].filter(Boolean).join(' · ');
}
