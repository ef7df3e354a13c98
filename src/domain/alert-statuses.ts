// An alert's statuses (docs/formats.md §8), apart from the rules so that a light module (the command-line
// definitions) can name them without loading the rules and what they use.

/** An alert's lifecycle: forward only, closing (with a reason) from any open state. */
export const ALERT_STATUSES = ['new', 'under_review', 'intervention_agreed', 'closed'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]
