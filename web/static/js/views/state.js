// A state's page: one section per contest, headed by the layer the worker chose.
import { app, correctionFor } from "../app.js";
import { h, fmt } from "../dom.js";
import { HOUSES_HI, alliance, contestTitle, party, stateName } from "../reference.js";
import { timeEl } from "../time.js";
import { hemicycle, legend, partyBar, partyLines } from "./bars.js";
import { drawnLines, headlineLines, headlineOf, isSparse } from "./headline.js";
import { sourced } from "./source.js";

export function renderState(code, schedule) {
  const name = stateName(code);
  const root = h("div", { class: "view view--state" });
  root.append(h("div", { class: "view__head" },
    h("h1", {}, name.name, name.name_hi ? h("span", { class: "hi", lang: "hi" }, ` · ${name.name_hi}`) : null),
    legend()));
  const model = app.states[code];
  if (!model) {
    root.append(h("p", { class: "empty" }, "Loading…"));
    return root;
  }
  const contests = Object.keys(model.contests).filter((c) => model.contests[c].board).sort();
  if (!contests.length) root.append(h("p", { class: "empty" }, "No results for this state yet."));
  for (const contest of contests) root.append(renderContest(code, model.contests[contest], schedule));
  return root;
}

function number(stateCode, contest, scope, key, field, value) {
  const moved = `${contest}|${scope}|${key}|${field}`;
  const fix = correctionFor(stateCode, contest, scope, key, field);
  const cell = h("span", {
    class: `num${app.changed.has(moved) ? " num--changed" : ""}`, "data-field": field,
  }, fmt(value));
  if (!fix) return cell;
  return h("span", { class: "corrected" }, cell,
    h("span", {
      class: "correction", title: fix.note || "corrected by a later report",
      "aria-label": `corrected from ${fix.old} to ${fix.new}`,
    }, `${fix.old} → ${fix.new}`));
}

function countedNote(board) {
  const seats = board.seats ? ` of ${fmt(board.seats)}` : "";
  return `${fmt(board.seats_counted || 0)}${seats} seats counted`;
}

function renderContest(stateCode, contest, schedule) {
  const board = contest.board;
  const headline = headlineOf(board);
  const reported = headline.layer === "reported";
  const section = h("section", { class: "contest", "data-contest": board.contest, "data-layer": headline.layer });
  const houseHi = HOUSES_HI[board.house] || "";
  section.append(h("header", { class: "contest__head" },
    h("div", {},
      h("h2", {}, contestTitle(board), houseHi ? h("span", { class: "hi", lang: "hi" }, ` · ${houseHi}`) : null),
      h("p", { class: "contest__meta" },
        board.majority ? `${fmt(board.majority)} seats for a majority of ${fmt(board.seats)}` : `${fmt(board.seats)} seats`,
        ` · ${fmt(board.seats_declared || 0)} declared, ${fmt(board.seats_counted || 0)} reporting`,
        reported ? " · from news reports" : "")),
    h("p", { class: "contest__updated" }, timeEl(board.updated_at, "Last updated"))));

  if (isSparse(board)) {
    section.append(sparseNote(stateCode, board));
    section.append(seatTable(board, contest.seats, schedule));
    return section;
  }
  const lines = partyLines(headline.parties);
  const top = h("div", { class: "contest__top" });
  top.append(hemicycle(board, drawnLines(board)), headlineBlock(stateCode, board, headline));
  section.append(top);

  section.append(h("h3", {}, reported ? "Seats by party, as reported " : "Seats by party ",
    h("span", { class: "hi", lang: "hi" }, "· दलवार सीटें")));
  section.append(partyTable(stateCode, board, lines, reported ? "reported" : "party"));
  if ((headline.alliances || []).length) {
    section.append(h("h3", {}, "Alliances ", h("span", { class: "hi", lang: "hi" }, "· गठबंधन")));
    section.append(allianceTable(stateCode, board, headline.alliances, reported));
  }
  if (reported && (board.parties || []).length) {
    section.append(h("h3", {}, `Counted so far: ${countedNote(board)}`));
    section.append(partyTable(stateCode, board, partyLines(board.parties), "party"));
  } else if (!reported && (board.reported || []).length) {
    section.append(h("h3", {}, "As reported by news outlets"));
    section.append(reportedTable(stateCode, board));
  }
  section.append(seatTable(board, contest.seats, schedule));
  return section;
}

