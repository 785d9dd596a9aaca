/**
 * Shenzhen's extent with a margin, [west, south, east, north] in WGS84 degrees: land spans about 113.75–114.63 E,
 * 22.44–22.86 N. The same numbers as the database's `atlas.in_shenzhen()`, so the data check and the database
 * accept the same points. It catches swapped lon/lat and GCJ-02/BD-09 mix-ups that land far away, not the ~600 m
 * GCJ-02 shift (import paths must convert before writing).
 */
export const SHENZHEN_BBOX: readonly [number, number, number, number] = [113.75, 22.39, 114.65, 22.87];
