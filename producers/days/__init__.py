"""Counting days: the file format, its validation, and the builders of the bundled days.

A counting day is a JSON-lines file of timestamped updates (seat feed records, articles,
recorded events) that ``producers.replay`` sends to Kafka on the day's clock.
"""