function headlineBlock(stateCode, board, headline) {
  const reported = headline.layer === "reported";
  const lines = headlineLines(board);
  const block = h("div", { class: "headline", "data-layer": headline.layer });
  const leader = lines[0];
  if (!leader) {
    block.append(h("p", { class: "headline__kicker" }, "No numbers yet"));
    return block;
  }
  const gap = board.majority ? board.majority - leader.total : null;
  const leaderNum = number(stateCode, board.contest, leader.scope, leader.key, "total", leader.total);
  block.append(
    h("p", { class: "headline__kicker" }, reported ? "As reported" : "Ahead"),
    h("p", { class: "headline__party", "data-line": leader.code },
      h("span", { class: "swatch swatch--big", style: { "--c": leader.colour }, "aria-hidden": "true" }),
      leader.name,
      leader.kind === "party" && party(leader.code).name_hi
        ? h("span", { class: "hi", lang: "hi" }, party(leader.code).name_hi) : null),
    h("p", { class: "headline__num", "data-line": leader.code },
      leader.source && leader.source.sentence ? sourced(leaderNum, leader.source, leader.updated_at) : leaderNum,
      h("span", { class: "headline__of" }, board.seats ? ` of ${fmt(board.seats)}` : "")),
    gap !== null ? h("p", { class: "headline__gap" }, gap <= 0
      ? `Past the majority mark of ${board.majority}`
      : `${gap} short of the majority mark of ${board.majority}`) : null);
  const others = lines.slice(1, 5);
  if (others.length) {
    block.append(h("ul", { class: "headline__others" }, others.map((l) => {
      const el = number(stateCode, board.contest, l.scope, l.key, "total", l.total);
      return h("li", { "data-line": l.code },
        h("span", { class: "swatch", style: { "--c": l.colour }, "aria-hidden": "true" }),
        h("span", { class: "headline__name" }, l.kind === "party" ? l.code : l.name), " ",
        l.source && l.source.sentence ? sourced(el, l.source, l.updated_at) : el);
    })));
  }
  if (reported) {
    block.append(h("p", { class: "headline__counted", "data-counted": headline.seats_counted || 0 },
      countedNote(board)));
  }
  if (headline.why) block.append(h("p", { class: "headline__why muted small" }, headline.why));
  return block;
}

function sparseNote(stateCode, board) {
  const [only] = headlineLines(board);
  if (!only) return h("p", { class: "empty" }, "Nothing reported for this contest yet.");
  const el = number(stateCode, board.contest, only.scope, only.key, "total", only.total);
  return h("p", { class: "contest__sparse", "data-line": only.code },
    "Only one number reported so far: ", h("strong", {}, only.kind === "party" ? only.code : only.name), " ",
    only.source && only.source.sentence ? sourced(el, only.source, only.updated_at) : el,
    ` seats (${only.won ? "won" : only.leading ? "leading" : "total"}). No seat counted yet.`);
}

function partyTable(stateCode, board, lines, scope) {
  const table = h("table", { class: "parties", "data-scope": scope },
    h("caption", { class: "sr-only" }, `Seats by party, ${contestTitle(board)}`),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "Party"),
      h("th", { scope: "col", class: "bar-col" }, "Won and leading"),
      h("th", { scope: "col", class: "n" }, "Won"),
      h("th", { scope: "col", class: "n" }, "Leading"),
      h("th", { scope: "col", class: "n" }, "Total"))));
  const body = h("tbody");
  const scale = board.seats || Math.max(1, ...lines.map((l) => l.total || 0));
  for (const line of lines) {
    const p = party(line.party);
    const flagged = (board.disagreement || []).includes(line.party);
    const cell = (field) => {
      const el = number(stateCode, board.contest, scope, line.party, field, line[field] || 0);
      return line.source && line.source.sentence ? sourced(el, line.source, line.updated_at) : el;
    };
    body.append(h("tr", { "data-party": line.party },
      h("th", { scope: "row" },
        h("span", { class: "swatch", style: { "--c": line.colour }, "aria-hidden": "true" }),
        h("span", { class: "party__code" }, line.party),
        h("span", { class: "party__name" }, p.name, p.name_hi ? h("span", { class: "hi", lang: "hi" }, p.name_hi) : null),
        flagged ? h("span", { class: "flag", title: "News reports and the count disagree" }, "disputed") : null),
      h("td", { class: "bar-col" }, partyBar(line, scale, board.majority)),
      h("td", { class: "n won" }, cell("won")),
      h("td", { class: "n leading" }, cell("leading")),
      h("td", { class: "n total" }, cell("total"))));
  }
  table.append(body);
  return table;
}

