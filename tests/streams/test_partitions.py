"""The worker computes a state's partition as the producers' partitioner does (zero mode relies
on it to decide which worker writes an empty board)."""

from __future__ import annotations

from kafka.partitioner import murmur2

from streams.agents import partition_for
from tally.reference import states


def test_each_state_maps_to_the_partition_kafka_python_sends_it_to() -> None:
    for code in states():
        for partitions in (1, 6, 12):
            expected = (murmur2(code.encode()) & 0x7FFFFFFF) % partitions
            assert partition_for(code, partitions) == expected
