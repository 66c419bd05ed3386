// What a board's headline says, as lines a view can draw: the sources' own alliance figures
// and the parties of the layer the worker chose (Board.headline). Nothing is recomputed.
import { alliance, party } from "../reference.js";

/** The board's headline; a board from before headlines existed heads with its shown layer. */
export function headlineOf(board) {
  return board.headline || {
    layer: board.layer, why: "", parties: board.parties || [], alliances: board.alliances || [],
    seats_counted: board.seats_counted || 0,
  };
}

/** Headline lines, largest first: {code, name, kind, won, leading, total, colour, source}. */
export function headlineLines(board) {
  const headline = headlineOf(board);
  const lines = [];
  for (const a of headline.alliances || []) {
    if (!a.source) continue; // summed alliances are shown in the alliance table
    const members = a.parties || [];
    lines.push({
      code: a.alliance, name: alliance(a.alliance).name === a.alliance && members.length
        ? members.join(" + ") : alliance(a.alliance).name,
      kind: "alliance", scope: "reported", key: `alliance:${a.alliance}`, parties: members,
      won: a.won || 0, leading: a.leading || 0, total: a.total || 0,
      colour: members.length ? party(members[0]).colour : "#6b7280",
      source: a.source, updated_at: a.updated_at,
    });
  }
  for (const p of headline.parties || []) {
    lines.push({
      code: p.party, name: party(p.party).name, kind: "party",
      scope: headline.layer === "reported" ? "reported" : "party", key: p.party,
      won: p.won || 0, leading: p.leading || 0, total: p.total || 0,
      colour: party(p.party).colour, source: p.source, updated_at: p.updated_at,
    });
  }
  return lines.sort((a, b) => b.total - a.total || b.won - a.won || a.code.localeCompare(b.code));
}

/** Lines for the hemicycle: a source's alliance figure stands for its parties, so the parties
 * inside one are left out rather than drawn twice. Shaped like party rows. */
export function drawnLines(board) {
  const lines = headlineLines(board);
  const inside = new Set(lines.filter((l) => l.kind === "alliance").flatMap((l) => l.parties));
  return lines.filter((l) => l.kind === "alliance" || !inside.has(l.code))
    .map((l) => ({ party: l.code, won: l.won, leading: l.leading, total: l.total, colour: l.colour }));
}

/** True when the headline is one stated number and nothing else: not a whole board. */
export function isSparse(board) {
  const headline = headlineOf(board);
  return headline.layer === "reported" && !(board.seats_counted || 0) && headlineLines(board).length < 2;
}
