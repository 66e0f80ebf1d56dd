import type { ColumnType } from 'kysely';
import type { Measure } from '../figures/measures';

/** JSON kept as text, so one schema serves SQLite and PostgreSQL alike. */
type JsonText = string;

export interface MetaTable {
	key: string;
	value: string;
}

export interface CategoryTable {
	id: string;
	name_zh: string;
	name_en: string;
	/** Letter that starts this category's ticket numbers at a counter. */
	ticket_prefix: string;
	sort: number;
}

export interface DepartmentTable {
	id: string;
	name_zh: string;
	name_en: string;
}

export interface TownTable {
	id: string;
	name_zh: string;
	name_en: string;
	kind: 'subdistrict' | 'town';
	sort: number;
}

export interface PointTable {
	id: string;
	town_id: string;
	/** `city`: the city hall (市政务服务中心), run by the city, not by the town it stands in. */
	kind: 'centre' | 'village' | 'proxy' | 'city';
	name_zh: string;
	name_en: string;
	address_zh: string;
	address_en: string;
	lat: number;
	lng: number;
	phone: string;
	/** Weekly opening hours: `{"1":[["08:30","12:00"],["13:30","17:00"]], …}`, keys 1 (Mon) to 7 (Sun). */
	hours: JsonText;
	counters: number;
}

export interface PointClosureTable {
	point_id: string;
	date: string;
	reason_zh: string;
	reason_en: string;
}

export interface MatterTable {
	id: string;
	code: string;
	category_id: string;
	department_id: string;
	name_zh: string;
	name_en: string;
	/** Everyday names and abbreviations that search finds the matter by: `["低保", "welfare"]` */
	aliases: Generated<JsonText>;
	summary_zh: string;
	summary_en: string;
	/** `[{zh, en}]` */
	conditions: JsonText;
	promised_days: number;
	legal_days: number;
	fee_zh: string;
	fee_en: string;
	legal_basis: JsonText;
	visits: number;
	/** Situation questions: `[{id, zh, en, options: [{id, zh, en}]}]` */
	questions: JsonText;
	/** The matter's own form fields: `[{key, type, zh, en, required, options?, min?, max?}]` */
	form: JsonText;
	sort: number;
}

export interface MaterialTable {
	matter_id: string;
	id: string;
	name_zh: string;
	name_en: string;
	form: 'original' | 'copy' | 'original_and_copy' | 'electronic';
	count: number;
	note_zh: string;
	note_en: string;
	/** Which situation answers call for it: `{questionId: [optionId, …]}`; `{}` means always. */
	when: JsonText;
	sort: number;
}

export type CalendarKind = 'holiday' | 'workday' | 'normal';

export interface NationalCalendarTable {
	/** YYYY-MM-DD */
	date: string;
	kind: CalendarKind;
	name_zh: Generated<string>;
	name_en: Generated<string>;
	source: 'list' | 'admin';
	updated_at: string;
}

export interface PointMatterTable {
	point_id: string;
	matter_id: string;
	slot_minutes: number;
	capacity: number;
	min_hours_ahead: number;
	max_days_ahead: number;
}

export interface BundleTable {
	id: string;
	name_zh: string;
	name_en: string;
	summary_zh: string;
	summary_en: string;
	sort: number;
}

export interface BundleMatterTable {
	bundle_id: string;
	matter_id: string;
	sort: number;
}

/** One published catalogue: the whole document, who published it, and what changed. */
export interface CatalogVersionTable {
	version: number;
	document: JsonText;
	changes: Generated<JsonText>;
	published_by: string | null;
	published_by_name: Generated<string>;
	published_at: string;
	/** The version whose document this one brought back. */
	restored_from: number | null;
}

/** An administrator's draft of the catalogue (one each, keyed by their account), published whole. */
export interface CatalogDraftTable {
	/** The account whose draft it is. */
	id: string;
	document: JsonText;
	/** The published version the draft was begun from (null: from before the first publication). */
	base_version: number | null;
	updated_by_name: string;
	updated_at: string;
}

/** A booking whose slot a publication took away, for the centre to contact the resident. */
export interface CatalogAffectedBookingTable {
	version: number;
	booking_id: string;
	reference: string;
	point_id: string;
	town_id: string;
	matter_id: string;
	slot_start: string;
	phone_masked: string;
	/** When someone at the centre reached the resident, who (account id and name), and what was agreed. */
	contacted_at: string | null;
	contacted_by: string | null;
	contacted_by_name: string | null;
	contact_note: Generated<string>;
}

