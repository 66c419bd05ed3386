"""Producers: turn articles and constituency feeds into tally events on Kafka (kafka-python)."""
