/**
 * Okabe–Ito colours: distinguishable with the common forms of colour blindness. Categories beyond
 * eight repeat; charts then also label the marks.
 */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Outcome colours: won blue, lost vermillion, open grey — never red against green. */
export const OUTCOME_COLORS = {won: "#0072B2", lost: "#D55E00", open: "#999999", unknown: "#CCCCCC"};