export interface SlotCountTable {
	point_id: string;
	matter_id: string;
	/** `YYYY-MM-DDTHH:mm+08:00` */
	slot_start: string;
	booked: number;
}

/** `town_admin`: runs one town (its centre is the account's point): its points, its figures. */
export type Role = 'staff' | 'agent' | 'admin' | 'town_admin';

export interface UserTable {
	id: string;
	username: string;
	display_name: string;
	role: Role;
	point_id: string | null;
	password_hash: string;
	disabled: Generated<number>;
	created_at: string;
}

/** Wrong passwords in a row for a user name (normalised), whether or not an account has it. */
export interface SignInAttemptTable {
	username: string;
	failed_count: Generated<number>;
	locked_until: string | null;
	/** The latest failure: a name no account has is forgotten a day after it. */
	last_failed_at: string | null;
}

export interface DeviceTable {
	id: string;
	token_hash: string;
	user_id: string | null;
	created_at: string;
}

export type ApplicationStatus =
	'submitted' | 'accepted' | 'more_materials' | 'completed' | 'refused' | 'cancelled';

export interface ApplicationTable {
	id: string;
	reference: string;
	op_id: string;
	device_id: string;
	agent_user_id: string | null;
	matter_id: string;
	bundle_id: string | null;
	matter_ids: JsonText;
	point_id: string;
	applicant_name: string;
	applicant_id_number: string;
	applicant_phone: string;
	fields: JsonText;
	answers: JsonText;
	status: ApplicationStatus;
	status_note: Generated<string>;
	requested_materials: Generated<JsonText>;
	rating: number | null;
	rating_comment: string | null;
	device_created_at: string;
	checked_in_at: string | null;
	created_at: string;
	updated_at: string;
}

export type BookingStatus = 'booked' | 'needs_slot' | 'cancelled' | 'released';

