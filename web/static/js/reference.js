// Reference data from /api/reference: party names and colours, states, contests, alliances.

const FALLBACK_COLOURS = ["#6b7280", "#8b5cf6", "#0d9488", "#b45309", "#be185d", "#4d7c0f"];
const HOUSES = { assembly: "Assembly", lok_sabha: "Lok Sabha", rajya_sabha: "Rajya Sabha" };
export const HOUSES_HI = { assembly: "विधानसभा", lok_sabha: "लोकसभा", rajya_sabha: "राज्यसभा" };

export const ref = { parties: {}, states: {}, contests: {}, alliances: {} };

export async function loadReference() {
  try {
    const response = await fetch("/api/reference");
    if (response.ok) Object.assign(ref, await response.json());
  } catch (err) {
    console.warn("reference data unavailable", err);
  }
}

/** A party's names and colour; an unknown code gets a stable fallback colour. */
export function party(code) {
  const info = ref.parties[code];
  if (info) return info;
  let hash = 0;
  for (const ch of code || "") hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { name: code, name_hi: "", colour: FALLBACK_COLOURS[hash % FALLBACK_COLOURS.length] };
}

export function alliance(code) {
  return ref.alliances[code] || { name: code, name_hi: "" };
}

export function stateName(code) {
  return ref.states[code] || { name: code, name_hi: "" };
}

export function contestTitle(board) {
  return `${HOUSES[board.house] || board.house} ${board.year}`;
}
