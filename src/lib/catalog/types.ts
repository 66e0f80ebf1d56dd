/** The catalogue as the server sends it and the device keeps it: one snapshot with a version. */

export interface Text {
	zh: string;
	en: string;
}

/** Weekday 1 (Monday) to 7 (Sunday) → opening spans as `["08:30", "12:00"]`. */
export type WeeklyHours = Partial<
	Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [string, string][]>
>;

export interface Category {
	id: string;
	name: Text;
	ticketPrefix: string;
}

export interface Department {
	id: string;
	name: Text;
}

export interface Town {
	id: string;
	name: Text;
	kind: 'subdistrict' | 'town';
}

export interface Closure {
	date: string;
	reason: Text;
}

export interface SlotRule {
	matterId: string;
	slotMinutes: number;
	capacity: number;
	minHoursAhead: number;
	maxDaysAhead: number;
}

/** A town's service centre, a village point, a proxy point, or the city hall. */
export type PointKind = 'centre' | 'village' | 'proxy' | 'city';

export interface Point {
	id: string;
	townId: string;
	kind: PointKind;
	name: Text;
	address: Text;
	lat: number;
	lng: number;
	phone: string;
	hours: WeeklyHours;
	counters: number;
	closures: Closure[];
	services: SlotRule[];
	/** Pinyin of the Chinese name, whole and initials, for search. */
	pinyin: string;
	initials: string;
}

export interface Option extends Text {
	id: string;
}

export interface Question extends Text {
	id: string;
	options: Option[];
}

export type MaterialForm = 'original' | 'copy' | 'original_and_copy' | 'electronic';

export interface Material {
	/**
	 * Shared by the matters of a bundle that need the same material, which is then asked for once.
	 * A matter's own id names what that matter issues (its certificate or licence).
	 */
	id: string;
	name: Text;
	form: MaterialForm;
	count: number;
	note: Text;
	/** Question id → the answers that call for this material; empty means always. */
	when: Record<string, string[]>;
}

export type FormField =
	| (FieldBase & {
			type: 'text' | 'textarea';
			maxLength?: number;
			/** Digits only (an account number): spaces and dashes typed between them are dropped. */
			digits?: boolean;
	  })
	| (FieldBase & {
			type: 'number';
			min?: number;
			max?: number;
			/** Counts whole things (people, years): a fraction is refused. */
			integer?: boolean;
	  })
	| (FieldBase & {
			type: 'date';
			/** A day that has been (an illness's onset, a birth): one after today is refused. */
			past?: boolean;
			/**
			 * The key of another date field of the form: this day may not come before it (a discharge,
			 * its enlistment); or `APPLICANT_BIRTH`, the birth date of the applicant's ID number.
			 */
			notBefore?: string;
	  })
	| (FieldBase & { type: 'select'; options: { value: string; zh: string; en: string }[] });

interface FieldBase extends Text {
	key: string;
	required: boolean;
	/**
	 * A field not always required: the key of a list (a `select` field of the same form) → the
	 * choices of it for which this one must be filled in (邮寄地址 once 领卡方式 is 邮寄到家).
	 */
	requiredWhen?: Record<string, string[]>;
}

export interface Matter {
	id: string;
	code: string;
	categoryId: string;
	departmentId: string;
	name: Text;
	/** Everyday names and abbreviations that residents and clerks use (低保, 个体户, welfare). */
	aliases: string[];
	summary: Text;
	conditions: Text[];
	promisedDays: number;
	legalDays: number;
	fee: Text;
	legalBasis: Text[];
	visits: number;
	questions: Question[];
	materials: Material[];
	form: FormField[];
	/** Pinyin of the Chinese name, whole and initials, for search. */
	pinyin: string;
	initials: string;
	/** Pinyin of each alias, whole and initials, in order ('' for an alias without Chinese). */
	aliasPinyin: string[];
	aliasInitials: string[];
}

export interface Bundle {
	id: string;
	name: Text;
	summary: Text;
	matterIds: string[];
}

/**
 * The national calendar the State Council announces each year: public holidays (no point opens)
 * and the make-up working days (调休) that fall on a weekend (every point opens as on a weekday).
 * Keyed by date, YYYY-MM-DD; a point's own closures come on top.
 */
export interface NationalCalendar {
	holidays: Record<string, Text>;
	workdays: Record<string, Text>;
}

/** A date field's `notBefore` for the applicant's birth date, as the ID number gives it. */
export const APPLICANT_BIRTH = 'applicant.birthDate';

export const NO_CALENDAR: NationalCalendar = { holidays: {}, workdays: {} };

export interface CatalogSnapshot {
	/** Changes whenever any content changes; also the HTTP ETag. */
	version: string;
	generatedAt: string;
	categories: Category[];
	departments: Department[];
	towns: Town[];
	points: Point[];
	matters: Matter[];
	bundles: Bundle[];
	calendar: NationalCalendar;
}