export interface BookingTable {
	id: string;
	application_id: string;
	point_id: string;
	matter_id: string;
	applicant_id_number: string;
	slot_start: string | null;
	status: BookingStatus;
	/** When the booking's day was found passed with nobody checked in (a no-show, counted once). */
	missed_at: string | null;
	/**
	 * When a catalogue publication stopped offering the booked time (hours cut, a closure, the
	 * matter moved elsewhere); null again should a later one offer it again.
	 */
	withdrawn_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface OpTable {
	op_id: string;
	device_id: string;
	kind: string;
	payload_hash: string;
	status: string;
	reply: JsonText;
	created_at: string;
	taken_in: Generated<number>;
	/** Taken in at a counter: the digest of the claim key of the phone that made it. */
	claim_hash: string | null;
}

export interface BlobTable {
	sha256: string;
	content_type: string;
	size: number;
	data: Buffer;
	device_id: string;
	created_at: string;
}

/** Which device uploaded which photo: a device names only its own photos in its applications. */
export interface BlobOwnerTable {
	device_id: string;
	sha256: string;
	size: number;
	created_at: string;
	attached_at: string | null;
	/** Chunk bytes taken to complete it, when it came in chunks. */
	sent_bytes: number | null;
}

/** A photo being uploaded in chunks: how far it has come. */
export interface BlobUploadTable {
	device_id: string;
	sha256: string;
	content_type: string;
	total: number;
	received: number;
	/** Every chunk byte that arrived for it, taken or not. */
	sent: number;
	created_at: string;
	updated_at: string;
}

export interface BlobUploadChunkTable {
	device_id: string;
	sha256: string;
	offset: number;
	data: Buffer;
}

export interface AttachmentTable {
	application_id: string;
	sha256: string;
	material_id: string;
}

/** A photo an application names whose bytes its device has not uploaded yet. */
export interface PendingAttachmentTable {
	application_id: string;
	sha256: string;
	material_id: string;
	device_id: string;
	content_type: string;
	size: number;
	created_at: string;
}

/** One step of an application, as its timeline shows it. */
export interface ApplicationEventTable {
	seq: Generated<number>;
	application_id: string;
	/** A step of the status machine (`submitted`, `check_in`, `accept`, `cancel`, …). */
	step: string;
	at: string;
	note: Generated<string>;
}

export interface ChangeTable {
	seq: Generated<number>;
	device_id: string;
	application_id: string;
	created_at: string;
}

export interface SessionTable {
	token_hash: string;
	user_id: string;
	created_at: string;
	expires_at: string;
}

export interface AuditTable {
	id: string;
	at: string;
	user_id: string;
	username: string;
	point_id: string | null;
	action: string;
	application_id: string | null;
	before: Generated<JsonText>;
	after: Generated<JsonText>;
	note: Generated<string>;
}

export type TicketStatus = 'waiting' | 'called' | 'done' | 'no_show';

export interface TicketTable {
	id: string;
	point_id: string;
	day: string;
	number: number;
	code: string;
	category_id: string;
	application_id: string | null;
	status: TicketStatus;
	counter: number | null;
	/** The latest call (a recall or a transfer calls again). */
	called_at: string | null;
	/** The first call: the end of the ticket's wait. */
	first_called_at: string | null;
	created_at: string;
	updated_at: string;
}

/** A day's figures at one point for one matter ('' for walk-ins); see `figures/measures.ts`. */
export type DailyFiguresTable = {
	day: string;
	point_id: string;
	matter_id: string;
} & Record<Measure, Generated<number>>;

/** The same by week, keyed by its Monday. */
export type WeeklyFiguresTable = {
	week: string;
	point_id: string;
	matter_id: string;
} & Record<Measure, Generated<number>>;

/** The same by month, keyed by its first day. */
export type MonthlyFiguresTable = {
	month: string;
	point_id: string;
	matter_id: string;
} & Record<Measure, Generated<number>>;

/** A change to the figures, written with the event; folded into the daily, weekly and monthly rows later. */
export type FigureDeltaTable = DailyFiguresTable & {
	seq: Generated<number>;
	week: string;
	month: string;
};

/** The follow-up of a poor rating (≤ 2 stars): who did what, when, and whether it is closed. */
export interface RatingFollowUpTable {
	application_id: string;
	point_id: string;
	matter_id: string;
	stars: number;
	comment: Generated<string>;
	rated_at: string;
	/** The Beijing day it is due: the 15th working day after the rating's. */
	deadline: string;
	closed: Generated<number>;
	/** The Beijing day it was closed; null while open. */
	closed_on: string | null;
	action: Generated<string>;
	followed_by: string | null;
	followed_by_name: string | null;
	followed_at: string | null;
}

/**
 * Ratings per Beijing day, point, matter and the clerk who completed the application (their user
 * id, '' when the audit log names nobody); rows of matter '' sum every matter.
 */
export interface ClerkRatingTable {
	matter_id: string;
	day: string;
	point_id: string;
	clerk_id: string;
	rating_1: Generated<number>;
	rating_2: Generated<number>;
	rating_3: Generated<number>;
	rating_4: Generated<number>;
	rating_5: Generated<number>;
}

export interface Database {
	meta: MetaTable;
	categories: CategoryTable;
	departments: DepartmentTable;
	towns: TownTable;
	points: PointTable;
	point_closures: PointClosureTable;
	national_calendar: NationalCalendarTable;
	matters: MatterTable;
	materials: MaterialTable;
	point_matters: PointMatterTable;
	bundles: BundleTable;
	bundle_matters: BundleMatterTable;
	catalog_versions: CatalogVersionTable;
	catalog_drafts: CatalogDraftTable;
	catalog_affected_bookings: CatalogAffectedBookingTable;
	slot_counts: SlotCountTable;
	users: UserTable;
	sign_in_attempts: SignInAttemptTable;
	devices: DeviceTable;
	applications: ApplicationTable;
	bookings: BookingTable;
	ops: OpTable;
	blobs: BlobTable;
	blob_owners: BlobOwnerTable;
	blob_uploads: BlobUploadTable;
	blob_upload_chunks: BlobUploadChunkTable;
	attachments: AttachmentTable;
	pending_attachments: PendingAttachmentTable;
	changes: ChangeTable;
	application_events: ApplicationEventTable;
	sessions: SessionTable;
	audit_log: AuditTable;
	tickets: TicketTable;
	daily_figures: DailyFiguresTable;
	weekly_figures: WeeklyFiguresTable;
	monthly_figures: MonthlyFiguresTable;
	figure_deltas: FigureDeltaTable;
	rating_follow_ups: RatingFollowUpTable;
	clerk_ratings: ClerkRatingTable;
}

export type Generated<T> = ColumnType<T, T | undefined, T>;
