/**
 * Shenzhen's extent with a margin, [west, south, east, north] in WGS84 degrees: land spans about 113.75–114.63 E,
 * 22.44–22.86 N. The same numbers as the database's `atlas.in_shenzhen()`, so the data check and the database
 * accept the same points. It catches swapped lon/lat and GCJ-02/BD-09 mix-ups that land far away, not the ~600 m
 * GCJ-02 shift (import paths must convert before writing).
 */
export const SHENZHEN_BBOX: readonly [number, number, number, number] = [113.75, 22.39, 114.65, 22.87];

/**
 * The region the map may be panned over (its maxBounds), [west, south, east, north]: Shenzhen with room for a tall,
 * narrow map (a tablet in portrait) to zoom out far enough to show the whole city across its width. An area in a
 * link must lie in it, as one drawn on the map does.
 */
export const MAP_REGION: readonly [number, number, number, number] = [112.6, 21.6, 115.6, 23.7];
