"""Web: the websocket server, REST snapshots and the browser dashboard, fed from Redis."""
