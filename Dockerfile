# The API in a container; docker-compose.yml runs it next to PostgreSQL 16 (README: Docker).
# The build stage installs requirements.lock (every pin and hash checked, wheels only, so no
# compiler anywhere); the final stage holds that virtualenv and the source, no build tools, and
# runs as an unprivileged user. The source runs in place (python -m graphql_api), since the SQL
# files are read from beside the package.
ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
COPY requirements.lock /tmp/requirements.lock
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --require-hashes --only-binary=:all: -r /tmp/requirements.lock

FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH \
    HOST=0.0.0.0 PORT=8000
RUN useradd --system --no-create-home --uid 10001 api
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY LICENSE ./
COPY graphql_api ./graphql_api
COPY sql ./sql
USER api
EXPOSE 8000
# Ready = the database answers (/readyz), not merely the process being up.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c 'import os, urllib.request; urllib.request.urlopen("http://127.0.0.1:%s/readyz" % os.environ.get("PORT", "8000"), timeout=3)'
CMD ["python", "-m", "graphql_api", "serve"]
