"""Streams: Faust agents that fold tally events into exact running counts in Redis."""