function allianceTable(stateCode, board, alliances, reported) {
  const rows = alliances.slice().sort((a, b) => (b.total || 0) - (a.total || 0));
  const scale = board.seats || Math.max(1, ...rows.map((r) => r.total || 0));
  const body = h("tbody");
  for (const a of rows) {
    const info = alliance(a.alliance);
    const majority = a.majority || board.majority;
    const colour = a.parties && a.parties.length ? party(a.parties[0]).colour : "#6b7280";
    const scope = reported && a.source ? "reported" : "alliance";
    const key = scope === "reported" ? `alliance:${a.alliance}` : a.alliance;
    const cell = (field) => {
      const el = number(stateCode, board.contest, scope, key, field, a[field] || 0);
      return a.source && a.source.sentence ? sourced(el, a.source, a.updated_at) : el;
    };
    body.append(h("tr", { "data-alliance": a.alliance },
      h("th", { scope: "row" },
        h("span", { class: "party__code" }, a.alliance),
        info.name !== a.alliance ? h("span", { class: "party__name" }, info.name,
          info.name_hi ? h("span", { class: "hi", lang: "hi" }, info.name_hi) : null) : null,
        h("span", { class: "members" }, (a.parties || []).join(", ")),
        reported ? h("span", { class: "muted small" }, a.source ? " the source's own figure" : " sum of its parties as reported") : null),
      h("td", { class: "bar-col" }, partyBar({ ...a, colour, party: a.alliance }, scale, majority)),
      h("td", { class: "n" }, cell("won")),
      h("td", { class: "n" }, cell("leading")),
      h("td", { class: "n total" }, cell("total"),
        majority ? h("span", { class: "muted small" }, (a.total || 0) >= majority
          ? " majority" : ` ${majority - (a.total || 0)} short`) : null)));
  }
  return h("table", { class: "parties alliances" },
    h("caption", { class: "sr-only" }, "Alliances against the majority mark"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "Alliance"), h("th", { scope: "col", class: "bar-col" }, "Won and leading"),
      h("th", { scope: "col", class: "n" }, "Won"), h("th", { scope: "col", class: "n" }, "Leading"),
      h("th", { scope: "col", class: "n" }, "Total"))),
    body);
}

function reportedTable(stateCode, board) {
  const body = h("tbody");
  for (const r of board.reported || []) {
    const cells = ["won", "leading", "total"].map((field) => {
      const el = number(stateCode, board.contest, "reported", r.party, field, r[field] || 0);
      return h("td", { class: "n" }, r.source && r.source.sentence ? sourced(el, r.source, r.updated_at) : el);
    });
    body.append(h("tr", { "data-party": r.party }, h("th", { scope: "row" }, r.party), ...cells));
  }
  return h("table", { class: "parties reported" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Party"),
      h("th", { scope: "col", class: "n" }, "Won"), h("th", { scope: "col", class: "n" }, "Leading"),
      h("th", { scope: "col", class: "n" }, "Total"))),
    body);
}

function seatTable(board, seats, schedule) {
  const wrap = h("div", { class: "seats" });
  const rows = Object.values(seats || {});
  wrap.append(h("div", { class: "seats__head" },
    h("h3", {}, "Constituencies ", h("span", { class: "hi", lang: "hi" }, "· निर्वाचन क्षेत्र"),
      h("span", { class: "muted small" }, ` ${rows.length} reporting`)),
    h("label", { class: "seats__filter" }, h("span", { class: "sr-only" }, "Find a constituency"),
      h("input", {
        id: "seat-filter", type: "search", placeholder: "Find a constituency or candidate",
        value: app.filter, autocomplete: "off",
        oninput: (e) => { app.filter = e.target.value; schedule(); },
      }))));
  const needle = app.filter.trim().toLowerCase();
  const shown = rows
    .filter((s) => !needle || `${s.constituency} ${s.leader || ""} ${s.party || ""}`.toLowerCase().includes(needle))
    .sort((a, b) => (a.ac_no ?? 1e9) - (b.ac_no ?? 1e9) || a.constituency.localeCompare(b.constituency));
  const body = h("tbody");
  for (const s of shown) {
    const declared = s.status === "declared";
    body.append(h("tr", { "data-seat": s.key, class: declared ? "is-declared" : "" },
      h("td", { class: "n muted" }, s.ac_no ?? ""),
      h("th", { scope: "row" }, s.constituency),
      h("td", {}, s.party ? h("span", { class: "swatch", style: { "--c": party(s.party).colour }, "aria-hidden": "true" }) : null,
        s.leader || "—", s.party ? h("span", { class: "muted" }, ` ${s.party}`) : null,
        s.runner_up ? h("div", { class: "muted small" }, `vs ${s.runner_up}${s.runner_up_party ? ` (${s.runner_up_party})` : ""}`) : null),
      h("td", { class: "n" }, s.margin !== undefined && s.margin !== null ? fmt(s.margin) : "—"),
      h("td", { class: "n" }, s.round ? `${s.round} of ${s.total_rounds ?? "?"}` : "—"),
      h("td", {}, h("span", { class: `status status--${declared ? "declared" : "counting"}` },
        declared ? "Declared" : "Counting"))));
  }
  wrap.append(h("div", { class: "table-scroll" }, h("table", { class: "seat-table" },
    h("caption", { class: "sr-only" }, "Constituency results"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col", class: "n" }, "AC"), h("th", { scope: "col" }, "Constituency"),
      h("th", { scope: "col" }, "Leader"), h("th", { scope: "col", class: "n" }, "Margin"),
      h("th", { scope: "col", class: "n" }, "Round"), h("th", { scope: "col" }, "Status"))),
    body)));
  if (!rows.length) wrap.append(h("p", { class: "empty" }, "No constituency has reported yet."));
  return wrap;
}
