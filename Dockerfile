# One image for the worker, the web server, the ingest service and the replay: the same entry points `make run` uses.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY tally ./tally
COPY producers ./producers
COPY streams ./streams
COPY web ./web
COPY data ./data

RUN useradd --create-home tally \
    && mkdir -p /srv/ingest-state /srv/inbox && chown tally /srv/ingest-state /srv/inbox
USER tally

# Overridden per service in docker-compose.yml.
CMD ["python", "-m", "web", "serve"]
