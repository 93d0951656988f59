/** Satisfaction rating levels and scales. No runtime dependency. */

/** Every level any scale may use, best first. Stored in ratings.level. */
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'unsatisfied', 'very_unsatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** The levels of each scale size, best first. The default office scale has 3. */
export const SCALE_LEVELS: Record<3 | 4 | 5, RatingLevel[]> = {
  3: ['very_satisfied', 'satisfied', 'unsatisfied'],
  4: ['very_satisfied', 'satisfied', 'neutral', 'unsatisfied'],
  5: ['very_satisfied', 'satisfied', 'neutral', 'unsatisfied', 'very_unsatisfied'],
};

/** "Satisfied" in reports: the top two levels. */
export const SATISFIED_LEVELS: readonly RatingLevel[] = ['very_satisfied', 'satisfied'];

export const RATING_SOURCES = ['tablet', 'buttons', 'keypad'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];
