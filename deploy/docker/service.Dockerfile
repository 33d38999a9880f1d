# syntax=docker/dockerfile:1
# The image of every SITU OK service, one build per service. Build from the
# repository root (the context holds the shared kit and the other services):
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=personnel \
#     --build-arg HEALTH_PORT=8201 -t situok/personnel:dev .
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=gateway \
#     --build-arg EXTRA="personnel travel attendance" --build-arg HEALTH_PORT=8101 -t situok/gateway:dev .
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=echo \
#     --build-arg HEALTH_PORT=8301 -t situok/echo:dev .
# deploy/compose/docker-compose.yml carries the same arguments for each image.
#
#   SERVICE      services/<SERVICE>, installed editable from /app/<SERVICE>; the
#                image runs `situok-service <SERVICE>` (via SITUOK_SERVICE).
#   EXTRA        local libraries the service imports, space-separated names
#                under services/: its `imports` in situok_contracts.services
#                (the gateway and web: personnel travel attendance, for their
#                RPC schemas).
#   HEALTH_PORT  its health/HTTP port (its `port` in that list): SITUOK_HEALTH_PORT,
#                EXPOSE, HEALTHCHECK.
# Every image holds the kit and situok-contracts (the kit depends on it).
ARG PYTHON_IMAGE=python:3.11-slim
ARG NODE_IMAGE=node:20-slim

# Only the EXTRA libraries out of services/: the build stage copies this
# directory, whose content (not the rest of services/) decides its cache.
FROM ${PYTHON_IMAGE} AS extra
ARG EXTRA=""
COPY services /services
RUN mkdir /extra \
 && for name in $EXTRA; do \
      test -f "/services/$name/pyproject.toml" || { echo "EXTRA: no services/$name/pyproject.toml" >&2; exit 1; }; \
      cp -a "/services/$name" /extra/; \
    done

# Browser libraries a service serves from its own origin (the web's jsQR for the scan page): npm ci from its
# lockfile when services/<SERVICE> has one, else nothing.
FROM ${NODE_IMAGE} AS vendor
ARG SERVICE
COPY services /services
RUN mkdir /vendor \
 && if [ -f "/services/$SERVICE/package-lock.json" ]; then \
      cd "/services/$SERVICE" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
      && cp -a node_modules /vendor/; \
    fi

FROM ${PYTHON_IMAGE} AS build
ARG SERVICE
ARG EXTRA=""
ARG HEALTH_PORT
RUN test -n "$SERVICE" && test -n "$HEALTH_PORT" \
 || { echo "build with --build-arg SERVICE=<name> --build-arg HEALTH_PORT=<port>" >&2; exit 1; }
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
# Dependencies change less often than the service: install them in earlier layers.
# The kit depends on situok-contracts, which no package index holds: both come
# from the context, installed in one command so pip finds the one for the other.
COPY services/contracts /src/contracts
COPY services/kit /src/kit
RUN pip install /src/contracts /src/kit
COPY --from=extra /extra /src/extra
RUN set -e; for name in $EXTRA; do pip install "/src/extra/$name"; done
# Its vendored browser libraries (node_modules; none for most services), then the service itself over them.
COPY --from=vendor /vendor/ /app/${SERVICE}/
COPY services/${SERVICE} /app/${SERVICE}
# Editable from /app/<service>, which the runtime image keeps: situok-admin looks for
# a service's Alembic history next to its package (<service>/../migrations).
RUN pip install -e "/app/$SERVICE" \
 && python -m compileall -q "/app/$SERVICE"

FROM ${PYTHON_IMAGE}
# Bytecode was compiled at build time; the root filesystem may be read-only.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SITUOK_LOG_FORMAT=json
RUN groupadd --system --gid 10001 situok \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin situok
ARG SERVICE
ARG HEALTH_PORT
ENV SITUOK_SERVICE=${SERVICE} \
    SITUOK_HEALTH_PORT=${HEALTH_PORT}
# Owned by root and only readable by the service user: it cannot change its own code.
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
USER 10001:10001
EXPOSE ${HEALTH_PORT}
# Ready = the service's dependencies (broker, database if it has one) are
# reachable (situok_kit.health); Traefik also checks /health/ready itself.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/health/ready' % os.environ['SITUOK_HEALTH_PORT'], timeout=2)"]
# Nameko's runner drains in-flight workers on SIGTERM, then exits.
STOPSIGNAL SIGTERM
# situok-service runs $SITUOK_SERVICE; a command such as
# `situok-service echo_rpc` runs another package of the same image.
CMD ["situok-service"]
