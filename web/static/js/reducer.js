// A state channel's copy: a snapshot with the change log applied, computing nothing.
//
// The same reducer as web/state_model.py, held to the same fixtures (tests/fixtures/boards):
// a `seat` change sets or clears one seat, a `board` change without a field replaces the
// contest's board whole, and a change the worker marked `correction` is remembered. Every
// other change only says what moved; the board that follows it already holds its number.

/** A model from a snapshot's data ({state, contests: {code: {board, seats}}}). */
export function createModel(snapshot) {
  const contests = {};
  for (const [code, c] of Object.entries(snapshot.contests || {})) {
    contests[code] = { board: { ...c.board }, seats: { ...c.seats } };
  }
  return { state: snapshot.state, contests, corrections: [] };
}

/** The key a change moves, for highlighting: "contest|scope|key|field". */
export function movedKey(change) {
  return `${change.contest}|${change.scope}|${change.key}|${change.field || ""}`;
}

/** Apply one change in place. */
export function applyChange(model, change) {
  let contest = model.contests[change.contest];
  if (!contest) {
    contest = { board: null, seats: {} };
    model.contests[change.contest] = contest;
  }
  const value = change.new;
  if (change.scope === "seat") {
    if (value && typeof value === "object") contest.seats[change.key] = value;
    else delete contest.seats[change.key];
  } else if (change.scope === "board" && !change.field && value && typeof value === "object") {
    contest.board = { ...value };
  }
  if (change.correction) model.corrections.push({ ...change });
}

/** The corrections as the fixtures list them. */
export function correctionList(model) {
  return model.corrections.map((c) => ({
    contest: c.contest, scope: c.scope, key: c.key, field: c.field ?? null,
    old: c.old ?? null, new: c.new ?? null,
  }));
}
