// One websocket: subscriptions with resume positions, heartbeats, and reconnects with backoff.

const HEARTBEAT_MS = 15000;
const SILENCE_MS = 40000;

export function createSocket({ onMessage, onStatus }) {
  const conn = { ws: null, attempt: 0, lastHeard: 0, wanted: new Set(["national", "feed"]) };
  const positions = {}; // channel -> {epoch, offset}

  function send(op) {
    if (conn.ws && conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(op));
  }

  function subscribe(channel) {
    const since = positions[channel];
    send(since ? { op: "subscribe", channel, since } : { op: "subscribe", channel });
  }

  /** Subscribe to what `channels` adds, unsubscribe from what it drops. */
  function want(channels) {
    for (const channel of conn.wanted) {
      if (!channels.has(channel)) {
        send({ op: "unsubscribe", channel });
        delete positions[channel];
      }
    }
    for (const channel of channels) if (!conn.wanted.has(channel)) subscribe(channel);
    conn.wanted = channels;
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}/ws`);
    conn.ws = ws;
    onStatus("connecting", conn.attempt ? "Reconnecting…" : "Connecting…");
    ws.addEventListener("open", () => {
      conn.attempt = 0;
      conn.lastHeard = Date.now();
      onStatus("live", "Live");
      for (const channel of conn.wanted) subscribe(channel);
    });
    ws.addEventListener("message", (event) => {
      conn.lastHeard = Date.now();
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      const { type, channel } = message;
      if (type === "pong") return;
      if (type === "error") { console.warn("server:", message.code, message.message); return; }
      if (type === "resume") { if (!message.recovered) delete positions[channel]; return; }
      if (type !== "snapshot" && type !== "update") return;
      if (!conn.wanted.has(channel)) return;
      positions[channel] = { epoch: message.epoch, offset: message.offset };
      onMessage(message);
    });
    ws.addEventListener("close", () => {
      if (conn.ws !== ws) return;
      conn.ws = null;
      conn.attempt += 1;
      const delay = Math.min(10000, 500 * 2 ** Math.min(conn.attempt, 5)) * (0.75 + Math.random() / 2);
      onStatus(conn.attempt > 3 ? "offline" : "reconnecting", `Reconnecting in ${Math.round(delay / 1000)} s…`);
      setTimeout(connect, delay);
    });
  }

  setInterval(() => {
    if (!conn.ws || conn.ws.readyState !== WebSocket.OPEN) return;
    if (Date.now() - conn.lastHeard > SILENCE_MS) conn.ws.close(); // a dead link: reconnect
    else send({ op: "ping" });
  }, HEARTBEAT_MS);

  return { connect, want };
}
