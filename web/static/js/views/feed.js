// The live feed: every event that won its register, newest first, each with its source.
import { app } from "../app.js";
import { h, fmt } from "../dom.js";
import { party, stateName } from "../reference.js";
import { absoluteTime, shortTime } from "../time.js";
import { sourced } from "./source.js";

const STATUS_TEXT = { won: "won", leading: "leading in", total: "won or leading in" };

function eventText(event) {
  const p = event.payload || {};
  const state = stateName((event.contest || {}).state).name;
  if (p.kind === "party_tally") {
    return { lead: `${p.party} ${STATUS_TEXT[p.status] || p.status}`, num: p.seats, tail: ` seats · ${state}` };
  }
  if (p.kind === "alliance_tally") {
    return { lead: `${p.alliance || (p.parties || []).join("+")} ${STATUS_TEXT[p.status] || p.status}`, num: p.seats, tail: ` seats · ${state}` };
  }
  if (p.kind === "seat_result") {
    const who = p.candidate ? `${p.candidate} (${p.party})` : party(p.party).name === p.party ? p.party : p.party;
    if (p.margin !== undefined && p.margin !== null) {
      return { lead: `${who} ${p.status} ${p.constituency} by`, num: p.margin, tail: ` votes · ${state}` };
    }
    return { lead: `${who} ${p.status} ${p.constituency}`, num: p.round ?? null, tail: p.round ? ` rounds · ${state}` : ` · ${state}` };
  }
  return { lead: event.kind || "event", num: null, tail: "" };
}

export function renderFeed(fresh) {
  const list = document.getElementById("feed");
  const items = app.feed.map(({ id, event }, index) => {
    const text = eventText(event);
    const source = event.source || {};
    const contest = event.contest || {};
    const when = event.event_time;
    const numEl = h("span", { class: "num" }, fmt(text.num));
    return h("li", { class: `feed__item${index < fresh ? " feed__item--new" : ""}`, "data-id": id },
      h("div", { class: "feed__meta" },
        h("time", { datetime: when || "", title: absoluteTime(when) || "" }, shortTime(when)),
        contest.state ? h("span", { class: "badge" }, contest.state) : null,
        source.outlet ? h("span", { class: "feed__outlet" }, source.outlet) : null),
      h("p", { class: "feed__text" }, text.lead, " ",
        text.num === null ? "" : sourced(numEl, source, when), text.tail));
  });
  if (!items.length) items.push(h("li", { class: "empty" }, "No events yet."));
  list.replaceChildren(...items);
}
