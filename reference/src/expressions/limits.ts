// Hard bounds of the expression language. Exceeding any raises EXPR_LIMIT.
// spec: expr.limits

/** Longest accepted expression source, in UTF-16 code units. */
export const MAX_SOURCE_LENGTH = 100_000;
/** Deepest bracket / operator nesting the parser accepts (parser recursion). */
export const MAX_NESTING = 64;
/** Deepest AST the parser builds (long operator chains count too). */
export const MAX_AST_DEPTH = 256;
/** Default evaluation step budget. */
export const DEFAULT_MAX_STEPS = 100_000;
/** Longest string an evaluation may produce or a literal may hold. */
export const MAX_STRING_LENGTH = 100_000;
/** Most elements a comprehension, range() or list repetition may produce. */
export const MAX_ELEMENTS = 10_000;
/** Largest base or exponent magnitude accepted by `**`. */
export const MAX_POWER = 4_000_000;
/** Largest shift count accepted by `<<` and `>>`. */
export const MAX_SHIFT = 10_000;
