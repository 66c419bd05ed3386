// Seat bars, the hemicycle and the legend: drawings of numbers the board already holds.
import { h } from "../dom.js";
import { party } from "../reference.js";

export function legend() {
  return h("p", { class: "legend" },
    h("span", { class: "key key--won", "aria-hidden": "true" }), "Won ",
    h("span", { class: "key key--leading", "aria-hidden": "true" }), "Leading ",
    h("span", { class: "key key--majority", "aria-hidden": "true" }), "Majority mark");
}

/** Party rows with their colours, largest first (ties by won, then code). */
export function partyLines(parties) {
  return (parties || [])
    .map((p) => ({ ...p, colour: party(p.party).colour }))
    .sort((a, b) => (b.total || 0) - (a.total || 0) || (b.won || 0) - (a.won || 0) ||
      a.party.localeCompare(b.party));
}

/** A bar of won (solid) and leading (hatched) seats, scaled to the house, with the majority line. */
export function seatBar(lines, seats, majority, label) {
  const total = seats || Math.max(1, lines.reduce((n, l) => n + (l.won || 0) + (l.leading || 0), 0));
  const bar = h("div", { class: "stack", role: "img", "aria-label": label });
  for (const line of lines) {
    if (line.won) bar.append(h("span", {
      class: "stack__won", style: { "--c": line.colour, width: `${(100 * line.won) / total}%` },
    }));
    if (line.leading) bar.append(h("span", {
      class: "stack__leading", style: { "--c": line.colour, width: `${(100 * line.leading) / total}%` },
    }));
  }
  if (majority) {
    bar.append(h("span", { class: "stack__majority", style: { left: `${(100 * majority) / total}%` } },
      h("span", { class: "stack__majority-label" }, `${majority} for majority`)));
  }
  return bar;
}

export function partyBar(line, scale, majority) {
  const label = `${line.party}: ${line.won || 0} won, ${line.leading || 0} leading`;
  const bar = h("div", { class: "pbar", role: "img", "aria-label": label },
    h("span", { class: "pbar__won", style: { "--c": line.colour, width: `${(100 * (line.won || 0)) / scale}%` } }),
    h("span", { class: "pbar__leading", style: { "--c": line.colour, width: `${(100 * (line.leading || 0)) / scale}%` } }));
  if (majority) bar.append(h("span", { class: "pbar__majority", style: { left: `${(100 * majority) / scale}%` } }));
  return bar;
}

// Seats on concentric arcs, seat counts per arc proportional to the arc's length; then sorted
// by angle so each party fills one wedge, left to right.
function seatPositions(n) {
  const rows = Math.min(14, Math.max(2, Math.round(Math.sqrt(n) / 2.1)));
  const inner = 0.38;
  const radii = Array.from({ length: rows }, (_, i) => inner + ((1 - inner) * i) / (rows - 1));
  const sum = radii.reduce((a, b) => a + b, 0);
  const counts = radii.map((r) => Math.floor((n * r) / sum));
  let left = n - counts.reduce((a, b) => a + b, 0);
  for (let i = rows - 1; left > 0; i = (i - 1 + rows) % rows, left--) counts[i]++;
  const seats = [];
  radii.forEach((r, i) => {
    const k = counts[i];
    for (let j = 0; j < k; j++) {
      const angle = k === 1 ? Math.PI / 2 : Math.PI - (Math.PI * j) / (k - 1);
      seats.push({ angle, r, x: r * Math.cos(angle), y: r * Math.sin(angle) });
    }
  });
  seats.sort((a, b) => b.angle - a.angle || a.r - b.r);
  const dot = Math.min((1 - inner) / (rows - 1), (Math.PI * inner) / Math.max(1, counts[0] - 1)) * 0.42;
  return { seats, dot };
}

export function hemicycle(board, lines) {
  const n = board.seats || lines.reduce((a, l) => a + (l.total || 0), 0);
  const size = 320;
  const svg = h("svg", {
    class: "hemicycle", viewBox: "-1.06 -1.2 2.12 1.3", width: size, height: size * 0.62,
    role: "img",
    "aria-label": `Hemicycle of ${n} seats: ` +
      lines.map((l) => `${l.party} ${l.won || 0} won and ${l.leading || 0} leading`).join("; ") +
      (board.majority ? `; ${board.majority} needed for a majority` : ""),
  });
  if (!n) return svg;
  const { seats, dot } = seatPositions(n);
  const fills = [];
  for (const l of lines) {
    for (let i = 0; i < (l.won || 0); i++) fills.push({ colour: l.colour, won: true, party: l.party });
    for (let i = 0; i < (l.leading || 0); i++) fills.push({ colour: l.colour, won: false, party: l.party });
  }
  seats.forEach((s, i) => {
    const f = fills[i];
    svg.append(h("circle", {
      cx: s.x.toFixed(4), cy: (-s.y).toFixed(4), r: dot.toFixed(4),
      class: f ? (f.won ? "seat seat--won" : "seat seat--leading") : "seat seat--open",
      fill: f ? (f.won ? f.colour : "#ffffff") : "#dfe3e8",
      stroke: f && !f.won ? f.colour : "none",
      "stroke-width": f && !f.won ? (dot * 0.5).toFixed(4) : null,
      "data-party": f ? f.party : null,
    }));
  });
  if (board.majority) {
    svg.append(h("line", { class: "hemicycle__majority", x1: 0, y1: -0.3, x2: 0, y2: -1.08 }));
    svg.append(h("text", { class: "hemicycle__label", x: 0, y: -1.11, "text-anchor": "middle" },
      `Majority ${board.majority}`));
  }
  svg.append(h("text", { class: "hemicycle__total", x: 0, y: -0.04, "text-anchor": "middle" }, `${n} seats`));
  return svg;
}
