"""Local stack for machines without Docker: a KRaft Kafka broker from Maven jars, Debian's
redis-server, and a supervisor that runs the worker, the web server and a replay beside them.

Used by ``make run`` and by the test suite's session fixtures; not part of the data path.
"""
