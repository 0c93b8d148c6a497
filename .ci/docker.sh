#!/usr/bin/env bash
# Make a Docker engine and the offline sandbox image available; idempotent.
#   bash .ci/docker.sh
# Installs docker.io and debootstrap when missing (Debian apt), starts dockerd in the
# background when no engine answers (log: ${DOCKERD_LOG:-/tmp/dockerd.log}), waits for
# /var/run/docker.sock, and builds the image with `bench sandbox build --offline` when
# its tag is absent.
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH="${BENCH:-.venv/bin/bench}"
PYTHON="${PYTHON:-.venv/bin/python}"
DOCKERD_LOG="${DOCKERD_LOG:-/tmp/dockerd.log}"
SOCKET=/var/run/docker.sock

engine_answers() {
    docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
    echo "docker.sh: installing docker.io and debootstrap"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq docker.io debootstrap >/dev/null
fi

PIDFILE=/var/run/docker.pid
if ! engine_answers && [ -f "$PIDFILE" ]; then
    # A dockerd that is still shutting down (or starting) holds the pid file: wait for
    # it; a stale file from a killed one would only block the new daemon.
    for _ in $(seq 1 60); do
        if engine_answers || ! kill -0 "$(cat "$PIDFILE" 2>/dev/null || echo 0)" 2>/dev/null; then
            break
        fi
        sleep 0.5
    done
    if ! engine_answers && ! kill -0 "$(cat "$PIDFILE" 2>/dev/null || echo 0)" 2>/dev/null; then
        rm -f "$PIDFILE"
    fi
fi

if ! engine_answers; then
    echo "docker.sh: starting dockerd (log: $DOCKERD_LOG)"
    nohup dockerd >"$DOCKERD_LOG" 2>&1 &
    for _ in $(seq 1 120); do
        if [ -S "$SOCKET" ] && engine_answers; then
            break
        fi
        sleep 0.5
    done
    if ! engine_answers; then
        echo "docker.sh: dockerd did not come up; last lines of $DOCKERD_LOG:" >&2
        tail -n 20 "$DOCKERD_LOG" >&2 || true
        exit 1
    fi
fi
echo "docker.sh: engine $(docker version --format '{{.Server.Version}}') answers"

TAG="$("$PYTHON" -c 'from bench.sandbox._image import IMAGE_TAG; print(IMAGE_TAG)')"
if docker image inspect "$TAG" >/dev/null 2>&1; then
    echo "docker.sh: image $TAG present"
else
    echo "docker.sh: building $TAG offline"
    "$BENCH" sandbox build --offline
fi
