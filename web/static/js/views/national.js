// The national view: one card per contest, from the national channel's summaries.
import { h, fmt } from "../dom.js";
import { alliance, contestTitle, stateName } from "../reference.js";
import { timeEl } from "../time.js";
import { legend, partyLines, seatBar } from "./bars.js";
import { isSparse } from "./headline.js";

export function renderNational(data) {
  const root = h("div", { class: "view view--national" });
  root.append(h("div", { class: "view__head" },
    h("h1", {}, "Results across India ", h("span", { class: "hi", lang: "hi" }, "· देश भर के नतीजे")),
    legend()));
  if (!data) {
    root.append(h("p", { class: "empty" }, "Waiting for the first numbers…"));
    return root;
  }
  if (data.lok_sabha) {
    for (const summary of Object.values(data.lok_sabha)) root.append(contestCard("IN", summary, true));
  }
  const grid = h("div", { class: "cards" });
  const codes = Object.keys(data.states).filter((c) => c !== "IN")
    .sort((a, b) => stateName(a).name.localeCompare(stateName(b).name));
  for (const code of codes) {
    for (const summary of Object.values(data.states[code].contests)) grid.append(contestCard(code, summary, false));
  }
  if (!codes.length && !data.lok_sabha) root.append(h("p", { class: "empty" }, "No results yet."));
  root.append(grid);
  return root;
}

function contestCard(code, summary, hero) {
  const name = stateName(code);
  const lines = partyLines(summary.parties);
  const leader = lines[0];
  const title = code === "IN" ? "India" : name.name;
  const reported = summary.layer === "reported";
  const label = `${title} ${contestTitle(summary)}: ` +
    lines.slice(0, 4).map((l) => `${l.party} ${l.total}`).join(", ");
  const card = h(code === "IN" ? "section" : "a", {
    class: `card${hero ? " card--hero" : ""}`,
    href: code === "IN" ? null : `#/state/${code}`,
    "data-contest": summary.contest, "data-layer": summary.layer,
  },
  h("div", { class: "card__head" },
    h("h2", { class: "card__title" }, title,
      name.name_hi ? h("span", { class: "hi", lang: "hi" }, ` · ${name.name_hi}`) : null),
    h("span", { class: "card__contest" }, contestTitle(summary))));
  if (isSparse({ ...summary, headline: summary })) {
    const only = lines[0] || (summary.alliances || [])[0];
    card.append(h("p", { class: "card__sparse" }, only
      ? `Only one number reported so far: ${only.party || only.alliance} ${fmt(only.total || only.won || 0)}`
      : "Nothing reported yet."));
  } else {
    card.append(
      seatBar(lines, summary.seats, summary.majority, label),
      allianceChips(summary),
      h("ol", { class: "card__parties" }, lines.slice(0, hero ? 6 : 3).map((l) =>
        h("li", {},
          h("span", { class: "swatch", style: { "--c": l.colour }, "aria-hidden": "true" }),
          h("span", { class: "card__party" }, l.party),
          h("span", { class: "num", "data-party": l.party }, fmt(l.total || 0)),
          h("span", { class: "muted small" }, ` (${fmt(l.won || 0)} won)`)))));
  }
  const counted = summary.seats ? `${fmt(summary.seats_counted)} of ${fmt(summary.seats)} seats counted` : "";
  card.append(h("p", { class: "card__foot" },
    reported ? `From news reports · ${counted}` : counted,
    !reported && leader && summary.majority ? ` · ${leader.party} ${leader.total >= summary.majority
      ? "past the majority" : `${summary.majority - leader.total} short of majority`}` : "",
    h("br"), timeEl(summary.updated_at, "Last updated")));
  return card;
}

function allianceChips(summary) {
  const rows = (summary.alliances || []).slice().sort((a, b) => (b.total || 0) - (a.total || 0));
  if (!rows.length) return null;
  return h("ul", { class: "card__alliances", "aria-label": "Alliances" }, rows.map((a) => {
    const majority = a.majority || summary.majority;
    const info = alliance(a.alliance);
    return h("li", {
      "data-alliance": a.alliance, title: info.name_hi ? `${info.name} · ${info.name_hi}` : info.name,
    },
    h("strong", {}, a.alliance), h("span", { class: "num" }, fmt(a.total || 0)),
    majority ? h("span", { class: "muted small" }, (a.total || 0) >= majority
      ? "majority" : `${majority - (a.total || 0)} short`) : null);
  }));
}
