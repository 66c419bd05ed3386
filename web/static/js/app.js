// What the page knows: the channels' data and the view's own state.

export const app = {
  national: null, // the national channel's data
  states: {}, // state code -> reducer model (reducer.js)
  feed: [], // newest first
  changed: new Set(), // keys of numbers that just moved, to flash them
  route: { view: "national" },
  filter: "",
};

/** The newest correction of a number, as the worker marked it, or undefined. */
export function correctionFor(stateCode, contest, scope, key, field) {
  const model = app.states[stateCode];
  if (!model) return undefined;
  for (let i = model.corrections.length - 1; i >= 0; i--) {
    const c = model.corrections[i];
    if (c.contest === contest && c.scope === scope && c.key === key && (c.field || "") === field) return c;
  }
  return undefined;
}
