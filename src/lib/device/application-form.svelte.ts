import { materialsByMatter } from '$lib/catalog/materials';
import type { Asked } from '$lib/catalog/asked';
import type { FormField, Matter, Material, Question } from '$lib/catalog/types';
import { getLocale } from '$lib/paraglide/runtime';
import type { parseApplication } from '$lib/schemas/application';
import type { FieldIssue } from '$lib/schemas/issues';
import type { Attachment, DraftData, LocalApplication } from './db';
import { rememberedAnswers } from './guide-answers';

export interface FormContext {
	matters: Matter[];
	bundleId: string | null;
	pointId: string;
	primaryMatterId: string;
	slots: string[];
	/** The fields and questions of its matters, a bundle's merged (`askedBy`). */
	asked: Asked;
}

export const emptyApplicant = () => ({ name: '', idNumber: '', phone: '' });

const filledIn = (values: Record<string, string>) =>
	Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));

type Checked = ReturnType<typeof parseApplication>;
type Check = (input: { applicant: unknown; fields: unknown }) => Checked;

/**
 * One application being filled in: its values, checked with the same schemas the server uses,
 * saved as a draft on every change, and queued in the outbox on submit.
 */
export class ApplicationForm {
	applicant = $state(emptyApplicant());
	fields = $state<Record<string, string>>({});
	answers = $state<Record<string, string>>({});
	attachments = $state<Attachment[]>([]);
	errors = $state.raw<FieldIssue[]>([]);
	/** Checked once on submit: from then on every change is checked again, so the list follows. */
	checked = $state(false);
	saved = $state(false);
	busyPhotos = $state(0);
	/** The resident agreed to keep their name, ID number and phone on this device for next time. */
	remember = $state(false);
	/** The applicant was filled in from what this device keeps. */
	prefilled = $state(false);
	readonly ctx: FormContext;
	readonly formFields: FormField[];
	/**
	 * The matters' situation questions; a bundle asks one its matters share once. An agent's form
	 * offers only the agent's choice where a question has one (`answerAsAgent`, as the agent's
	 * part of the form loads).
	 */
	questions = $state.raw<Question[]>([]);
	readonly draftId: string;
	#checks: Promise<Check> | undefined;
	#saveTimer: ReturnType<typeof setTimeout> | undefined;
	/** The reference of the refused application being corrected, if that is what the form holds. */
	#corrects: string | null = null;
	/** Whether the draft, if any, has been read: till then a save would overwrite it. */
	#restored = false;
	#typedEarly = false;

	constructor(ctx: FormContext) {
		this.ctx = ctx;
		this.formFields = ctx.asked.fields;
		this.questions = ctx.asked.questions;
		this.draftId = `${ctx.bundleId ?? ctx.primaryMatterId}|${ctx.pointId}`;
	}

	/** The materials to photograph, by matter: one several matters need is asked for once. */
	get materials(): { matter: Matter; materials: Material[] }[] {
		return materialsByMatter(this.ctx.matters, this.answers);
	}

	data(): DraftData {
		return {
			matterId: this.ctx.primaryMatterId,
			bundleId: this.ctx.bundleId,
			pointId: this.ctx.pointId,
			slots: this.ctx.slots,
			applicant: { ...this.applicant },
			fields: filledIn(this.fields),
			answers: { ...this.answers },
			attachments: this.attachments.map((a) => ({ ...a }))
		};
	}

