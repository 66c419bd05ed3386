// Tally dashboard: one websocket, three kinds of channel, no build step.
//
// The page subscribes to `national` and `feed` always, and to `state:<CODE>` while a state is
// open. It keeps each channel's {epoch, offset} and, after a reconnect, resubscribes with
// `since` so the server replays exactly what was missed (or sends a fresh snapshot).
// The update rules mirror web/state_model.py.
"use strict";

(() => {
  const IST = "Asia/Kolkata";
  const FEED_KEEP = 150;
  const HEARTBEAT_MS = 15000;
  const SILENCE_MS = 40000;
  const HOUSES = { assembly: "Assembly", lok_sabha: "Lok Sabha", rajya_sabha: "Rajya Sabha" };
  const HOUSES_HI = { assembly: "विधानसभा", lok_sabha: "लोकसभा", rajya_sabha: "राज्यसभा" };
  const STATUS_TEXT = { won: "won", leading: "leading in", total: "won or leading in" };
  const FALLBACK_COLOURS = ["#6b7280", "#8b5cf6", "#0d9488", "#b45309", "#be185d", "#4d7c0f"];

  const app = {
    ref: { parties: {}, states: {}, contests: {}, alliances: {} },
    national: null,
    states: {}, // code -> {contests: {code: {board, seats}}}
    feed: [],
    positions: {}, // channel -> {epoch, offset}
    corrections: {}, // "contest|scope|key|field" -> {old, new, note, at}
    changed: new Set(), // keys of numbers that just moved, to flash them
    route: { view: "national" },
    filter: "",
  };

  // ---------------------------------------------------------------- small DOM helpers

  function h(tag, attrs, ...children) {
    const svg = ["svg", "circle", "line", "text", "g", "title", "path", "pattern", "defs", "rect"];
    const el = svg.includes(tag)
      ? document.createElementNS("http://www.w3.org/2000/svg", tag)
      : document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") el.setAttribute("class", value);
      else if (name === "style") for (const [k, v] of Object.entries(value)) el.style.setProperty(k, v);
      else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
      else if (name === "text") el.textContent = value;
      else el.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  const fmt = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-IN"));

  function absoluteTime(iso) {
    if (!iso) return null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
      // A date without a time (an article's publication day): show the day only.
      const [y, m, d] = iso.split("-").map(Number);
      return new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
        .format(new Date(Date.UTC(y, m - 1, d)));
    }
    const when = new Date(iso);
    if (Number.isNaN(when.getTime())) return iso;
    const time = new Intl.DateTimeFormat("en-IN", {
      timeZone: IST, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false,
    }).format(when);
    const day = new Intl.DateTimeFormat("en-IN", {
      timeZone: IST, day: "numeric", month: "short", year: "numeric",
    }).format(when);
    return `${time} IST, ${day}`;
  }

  function timeEl(iso, prefix) {
    const text = absoluteTime(iso);
    if (!text) return h("span", { class: "muted" }, `${prefix} —`);
    return h("span", { class: "updated" }, `${prefix} `, h("time", { datetime: iso }, text));
  }

  function party(code) {
    const info = app.ref.parties[code];
    if (info) return info;
    let hash = 0;
    for (const ch of code || "") hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    return { name: code, name_hi: "", colour: FALLBACK_COLOURS[hash % FALLBACK_COLOURS.length] };
  }

  function stateName(code) {
    return app.ref.states[code] || { name: code, name_hi: "" };
  }

  function contestTitle(board) {
    const house = HOUSES[board.house] || board.house;
    return `${house} ${board.year}`;
  }

  // ---------------------------------------------------------------- applying updates

  function skeleton(contest, state) {
    const [, house, year] = contest.split("-");
    const ref = app.ref.contests[contest] || {};
    return {
      contest, state, house, year: Number(year) || 0,
      seats: ref.seats ?? null, majority: ref.majority ?? null, layer: "counted",
      parties: [], alliances: [],
    };
  }

  function row(rows, nameField, key) {
    let found = rows.find((r) => r[nameField] === key);
    if (!found) {
      found = { [nameField]: key };
      if (nameField === "alliance") found.parties = [];
      rows.push(found);
    }
    return found;
  }

  function applyChange(stateCode, change) {
    const model = app.states[stateCode];
    if (!model) return;
    let contest = model.contests[change.contest];
    if (!contest) {
      contest = { board: skeleton(change.contest, stateCode), seats: {} };
      model.contests[change.contest] = contest;
    }
    const board = contest.board;
    const { scope, field } = change;
    let key = change.key;
    const value = change.new;
    const moved = `${change.contest}|${scope}|${key}|${field || ""}`;
    if (scope === "seat") {
      if (value && typeof value === "object") contest.seats[key] = value;
      else delete contest.seats[key];
      const seats = Object.values(contest.seats);
      board.seats_counted = seats.length;
      board.seats_declared = seats.filter((s) => s.status === "declared").length;
      app.changed.add(moved);
    } else if (["party", "alliance", "reported"].includes(scope) && field) {
      let rows;
      let nameField = "party";
      if (scope === "party") rows = board.parties = board.parties || [];
      else if (scope === "alliance") { rows = board.alliances = board.alliances || []; nameField = "alliance"; }
      else if (key.startsWith("alliance:")) {
        rows = board.reported_alliances = board.reported_alliances || [];
        nameField = "alliance";
        key = key.slice(9);
      } else rows = board.reported = board.reported || [];
      const line = row(rows, nameField, key);
      line[field] = value === null || value === undefined ? 0 : value;
      app.changed.add(moved);
    } else if (scope === "flag") {
      const flagged = (board.disagreement = board.disagreement || []);
      const at = flagged.indexOf(key);
      if (value && at < 0) flagged.push(key);
      if (!value && at >= 0) flagged.splice(at, 1);
    } else if (scope === "board") {
      if (!field && value && typeof value === "object") contest.board = { ...value };
      else if (field) board[field] = value;
    }
    const isCorrection = change.correction ||
      (typeof change.old === "number" && typeof value === "number" && value < change.old);
    if (isCorrection) {
      app.corrections[moved] = { old: change.old, new: value, note: change.note, at: change.event_time };
    }
    const stamp = change.event_time;
    if (stamp && (!contest.board.updated_at || stamp > contest.board.updated_at)) {
      contest.board.updated_at = stamp;
    }
  }

  // ---------------------------------------------------------------- the connection

  const conn = {
    ws: null,
    attempt: 0,
    lastHeard: 0,
    wanted: new Set(["national", "feed"]),
    timer: null,
  };

  function setConn(state, label) {
    const el = document.getElementById("conn");
    el.dataset.state = state;
    el.querySelector(".conn__label").textContent = label;
  }

  function send(op) {
    if (conn.ws && conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(op));
  }

  function subscribe(channel) {
    const since = app.positions[channel];
    send(since ? { op: "subscribe", channel, since } : { op: "subscribe", channel });
  }

  function want(channels) {
    for (const channel of conn.wanted) {
      if (!channels.has(channel)) send({ op: "unsubscribe", channel });
    }
    for (const channel of channels) {
      if (!conn.wanted.has(channel)) subscribe(channel);
    }
    for (const channel of [...conn.wanted]) {
      if (!channels.has(channel) && channel.startsWith("state:")) {
        delete app.positions[channel];
        delete app.states[channel.slice(6)];
      }
    }
    conn.wanted = channels;
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}/ws`);
    conn.ws = ws;
    setConn("connecting", conn.attempt ? "Reconnecting…" : "Connecting…");
    ws.addEventListener("open", () => {
      conn.attempt = 0;
      conn.lastHeard = Date.now();
      setConn("live", "Live");
      for (const channel of conn.wanted) subscribe(channel);
    });
    ws.addEventListener("message", (event) => {
      conn.lastHeard = Date.now();
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      receive(message);
    });
    ws.addEventListener("close", () => {
      if (conn.ws !== ws) return;
      conn.ws = null;
      conn.attempt += 1;
      const delay = Math.min(10000, 500 * 2 ** Math.min(conn.attempt, 5)) * (0.75 + Math.random() / 2);
      setConn(conn.attempt > 3 ? "offline" : "reconnecting",
        `Reconnecting in ${Math.round(delay / 1000)} s…`);
      setTimeout(connect, delay);
    });
  }

  setInterval(() => {
    if (!conn.ws || conn.ws.readyState !== WebSocket.OPEN) return;
    if (Date.now() - conn.lastHeard > SILENCE_MS) conn.ws.close(); // dead link: reconnect
    else send({ op: "ping" });
  }, HEARTBEAT_MS);

  function receive(message) {
    const { type, channel } = message;
    if (type === "pong") return;
    if (type === "error") {
      console.warn("server:", message.code, message.message);
      return;
    }
    if (type === "resume") {
      if (!message.recovered) delete app.positions[channel];
      return;
    }
    if (type !== "snapshot" && type !== "update") return;
    if (!conn.wanted.has(channel)) return;
    app.positions[channel] = { epoch: message.epoch, offset: message.offset };
    const data = message.data;
    if (channel === "national") {
      if (type === "snapshot") app.national = data;
      else if (app.national) Object.assign(app.national.states, data.states);
      renderTabs();
    } else if (channel === "feed") {
      if (type === "snapshot") app.feed = data.events.slice().reverse();
      else app.feed = data.events.slice().reverse().concat(app.feed);
      app.feed = app.feed.slice(0, FEED_KEEP);
      renderFeed(type === "update" ? data.events.length : 0);
      return;
    } else if (channel.startsWith("state:")) {
      const code = channel.slice(6);
      if (type === "snapshot") {
        app.states[code] = { contests: structuredClone(data.contests) };
      } else {
        for (const item of data.changes) applyChange(code, item.change);
      }
    }
    schedule();
  }

  // ---------------------------------------------------------------- routing

  function readRoute() {
    const match = location.hash.match(/^#\/state\/([A-Z]{2})$/);
    app.route = match ? { view: "state", code: match[1] } : { view: "national" };
    const channels = new Set(["national", "feed"]);
    if (app.route.view === "state") channels.add(`state:${app.route.code}`);
    want(channels);
    render();
    renderTabs();
  }

  // ---------------------------------------------------------------- rendering

  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
      app.changed.clear();
    });
  }

  function renderTabs() {
    const nav = document.getElementById("tabs");
    const codes = Object.keys((app.national && app.national.states) || {}).sort((a, b) =>
      a === "IN" ? -1 : b === "IN" ? 1 : stateName(a).name.localeCompare(stateName(b).name));
    const tabs = [h("a", {
      href: "#/", class: "tab", "aria-current": app.route.view === "national" ? "page" : null,
    }, "National")];
    for (const code of codes) {
      if (code === "IN") continue;
      const name = stateName(code);
      tabs.push(h("a", {
        href: `#/state/${code}`, class: "tab",
        "aria-current": app.route.view === "state" && app.route.code === code ? "page" : null,
      }, name.name, name.name_hi ? h("span", { class: "hi", lang: "hi" }, name.name_hi) : null));
    }
    nav.replaceChildren(...tabs);
  }

  function render() {
    const main = document.getElementById("main");
    const focused = document.activeElement && document.activeElement.id;
    const view = app.route.view === "state" ? renderState(app.route.code) : renderNational();
    main.replaceChildren(view);
    if (focused === "seat-filter") {
      const input = document.getElementById("seat-filter");
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    }
  }

  function legend() {
    return h("p", { class: "legend" },
      h("span", { class: "key key--won", "aria-hidden": "true" }), "Won ",
      h("span", { class: "key key--leading", "aria-hidden": "true" }), "Leading ",
      h("span", { class: "key key--majority", "aria-hidden": "true" }), "Majority mark");
  }

  // A bar of won (solid) and leading (hatched) seats, scaled to the house, with the majority line.
  function seatBar(lines, seats, majority, label) {
    const total = seats || Math.max(1, lines.reduce((n, l) => n + (l.won || 0) + (l.leading || 0), 0));
    const bar = h("div", { class: "stack", role: "img", "aria-label": label });
    for (const line of lines) {
      const colour = line.colour;
      if (line.won) bar.append(h("span", {
        class: "stack__won", style: { "--c": colour, width: `${(100 * line.won) / total}%` },
      }));
      if (line.leading) bar.append(h("span", {
        class: "stack__leading", style: { "--c": colour, width: `${(100 * line.leading) / total}%` },
      }));
    }
    if (majority) {
      bar.append(h("span", {
        class: "stack__majority", style: { left: `${(100 * majority) / total}%` },
      }, h("span", { class: "stack__majority-label" }, `${majority} for majority`)));
    }
    return bar;
  }

  function partyLines(parties) {
    return (parties || [])
      .map((p) => ({ ...p, colour: party(p.party).colour }))
      .sort((a, b) => (b.total || 0) - (a.total || 0) || (b.won || 0) - (a.won || 0) ||
        a.party.localeCompare(b.party));
  }

  function renderNational() {
    const root = h("div", { class: "view view--national" });
    const data = app.national;
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
      for (const summary of Object.values(data.states[code].contests)) {
        grid.append(contestCard(code, summary, false));
      }
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
    const label = `${title} ${contestTitle(summary)}: ` +
      lines.slice(0, 4).map((l) => `${l.party} ${l.total}`).join(", ");
    const card = h(code === "IN" ? "section" : "a", {
      class: `card${hero ? " card--hero" : ""}`,
      href: code === "IN" ? null : `#/state/${code}`,
      "data-contest": summary.contest,
    },
    h("div", { class: "card__head" },
      h("h2", { class: "card__title" }, title,
        name.name_hi ? h("span", { class: "hi", lang: "hi" }, ` · ${name.name_hi}`) : null),
      h("span", { class: "card__contest" }, contestTitle(summary))),
    seatBar(lines, summary.seats, summary.majority, label),
    allianceChips(summary),
    h("ol", { class: "card__parties" }, lines.slice(0, hero ? 6 : 3).map((l) =>
      h("li", {},
        h("span", { class: "swatch", style: { "--c": l.colour }, "aria-hidden": "true" }),
        h("span", { class: "card__party" }, l.party),
        h("span", { class: "num", "data-party": l.party }, fmt(l.total || 0)),
        h("span", { class: "muted small" }, ` (${fmt(l.won || 0)} won)`)))),
    h("p", { class: "card__foot" },
      summary.seats ? `${fmt(summary.seats_counted)} of ${fmt(summary.seats)} seats reporting` : "",
      leader && summary.majority ? ` · ${leader.party} ${leader.total >= summary.majority
        ? "past the majority" : `${summary.majority - leader.total} short of majority`}` : "",
      h("br"), timeEl(summary.updated_at, "Last updated")));
    return card;
  }

  function allianceChips(summary) {
    const rows = (summary.alliances || []).slice().sort((a, b) => (b.total || 0) - (a.total || 0));
    if (!rows.length) return null;
    return h("ul", { class: "card__alliances", "aria-label": "Alliances" }, rows.map((a) => {
      const majority = a.majority || summary.majority;
      const info = app.ref.alliances[a.alliance];
      return h("li", { "data-alliance": a.alliance, title: info ? `${info.name} · ${info.name_hi}` : a.alliance },
        h("strong", {}, a.alliance), h("span", { class: "num" }, fmt(a.total || 0)),
        majority ? h("span", { class: "muted small" }, (a.total || 0) >= majority
          ? "majority" : `${majority - (a.total || 0)} short`) : null);
    }));
  }

  function renderState(code) {
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
    const contests = Object.keys(model.contests).sort();
    if (!contests.length) root.append(h("p", { class: "empty" }, "No results for this state yet."));
    for (const contest of contests) root.append(renderContest(model.contests[contest]));
    return root;
  }

  function correctionFor(contest, scope, key, field) {
    return app.corrections[`${contest}|${scope}|${key}|${field}`];
  }

  function number(contest, scope, key, field, value) {
    const moved = `${contest}|${scope}|${key}|${field}`;
    const fix = correctionFor(contest, scope, key, field);
    const cell = h("span", {
      class: `num${app.changed.has(moved) ? " num--changed" : ""}`,
      "data-field": field,
    }, fmt(value));
    if (!fix) return cell;
    return h("span", { class: "corrected" }, cell,
      h("span", {
        class: "correction",
        title: fix.note || "corrected by a later report",
        "aria-label": `corrected from ${fix.old} to ${fix.new}`,
      }, `${fix.old} → ${fix.new}`));
  }

  function renderContest(contest) {
    const board = contest.board;
    const lines = partyLines(board.parties);
    const section = h("section", { class: "contest", "data-contest": board.contest });
    const houseHi = HOUSES_HI[board.house] || "";
    const leader = lines[0];
    section.append(h("header", { class: "contest__head" },
      h("div", {},
        h("h2", {}, contestTitle(board), houseHi ? h("span", { class: "hi", lang: "hi" }, ` · ${houseHi}`) : null),
        h("p", { class: "contest__meta" },
          board.majority ? `${fmt(board.majority)} seats for a majority of ${fmt(board.seats)}` : `${fmt(board.seats)} seats`,
          ` · ${fmt(board.seats_declared)} declared, ${fmt(board.seats_counted)} reporting`,
          board.layer === "reported" ? " · from news reports" : "")),
      h("p", { class: "contest__updated" }, timeEl(board.updated_at, "Last updated"))));

    const top = h("div", { class: "contest__top" });
    top.append(hemicycle(board, lines));
    const headline = h("div", { class: "headline" });
    if (leader) {
      const p = party(leader.party);
      const gap = board.majority ? board.majority - (leader.total || 0) : null;
      headline.append(
        h("p", { class: "headline__kicker" }, "Ahead"),
        h("p", { class: "headline__party" },
          h("span", { class: "swatch swatch--big", style: { "--c": leader.colour }, "aria-hidden": "true" }),
          p.name, p.name_hi ? h("span", { class: "hi", lang: "hi" }, p.name_hi) : null),
        h("p", { class: "headline__num" }, fmt(leader.total),
          h("span", { class: "headline__of" }, board.seats ? ` of ${fmt(board.seats)}` : "")),
        gap !== null ? h("p", { class: "headline__gap" }, gap <= 0
          ? `Past the majority mark of ${board.majority}`
          : `${gap} short of the majority mark of ${board.majority}`) : null);
    }
    top.append(headline);
    section.append(top);

    section.append(h("h3", {}, "Seats by party ", h("span", { class: "hi", lang: "hi" }, "· दलवार सीटें")));
    section.append(partyTable(board, lines));
    if ((board.alliances || []).length) {
      section.append(h("h3", {}, "Alliances ", h("span", { class: "hi", lang: "hi" }, "· गठबंधन")));
      section.append(allianceTable(board));
    }
    if ((board.reported || []).length) {
      section.append(h("h3", {}, "As reported by news outlets"));
      section.append(reportedTable(board));
    }
    section.append(seatTable(board, contest.seats));
    return section;
  }

  function partyTable(board, lines) {
    const table = h("table", { class: "parties" },
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
      body.append(h("tr", { "data-party": line.party },
        h("th", { scope: "row" },
          h("span", { class: "swatch", style: { "--c": line.colour }, "aria-hidden": "true" }),
          h("span", { class: "party__code" }, line.party),
          h("span", { class: "party__name" }, p.name,
            p.name_hi ? h("span", { class: "hi", lang: "hi" }, p.name_hi) : null),
          flagged ? h("span", { class: "flag", title: "News reports and the count disagree" }, "disputed") : null),
        h("td", { class: "bar-col" }, partyBar(line, scale, board.majority)),
        h("td", { class: "n won" }, number(board.contest, "party", line.party, "won", line.won || 0)),
        h("td", { class: "n leading" }, number(board.contest, "party", line.party, "leading", line.leading || 0)),
        h("td", { class: "n total" }, number(board.contest, "party", line.party, "total", line.total || 0))));
    }
    table.append(body);
    return table;
  }

  function partyBar(line, scale, majority) {
    const label = `${line.party}: ${line.won || 0} won, ${line.leading || 0} leading`;
    const bar = h("div", { class: "pbar", role: "img", "aria-label": label },
      h("span", { class: "pbar__won", style: { "--c": line.colour, width: `${(100 * (line.won || 0)) / scale}%` } }),
      h("span", { class: "pbar__leading", style: { "--c": line.colour, width: `${(100 * (line.leading || 0)) / scale}%` } }));
    if (majority) bar.append(h("span", { class: "pbar__majority", style: { left: `${(100 * majority) / scale}%` } }));
    return bar;
  }

  function allianceTable(board) {
    const rows = (board.alliances || []).slice().sort((a, b) => (b.total || 0) - (a.total || 0));
    const scale = board.seats || Math.max(1, ...rows.map((r) => r.total || 0));
    const body = h("tbody");
    for (const a of rows) {
      const info = app.ref.alliances[a.alliance] || { name: a.alliance, name_hi: "" };
      const majority = a.majority || board.majority;
      const colour = a.parties && a.parties.length ? party(a.parties[0]).colour : "#6b7280";
      body.append(h("tr", { "data-alliance": a.alliance },
        h("th", { scope: "row" },
          h("span", { class: "party__code" }, a.alliance),
          h("span", { class: "party__name" }, info.name,
            info.name_hi ? h("span", { class: "hi", lang: "hi" }, info.name_hi) : null),
          h("span", { class: "members" }, (a.parties || []).join(", "))),
        h("td", { class: "bar-col" }, partyBar({ ...a, colour, party: a.alliance }, scale, majority)),
        h("td", { class: "n" }, number(board.contest, "alliance", a.alliance, "won", a.won || 0)),
        h("td", { class: "n" }, number(board.contest, "alliance", a.alliance, "leading", a.leading || 0)),
        h("td", { class: "n total" }, number(board.contest, "alliance", a.alliance, "total", a.total || 0),
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

  function reportedTable(board) {
    const body = h("tbody");
    for (const r of board.reported || []) {
      const cells = ["won", "leading", "total"].map((field) => {
        const value = r[field];
        const el = number(board.contest, "reported", r.party, field, value);
        if (value !== undefined && r.source && r.source.sentence) return h("td", { class: "n" }, sourced(el, r.source, r.updated_at));
        return h("td", { class: "n" }, el);
      });
      body.append(h("tr", {}, h("th", { scope: "row" }, r.party), ...cells));
    }
    return h("table", { class: "parties reported" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Party"),
        h("th", { scope: "col", class: "n" }, "Won"), h("th", { scope: "col", class: "n" }, "Leading"),
        h("th", { scope: "col", class: "n" }, "Total"))),
      body);
  }

  function seatTable(board, seats) {
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

  // ---------------------------------------------------------------- hemicycle

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

  function hemicycle(board, lines) {
    const n = board.seats || lines.reduce((a, l) => a + (l.total || 0), 0);
    const size = 320;
    const svg = h("svg", {
      class: "hemicycle", viewBox: `-1.06 -1.2 2.12 1.3`, width: size, height: size * 0.62,
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

  // ---------------------------------------------------------------- feed and sources

  function eventText(event) {
    const p = event.payload || {};
    const state = stateName((event.contest || {}).state).name;
    if (p.kind === "party_tally") {
      const name = party(p.party);
      return { lead: `${name.name === p.party ? p.party : `${p.party}`} ${STATUS_TEXT[p.status] || p.status}`, num: p.seats, tail: ` seats · ${state}` };
    }
    if (p.kind === "alliance_tally") {
      return { lead: `${p.alliance || (p.parties || []).join("+")} ${STATUS_TEXT[p.status] || p.status}`, num: p.seats, tail: ` seats · ${state}` };
    }
    if (p.kind === "seat_result") {
      const who = p.candidate ? `${p.candidate} (${p.party})` : p.party;
      if (p.margin !== undefined && p.margin !== null) {
        return { lead: `${who} ${p.status} ${p.constituency} by`, num: p.margin, tail: ` votes · ${state}` };
      }
      return { lead: `${who} ${p.status} ${p.constituency}`, num: p.round ?? null, tail: p.round ? ` rounds · ${state}` : ` · ${state}` };
    }
    return { lead: event.kind || "event", num: null, tail: "" };
  }

  function sourced(numberEl, source, when) {
    const button = h("button", {
      type: "button", class: "src", "aria-haspopup": "dialog",
      "aria-label": `${numberEl.textContent}: show source`,
    }, numberEl);
    const open = () => showSource(button, source, when);
    button.addEventListener("mouseenter", open);
    button.addEventListener("focus", open);
    button.addEventListener("click", (e) => { e.stopPropagation(); open(); });
    button.addEventListener("mouseleave", hideSourceSoon);
    button.addEventListener("blur", hideSourceSoon);
    return button;
  }

  let hideTimer = null;
  function showSource(anchor, source, when) {
    clearTimeout(hideTimer);
    const pop = document.getElementById("source-pop");
    const sentence = source.sentence || "";
    const quote = h("blockquote", { class: "source-pop__quote", lang: source.lang || null });
    if (source.span && source.span.length === 2 && source.span[1] <= sentence.length) {
      const [a, b] = source.span;
      quote.append(sentence.slice(0, a), h("mark", {}, sentence.slice(a, b)), sentence.slice(b));
    } else quote.append(sentence || "No sentence recorded for this number.");
    const meta = h("p", { class: "source-pop__meta" },
      h("strong", {}, source.outlet || ({ feed: "Results feed", article: "News article", simulation: "Simulation" }[source.kind] || "Source")),
      source.published ? h("span", {}, ` · published ${absoluteTime(source.published)}`) : null,
      when ? h("span", {}, ` · for ${absoluteTime(when)}`) : null);
    pop.replaceChildren(quote, meta);
    if (source.url && /^https?:\/\//.test(source.url)) {
      pop.append(h("a", { href: source.url, target: "_blank", rel: "noopener noreferrer" }, "Read the source ↗"));
    }
    pop.hidden = false;
    const box = anchor.getBoundingClientRect();
    const width = Math.min(360, window.innerWidth - 24);
    pop.style.setProperty("width", `${width}px`);
    const left = Math.max(12, Math.min(window.innerWidth - width - 12, box.left + box.width / 2 - width / 2));
    pop.style.setProperty("left", `${left + window.scrollX}px`);
    const below = box.bottom + 10 + pop.offsetHeight < window.innerHeight;
    const top = below ? box.bottom + 10 : box.top - 10 - pop.offsetHeight;
    pop.style.setProperty("top", `${top + window.scrollY}px`);
    anchor.setAttribute("aria-describedby", "source-pop");
  }

  function hideSourceSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => { document.getElementById("source-pop").hidden = true; }, 250);
  }

  document.addEventListener("click", () => { document.getElementById("source-pop").hidden = true; });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") document.getElementById("source-pop").hidden = true;
  });

  function renderFeed(fresh) {
    const list = document.getElementById("feed");
    const items = app.feed.map(({ id, event }, index) => {
      const text = eventText(event);
      const source = event.source || {};
      const contest = event.contest || {};
      const numEl = h("span", { class: "num" }, fmt(text.num));
      return h("li", { class: `feed__item${index < fresh ? " feed__item--new" : ""}`, "data-id": id },
        h("div", { class: "feed__meta" },
          h("time", { datetime: event.event_time || "", title: absoluteTime(event.event_time) || "" },
            (absoluteTime(event.event_time) || "").split(",")[0]),
          contest.state ? h("span", { class: "badge" }, contest.state) : null,
          source.outlet ? h("span", { class: "feed__outlet" }, source.outlet) : null),
        h("p", { class: "feed__text" }, text.lead, " ",
          text.num === null ? "" : sourced(numEl, source, event.event_time), text.tail));
    });
    if (!items.length) items.push(h("li", { class: "empty" }, "No events yet."));
    list.replaceChildren(...items);
  }

  // ---------------------------------------------------------------- start

  async function loadReference() {
    try {
      const response = await fetch("/api/reference");
      if (response.ok) app.ref = await response.json();
    } catch (err) {
      console.warn("reference data unavailable", err);
    }
  }

  window.addEventListener("hashchange", readRoute);
  loadReference().then(() => {
    readRoute();
    renderFeed(0);
    connect();
  });
})();
