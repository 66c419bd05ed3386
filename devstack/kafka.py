"""A single-node KRaft Kafka 3.9.1 broker run straight from the Maven Central jars.

``scripts/bootstrap.sh`` fetches the jars into ``.cache/kafka/libs`` (see infra/kafka/pom.xml).
The data directory is formatted once with ``kafka.tools.StorageTool`` and reused after that.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

from devstack.ports import wait_for_port
from devstack.processes import ManagedProcess

ROOT = Path(__file__).resolve().parent.parent
LIBS = ROOT / ".cache" / "kafka" / "libs"
READY_TIMEOUT = 90.0

LOG4J = """\
log4j.rootLogger=WARN, stdout
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.Kafka$=INFO
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
"""


class KafkaUnavailable(RuntimeError):
    """Java, the jars or the broker itself is missing; the message says what to do."""


def server_properties(data_dir: Path, port: int, controller_port: int) -> str:
    """A static-quorum single-node config: no ``--standalone`` flag needed to format it."""
    return f"""\
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{controller_port}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs={data_dir}
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
group.min.session.timeout.ms=1000
auto.create.topics.enable=true
message.max.bytes=4194304
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
log.cleaner.dedupe.buffer.size=16777216
"""


def new_cluster_id() -> str:
    """A base64url UUID, as ``StorageTool random-uuid`` prints; made here to save a JVM start.

    Like Kafka's own ``Uuid.randomUuid()``, it never starts with ``-``, which the tool's
    argument parser would take for a flag.
    """
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        if not cluster_id.startswith("-"):
            return cluster_id


@dataclass
class KafkaBroker:
    """Broker on 127.0.0.1:``port`` with its state under ``home``."""

    home: Path
    port: int
    controller_port: int
    heap: str = "512m"
    process: ManagedProcess | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _java(self) -> str:
        java = shutil.which("java")
        if java is None:
            raise KafkaUnavailable("java not found; run: apt-get install openjdk-17-jre-headless")
        if not (LIBS / "kafka_2.13-3.9.1.jar").exists():
            raise KafkaUnavailable(f"Kafka jars missing in {LIBS}; run: make setup")
        return java

    def _jvm(self, main: str, *args: str) -> list[str]:
        return [
            self._java(),
            "-Xms128m",
            f"-Xmx{self.heap}",
            "-XX:+UseSerialGC",
            "-Djava.awt.headless=true",
            f"-Dlog4j.configuration=file:{self.home / 'log4j.properties'}",
            f"-Dkafka.logs.dir={self.home / 'logs'}",
            "-cp",
            f"{LIBS}/*",
            main,
            *args,
        ]

    def start(self) -> KafkaBroker:
        """Format the data dir if new, start the broker, and wait until it accepts clients."""
        data = self.home / "data"
        config = self.home / "server.properties"
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "log4j.properties").write_text(LOG4J)
        config.write_text(server_properties(data, self.port, self.controller_port))
        if not (data / "meta.properties").exists():
            data.mkdir(parents=True, exist_ok=True)
            cluster_id = new_cluster_id()
            fmt = subprocess.run(
                self._jvm("kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(config)),
                capture_output=True,
                text=True,
                check=False,
            )
            if fmt.returncode != 0:
                raise KafkaUnavailable(f"formatting {data} failed: {fmt.stdout}{fmt.stderr}")
        self.process = ManagedProcess(
            "kafka", self._jvm("kafka.Kafka", str(config)), self.home / "kafka.log"
        ).start()
        if not wait_for_port(self.port, READY_TIMEOUT, self.process.alive):
            tail = self.process.log_tail()
            self.stop()
            raise KafkaUnavailable(f"Kafka did not start on port {self.port}:\n{tail}")
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop(timeout=30)

    def restart(self) -> None:
        """Stop and start on the same ports and data: a broker bounce for fault tests."""
        self.stop()
        self.start()
