/** Cancel or move a booking no later than this long before its slot. */
export const CHANGE_CUTOFF_HOURS = 2;