	/**
	 * Picks up the saved draft of this matter and point, or a refused application to correct; a new
	 * application starts from the answers given on the guide and, when the resident chose so, their
	 * own details kept on this device (never for an agent, who files for others). `stored`: whether
	 * the device has stored anything (`deviceStoreExists`); one that never did holds no draft and no
	 * details of its resident. True when it picked up a draft left unsent.
	 */
	async restore(
		from: LocalApplication | undefined,
		agent: string | null,
		stored: boolean
	): Promise<boolean> {
		try {
			return await this.#restore(from, agent, stored);
		} finally {
			this.#restored = true;
			// What was typed while it was read is saved only now, so as not to overwrite the draft.
			if (this.#typedEarly) this.scheduleSave();
		}
	}

	async #restore(
		from: LocalApplication | undefined,
		agent: string | null,
		stored: boolean
	): Promise<boolean> {
		this.#corrects = from?.reference ?? null;
		const draft = from ?? (stored ? await this.#savedDraft() : undefined);
		// On a slow phone the resident may start typing before this is read: what they typed stands.
		if (draft) {
			this.applicant = { ...emptyApplicant(), ...draft.applicant, ...filledIn(this.applicant) };
			this.fields = { ...draft.fields, ...filledIn(this.fields) };
			this.answers = { ...draft.answers, ...this.answers };
			const added = new Set(this.attachments.map((a) => a.sha256));
			this.attachments = [
				...draft.attachments.filter((a) => !added.has(a.sha256)),
				...this.attachments
			];
			return !from;
		}
		// Only answers the form can take: a question it asks, an option it offers.
		const offered = new Map(this.questions.map((q) => [q.id, q.options.map((o) => o.id)]));
		this.answers = {
			...Object.fromEntries(
				Object.entries(rememberedAnswers(this.ctx.matters.map((m) => m.id))).filter(([q, option]) =>
					offered.get(q)?.includes(option)
				)
			),
			...this.answers
		};
		const me = agent || !stored ? undefined : await this.#rememberedApplicant();
		if (me) {
			this.applicant = { ...emptyApplicant(), ...me, ...filledIn(this.applicant) };
			this.remember = this.prefilled = true;
		}
		return false;
	}

	async #savedDraft() {
		const { deviceDb } = await import('./db');
		return deviceDb.drafts.get(this.draftId);
	}

	async #rememberedApplicant() {
		const { rememberedApplicant } = await import('./remembered-applicant');
		return rememberedApplicant();
	}

	/** Saves the draft shortly after the last change. */
	scheduleSave(): void {
		clearTimeout(this.#saveTimer);
		this.saved = false;
		this.#saveTimer = setTimeout(() => void this.save(), 400);
	}

	async save(): Promise<void> {
		if (!this.#restored) {
			this.#typedEarly = true;
			return;
		}
		const { deviceDb } = await import('./db');
		await deviceDb.drafts.put({ id: this.draftId, ...this.data(), updatedAt: Date.now() });
		this.saved = true;
	}

	/**
	 * Loads the checks (the schemas, their library and messages): the page asks as the resident
	 * starts filling in, so that its first paint does not wait for them.
	 */
	prepareChecks(): Promise<Check> {
		this.#checks ??= import('$lib/schemas/application').then(
			({ formSchema, parseApplication }) => {
				const form = { fields: this.formFields, schema: formSchema(this.formFields) };
				return (input) => parseApplication(input, form, getLocale() === 'en' ? 'en' : 'zh');
			},
			(error: unknown) => {
				this.#checks = undefined;
				throw error;
			}
		);
		return this.#checks;
	}

	/** Shows what is at fault; returns the values as the server reads them, or the faults. */
	async validate(): Promise<Checked> {
		this.checked = true;
		const check = await this.prepareChecks();
		const checked = check({ applicant: this.applicant, fields: this.data().fields });
		this.errors = 'issues' in checked ? checked.issues : [];
		return checked;
	}

	/** After a change: checks again once the reader has tried to submit. */
	changed(): void {
		this.scheduleSave();
		if (this.checked) void this.validate();
	}

	errorOf(field: string): string | undefined {
		return this.errors.find((e) => e.field === field)?.message;
	}

	removePhoto(sha256: string): void {
		this.attachments = this.attachments.filter((a) => a.sha256 !== sha256);
		this.scheduleSave();
	}

	/** Checks, then queues the application in the outbox (works with no network). */
	async submit(agent: string | null): Promise<LocalApplication | null> {
		const checked = await this.validate();
		if ('issues' in checked) return null;
		clearTimeout(this.#saveTimer);
		const { queueChecked } = await import('./queue-checked');
		return queueChecked(this.draftId, this.data(), checked.applicant, {
			agent,
			remember: this.remember,
			corrects: this.#corrects,
			matterIds: this.ctx.matters.map((m) => m.id)
		});
	}
}
