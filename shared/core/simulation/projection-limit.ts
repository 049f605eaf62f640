/** The most years a projection looks ahead, the scenario's own year included. */
export const MAX_PROJECTION_YEARS = 5;
