import type { Migration } from 'kysely';
import * as m001 from './001_catalog';
import * as m002 from './002_slot_counts';
import * as m003 from './003_applications';
import * as m004 from './004_counter';
import * as m005 from './005_ownership';
import * as m006 from './006_sign_in_attempts';
import * as m007 from './007_matter_aliases';
import * as m008 from './008_application_events';
import * as m009 from './009_national_calendar';
import * as m010 from './010_town_admin';
import * as m011 from './011_catalog_versions';
import * as m012 from './012_admin_accounts';
import * as m013 from './013_figures';
import * as m014 from './014_ticket_first_call';
import * as m015 from './015_figure_channels';
import * as m016 from './016_follow_up_deadlines_and_clerk_ratings';
import * as m017 from './017_city_hall_drafts_contacts';
import * as m018 from './018_pending_photos';
import * as m019 from './019_resumable_uploads';
import * as m020 from './020_unattached_photo_bytes';
import * as m021 from './021_withdrawn_slots';
import * as m022 from './022_waiting_counts_as_booked';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
	'001_catalog': m001,
	'002_slot_counts': m002,
	'003_applications': m003,
	'004_counter': m004,
	'005_ownership': m005,
	'006_sign_in_attempts': m006,
	'007_matter_aliases': m007,
	'008_application_events': m008,
	'009_national_calendar': m009,
	'010_town_admin': m010,
	'011_catalog_versions': m011,
	'012_admin_accounts': m012,
	'013_figures': m013,
	'014_ticket_first_call': m014,
	'015_figure_channels': m015,
	'016_follow_up_deadlines_and_clerk_ratings': m016,
	'017_city_hall_drafts_contacts': m017,
	'018_pending_photos': m018,
	'019_resumable_uploads': m019,
	'020_unattached_photo_bytes': m020,
	'021_withdrawn_slots': m021,
	'022_waiting_counts_as_booked': m022
};
